import { describe, expect, it } from 'vitest';
import { filterRows, sortRows, toRow, type ListedExperiment } from './list';

const base: ListedExperiment = {
  id: 'a',
  number: 1,
  name: 'exp-001',
  status: 'completed',
  datasetHash: 'f'.repeat(64),
  datasetName: 'penguins.csv',
  config: { task: 'multiclass', label: 'Species', metric: 'log_loss' },
  startedAt: 1000,
  endedAt: 5000,
  startedBy: 'Ada',
  snapshot: { bestLearner: 'gbdt', trials: 12 },
  heldOut: { metric: 'log_loss', score: 0.2, learners: 'gbdt+rf' },
};

const row = (patch: Partial<ListedExperiment>) => toRow({ ...base, ...patch }, 10_000);

describe('experiment rows', () => {
  it('shows what a list needs, with the running duration so far', () => {
    expect(row({})).toMatchObject({ name: 'exp-001', dataset: 'penguins.csv', learner: 'gbdt+rf', metric: 'log_loss', score: 0.2, durationMs: 4000, trials: 12 });
    const running = row({ status: 'running', endedAt: undefined, heldOut: undefined, datasetName: undefined });
    expect(running).toMatchObject({ learner: 'gbdt', score: null, durationMs: 9000, dataset: 'ffffffff…' });
  });

  it('sorts scores best first whatever the metric direction, unscored last', () => {
    const rows = [
      row({ id: 'a', number: 1, heldOut: { metric: 'log_loss', score: 0.3, learners: '' } }),
      row({ id: 'b', number: 2, heldOut: { metric: 'log_loss', score: 0.1, learners: '' } }),
      row({ id: 'c', number: 3, heldOut: undefined, status: 'failed' }),
      row({ id: 'd', number: 4, heldOut: { metric: 'log_loss', score: 0.2, learners: '' } }),
    ];
    expect(sortRows(rows, { key: 'score', ascending: false }).map((r) => r.id)).toEqual(['b', 'd', 'a', 'c']);
    expect(sortRows(rows, { key: 'score', ascending: true }).map((r) => r.id)).toEqual(['a', 'd', 'b', 'c']);
    const accuracy = [row({ id: 'x', number: 1, heldOut: { metric: 'accuracy', score: 0.8, learners: '' } }), row({ id: 'y', number: 2, heldOut: { metric: 'accuracy', score: 0.9, learners: '' } })];
    expect(sortRows(accuracy, { key: 'score', ascending: false }).map((r) => r.id)).toEqual(['y', 'x']);
  });

  it('sorts text and numbers, ties in experiment order', () => {
    const rows = [row({ id: 'a', number: 1, startedBy: 'Bo' }), row({ id: 'b', number: 2, startedBy: 'Ada' }), row({ id: 'c', number: 3, startedBy: 'Bo' })];
    expect(sortRows(rows, { key: 'startedBy', ascending: true }).map((r) => r.id)).toEqual(['b', 'a', 'c']);
    expect(sortRows(rows, { key: 'number', ascending: false }).map((r) => r.id)).toEqual(['c', 'b', 'a']);
  });

  it('filters by status, task and words in any field', () => {
    const rows = [row({ id: 'a' }), row({ id: 'b', status: 'failed', datasetName: 'cars.csv', config: { task: 'regression', label: 'mpg', metric: 'r2' } })];
    expect(filterRows(rows, { status: 'failed' }).map((r) => r.id)).toEqual(['b']);
    expect(filterRows(rows, { task: 'multiclass' }).map((r) => r.id)).toEqual(['a']);
    expect(filterRows(rows, { text: 'CARS mpg' }).map((r) => r.id)).toEqual(['b']);
    expect(filterRows(rows, { text: 'ada penguins' }).map((r) => r.id)).toEqual(['a']);
    expect(filterRows(rows, { text: 'nothing-like-this' })).toEqual([]);
  });
});
