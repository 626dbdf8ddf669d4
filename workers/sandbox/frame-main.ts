/**
 * The body of a code cell's sandbox frame: an iframe with `sandbox="allow-scripts"` (an opaque
 * origin: no IndexedDB, no cookies, no access to the app's window) and a Content-Security-Policy
 * with `connect-src 'none'` (no network). It runs from this function's own text, so it imports
 * nothing. It starts the worker that runs the user's code, relays its messages to the app, and
 * stops it when the time limit is up: the worker's thread may be stuck in a loop, this one is not.
 */

interface FrameRun {
  readonly type: 'run';
  readonly workerSource: string;
  readonly tfSource: string | null;
  readonly timeLimitMs: number;
  readonly run: Record<string, unknown>;
  readonly transfer: Transferable[];
}

export function frameMain(): void {
  const send = (message: unknown): void => window.parent.postMessage(message, '*');
  let started = false;
  window.addEventListener('message', (event: MessageEvent<FrameRun>) => {
    if (event.source !== window.parent || started || event.data?.type !== 'run') return;
    started = true;
    const request = event.data;
    const script = (text: string): string => URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
    const tfUrl = request.tfSource === null ? null : script(request.tfSource);
    const worker = new Worker(script(request.workerSource));
    let phase = 'starting';
    let finished = false;
    const finish = (message: unknown): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      worker.terminate();
      send(message);
    };
    const timer = setTimeout(() => finish({ type: 'failed', failure: 'time-limit', name: 'TimeLimitError', message: '', during: phase }), request.timeLimitMs);
    worker.onmessage = (e: MessageEvent<{ type?: unknown; phase?: unknown }>) => {
      const message = e.data;
      if (message?.type === 'done' || message?.type === 'failed') finish(message);
      else {
        if (message?.type === 'phase' && typeof message.phase === 'string') phase = message.phase;
        send(message);
      }
    };
    // An error thrown where no try reaches (a timer callback, say) ends the run.
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      const where = e.lineno ? ` (line ${e.lineno})` : '';
      finish({ type: 'failed', failure: 'code', name: 'Error', message: `${e.message || 'The code stopped with an error'}${where}`, during: phase });
    };
    worker.onmessageerror = () => finish({ type: 'failed', failure: 'result', name: 'DataCloneError', message: 'The code sent something that cannot leave the sandbox.', during: phase });
    worker.postMessage({ ...request.run, tfUrl }, request.transfer);
  });
  send({ type: 'ready' });
}
