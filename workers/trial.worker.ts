/// <reference lib="webworker" />
/**
 * Trial worker: fits the trials a search in the train worker sends it (lib/jobs/trial-service).
 * The page starts it and hands one end of a MessageChannel to it and the other to the train
 * worker, which talks to it directly. The .wasm files of TF.js are served from /tfjs/.
 */
import { expose } from 'comlink';
import { createTrialService } from '@/lib/jobs/trial-service';
import { TRIAL_PORT_MESSAGE } from '@/lib/jobs/trial-protocol';

const service = createTrialService({ wasmPaths: '/tfjs/' });

self.addEventListener('message', (event: MessageEvent<unknown>) => {
  const data = event.data;
  if (typeof data === 'object' && data !== null && (data as { type?: unknown }).type === TRIAL_PORT_MESSAGE) {
    const port = (data as { port?: unknown }).port;
    if (port instanceof MessagePort) expose(service, port);
  }
});
