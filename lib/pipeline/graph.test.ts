import { describe, expect, it } from 'vitest';
import { downstreamOf, topologicalOrder, upstreamOf } from './graph';
import { settingsStaleness, staleAfter, withDownstreamStaleness } from './stale';
import { notebook } from './test/notebook';

/** data → train → {evaluate, predict}; a second branch data2 → train2; a markdown cell. */
const pipeline = () =>
  notebook([
    ['intro', 'markdown'],
    ['data1', 'data'],
    ['train1', 'train'],
    ['evaluate1', 'evaluate'],
    ['predict1', 'predict'],
    ['data2', 'data'],
    ['train2', 'train'],
    ['predict2', 'predict', { model: 'production', from: 'data1' }],
  ]);

describe('the pipeline graph', () => {
  it('has an edge from each cell to the cells its outputs feed', () => {
    const nb = pipeline();
    const children = (label: string) => nb.labels(nb.graph.children.get(nb.id(label))!);
    expect(children('data1')).toEqual(['train1', 'evaluate1', 'predict1', 'predict2']);
    expect(children('train1')).toEqual(['evaluate1', 'predict1']);
    expect(children('data2')).toEqual(['train2']);
    expect(children('train2')).toEqual([]);
    expect(nb.labels(nb.graph.parents.get(nb.id('predict1'))!)).toEqual(['data1', 'train1']);
  });

  it('orders cells after what they need, ties in notebook order, with levels of cells that may run together', () => {
    const nb = pipeline();
    const result = topologicalOrder(nb.graph);
    if (!result.ok) throw new Error('cycle');
    expect(nb.labels(result.order)).toEqual(['intro', 'data1', 'train1', 'evaluate1', 'predict1', 'data2', 'train2', 'predict2']);
    expect(result.levels.map((level) => nb.labels(level))).toEqual([
      ['intro', 'data1', 'data2'],
      ['train1', 'train2', 'predict2'],
      ['evaluate1', 'predict1'],
    ]);
  });

  it('puts a cell that reads from a cell below it after that cell', () => {
    const nb = notebook([
      ['train1', 'train', { from: 'data1' }],
      ['data1', 'data'],
    ]);
    const result = topologicalOrder(nb.graph);
    expect(result.ok && nb.labels(result.order)).toEqual(['data1', 'train1']);
  });

  it('refuses a cycle and names its cells, first in notebook order', () => {
    const nb = notebook([
      ['data1', 'data'],
      ['train1', 'train', { from: 'data1' }],
      ['predict1', 'predict'],
      ['evaluate1', 'evaluate'],
    ]);
    // A notebook's own rules make no cycle (inputs come from above, or from a data cell, which
    // reads nothing); an imported pipeline can. Here data1 also reads predict1.
    const parents = new Map(nb.graph.parents).set(nb.id('data1'), [nb.id('predict1')]);
    const children = new Map(nb.graph.children).set(nb.id('predict1'), [nb.id('data1')]);
    const result = topologicalOrder({ ...nb.graph, parents, children });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(nb.labels(result.cycle)).toEqual(['data1', 'predict1']);
  });

  it('finds everything a cell needs and everything that needs it', () => {
    const nb = pipeline();
    expect(nb.labels(upstreamOf(nb.graph, nb.id('predict1'))).sort()).toEqual(['data1', 'predict1', 'train1']);
    expect(nb.labels(downstreamOf(nb.graph, nb.id('train1'))).sort()).toEqual(['evaluate1', 'predict1', 'train1']);
    expect(nb.labels(downstreamOf(nb.graph, nb.id('intro')))).toEqual(['intro']);
  });
});

describe('staleness', () => {
  it('marks every cell downstream of an edit, in run order; cheap ones re-run by themselves, heavy ones wait', () => {
    const nb = pipeline();
    const stale = staleAfter(nb.graph, nb.id('data1'));
    expect(stale.map((s) => [nb.labels([s.cellId])[0], s.rerunsByItself])).toEqual([
      ['train1', false],
      ['evaluate1', true],
      ['predict1', true],
      ['predict2', true],
    ]);
    expect(stale.every((s) => s.because === nb.id('data1'))).toBe(true);
    expect(staleAfter(nb.graph, nb.id('predict1'))).toEqual([]);
  });
});

describe('stale results', () => {
  it('say what changed: the model in use, the dataset read; nothing when unknown', async () => {
    const { modelStaleness, resultStaleness } = await import('./stale');
    expect(resultStaleness({ modelId: 'a', datasetHash: 'h1' }, { modelId: 'b', modelName: 'exp-002', datasetHash: 'h1' })).toBe('it now uses exp-002, not the model of this result');
    expect(resultStaleness({ modelId: 'a', datasetHash: 'h1' }, { modelId: 'a', datasetHash: 'h2' })).toBe('the data cell it reads holds a new dataset');
    expect(resultStaleness({ modelId: 'a', datasetHash: 'h1' }, { modelId: 'a', datasetHash: 'h1' })).toBeNull();
    // A file or typed row has no dataset hash; a model not yet known changes nothing.
    expect(resultStaleness({ modelId: 'a' }, { modelId: undefined, datasetHash: 'h2' })).toBeNull();
    expect(modelStaleness('h1', 'h2')).toBe('its data cell holds a new dataset since this model was trained');
    expect(modelStaleness('h1', 'h1')).toBeNull();
    expect(modelStaleness(undefined, 'h1')).toBeNull();
  });
});

describe('staleness of results', () => {
  it('names the settings that changed since a result was made', () => {
    const words = { seed: 'seed', timeBudgetS: 'time budget', learners: 'learners' };
    expect(settingsStaleness({ seed: 1, timeBudgetS: 60, learners: ['gbdt'] }, { seed: 1, timeBudgetS: 60, learners: ['gbdt'] }, words)).toBeNull();
    expect(settingsStaleness({ seed: 1, timeBudgetS: 60, learners: ['gbdt'] }, { seed: 2, timeBudgetS: 60, learners: ['gbdt', 'rf'] }, words)).toBe('its seed, learners changed since this result was made');
    // A setting the result did not record counts as changed once it is set.
    expect(settingsStaleness({}, { seed: 3 }, { seed: 'seed' })).toBe('its seed changed since this result was made');
  });

  it('marks what a stale cell feeds, where it has a result, and keeps a cell\'s own reason', () => {
    const nb = notebook([
      ['data1', 'data'],
      ['train1', 'train'],
      ['predict1', 'predict'],
      ['evaluate1', 'evaluate'],
      ['predict2', 'predict', { model: 'production', inputSource: 'file' }],
    ]);
    const own = { [nb.id('train1')]: 'its seed changed since this result was made', [nb.id('evaluate1')]: 'the data cell it reads holds a new dataset' };
    const withResult = new Set([nb.id('predict1'), nb.id('evaluate1'), nb.id('predict2')]);
    const shown = withDownstreamStaleness(nb.graph, own, (id) => withResult.has(id), (id) => nb.labels([id])[0]!);
    expect(shown[nb.id('predict1')]).toBe('it comes from train1, which is stale: run both again');
    expect(shown[nb.id('evaluate1')]).toBe('the data cell it reads holds a new dataset');
    // Reads the production model and a file: nothing stale feeds it.
    expect(shown[nb.id('predict2')]).toBeUndefined();
    expect(shown[nb.id('data1')]).toBeUndefined();
  });
});
