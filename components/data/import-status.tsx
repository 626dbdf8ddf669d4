'use client';
import { formatBytes } from '@/lib/units';
import type { ImportState } from '@/lib/react/use-data-import';
import { ProgressBar } from '@/components/ui/progress-bar';

interface ImportStatusProps {
  readonly state: ImportState;
  readonly onCancel: () => void;
  readonly onConfirmSkip: () => void;
  readonly onDismiss: () => void;
}

/** Progress while a file imports, the question about ragged rows, or why an import failed. */
export function ImportStatus({ state, onCancel, onConfirmSkip, onDismiss }: ImportStatusProps) {
  switch (state.phase) {
    case 'idle':
      return null;
    case 'running': {
      const p = state.progress;
      const fraction = p && p.totalBytes > 0 ? p.bytesRead / p.totalBytes : undefined;
      const analyzing = p?.phase === 'analyzing';
      return (
        <div className="stack" aria-live="polite">
          <div className="row">
            <strong>{analyzing ? 'Analyzing' : 'Importing'} {state.fileName}…</strong>
            <span className="spacer" style={{ flex: 1 }} />
            <button type="button" onClick={onCancel}>
              Cancel import
            </button>
          </div>
          <ProgressBar value={analyzing ? undefined : fraction} label={`Importing ${state.fileName}`} />
          <span className="muted small" data-testid="import-progress-text">
            {p
              ? `${formatBytes(p.bytesRead)} of ${formatBytes(p.totalBytes)} · ${p.rows.toLocaleString('en')} rows`
              : 'Starting…'}
          </span>
        </div>
      );
    }
    case 'saving':
      return (
        <div className="stack" aria-live="polite">
          <strong>Saving {state.fileName}…</strong>
          <ProgressBar value={undefined} label={`Saving ${state.fileName}`} />
        </div>
      );
    case 'confirm-ragged': {
      const ragged = state.summary.parse.ragged;
      if (!ragged) return null;
      const examples = ragged.examples
        .slice(0, 5)
        .map((r) => `row ${r.row.toLocaleString('en')} has ${r.fields} field${r.fields === 1 ? '' : 's'}`)
        .join(', ');
      return (
        <div className="message warn" role="alert">
          <strong>
            {ragged.count.toLocaleString('en')} row{ragged.count === 1 ? '' : 's'} of {state.fileName} do not have{' '}
            {ragged.expectedFields} fields like the header
          </strong>
          <span>
            For example {examples}
            {ragged.count > 5 ? ', …' : ''}. Skip them and import the other {state.summary.rowCount.toLocaleString('en')}{' '}
            rows, or fix the file and import it again.
          </span>
          <div className="row" style={{ marginTop: 8 }}>
            <button type="button" className="primary" onClick={onConfirmSkip}>
              Skip {ragged.count.toLocaleString('en')} row{ragged.count === 1 ? '' : 's'} and import
            </button>
            <button type="button" onClick={onDismiss}>
              Don’t import
            </button>
          </div>
        </div>
      );
    }
    case 'failed':
      return (
        <div className="message error" role="alert">
          <strong>Could not import {state.fileName}</strong>
          <span>{state.error.message}</span>
          <div className="row" style={{ marginTop: 8 }}>
            <button type="button" onClick={onDismiss}>
              Dismiss
            </button>
          </div>
        </div>
      );
  }
}
