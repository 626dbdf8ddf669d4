/**
 * The body of a code cell's worker. It runs inside the sandbox (workers/sandbox/frame-main), from
 * a blob made of this function's own text: so it imports nothing and refers to nothing outside
 * itself. It receives one run, guards memory, loads TF.js when asked, runs the user's `train` and
 * `predict`, and posts the result (lib/code/protocol). The frame stops it at the time limit.
 * The heap guard (heap-guard.ts) comes in as an argument, from its own text, for the same reason.
 */
import type { HeapGuard, makeHeapGuard as makeHeapGuardFn } from './heap-guard';

interface WorkerRun {
  readonly code: string;
  readonly config: unknown;
  readonly data: CodeTableLike;
  readonly future: CodeTableLike | null;
  readonly memoryLimitBytes: number;
  readonly tfUrl: string | null;
  /** The name the instrumented code calls the heap guard by (lib/code/instrument). */
  readonly guardName: string;
  readonly limits: { readonly trackedBytes: number; readonly maxHeldObjects: number; readonly maxModelBytes: number; readonly maxLogLines: number; readonly maxLogChars: number };
}

interface CodeTableLike {
  readonly rowCount: number;
  readonly columns: readonly { readonly name: string; readonly kind: 'number' | 'string'; readonly values: ArrayLike<number | string | null> }[];
}

interface WorkerScope {
  postMessage(message: unknown): void;
  onmessage: ((event: MessageEvent<WorkerRun>) => void) | null;
  importScripts(...urls: string[]): void;
  tf?: { setBackend(name: string): Promise<boolean>; ready(): Promise<void> };
  [name: string]: unknown;
}

export function workerMain(makeHeapGuard: typeof makeHeapGuardFn): void {
  const scope = self as unknown as WorkerScope;
  const post = (message: unknown): void => scope.postMessage(message);
  let phase = 'starting';
  const setPhase = (next: string): void => {
    phase = next;
    post({ type: 'phase', phase });
  };

  class MemoryLimitError extends Error {
    override name = 'MemoryLimitError';
  }

  const mib = (n: number): string => `${Math.round(n / 1048576).toLocaleString('en')} MiB`;

  /**
   * The bulk half of the memory guard. A worker cannot read its own heap size, so the guard counts
   * what ML code holds in bulk: every ArrayBuffer, typed array (TF.js keeps its CPU tensors in them)
   * and `Array(n)` of a tracked size or more, until the collector frees it. Returns what it holds.
   */
  function guardMemory(limit: number, trackedBytes: number): () => number {
    let live = 0;
    const freed = new FinalizationRegistry<number>((bytes) => {
      live -= bytes;
    });
    const account = (target: object, bytes: number): void => {
      if (bytes < trackedBytes) return;
      if (live + bytes > limit) {
        throw new MemoryLimitError(`allocating ${mib(bytes)} would take the code past its memory limit of ${mib(limit)} (${mib(live)} held)`);
      }
      live += bytes;
      freed.register(target, bytes);
    };
    const names = ['ArrayBuffer', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array'];
    for (const name of names) {
      const original = scope[name] as (new (...args: unknown[]) => { byteLength: number }) | undefined;
      if (!original) continue;
      scope[name] = new Proxy(original, {
        construct(target, args, newTarget) {
          const made = Reflect.construct(target, args, newTarget) as { byteLength: number; buffer?: unknown };
          // A view over an existing buffer allocates nothing new.
          if (!(args[0] instanceof ArrayBuffer) || name === 'ArrayBuffer') account(made, made.byteLength);
          return made;
        },
      });
    }
    const OriginalArray = Array;
    const sized = (args: unknown[]): number => (args.length === 1 && typeof args[0] === 'number' ? args[0] * 8 : 0);
    scope.Array = new Proxy(OriginalArray, {
      construct(target, args, newTarget) {
        const made = Reflect.construct(target, args, newTarget) as object;
        account(made, sized(args));
        return made;
      },
      apply(target, thisArg, args) {
        const made = Reflect.apply(target, thisArg, args) as object;
        account(made, sized(args));
        return made;
      },
    });
    return () => live;
  }

  function captureConsole(maxLines: number, maxChars: number): void {
    let lines = 0;
    const text = (args: unknown[]): string =>
      args
        .map((a) => {
          if (typeof a === 'string') return a;
          try {
            return JSON.stringify(a) ?? String(a);
          } catch {
            return String(a);
          }
        })
        .join(' ');
    for (const level of ['log', 'info', 'warn', 'error'] as const) {
      console[level] = (...args: unknown[]) => {
        lines += 1;
        if (lines > maxLines) return;
        const line = lines === maxLines ? `… (console output past ${maxLines} lines is left out)` : text(args).slice(0, maxChars);
        post({ type: 'log', level, text: line });
      };
    }
  }

  type Row = Record<string, number | string | null>;
  function rowsOf(table: CodeTableLike): { columns: string[]; rows: Row[] } {
    const columns = table.columns.map((c) => c.name);
    const rows: Row[] = new Array(table.rowCount);
    for (let r = 0; r < table.rowCount; r++) {
      const row: Row = {};
      for (const c of table.columns) {
        const v = c.values[r];
        row[c.name] = v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? null : v;
      }
      rows[r] = row;
    }
    return { columns, rows };
  }

  const noModules = (): never => {
    throw new Error('There are no modules in a code cell: TF.js is available as `tf`; write the rest in the cell.');
  };

  scope.onmessage = async (event) => {
    scope.onmessage = null;
    const run = event.data;
    const { limits } = run;
    try {
      captureConsole(limits.maxLogLines, limits.maxLogChars);
      // Rows first: the guard is for the user's code, not for the copy of the data it was given.
      const data = rowsOf(run.data);
      const future = run.future ? rowsOf(run.future) : null;
      const bulkHeld = guardMemory(run.memoryLimitBytes, limits.trackedBytes);
      if (run.tfUrl) {
        setPhase('loading-tf');
        scope.importScripts(run.tfUrl);
        // The CPU backend: the same results on every machine, and nothing to fetch.
        await scope.tf?.setBackend('cpu');
        await scope.tf?.ready();
      }
      const heap = makeHeapGuard({
        limit: run.memoryLimitBytes,
        trackedBytes: limits.trackedBytes,
        maxObjects: limits.maxHeldObjects,
        bulkHeld,
        // The rows handed in are the sandbox's copy, not the code's; the library and the scope are not the code's either.
        skip: [scope, scope.tf, data, data.rows, data.columns, future, future?.rows, future?.columns].filter((v) => v !== undefined && v !== null),
        onTrip: (message) => post({ type: 'failed', failure: 'memory-limit', name: 'MemoryLimitError', message, during: phase }),
      });
      const exported: Record<string, unknown> = {};
      const load = new Function('exports', 'require', 'tf', run.guardName, `${run.code}\n;return { train: typeof train === 'function' ? train : exports.train, predict: typeof predict === 'function' ? predict : exports.predict };`) as (
        exports: Record<string, unknown>,
        require: () => never,
        tf: unknown,
        guard: HeapGuard,
      ) => { train?: unknown; predict?: unknown };
      const { train, predict } = load(exported, noModules, scope.tf, heap);
      if (typeof train !== 'function') throw new Error('The code defines no train(config, data) function. Add one that returns the model.');
      if (future && typeof predict !== 'function') throw new Error('The code defines no predict(config, model, historic, future) function, and the cell has rows to predict. Add one, or choose no rows to predict.');
      setPhase('training');
      const trainStart = performance.now();
      const model: unknown = await (train as (config: unknown, data: unknown) => unknown)(structuredClone(run.config), data);
      const trainMs = performance.now() - trainStart;
      let json: string | undefined;
      try {
        json = JSON.stringify(model);
      } catch (error) {
        throw new Error(`train's model cannot be stored as JSON (${error instanceof Error ? error.message : String(error)}). Return plain data: numbers, text, arrays and objects.`);
      }
      if (json === undefined) throw new Error('train returned nothing. Return the model as plain data (numbers, text, arrays and objects).');
      if (json.length > limits.maxModelBytes) throw new Error(`train's model is ${Math.round(json.length / 1048576)} MiB as JSON; at most ${Math.round(limits.maxModelBytes / 1048576)} MiB can be stored.`);
      let predictions: unknown = null;
      let predictMs = 0;
      if (future) {
        setPhase('predicting');
        const predictStart = performance.now();
        // predict gets the model as stored, so what it does here it does again from the stored model.
        predictions = await (predict as (config: unknown, model: unknown, historic: unknown, future: unknown) => unknown)(structuredClone(run.config), JSON.parse(json), data, future);
        predictMs = performance.now() - predictStart;
      }
      try {
        post({ type: 'done', model: json, predictions, trainMs, predictMs });
      } catch (error) {
        post({
          type: 'failed',
          failure: 'result',
          name: 'DataCloneError',
          message: `predict returned something that cannot leave the sandbox (${error instanceof Error ? error.message : String(error)}). Return plain values: a tensor needs .arraySync().`,
          during: phase,
        });
      }
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error';
      const message = error instanceof Error ? error.message : String(error);
      post({ type: 'failed', failure: name === 'MemoryLimitError' ? 'memory-limit' : 'code', name, message, during: phase });
    }
  };
}
