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
  return db.transaction('rw', db.runs, async () => {
    const now = Date.now();
    const existing = await db.runs.get(run.id);
    if (existing?.status === 'completed') return false;
    if (existing?.status === 'running' && now - existing.heartbeatAt <= staleMs) return false;
    await db.runs.put({ ...run, status: 'running', startedAt: now, heartbeatAt: now, score: null });
    return true;
  });
}

export async function heartbeatRun(id: string): Promise<void> {
  await db.runs.update(id, { heartbeatAt: Date.now() });
}

/** Ends a running run; a run that is not running any more (another tab finished it) is left alone. */
export async function finishRun(
  id: string,
  end: { status: 'completed'; score: number | null; metrics: Readonly<Record<string, number>> } | { status: 'failed' | 'canceled'; error: { name: string; message: string } },
): Promise<void> {
  await db.transaction('rw', db.runs, async () => {
    const current = await db.runs.get(id);
    if (!current || current.status !== 'running') return;
    const now = Date.now();
    await db.runs.put({ ...current, ...end, heartbeatAt: now, endedAt: now });
  });
}
