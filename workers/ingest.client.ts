/**
 * The page's handle on the ingest worker: created on first use, shared by every data cell.
 */
import { wrap, type Remote } from 'comlink';
import type { IngestApi } from '@/lib/jobs/ingest-protocol';

let remote: Remote<IngestApi> | undefined;

export function ingestWorker(): Remote<IngestApi> {
  if (!remote) {
    const worker = new Worker(new URL('./ingest.worker.ts', import.meta.url), { type: 'module', name: 'ingest' });
    remote = wrap<IngestApi>(worker);
  }
  return remote;
}
