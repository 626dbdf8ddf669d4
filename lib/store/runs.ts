/**
 * Sweep runs in Dexie, keyed by their fingerprint. Writes that decide what a sweep repeats are
 * transactions: `startRun` refuses to restart a completed run, `finishRun` ends only a run that is
 * still this attempt's.
 */
import { db, type StoredRun } from './db';

export type Run = StoredRun;

export async function readRuns(cellId: string): Promise<Run[]> {
  return db.runs.where('cellId').equals(cellId).toArray();
}

/**
 * Writes the `running` record before work starts. Returns false (and writes nothing) when the run
 * is already completed, or running with a fresh heartbeat elsewhere (`staleMs`).
 */
export async function startRun(run: Omit<Run, 'status' | 'startedAt' | 'heartbeatAt' | 'score'>, staleMs: number): Promise<boolean> {
  return db.transaction('rw', db.runs, () => beginRun(run, staleMs));
}

export type RunEnd = { status: 'completed'; score: number | null; metrics: Readonly<Record<string, number>> } | { status: 'failed' | 'canceled'; error: { name: string; message: string } };

/**
 * One transaction where a sweep moves on: ends the run just finished (if any) and writes the next
 * one's `running` record (if any), so a sweep pays one commit between runs, not two. Same rules as
 * `finishRun` and `startRun`.
 */
export async function advanceRuns(
  finished: { readonly id: string; readonly end: RunEnd } | undefined,
  next: Omit<Run, 'status' | 'startedAt' | 'heartbeatAt' | 'score'> | undefined,
  staleMs: number,
): Promise<{ ended: Run | undefined; started: boolean }> {
  return db.transaction('rw', db.runs, async () => {
    const ended = finished ? await endRun(finished.id, finished.end) : undefined;
    return { ended, started: next ? await beginRun(next, staleMs) : false };
  });
}

async function endRun(id: string, end: RunEnd): Promise<Run | undefined> {
  const current = await db.runs.get(id);
  if (!current || current.status !== 'running') return undefined;
  const now = Date.now();
  const ended: Run = { ...current, ...end, heartbeatAt: now, endedAt: now };
  await db.runs.put(ended);
  return ended;
}

async function beginRun(run: Omit<Run, 'status' | 'startedAt' | 'heartbeatAt' | 'score'>, staleMs: number): Promise<boolean> {
  const now = Date.now();
  const existing = await db.runs.get(run.id);
  if (existing?.status === 'completed') return false;
  if (existing?.status === 'running' && now - existing.heartbeatAt <= staleMs) return false;
  await db.runs.put({ ...run, status: 'running', startedAt: now, heartbeatAt: now, score: null });
  return true;
}

export async function heartbeatRun(id: string): Promise<void> {
  await db.runs.update(id, { heartbeatAt: Date.now() });
}

/**
 * Ends a running run and returns the record as stored; a run that is not running any more
 * (another tab finished it) is left alone (undefined).
 */
export async function finishRun(id: string, end: RunEnd): Promise<Run | undefined> {
  return db.transaction('rw', db.runs, () => endRun(id, end));
}
