import { describe, expect, it } from 'vitest';
import { cellInputs } from './bindings';
import { notebook } from './test/notebook';

describe('cell inputs', () => {
  it('read a train cell\'s data cell: its choice, else the nearest above that holds a dataset', () => {
    const nb = notebook([
      ['data1', 'data'],
      ['empty', 'data', { datasetHash: undefined }],
      ['train1', 'train'],
      ['data2', 'data'],
      ['train2', 'train', { from: 'data1' }],
      ['train3', 'train'],
      ['train4', 'train', { from: 'data3' }],
      ['data3', 'data'],
    ]);
    const inputs = new Map(cellInputs(nb.cells).map((c) => [c.cellId, c.inputs]));
    expect(inputs.get(nb.id('train1'))).toEqual({ dataset: { type: 'cell', cellId: nb.id('data1'), output: 'dataset', automatic: true } });
    expect(inputs.get(nb.id('train2'))).toEqual({ dataset: { type: 'cell', cellId: nb.id('data1'), output: 'dataset', automatic: false } });
    expect(inputs.get(nb.id('train3'))!.dataset).toMatchObject({ cellId: nb.id('data2'), automatic: true });
    // A cell may choose a data cell below it (a cycle is possible only that way).
    expect(inputs.get(nb.id('train4'))!.dataset).toMatchObject({ cellId: nb.id('data3'), automatic: false });
    expect(inputs.get(nb.id('data1'))).toEqual({});
  });

  it('read a predict cell\'s model and rows: stage, experiment or automatic; data cell, file or typed row', () => {
    const nb = notebook([
      ['predict0', 'predict'],
      ['data1', 'data'],
      ['train1', 'train'],
      ['predict1', 'predict'],
      ['predict2', 'predict', { model: 'production', inputSource: 'file' }],
      ['predict3', 'predict', { model: '01JEXPERIMENT', inputSource: 'row' }],
      ['evaluate1', 'evaluate', { model: 'staging', inputSource: 'row' }],
    ]);
    const inputs = new Map(cellInputs(nb.cells).map((c) => [c.cellId, c.inputs]));
    expect(inputs.get(nb.id('predict0'))).toEqual({
      model: { type: 'automatic', after: undefined },
      dataset: { type: 'none', reason: expect.stringMatching(/^No data cell above holds a dataset/) },
    });
    expect(inputs.get(nb.id('predict1'))).toEqual({
      model: { type: 'automatic', after: nb.id('train1') },
      dataset: { type: 'cell', cellId: nb.id('data1'), output: 'dataset', automatic: true },
    });
    expect(inputs.get(nb.id('predict2'))).toEqual({ model: { type: 'registry', stage: 'production' }, dataset: { type: 'file' } });
    expect(inputs.get(nb.id('predict3'))).toEqual({ model: { type: 'experiment', experimentId: '01JEXPERIMENT' }, dataset: { type: 'row' } });
    // An evaluate cell has no row form: it reads the data cell.
    expect(inputs.get(nb.id('evaluate1'))!.dataset).toMatchObject({ type: 'cell', cellId: nb.id('data1') });
  });

  it('read a code cell\'s training rows like a train cell, and its rows to predict only from the data cell it chose', () => {
    const nb = notebook([
      ['data1', 'data'],
      ['data2', 'data'],
      ['empty', 'data', { datasetHash: undefined }],
      ['code1', 'code'],
      ['code2', 'code', { from: 'data1' }],
      ['code3', 'code'],
      ['code4', 'code'],
    ]);
    const cells = nb.cells.map((c) =>
      c.id === nb.id('code2') ? { ...c, config: { ...c.config, futureCellId: nb.id('data2') } } : c.id === nb.id('code3') ? { ...c, config: { ...c.config, futureCellId: nb.id('empty') } } : c,
    );
    const inputs = new Map(cellInputs(cells).map((c) => [c.cellId, c.inputs]));
    expect(inputs.get(nb.id('code1'))).toEqual({ dataset: { type: 'cell', cellId: nb.id('data2'), output: 'dataset', automatic: true }, future: { type: 'unused' } });
    expect(inputs.get(nb.id('code2'))).toEqual({
      dataset: { type: 'cell', cellId: nb.id('data1'), output: 'dataset', automatic: false },
      future: { type: 'cell', cellId: nb.id('data2'), output: 'dataset', automatic: false },
    });
    expect(inputs.get(nb.id('code3'))!.future).toEqual({ type: 'none', reason: expect.stringMatching(/^The data cell chosen for the rows to predict/) });
  });
});
