'use client';
import { AUTO_TRIAL_WORKERS, MAX_TRIAL_WORKERS, reportedCores, resolveTrialWorkers, useTrialWorkers } from '@/lib/react/use-trial-workers';

/**
 * The browser-wide "workers" setting, in the train cell (trials of one search at once) and the
 * sweep cell (runs at once): `label` is its name there.
 */
export function WorkersSelect({ label }: { readonly label: string }) {
  const [value, setValue] = useTrialWorkers();
  return (
    <label title="Fitted at once, each in its own worker; one setting for this browser. Automatic: the cores this browser reports, less one for the page.">
      {label}
      <select aria-label={label} value={value} onChange={(e) => setValue(Number(e.target.value))}>
        <option value={AUTO_TRIAL_WORKERS}>Automatic ({resolveTrialWorkers(AUTO_TRIAL_WORKERS)})</option>
        {Array.from({ length: Math.max(2, Math.min(MAX_TRIAL_WORKERS, reportedCores())) }, (_, i) => i + 1).map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}
