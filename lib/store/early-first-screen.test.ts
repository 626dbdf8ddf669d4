import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DB_NAME, db } from './db';
import { EARLY_FIRST_SCREEN_KEY, startEarlyFirstScreenRead, takeEarlyFirstScreen } from './early-first-screen';
import { deleteExperiment, experimentsFromEarlyRead, finishExperiment, listExperiments, startExperiment } from './experiments';
import { createProject } from './projects';
import { resetStore } from './test/fixtures';

const config = { label: 'y', task: 'binary', metric: 'roc_auc', timeBudgetS: 10, seed: 1, learners: ['gbdt'], ensemble: true, backend: 'auto' } as const;

/** The inlined script, as the page runs it, for a page at `?id=<projectId>`. */
async function earlyRead(projectId: string, dbName = DB_NAME, count = 50): Promise<unknown> {
  vi.stubGlobal('window', { location: { search: `?id=${projectId}` } });
  startEarlyFirstScreenRead(dbName, count, EARLY_FIRST_SCREEN_KEY);
  return takeEarlyFirstScreen(projectId);
}

beforeEach(resetStore);
afterEach(() => vi.unstubAllGlobals());

describe('the experiments page’s early read of its first rows', () => {
  it('reads the same newest experiments as the list, across gaps left by deleted ones', async () => {
    const project = await createProject('Many');
    const other = await createProject('Other');
    for (let i = 0; i < 130; i++) {
      const id = `e${String(i).padStart(3, '0')}`;
      await startExperiment({ id, projectId: project.id, cellId: 'c', datasetHash: 'h', config: { ...config, learners: ['gbdt'] } });
    }
    await startExperiment({ id: 'theirs', projectId: other.id, cellId: 'c', datasetHash: 'h', config: { ...config, learners: ['gbdt'] } });
    // exp-086 … exp-120 deleted: the newest 50 reach back past the gap.
    for (let i = 85; i < 120; i++) {
      const id = `e${String(i).padStart(3, '0')}`;
      await finishExperiment(id, { status: 'canceled', error: { name: 'Canceled', message: 'Canceled by the test.' } });
      await deleteExperiment(id);
    }
    const early = experimentsFromEarlyRead(project.id, await earlyRead(project.id));
    const listed = await listExperiments(project.id, { newest: 50 });
    expect(early?.map((e) => e.name)).toEqual(listed.map((e) => e.name));
    expect(early).toHaveLength(50);
    expect(early?.[0]?.name).toBe('exp-046');
    expect(early?.at(-1)?.name).toBe('exp-130');
  });

  it('takes one getAllRecords request where the browser has it, with the same rows', async () => {
    // fake-indexeddb lacks getAllRecords (Chromium 141+): a stand-in over a cursor, as specified
    // (records in `direction` order, at most `count`).
    const calls: string[] = [];
    const proto = IDBIndex.prototype as IDBIndex & { getAllRecords?: unknown };
    const keyCursor = vi.spyOn(IDBIndex.prototype, 'openKeyCursor');
    proto.getAllRecords = function (this: IDBIndex, options: { query: IDBKeyRange; count: number; direction: IDBCursorDirection }) {
      calls.push(options.direction);
      const request: { result: { value: unknown }[]; onsuccess: (() => void) | null; onerror: (() => void) | null } = { result: [], onsuccess: null, onerror: null };
      const cursor = this.openCursor(options.query, options.direction);
      cursor.onsuccess = () => {
        const at = cursor.result;
        if (at && request.result.length < options.count) {
          request.result.push({ value: at.value });
          at.continue();
        } else request.onsuccess?.();
      };
      return request;
    };
    try {
      const project = await createProject('Recent');
      for (let i = 0; i < 60; i++) await startExperiment({ id: `r${String(i).padStart(2, '0')}`, projectId: project.id, cellId: 'c', datasetHash: 'h', config: { ...config, learners: ['gbdt'] } });
      const early = experimentsFromEarlyRead(project.id, await earlyRead(project.id));
      expect(early?.map((e) => e.name)).toEqual((await listExperiments(project.id, { newest: 50 })).map((e) => e.name));
      expect(early?.[0]?.name).toBe('exp-011');
      const empty = await createProject('None yet');
      expect(experimentsFromEarlyRead(empty.id, await earlyRead(empty.id))).toEqual([]);
      expect(calls).toEqual(['prev', 'prev']);
      expect(keyCursor).not.toHaveBeenCalled();
    } finally {
      delete proto.getAllRecords;
      keyCursor.mockRestore();
    }
  });

  it('reads all of a short list, and nothing for a project without experiments', async () => {
    const project = await createProject('Few');
    for (const id of ['a', 'b', 'c']) await startExperiment({ id, projectId: project.id, cellId: 'c', datasetHash: 'h', config: { ...config, learners: ['gbdt'] } });
    const few = experimentsFromEarlyRead(project.id, await earlyRead(project.id));
    expect(few?.map((e) => e.name)).toEqual(['exp-001', 'exp-002', 'exp-003']);
    const empty = await createProject('Empty');
    expect(experimentsFromEarlyRead(empty.id, await earlyRead(empty.id))).toEqual([]);
  });

  it('creates no database where there is none, and is taken once, by its own project only', async () => {
    const project = await createProject('Once');
    await expect(earlyRead(project.id, 'no-such-database')).resolves.toBeUndefined();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain('no-such-database');
    vi.stubGlobal('window', { location: { search: `?id=${project.id}` } });
    startEarlyFirstScreenRead(DB_NAME, 50, EARLY_FIRST_SCREEN_KEY);
    expect(takeEarlyFirstScreen('01JZZZZZZZZZZZZZZZZZZZZZZZ')).toBeUndefined();
    expect(takeEarlyFirstScreen(project.id)).toBeInstanceOf(Promise);
    expect(takeEarlyFirstScreen(project.id)).toBeUndefined();
    // A page whose id is not a project id starts nothing.
    vi.stubGlobal('window', { location: { search: '?id=../../etc' } });
    startEarlyFirstScreenRead(DB_NAME, 50, EARLY_FIRST_SCREEN_KEY);
    expect(takeEarlyFirstScreen('../../etc')).toBeUndefined();
  });

  it('refuses records that are not this project’s experiments', async () => {
    const project = await createProject('Checked');
    expect(experimentsFromEarlyRead(project.id, undefined)).toBeUndefined();
    expect(experimentsFromEarlyRead(project.id, [{ id: 'x' }])).toBeUndefined();
    await startExperiment({ id: 'mine', projectId: project.id, cellId: 'c', datasetHash: 'h', config: { ...config, learners: ['gbdt'] } });
    const records = await db.experiments.toArray();
    expect(experimentsFromEarlyRead('01JZZZZZZZZZZZZZZZZZZZZZZZ', records)).toBeUndefined();
    expect(experimentsFromEarlyRead(project.id, records)?.map((e) => e.id)).toEqual(['mine']);
  });
});
