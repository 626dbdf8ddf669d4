'use client';
import Link from 'next/link';
import { useRef, useState, type DragEvent } from 'react';
import { useProjectImport } from '@/lib/react/use-project-transfer';
import { ProgressBar } from '@/components/ui/progress-bar';
import { useDropGuard } from '@/components/ui/use-drop-guard';
import { HiddenFileInput } from '@/components/ui/hidden-file-input';

/**
 * "Import project.zip": a project exported from this or another browser (its notebook, data,
 * experiments, models and registry) becomes a new project here. Pick the file or drop it.
 */
export function ImportProject() {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const { state, importFile } = useProjectImport();
  const busy = state.status === 'importing';
  useDropGuard();

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file && !busy) void importFile(file);
  }

  return (
    <div
      className={`dropzone import-project${over ? ' over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-testid="project-dropzone"
    >
      <div className="row" style={{ justifyContent: 'center' }}>
        <button type="button" disabled={busy} onClick={() => input.current?.click()}>
          Import project.zip…
        </button>
        <span className="muted small">or drop a .project.zip here: a project exported from Loopbook, with its data, experiments and models.</span>
      </div>
      <HiddenFileInput inputRef={input} label="Import a project.zip" accept=".zip,application/zip" onFiles={([file]) => { if (file) void importFile(file); }} />
      {state.status === 'importing' && (
        <div className="stack" role="status">
          <span className="small">Importing {state.fileName}: checking every file, then writing the project…</span>
          <ProgressBar value={undefined} label={`Importing ${state.fileName}`} />
        </div>
      )}
      {state.status === 'imported' && (
        <p role="status" className="message info small" style={{ margin: 0 }}>
          Imported <Link href={`/project?id=${state.project.id}`}>{state.project.name}</Link>: {count(state.project.experimentCount, 'experiment')} and{' '}
          {count(state.project.datasetCount, 'dataset')}.
        </p>
      )}
      {state.status === 'refused' && (
        <div role="alert" className="message error small" style={{ textAlign: 'left' }}>
          <strong>{state.fileName} was not imported</strong>
          {state.message} Nothing in this browser was changed.
        </div>
      )}
    </div>
  );
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

