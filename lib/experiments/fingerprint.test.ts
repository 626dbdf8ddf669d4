import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../canonical-json';
import { APP_VERSION } from '../version';
import { RunId, runId, withRunIds, type RunFingerprint } from './fingerprint';

const base: RunFingerprint = {
  experiment: '01HZX3K9Q6V8M2W4Y7T5R1N0PA',
  datasetHash: 'a'.repeat(64),
  learner: 'gbdt',
  params: { learningRate: 0.1, leaves: 31 },
  seed: 1,
  codeVersion: '0.1.0',
};

describe('runId', () => {
  it('is a SHA-256 hex, pinned for one input so that stored ids stay valid across releases', async () => {
    const id = await runId(base);
    expect(RunId.is(id)).toBe(true);
    // Computed once (and checked with `sha256sum` over the text below). If it changes, every stored
    // run id changes with it and every completed run would be recomputed: do not update it lightly.
    expect(canonicalJson(base)).toBe(
      `{"codeVersion":"0.1.0","datasetHash":"${'a'.repeat(64)}","experiment":"01HZX3K9Q6V8M2W4Y7T5R1N0PA","learner":"gbdt","params":{"learningRate":0.1,"leaves":31},"seed":1}`,
    );
    expect(id).toBe('95a39ee8df40952da7c8eb01239dbb2c718bb62c1d8a0eae0ecb84787a00868f');
  });

  it('does not depend on key order, in the fingerprint or in the params', async () => {
    const shuffled: RunFingerprint = {
      seed: 1,
      params: { leaves: 31, learningRate: 0.1 },
      codeVersion: '0.1.0',
      learner: 'gbdt',
      datasetHash: 'a'.repeat(64),
      experiment: base.experiment,
    };
    expect(await runId(shuffled)).toBe(await runId(base));
  });

  it('ignores properties outside the fingerprint', async () => {
    const extra = { ...base, status: 'completed', startedAt: 123 };
    expect(await runId(extra)).toBe(await runId(base));
  });

  it('formats numbers canonically: 1 = 1.0 and -0 = 0, but 0.1 + 0.2 ≠ 0.3 and 1e21 is kept', async () => {
    expect(await runId({ ...base, params: { lambda: 1.0 } })).toBe(await runId({ ...base, params: { lambda: 1 } }));
    expect(await runId({ ...base, params: { alpha: -0 } })).toBe(await runId({ ...base, params: { alpha: 0 } }));
    expect(await runId({ ...base, params: { lambda: 0.1 + 0.2 } })).not.toBe(await runId({ ...base, params: { lambda: 0.3 } }));
    expect(await runId({ ...base, params: { lambda: 1e21 } })).not.toBe(await runId({ ...base, params: { lambda: 1e20 } }));
  });

  it('refuses NaN and Infinity instead of letting them hash like null', async () => {
    await expect(runId({ ...base, params: { lambda: NaN } })).rejects.toThrow('$.params.lambda is NaN');
    await expect(runId({ ...base, seed: Infinity })).rejects.toThrow('finite');
  });

  it('changes with every input that changes the result', async () => {
    const ids = await Promise.all([
      runId(base),
      runId({ ...base, seed: 2 }),
      runId({ ...base, datasetHash: 'b'.repeat(64) }),
      runId({ ...base, codeVersion: '0.2.0' }),
      runId({ ...base, experiment: '01HZX3K9Q6V8M2W4Y7T5R1N0PB' }),
      runId({ ...base, learner: 'rf' }),
      runId({ ...base, params: { learningRate: 0.1, leaves: 63 } }),
      runId({ ...base, params: { learningRate: 0.1 } }),
    ]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives a sweep its ids in order, keeping each run', async () => {
    const runs = [
      { params: { leaves: 15 }, seed: 1 },
      { params: { leaves: 15 }, seed: 2 },
    ];
    const withIds = await withRunIds(runs, { experiment: base.experiment, datasetHash: base.datasetHash, learner: 'gbdt', codeVersion: APP_VERSION });
    expect(withIds.map((r) => r.seed)).toEqual([1, 2]);
    expect(withIds[0]?.id).toBe(await runId({ ...base, params: { leaves: 15 }, seed: 1, codeVersion: APP_VERSION }));
    expect(withIds[0]?.id).not.toBe(withIds[1]?.id);
  });
});
