/**
 * Runs a code cell in its sandbox: a hidden iframe with `sandbox="allow-scripts"` (an opaque
 * origin) whose own Content-Security-Policy allows no network, and inside it a worker that runs
 * the user's code (frame-main, worker-main). The app talks to it only by postMessage and believes
 * nothing it says before lib/code/protocol has checked it. Each run gets a fresh frame and worker,
 * removed when the run ends, so nothing survives from one run (or one project) to the next.
 */
import {
  HARD_STOP_GRACE_S,
  MAX_LOG_LINE_CHARS,
  MAX_HELD_OBJECTS,
  MAX_LOG_LINES,
  MAX_MODEL_BYTES,
  SANDBOX_START_TIMEOUT_S,
  TRACKED_ALLOCATION_BYTES,
} from '@/lib/code/limits';
import { GUARD_NAME } from '@/lib/code/instrument';
import { sandboxMessageSchema, type SandboxFailure, type SandboxPhase, type SandboxRun } from '@/lib/code/protocol';
import { frameMain } from './frame-main';
import { makeHeapGuard } from './heap-guard';
import { workerMain } from './worker-main';

/** No network, no storage, no frames or forms: only inline script and the blob worker it makes. */
const FRAME_POLICY = [
  "default-src 'none'",
  // The frame's own inline script, TF.js and the worker from blobs, and `new Function` for the user's code.
  "script-src 'unsafe-inline' 'unsafe-eval' blob:",
  'worker-src blob:',
  "connect-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
].join('; ');

const FRAME_HTML = `<!doctype html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${FRAME_POLICY}"><script>(${frameMain.toString()})()</script>`;
const WORKER_SOURCE = `(${workerMain.toString()})(${makeHeapGuard.toString()})`;

export type SandboxOutcome =
  | { readonly ok: true; readonly model: string; readonly predictions: unknown; readonly startMs: number; readonly trainMs: number; readonly predictMs: number }
  | { readonly ok: false; readonly failure: SandboxFailure; readonly name: string; readonly message: string; readonly during: SandboxPhase };

export interface SandboxCallbacks {
  readonly onPhase?: (phase: SandboxPhase) => void;
  readonly onLog?: (line: { readonly level: 'log' | 'info' | 'warn' | 'error'; readonly text: string }) => void;
  readonly signal?: AbortSignal;
}

/**
 * Whether the code uses TF.js, so the sandbox loads it (a few hundred ms). A guess on the text: a
 * `tf` in a comment loads it for nothing; a miss is impossible, as `tf` must be named to be used.
 */
function usesTf(code: string): boolean {
  return /\btf\b/.test(code);
}

let tfSource: Promise<string> | null = null;
/** TF.js's browser script, from the app's own origin (scripts/copy-tfjs-wasm.mjs puts it there), once per page. */
function loadTfSource(): Promise<string> {
  tfSource ??= fetch('/tfjs/tf.min.js').then(async (response) => {
    if (!response.ok) throw new Error(`TF.js for code cells could not be loaded (HTTP ${response.status} for /tfjs/tf.min.js).`);
    return response.text();
  });
  tfSource.catch(() => {
    tfSource = null;
  });
  return tfSource;
}

export async function runInSandbox(run: SandboxRun, callbacks: SandboxCallbacks = {}): Promise<SandboxOutcome> {
  const started = performance.now();
  const tf = usesTf(run.code) ? await loadTfSource() : null;
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-scripts');
  frame.hidden = true;
  frame.title = 'Code cell sandbox';
  frame.srcdoc = FRAME_HTML;
  let startMs = 0;

  return new Promise<SandboxOutcome>((resolve) => {
    let settled = false;
    const timers: ReturnType<typeof setTimeout>[] = [];
    const end = (outcome: SandboxOutcome): void => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      window.removeEventListener('message', onMessage);
      callbacks.signal?.removeEventListener('abort', onAbort);
      // Removing the frame ends its worker too, whatever state it is in.
      frame.remove();
      resolve(outcome);
    };
    const fail = (failure: SandboxFailure, name: string, message: string, during: SandboxPhase): void => end({ ok: false, failure, name, message, during });
    const onAbort = (): void => fail('code', 'AbortError', 'Stopped.', 'starting');
    let phase: SandboxPhase = 'starting';

    const onMessage = (event: MessageEvent): void => {
      if (event.source !== frame.contentWindow) return;
      const parsed = sandboxMessageSchema.safeParse(event.data);
      if (!parsed.success) {
        // The user's code can post messages itself: a final one that does not fit ends the run.
        const type = (event.data as { type?: unknown } | null)?.type;
        if (type === 'done' || type === 'failed') fail('result', 'SandboxResultError', 'The code sent back a result that is not of the expected shape, so nothing was stored.', phase);
        return;
      }
      const message = parsed.data;
      switch (message.type) {
        case 'ready': {
          const transfer = [run.data, run.future].flatMap((t) => (t ? t.columns.flatMap((c) => (c.kind === 'number' ? [c.values.buffer] : [])) : []));
          clearTimeout(startTimer);
          frame.contentWindow?.postMessage(
            {
              type: 'run',
              workerSource: WORKER_SOURCE,
              tfSource: tf,
              timeLimitMs: run.timeLimitMs,
              transfer,
              run: {
                code: run.code,
                config: run.config,
                data: run.data,
                future: run.future,
                memoryLimitBytes: run.memoryLimitBytes,
                guardName: GUARD_NAME,
                limits: { trackedBytes: TRACKED_ALLOCATION_BYTES, maxHeldObjects: MAX_HELD_OBJECTS, maxModelBytes: MAX_MODEL_BYTES, maxLogLines: MAX_LOG_LINES, maxLogChars: MAX_LOG_LINE_CHARS },
              },
            },
            '*',
            transfer,
          );
          // Past the limit and a grace, the frame itself is gone (its answer may never come).
          timers.push(setTimeout(() => fail('time-limit', 'TimeLimitError', '', phase), run.timeLimitMs + HARD_STOP_GRACE_S * 1000));
          break;
        }
        case 'phase':
          phase = message.phase;
          if (phase === 'training' && startMs === 0) {
            startMs = performance.now() - started;
            // For the benchmark (bench/pipeline.ts): frame, worker and TF.js up, user code about to run.
            performance.measure('loopbook:sandbox-start', { start: started, duration: startMs, detail: { tf: tf !== null } });
          }
          callbacks.onPhase?.(phase);
          break;
        case 'log':
          callbacks.onLog?.({ level: message.level, text: message.text });
          break;
        case 'done':
          // For the benchmark (bench/pipeline.ts): how long the user's train took, guard included.
          performance.measure('loopbook:sandbox-train', { start: performance.now() - message.trainMs - message.predictMs, duration: message.trainMs });
          end({ ok: true, model: message.model, predictions: message.predictions, startMs, trainMs: message.trainMs, predictMs: message.predictMs });
          break;
        case 'failed':
          fail(message.failure, message.name, message.message, message.during);
          break;
      }
    };

    window.addEventListener('message', onMessage);
    callbacks.signal?.addEventListener('abort', onAbort);
    const startTimer = setTimeout(() => fail('crashed', 'SandboxStartError', `The sandbox did not start within ${SANDBOX_START_TIMEOUT_S} s.`, 'starting'), SANDBOX_START_TIMEOUT_S * 1000);
    timers.push(startTimer);
    callbacks.onPhase?.('starting');
    document.body.appendChild(frame);
  });
}
