'use client';
import { useId } from 'react';
import type { InputSource } from '@/lib/react/use-predict-cell';

interface RowsSourceProps {
  readonly value: InputSource;
  /** The row form is offered by the predict cell only. */
  readonly allowRow: boolean;
  readonly sources: readonly { readonly id: string; readonly name: string }[];
  readonly sourceCellId: string | undefined;
  readonly fileName: string | undefined;
  readonly onSource: (value: InputSource) => void;
  readonly onSourceCell: (id: string) => void;
  readonly onFile: (file: File | null) => void;
}

/** Where the rows come from: a data cell's dataset, a file picked now, or (predict) one typed row. */
export function RowsSource({ value, allowRow, sources, sourceCellId, fileName, onSource, onSourceCell, onFile }: RowsSourceProps) {
  // One radio group per cell: a shared name would group the radios of every cell on the page.
  const name = useId();
  return (
    <fieldset className="rows-source">
      <legend>Rows</legend>
      <label className="inline">
        <input type="radio" name={name} checked={value === 'cell'} onChange={() => onSource('cell')} disabled={sources.length === 0} />
        From a data cell
      </label>
      {value === 'cell' && sources.length > 0 && (
        <select aria-label="Data cell" value={sourceCellId ?? sources.at(-1)?.id} onChange={(e) => onSourceCell(e.target.value)}>
          {sources.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      )}
      <label className="inline">
        <input type="radio" name={name} checked={value === 'file'} onChange={() => onSource('file')} />
        From a file
      </label>
      {value === 'file' && (
        <input
          type="file"
          aria-label="File of rows"
          accept=".csv,.tsv,.txt,.json,text/csv,application/json"
          onChange={(e) => onFile(e.target.files?.[0] ?? null)}
          title={fileName}
        />
      )}
      {allowRow && (
        <label className="inline">
          <input type="radio" name={name} checked={value === 'row'} onChange={() => onSource('row')} />
          One row, typed
        </label>
      )}
    </fieldset>
  );
}
