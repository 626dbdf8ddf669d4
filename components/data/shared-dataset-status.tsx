'use client';
import type { SharedBlobState } from '@/lib/react/use-shared-blob';
import { formatBytes } from '@/lib/units';
import { ProgressBar } from '@/components/ui/progress-bar';

/** A data cell's dataset on its way from a collaborator (through the relay). */
export function SharedDatasetStatus({ state, fileName }: { readonly state: SharedBlobState; readonly fileName: string }) {
  switch (state.phase) {
    case 'idle':
    case 'done':
      return <p className="muted" role="status">Preparing {fileName}…</p>;
    case 'downloading':
      return (
        <div className="stack" role="status">
          <span className="small">
            Downloading {fileName} from the shared project: {formatBytes(state.received)}
            {state.total ? ` of ${formatBytes(state.total)}` : ''}
          </span>
          <ProgressBar value={state.total ? state.received / state.total : undefined} label={`Downloading ${fileName}`} />
        </div>
      );
    case 'waiting':
      return (
        <div className="message" role="status">
          <strong>{fileName} is not in the shared project yet</strong>
          {state.by ? `It is in ${state.by}’s browser and arrives as soon as that browser uploads it (with the project open).` : 'It arrives once the collaborator who imported it opens the project.'} Loopbook keeps trying.
        </div>
      );
    case 'failed':
      return (
        <div className="message error" role="status">
          <strong>{fileName} could not be downloaded yet</strong>
          {state.message} Loopbook keeps trying.
        </div>
      );
  }
}
