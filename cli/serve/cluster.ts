/**
 * `loopbook serve --workers N`: N processes answer on one port, so that a server uses every core
 * (a Node process runs its JavaScript on one). node:cluster's primary accepts the connections and
 * hands them to the workers in turn; each worker loads the model and runs server.ts as the single
 * process does. The primary only starts, watches and stops them:
 * - it says "Serving" once every worker listens, and fails (with the worker's message) if one
 *   cannot start, e.g. a port in use;
 * - a worker that dies later is replaced, and the log says so; one that keeps dying stops it all;
 * - SIGINT or SIGTERM stops every worker after the requests under way are answered.
 * GET /metrics, answered by any one worker, holds every worker's counts: that worker asks the
 * primary, which collects a snapshot from each (the messages below).
 */
import cluster, { type Worker } from 'node:cluster';
import type { MetricsSnapshot } from './metrics';
import { startServer, type RunningServer, type ServeOptions } from './server';

/** Worker → primary. */
type WorkerMessage =
  | { readonly type: 'ready'; readonly url: string }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'metrics-request'; readonly id: number }
  | { readonly type: 'metrics-snapshot'; readonly id: number; readonly snapshot: MetricsSnapshot };

/** Primary → worker. */
type PrimaryMessage =
  | { readonly type: 'stop' }
  | { readonly type: 'metrics-collect'; readonly id: number }
  | { readonly type: 'metrics-all'; readonly id: number; readonly snapshots: readonly MetricsSnapshot[] };

/** How long GET /metrics waits for the other workers before it answers with the counts it has. */
const COLLECT_MS = 2000;
/** After a stop, workers still running this long (past the server's own grace) are killed. */
const STOP_MS = 8000;
/** Replacements within a minute, per worker, beyond which a crashing server gives up. */
const RESTARTS_PER_MINUTE = 3;

export interface PrimaryOptions {
  readonly workers: number;
  /** "gbdt model for Species", for the Serving line. */
  readonly describe: string;
  readonly log: (line: string) => void;
}

/** Runs the primary until SIGINT or SIGTERM (resolves 0); rejects when the workers cannot start. */
export function runPrimary({ workers, describe, log }: PrimaryOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const ready = new Set<number>();
    const restarts: number[] = [];
    /** GET /metrics under way, by the primary's id: who asked (and their id), the snapshots so far, the workers yet to answer. */
    const collecting = new Map<number, { from: Worker; askerId: number; snapshots: MetricsSnapshot[]; waiting: Set<number>; timer: NodeJS.Timeout }>();
    let nextCollect = 0;
    let serving = false;
    let stopping = false;
    let failure: string | undefined;

    // A worker is still listed in its own 'exit' event; isDead() is already true there.
    const live = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
    const tell = (w: Worker, message: PrimaryMessage) => {
      if (w.isConnected()) w.send(message);
    };
    const fork = () => {
      const w = cluster.fork();
      w.on('message', (message: unknown) => onMessage(w, message as WorkerMessage));
      w.on('exit', (code, signal) => onExit(w, code, signal));
    };
    const finishCollect = (id: number) => {
      const c = collecting.get(id);
      if (!c) return;
      clearTimeout(c.timer);
      collecting.delete(id);
      tell(c.from, { type: 'metrics-all', id: c.askerId, snapshots: c.snapshots });
    };

    const onMessage = (w: Worker, message: WorkerMessage) => {
      switch (message.type) {
        case 'ready':
          ready.add(w.id);
          if (!serving && ready.size === workers) {
            serving = true;
            log(`Serving ${describe} on ${message.url} (${workers} worker processes)`);
          }
          return;
        case 'failed':
          failure ??= message.message;
          return;
        case 'metrics-request': {
          const id = nextCollect++;
          const all = live().filter((o) => ready.has(o.id) || o.id === w.id);
          const timer = setTimeout(() => finishCollect(id), COLLECT_MS);
          collecting.set(id, { from: w, askerId: message.id, snapshots: [], waiting: new Set(all.map((o) => o.id)), timer });
          for (const o of all) tell(o, { type: 'metrics-collect', id });
          if (all.length === 0) finishCollect(id);
          return;
        }
        case 'metrics-snapshot': {
          const c = collecting.get(message.id);
          if (!c || !c.waiting.delete(w.id)) return;
          c.snapshots.push(message.snapshot);
          if (c.waiting.size === 0) finishCollect(message.id);
          return;
        }
      }
    };
    const onExit = (w: Worker, code: number | null, signal: string | null) => {
      const wasReady = ready.delete(w.id);
      for (const [id, c] of collecting) if (c.waiting.delete(w.id) && c.waiting.size === 0) finishCollect(id);
      if (stopping) {
        if (live().length === 0) resolve(0);
        return;
      }
      const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
      if (!serving || !wasReady) {
        stopAll();
        reject(new Error(failure ?? `A worker process ${how} before it could serve.`));
        return;
      }
      const now = Date.now();
      restarts.push(now);
      while (restarts[0]! < now - 60_000) restarts.shift();
      if (restarts.length > RESTARTS_PER_MINUTE * workers) {
        stopAll();
        reject(new Error(`Worker processes keep stopping (the last ${how}); the server gives up. Run with --workers 1 to see why.`));
        return;
      }
      log(`A worker process ${how}; starting another.`);
      fork();
    };

    const stopAll = () => {
      if (stopping) return;
      stopping = true;
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
      for (const w of live()) tell(w, { type: 'stop' });
      setTimeout(() => {
        for (const w of live()) w.kill('SIGKILL');
      }, STOP_MS).unref();
      if (live().length === 0) resolve(0);
    };

    const onSignal = (signal: NodeJS.Signals) => {
      log(`Stopping (${signal})…`);
      stopAll();
    };
    process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
    for (let i = 0; i < workers; i++) fork();
  });
}

/**
 * Runs one worker: loads its model (through `load`), serves, and stops on the primary's word, a
 * signal, or the primary's end. Resolves with the exit code; a failure to start is reported to
 * the primary, which says it.
 */
export async function runWorker(load: () => Promise<Omit<ServeOptions, 'collectMetrics'>>): Promise<number> {
  const send = (message: WorkerMessage) => {
    if (process.connected) process.send?.(message);
  };
  let server: RunningServer | undefined;
  let nextRequest = 0;
  const asked = new Map<number, (snapshots: readonly MetricsSnapshot[]) => void>();
  const collectMetrics = (local: MetricsSnapshot) =>
    new Promise<readonly MetricsSnapshot[]>((resolve) => {
      const id = nextRequest++;
      const timer = setTimeout(() => {
        asked.delete(id);
        resolve([local]);
      }, COLLECT_MS + 500);
      asked.set(id, (snapshots) => {
        clearTimeout(timer);
        resolve(snapshots.length > 0 ? snapshots : [local]);
      });
      send({ type: 'metrics-request', id });
    });

  let stop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const onMessage = (message: PrimaryMessage) => {
    if (message.type === 'stop') stop();
    else if (message.type === 'metrics-collect') {
      if (server) send({ type: 'metrics-snapshot', id: message.id, snapshot: server.metrics() });
    } else if (message.type === 'metrics-all') {
      const answer = asked.get(message.id);
      asked.delete(message.id);
      answer?.(message.snapshots);
    }
  };
  process.on('message', onMessage);
  process.on('SIGINT', stop).on('SIGTERM', stop).on('disconnect', stop);
  try {
    server = await startServer({ ...(await load()), collectMetrics });
    send({ type: 'ready', url: server.url });
    await stopped;
    await server.close();
    return 0;
  } catch (error) {
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    return 1;
  } finally {
    process.off('message', onMessage);
    if (process.connected) process.disconnect();
  }
}
