'use client';
import type { InputSource } from '@/lib/pipeline/bindings';
import { CellId } from '@/lib/ids';
import { useWriteCellConfig } from '@/lib/react/use-cell-config';
import type { CellConfigPatch, CellView } from '@/lib/sync/project-doc';

interface InputMappingProps {
  readonly cell: CellView;
  /** Its inputs as the notebook reads them now (lib/pipeline/bindings). */
  readonly inputs: Readonly<Record<string, InputSource>>;
  readonly cells: readonly CellView[];
  readonly nameOf: (id: CellId) => string;
}

const AUTOMATIC = '';

/**
 * Where each input of a cell comes from, changed from the cell's header: a data cell for rows, a
 * registry stage or the automatic choice for a model. The same settings the cell's own pickers
 * write, so both always agree.
 */
export function InputMapping({ cell, inputs, cells, nameOf }: InputMappingProps) {
  const write = useWriteCellConfig(cell.id);
  const dataCells = cells.filter((c) => c.kind === 'data' && c.id !== cell.id && c.config.datasetHash);
  const rowsOfPredict = cell.kind === 'predict' || cell.kind === 'evaluate';
  return (
    <div className="input-mapping row" role="group" aria-label={`Change the inputs of ${nameOf(cell.id)}`}>
      {Object.entries(inputs).map(([input, source]) => {
        const label = input === 'future' ? 'rows to predict' : input === 'dataset' && rowsOfPredict ? 'rows' : input;
        if (input === 'model') {
          const value = source.type === 'registry' ? source.stage : source.type === 'experiment' ? source.experimentId : AUTOMATIC;
          return (
            <label key={input} className="inline">
              {label} ←{' '}
              <select aria-label={`${label} of ${nameOf(cell.id)}`} value={value} onChange={(e) => write({ model: e.target.value === AUTOMATIC ? undefined : e.target.value })}>
                <option value={AUTOMATIC}>production, else the newest</option>
                <option value="production">production</option>
                <option value="staging">staging</option>
                {source.type === 'experiment' && <option value={source.experimentId}>the chosen experiment</option>}
              </select>
            </label>
          );
        }
        const value = source.type === 'cell' ? source.cellId : source.type === 'file' || source.type === 'row' ? source.type : AUTOMATIC;
        const choose = (next: string): CellConfigPatch => {
          if (input === 'future') return { futureCellId: CellId.is(next) ? next : undefined };
          if (next === 'file' || next === 'row') return { inputSource: next };
          return { sourceCellId: CellId.is(next) ? next : undefined, ...(rowsOfPredict ? { inputSource: 'cell' as const } : {}) };
        };
        return (
          <label key={input} className="inline">
            {label} ←{' '}
            <select aria-label={`${label} of ${nameOf(cell.id)}`} value={value} onChange={(e) => write(choose(e.target.value))}>
              {input === 'future' && <option value={AUTOMATIC}>none (train only)</option>}
              {input !== 'future' && value === AUTOMATIC && <option value={AUTOMATIC}>nothing yet</option>}
              {dataCells.map((c) => (
                <option key={c.id} value={c.id}>
                  {nameOf(c.id)}
                  {c.config.fileName ? `: ${c.config.fileName}` : ''}
                </option>
              ))}
              {rowsOfPredict && <option value="file">a file</option>}
              {cell.kind === 'predict' && <option value="row">a typed row</option>}
            </select>
          </label>
        );
      })}
    </div>
  );
}
