'use client';
import type { Analysis } from '@/lib/data/analyze';
import { TASKS, type ColumnSchema, type Task } from '@/lib/data/types';

const TASK_LABELS: Record<Task, string> = {
  binary: 'Binary classification',
  multiclass: 'Multiclass classification',
  regression: 'Regression',
};

interface LabelPickerProps {
  readonly schema: readonly ColumnSchema[];
  readonly label: string | null;
  /** The task the user chose, if any; otherwise the inferred one is used. */
  readonly chosenTask: Task | undefined;
  readonly analysis: Analysis | null;
  readonly onLabel: (label: string) => void;
  readonly onTask: (task: Task | undefined) => void;
}

/** Which column to predict and what kind of task that is, with the reasons and the warnings. */
export function LabelPicker({ schema, label, chosenTask, analysis, onLabel, onTask }: LabelPickerProps) {
  const inferred = analysis?.task.task ?? undefined;
  const task = chosenTask ?? inferred;
  const isSuggested = analysis?.suggestion.label === label;
  return (
    <section className="stack" aria-label="Label">
      <div className="label-panel">
        <label htmlFor="label-select">
          <strong>Predict</strong>
        </label>
        <div className="row">
          <select id="label-select" aria-label="Label column" value={label ?? ''} onChange={(e) => onLabel(e.target.value)}>
            {label === null && <option value="">Choose a column…</option>}
            {schema.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
          {isSuggested && <span className="type-badge">suggested</span>}
          {analysis && <span className="muted small">{isSuggested ? analysis.suggestion.reason : ''}</span>}
        </div>
        <label htmlFor="task-select">
          <strong>Task</strong>
        </label>
        <div className="row">
          <select
            id="task-select"
            aria-label="Task"
            value={task ?? ''}
            onChange={(e) => onTask(TASKS.find((t) => t === e.target.value))}
          >
            {task === undefined && <option value="">—</option>}
            {TASKS.map((t) => (
              <option key={t} value={t}>
                {TASK_LABELS[t]}
                {t === inferred ? ' (inferred)' : ''}
              </option>
            ))}
          </select>
          <span className="muted small" data-testid="task-reason">
            {analysis ? analysis.task.reason : 'Analyzing…'}
          </span>
        </div>
      </div>
      {analysis && analysis.warnings.length > 0 && (
        <div className="message warn" role="status" aria-label="Warnings">
          <strong>Check before training</strong>
          <ul>
            {analysis.warnings.map((w) => (
              <li key={`${w.code}-${w.column}`}>{w.message}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
