import { describe, expect, it } from 'vitest';
import type { CellId } from '../ids';
import { upstreamOf } from './graph';
import { PipelineCycleError, runCells } from './schedule';
import { notebook } from './test/notebook';

/** data1 → train1 → {evaluate1, predict1}; data2 → train2 → predict2. */
const twoBranches = () =>
  notebook([
    ['data1', 'data'],
    ['train1', 'train'],
    ['evaluate1', 'evaluate'],
    ['predict1', 'predict'],
    ['data2', 'data'],
    ['train2', 'train'],
    ['predict2', 'predict'],
  ]);

/** A run function whose cells finish when the test says, recording starts and the most at once. */
function controlledRun() {
  const pending = new Map<CellId, { resolve: () => void; reject: (e: Error) => void }>();
  const started: CellId[] = [];
  let running = 0;
  let most = 0;
  const run = (id: CellId) =>
    new Promise<void>((resolve, reject) => {
      started.push(id);
      most = Math.max(most, ++running);
      pending.set(id, {
        resolve: () => (running--, resolve()),
        reject: (e) => (running--, reject(e)),
      });
    });
  const tick = () => new Promise((r) => setTimeout(r, 0));
  return { run, started, pending, most: () => most, tick };
}

describe('running cells', () => {
  it('runs every cell after what it needs, side by side up to the limit, in notebook order where free', async () => {
    const nb = twoBranches();
    const c = controlledRun();
    const done = runCells(nb.graph, new Set(nb.graph.cells), { limit: 2, run: c.run });
    await c.tick();
    expect(nb.labels(c.started)).toEqual(['data1', 'data2']);
    c.pending.get(nb.id('data1'))!.resolve();
    await c.tick();
    expect(nb.labels(c.started)).toEqual(['data1', 'data2', 'train1']);
    const finish = async (label: string) => {
      c.pending.get(nb.id(label))!.resolve();
      await c.tick();
    };
    await finish('train1');
    expect(nb.labels(c.started.slice(3))).toEqual(['evaluate1']);
    // Two cells became free: predict1 comes first in the notebook, so it starts first.
    await finish('data2');
    expect(nb.labels(c.started.slice(4))).toEqual(['predict1']);
    await finish('evaluate1');
    await finish('predict1');
    await finish('train2');
    await finish('predict2');
    const outcomes = await done;
    expect(nb.labels(c.started)).toEqual(['data1', 'data2', 'train1', 'evaluate1', 'predict1', 'train2', 'predict2']);
    expect(c.most()).toBe(2);
    expect([...outcomes.values()].every((o) => o.status === 'done')).toBe(true);
  });

  it('stops only what depends on a failed cell, and says which failure stopped it', async () => {
    const nb = twoBranches();
    const progress: string[] = [];
    const outcomes = await runCells(nb.graph, new Set(nb.graph.cells), {
      limit: 3,
      run: async (id) => {
        if (id === nb.id('train1')) throw new Error('The label has one class.');
      },
      onProgress: (id, p) => progress.push(`${nb.labels([id])[0]}:${p.status}`),
    });
    expect(outcomes.get(nb.id('train1'))).toEqual({ status: 'failed', error: 'The label has one class.' });
    expect(outcomes.get(nb.id('evaluate1'))).toEqual({ status: 'skipped', because: nb.id('train1') });
    expect(outcomes.get(nb.id('predict1'))).toEqual({ status: 'skipped', because: nb.id('train1') });
    for (const label of ['data1', 'data2', 'train2', 'predict2']) expect(outcomes.get(nb.id(label))).toEqual({ status: 'done' });
    expect(progress).toContain('train1:failed');
    expect(progress).not.toContain('predict1:running');
  });

  it('runs a cell and only what it needs', async () => {
    const nb = twoBranches();
    const ran: CellId[] = [];
    await runCells(nb.graph, upstreamOf(nb.graph, nb.id('predict1')), { limit: 4, run: async (id) => void ran.push(id) });
    expect(nb.labels(ran)).toEqual(['data1', 'train1', 'predict1']);
  });

  it('counts a run function that throws at once as a failure', async () => {
    const nb = twoBranches();
    const outcomes = await runCells(nb.graph, new Set([nb.id('data1'), nb.id('train1')]), {
      limit: 1,
      run: (id) => {
        if (id === nb.id('data1')) throw new Error('no file');
        return Promise.resolve();
      },
    });
    expect(outcomes.get(nb.id('data1'))).toEqual({ status: 'failed', error: 'no file' });
    expect(outcomes.get(nb.id('train1'))).toEqual({ status: 'skipped', because: nb.id('data1') });
  });

  it('starts nothing more once aborted', async () => {
    const nb = twoBranches();
    const controller = new AbortController();
    const ran: CellId[] = [];
    const outcomes = await runCells(nb.graph, new Set(nb.graph.cells), {
      limit: 1,
      signal: controller.signal,
      run: async (id) => {
        ran.push(id);
        if (ran.length === 2) controller.abort();
      },
    });
    expect(ran).toHaveLength(2);
    expect(outcomes.size).toBe(2);
  });

  it('refuses a cycle before running anything, naming the cells', async () => {
    const nb = notebook([
      ['data1', 'data'],
      ['train1', 'train'],
    ]);
    const graph = { ...nb.graph, parents: new Map(nb.graph.parents).set(nb.id('data1'), [nb.id('train1')]), children: new Map(nb.graph.children).set(nb.id('train1'), [nb.id('data1')]) };
    let ran = 0;
    const refusal = runCells(graph, new Set(graph.cells), { limit: 2, run: async () => void ran++, name: (id) => nb.labels([id])[0]! });
    await expect(refusal).rejects.toBeInstanceOf(PipelineCycleError);
    await expect(refusal).rejects.toThrow('data1 → train1 → data1');
    expect(ran).toBe(0);
  });
});
