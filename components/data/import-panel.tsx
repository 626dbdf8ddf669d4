'use client';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import type { ParseOptions } from '@/lib/data/types';
import { HiddenFileInput } from '@/components/ui/hidden-file-input';

interface ImportPanelProps {
  readonly onImport: (source: Blob, fileName: string, options: ParseOptions) => void;
  /** Increments when the cell is run (Shift+Enter): imports the pasted text, if any. */
  readonly runSignal: number;
  readonly disabled?: boolean;
}

/** Delimiters a user can force when sniffing guesses wrong; '' means detect. */
const DELIMITERS: readonly { readonly value: string; readonly label: string }[] = [
  { value: '', label: 'Detect' },
  { value: ',', label: 'Comma ,' },
  { value: ';', label: 'Semicolon ;' },
  { value: '\t', label: 'Tab' },
  { value: '|', label: 'Pipe |' },
];

export const ACCEPTED_FILES = '.csv,.tsv,.txt,.json,.tab,.psv,text/csv,text/tab-separated-values,application/json,text/plain';

/** Drop a file, pick one, or paste text: CSV, TSV, semicolon-separated, JSON records or {columns, data}. */
export function ImportPanel({ onImport, runSignal, disabled }: ImportPanelProps) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [pasting, setPasting] = useState(false);
  const [pasted, setPasted] = useState('');
  const lastRun = useRef(runSignal);
  const [delimiter, setDelimiter] = useState('');
  const [encoding, setEncoding] = useState<'' | 'utf-8' | 'latin-1'>('');
  const options: ParseOptions = { ...(delimiter && { delimiter }), ...(encoding && { encoding }) };

  function importPasted() {
    if (!pasted.trim()) return;
    onImport(new Blob([pasted], { type: 'text/plain' }), 'pasted.csv', options);
    setPasted('');
    setPasting(false);
  }

  useEffect(() => {
    if (runSignal === lastRun.current) return;
    lastRun.current = runSignal;
    importPasted();
    // Only a new run signal triggers an import.
  }, [runSignal]);

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file && !disabled) onImport(file, file.name, options);
  }

  return (
    <div className="stack">
      <div
        className={`dropzone${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="dropzone"
      >
        <p style={{ margin: 0 }}>
          <strong>Drop a table here</strong> <span className="muted">— CSV, TSV, semicolon-separated or JSON</span>
        </p>
        <div className="row" style={{ justifyContent: 'center' }}>
          <button type="button" className="primary" disabled={disabled} onClick={() => input.current?.click()}>
            Choose a file…
          </button>
          <button type="button" disabled={disabled} aria-expanded={pasting} onClick={() => setPasting((p) => !p)}>
            Paste text
          </button>
        </div>
        <HiddenFileInput inputRef={input} label="Import a data file" accept={ACCEPTED_FILES} onFiles={([file]) => { if (file) onImport(file, file.name, options); }} />
      </div>
      <details className="small">
        <summary>Import options</summary>
        <div className="row" style={{ marginTop: 8 }}>
          <label>
            Delimiter{' '}
            <select aria-label="Delimiter" value={delimiter} onChange={(e) => setDelimiter(e.target.value)}>
              {DELIMITERS.map((d) => (
                <option key={d.label} value={d.value}>
                  {d.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Encoding{' '}
            <select
              aria-label="Encoding"
              value={encoding}
              onChange={(e) => setEncoding(e.target.value === 'utf-8' || e.target.value === 'latin-1' ? e.target.value : '')}
            >
              <option value="">Detect</option>
              <option value="utf-8">UTF-8</option>
              <option value="latin-1">Latin-1 (Windows)</option>
            </select>
          </label>
        </div>
      </details>
      {pasting && (
        <div className="stack">
          <textarea
            aria-label="Pasted data"
            placeholder={'name,age,city\nAda,36,London'}
            rows={6}
            value={pasted}
            autoFocus
            onChange={(e) => setPasted(e.target.value)}
          />
          <div className="row">
            <button type="button" className="primary" disabled={disabled || !pasted.trim()} onClick={importPasted}>
              Import pasted text
            </button>
            <span className="shortcuts">
              or <kbd>Shift</kbd>+<kbd>Enter</kbd>
            </span>
          </div>
        </div>
      )}
    </div>
  );
}
