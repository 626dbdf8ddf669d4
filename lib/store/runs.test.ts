import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from './db';
import { finishRun, readRuns, startRun } from './runs';
import { resetStore } from './test/fixtures';

const run = (id: string) => ({ id, projectId: 'p', cellId: 'c', learner: 'gbdt', params: { leaves: 15 }, seed: 1 });

beforeEach(resetStore);

describe('sweep runs', () => {
  it('writes running before work, ends it once, and never restarts a completed run', async () => {
    expect(await startRun(run('a'), 5000)).toBe(true);
    expect((await db.runs.get('a'))?.status).toBe('running');
    // Another tab with a fresh heartbeat holds it.
    expect(await startRun(run('a'), 5000)).toBe(false);
    await finishRun('a', { status: 'completed', score: 0.9, metrics: { accuracy: 0.9 } });
    expect(await db.runs.get('a')).toMatchObject({ status: 'completed', score: 0.9 });
    expect(await startRun(run('a'), 5000)).toBe(false);
    // A late finish of an old attempt changes nothing.
    await finishRun('a', { status: 'failed', error: { name: 'E', message: 'late' } });
    expect((await db.runs.get('a'))?.status).toBe('completed');
  });

  it('restarts a stale running run (a crash) and a failed one', async () => {
    await db.runs.put({ ...run('b'), status: 'running', startedAt: 0, heartbeatAt: 0, score: null });
    expect(await startRun(run('b'), 5000)).toBe(true);
    await finishRun('b', { status: 'failed', error: { name: 'Error', message: 'boom' } });
    expect(await db.runs.get('b')).toMatchObject({ status: 'failed', error: { message: 'boom' } });
    expect(await startRun(run('b'), 5000)).toBe(true);
    expect((await readRuns('c')).map((r) => r.id)).toEqual(['b']);
  });
});
