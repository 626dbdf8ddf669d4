'use client';

interface TargetFieldsProps {
  /** The data cells above that hold a dataset. */
  readonly sources: readonly { readonly id: string; readonly name: string }[];
  readonly sourceCellId: string | undefined;
  readonly columns: readonly string[];
  readonly label: string | undefined;
  /** "Data cell to train on", "Data cell to sweep on": the data select's accessible name. */
  readonly dataLabel: string;
  readonly onChange: (patch: { sourceCellId?: string | undefined; label?: string | undefined }) => void;
}

/** What a train or sweep cell learns from and what it predicts: the data cell and the label column. */
export function TargetFields({ sources, sourceCellId, columns, label, dataLabel, onChange }: TargetFieldsProps) {
  return (
    <>
      <label>
        Data
        <select aria-label={dataLabel} value={sourceCellId ?? ''} onChange={(e) => onChange({ sourceCellId: e.target.value || undefined })}>
          {sources.length === 0 && <option value="">No data cell with a dataset yet</option>}
          {sources.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Predict
        <select aria-label="Label" value={label ?? ''} onChange={(e) => onChange({ label: e.target.value || undefined })}>
          <option value="">Choose a column</option>
          {columns.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
