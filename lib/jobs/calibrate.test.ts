import { beforeAll, describe, expect, it } from 'vitest';
import { EmulatedDevice } from '../ml/gbdt/gpu/test/emulated-device';
import { setMlBackend } from '../ml/backend';
import { calibrate, MLP_BATCHES, TREE_ROWS } from './calibrate';
import { deviceKey, neuralBackendFor, treeGpuMinRows } from './calibration';

beforeAll(async () => {
  await setMlBackend('wasm');
});

describe('calibrate', () => {
  it('times WASM and the CPU kernels and skips WebGPU where there is no adapter', async () => {
    const c = await calibrate({ cpuThreads: 2, now: () => 42 });
    expect(c.device).toBe(deviceKey(undefined, 2));
    expect(c.measuredAt).toBe(42);
    expect(c.webgpuSkipped).toMatch(/no WebGPU adapter/);
    expect(c.mlp.map((m) => m.batch)).toEqual([...MLP_BATCHES]);
    for (const m of c.mlp) {
      expect(m.wasmMs).toBeGreaterThan(0);
      expect(m.webgpuMs).toBeNull();
    }
    expect(c.trees.map((t) => t.rows)).toEqual([...TREE_ROWS]);
    for (const t of c.trees) expect(t.cpuMs).toBeGreaterThan(0);
    expect(neuralBackendFor(c, 256).backend).toBe('wasm');
    expect(treeGpuMinRows(c)).toBe(Infinity);
  }, 60_000);

  it('skips a software adapter unless asked, and then times its histogram device', async () => {
    const adapter = { description: 'google swiftshader [fallback adapter]', fallback: true };
    const openHistograms = async () => new EmulatedDevice(1);
    const skipped = await calibrate({ cpuThreads: 2, adapter, openHistograms });
    expect(skipped.webgpuSkipped).toMatch(/software adapter/);
    expect(skipped.trees.every((t) => t.webgpuMs === null)).toBe(true);
    // Node has no WebGPU for TF.js: the network's WebGPU times stay unmeasured, the trees' are timed.
    const measured = await calibrate({ cpuThreads: 2, adapter, openHistograms, includeSoftware: true });
    expect(measured.webgpuSkipped).toBeUndefined();
    expect(measured.softwareAdapter).toBe(true);
    expect(measured.trees.every((t) => typeof t.webgpuMs === 'number' && t.webgpuMs > 0)).toBe(true);
  }, 120_000);
});
