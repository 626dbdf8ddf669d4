interface ProgressBarProps {
  /** 0..1, or undefined while the amount of work is unknown. */
  readonly value: number | undefined;
  readonly label: string;
}

export function ProgressBar({ value, label }: ProgressBarProps) {
  const percent = value === undefined ? undefined : Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
    >
      <div style={{ width: `${percent ?? 100}%`, opacity: percent === undefined ? 0.4 : 1 }} />
    </div>
  );
}
