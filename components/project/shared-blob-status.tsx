'use client';
import type { BlobHereState } from '@/lib/react/use-blob-here';
import type { SharedBlobState } from '@/lib/react/use-shared-blob';
import { formatBytes } from '@/lib/units';
import { ProgressBar } from '@/components/ui/progress-bar';

/** A dataset or model on its way from a collaborator (through the relay); `what` names it. */
export function SharedBlobStatus({ state, what }: { readonly state: SharedBlobState | BlobHereState; readonly what: string }) {
  switch (state.phase) {
    case 'here':
    case 'absent':
      return null;
    case 'idle':
    case 'done':
      return <p className="muted" role="status">Preparing {what}…</p>;
    case 'downloading':
      return (
        <div className="stack" role="status">
          <span className="small">
            Downloading {what} from the shared project: {formatBytes(state.received)}
            {state.total ? ` of ${formatBytes(state.total)}` : ''}
          </span>
          <ProgressBar value={state.total ? state.received / state.total : undefined} label={`Downloading ${what}`} />
        </div>
      );
    case 'waiting':
      return (
        <div className="message" role="status">
          <strong>{what} is not in the shared project yet</strong>
          {state.by ? `It is in ${state.by}’s browser and arrives as soon as that browser uploads it (with the project open).` : 'It arrives once the collaborator who imported it opens the project.'} Loopbook keeps trying.
        </div>
      );
    case 'failed':
      return (
        <div className="message error" role="status">
          <strong>{what} could not be downloaded yet</strong>
          {state.message} Loopbook keeps trying.
        </div>
      );
  }
}
