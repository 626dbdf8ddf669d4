import { describe, expect, it } from 'vitest';
import type { TrialRecord } from '../ml/search/run';
import { MAX_UNPOLLED_RECORDS, ProgressBridge, initialSnapshot } from './progress-bridge';

const trial = (index: number, score: number | null = 0.5): TrialRecord => ({ index, learner: 'gbdt', params: {}, score, fitMs: 10, status: 'completed' });

describe('ProgressBridge', () => {
  it('numbers every write and returns only what is new since the last drain', () => {
    const bridge = new ProgressBridge(initialSnapshot(10_000));
    const first = bridge.drain(0);
    expect(first).toMatchObject({ seq: 0, newTrials: [], newBest: [], snapshot: { status: 'running', phase: 'loading', budgetMs: 10_000 } });

    bridge.update({ phase: 'search', elapsedMs: 100, fitting: 'gbdt' });
    bridge.addTrial(trial(1, 0.7));
    bridge.update({ elapsedMs: 200, trials: 1, bestScore: 0.7, bestLearner: 'gbdt', fitting: null });
    const second = bridge.drain(first.seq);
    expect(second.seq).toBeGreaterThan(first.seq);
    expect(second.newTrials.map((t) => t.index)).toEqual([1]);
    expect(second.newBest).toEqual([[200, 0.7]]);
    expect(second.snapshot).toMatchObject({ phase: 'search', trials: 1, bestScore: 0.7, bestLearner: 'gbdt', fitting: null });

    // Nothing new: same seq, empty lists, the snapshot still there.
    const idle = bridge.drain(second.seq);
    expect(idle).toMatchObject({ seq: second.seq, newTrials: [], newBest: [] });

    // A best that does not change adds no point; one that does, adds one.
    bridge.addTrial(trial(2, 0.6));
    bridge.update({ elapsedMs: 300, trials: 2, bestScore: 0.7 });
    bridge.addTrial(trial(3, 0.9));
    bridge.update({ elapsedMs: 400, trials: 3, bestScore: 0.9 });
    const third = bridge.drain(idle.seq);
    expect(third.newTrials.map((t) => t.index)).toEqual([2, 3]);
    expect(third.newBest).toEqual([[400, 0.9]]);
  });

  it('answers a final drain after the job ended, with the status and error', () => {
    const bridge = new ProgressBridge(initialSnapshot(5_000));
    const before = bridge.drain(0);
    bridge.addTrial(trial(1));
    bridge.finish('failed', { name: 'TrainingInputError', message: 'No label.' });
    const last = bridge.drain(before.seq);
    expect(last.newTrials).toHaveLength(1);
    expect(last.snapshot).toMatchObject({ status: 'failed', error: { name: 'TrainingInputError', message: 'No label.' } });
    expect(bridge.drain(last.seq)).toMatchObject({ seq: last.seq, newTrials: [] });
  });

  it('does not let a caller mutate the snapshot it was given', () => {
    const bridge = new ProgressBridge(initialSnapshot(1_000));
    const { snapshot } = bridge.drain(0);
    bridge.update({ trials: 4 });
    expect(snapshot.trials).toBe(0);
    expect(bridge.drain(0).snapshot.trials).toBe(4);
  });

  it('drops what the poller has, and caps what nobody polls', () => {
    const bridge = new ProgressBridge(initialSnapshot(1_000));
    let seq = 0;
    for (let i = 1; i <= 1000; i++) {
      bridge.addTrial(trial(i, i));
      bridge.update({ elapsedMs: i, trials: i, bestScore: i });
      if (i % 100 === 0) seq = bridge.drain(seq).seq;
      // At most what was polled last plus what came since: 2 polls' worth of trials and best points.
      expect(bridge.heldRecords).toBeLessThanOrEqual(400);
    }
    bridge.drain(seq);
    expect(bridge.heldRecords).toBe(0);

    const unpolled = new ProgressBridge(initialSnapshot(1_000));
    for (let i = 1; i <= MAX_UNPOLLED_RECORDS + 500; i++) unpolled.addTrial(trial(i));
    expect(unpolled.heldRecords).toBe(MAX_UNPOLLED_RECORDS);
    // The newest are the ones kept.
    expect(unpolled.drain(0).newTrials.at(-1)?.index).toBe(MAX_UNPOLLED_RECORDS + 500);
  });

  it('treats a since from the future as 0 instead of hiding records', () => {
    const bridge = new ProgressBridge(initialSnapshot(1_000));
    bridge.addTrial(trial(1));
    expect(bridge.drain(999).newTrials).toHaveLength(1);
  });
});
