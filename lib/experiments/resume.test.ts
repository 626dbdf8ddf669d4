import { describe, expect, it } from 'vitest';
import { planSweep, type RunRecordState } from './resume';

const STALE_MS = 5000;
const NOW = 1_000_000;
const runs = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
const ids = (list: readonly { id: string }[]) => list.map((r) => r.id);
const plan = (existing: RunRecordState[], retryFailed = false, now = NOW) => planSweep(runs, existing, now, { retryFailed, staleMs: STALE_MS });

describe('planSweep', () => {
  it('runs everything when nothing is stored, in the sweep order', () => {
    expect(ids(plan([]).toRun)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('never recomputes a completed run', () => {
    const p = plan([{ id: 'b', status: 'completed' }]);
    expect(ids(p.toRun)).toEqual(['a', 'c', 'd', 'e']);
    expect(ids(p.skipped.completed)).toEqual(['b']);
  });

  it("skips a run another tab is running (fresh heartbeat), and reruns a crashed one (stale or none)", () => {
    const p = plan([
      { id: 'a', status: 'running', heartbeatAt: NOW - 1000 },
      { id: 'b', status: 'running', heartbeatAt: NOW - STALE_MS - 1 },
      { id: 'c', status: 'running' },
    ]);
    expect(ids(p.skipped.running)).toEqual(['a']);
    expect(ids(p.toRun)).toEqual(['b', 'c', 'd', 'e']);
    // Exactly staleMs old is still fresh, as in lib/store.
    expect(ids(plan([{ id: 'a', status: 'running', heartbeatAt: NOW - STALE_MS }]).skipped.running)).toEqual(['a']);
  });

  it('reruns interrupted and canceled runs', () => {
    expect(ids(plan([{ id: 'a', status: 'interrupted' }, { id: 'b', status: 'canceled' }]).toRun)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('reruns failed runs only when asked', () => {
    const existing: RunRecordState[] = [{ id: 'c', status: 'failed' }];
    expect(ids(plan(existing).skipped.failed)).toEqual(['c']);
    expect(ids(plan(existing).toRun)).toEqual(['a', 'b', 'd', 'e']);
    expect(ids(plan(existing, true).toRun)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(plan(existing, true).skipped.failed).toEqual([]);
  });

  it('plans a run listed twice once', () => {
    const p = planSweep([{ id: 'a' }, { id: 'b' }, { id: 'a' }], [], NOW, { retryFailed: false, staleMs: STALE_MS });
    expect(ids(p.toRun)).toEqual(['a', 'b']);
  });

  it('with several records for one run, the most final counts: completed, then running, then failed', () => {
    const p = plan([
      { id: 'a', status: 'failed' },
      { id: 'a', status: 'completed' },
      { id: 'b', status: 'failed' },
      { id: 'b', status: 'running', heartbeatAt: NOW },
      { id: 'c', status: 'interrupted' },
      { id: 'c', status: 'failed' },
    ]);
    expect(ids(p.skipped.completed)).toEqual(['a']);
    expect(ids(p.skipped.running)).toEqual(['b']);
    expect(ids(p.skipped.failed)).toEqual(['c']);
  });

  it('a crash between runs: resuming loses nothing and repeats nothing', () => {
    const sweep = Array.from({ length: 50 }, (_, i) => ({ id: `run-${i}` }));
    const store = new Map<string, RunRecordState>();
    const executed: string[] = [];
    let clock = 0;
    // Runs until `crashAfter` runs finished, then dies while the next one is running.
    const work = (crashAfter: number) => {
      const { toRun } = planSweep(sweep, [...store.values()], clock, { retryFailed: false, staleMs: STALE_MS });
      for (const [i, run] of toRun.entries()) {
        clock += 100;
        store.set(run.id, { id: run.id, status: 'running', heartbeatAt: clock });
        if (i === crashAfter) return; // The tab is closed here: the record stays `running`.
        executed.push(run.id);
        store.set(run.id, { id: run.id, status: 'completed' });
      }
    };
    work(17);
    clock += STALE_MS + 1; // The reload comes after the heartbeat went stale.
    work(20);
    clock += STALE_MS + 1;
    work(Infinity);
    expect([...executed].sort()).toEqual(ids(sweep).sort());
    expect(new Set(executed).size).toBe(executed.length);
    expect(planSweep(sweep, [...store.values()], clock, { retryFailed: false, staleMs: STALE_MS }).toRun).toEqual([]);
  });

  it('a reload before the heartbeat goes stale leaves the crashed run alone until it does', () => {
    const existing: RunRecordState[] = [{ id: 'a', status: 'running', heartbeatAt: NOW }];
    expect(ids(plan(existing, false, NOW + 1000).skipped.running)).toEqual(['a']);
    expect(ids(plan(existing, false, NOW + STALE_MS + 1).toRun)).toContain('a');
  });
});
