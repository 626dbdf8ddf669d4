'use client';
import { useId } from 'react';
import type { ModelManifest } from '@/lib/bundle/model-manifest';

interface RowFormProps {
  readonly features: ModelManifest['features'];
  readonly values: Readonly<Record<string, string>>;
  readonly onChange: (name: string, value: string) => void;
}

const PLACEHOLDER: Record<string, string> = { numeric: 'a number', datetime: 'e.g. 2024-05-01 13:00', text: 'text', categorical: 'a value' };

/**
 * One row to predict, a field per feature the model uses (from its manifest): numbers, dates and
 * text as typed, categories with the model's known values offered. Empty fields are missing values.
 */
export function RowForm({ features, values, onChange }: RowFormProps) {
  const id = useId();
  return (
    <div className="row-form" role="group" aria-label="Row to predict">
      {features.map((f, i) => (
        <label key={f.name}>
          {f.name}
          {f.kind === 'text' ? (
            <textarea aria-label={f.name} rows={2} value={values[f.name] ?? ''} placeholder={PLACEHOLDER.text} onChange={(e) => onChange(f.name, e.target.value)} />
          ) : (
            <input
              aria-label={f.name}
              type="text"
              inputMode={f.kind === 'numeric' ? 'decimal' : undefined}
              list={f.kind === 'categorical' && f.levels?.length ? `${id}-levels-${i}` : undefined}
              value={values[f.name] ?? ''}
              placeholder={PLACEHOLDER[f.kind]}
              onChange={(e) => onChange(f.name, e.target.value)}
            />
          )}
          {f.kind === 'categorical' && f.levels?.length ? (
            <datalist id={`${id}-levels-${i}`}>
              {f.levels.map((l) => (
                <option key={l} value={l} />
              ))}
            </datalist>
          ) : null}
        </label>
      ))}
    </div>
  );
}
