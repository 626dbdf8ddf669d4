import { describe, expect, it, vi } from 'vitest';
import { chooseAutoBackend, deviceCalibration, memoryCalibrations } from './backend-choice';
import { CALIBRATION_VERSION, deviceKey, type Calibration } from './calibration';

const gpu = { description: 'nvidia hopper', fallback: false };
const device = deviceKey(gpu.description, 16);
const calibration: Calibration = {
  version: CALIBRATION_VERSION,
  device,
  measuredAt: Date.now(),
  mlp: [{ batch: 32, wasmMs: 0.4, webgpuMs: 1.2 }, { batch: 256, wasmMs: 3, webgpuMs: 1.4 }],
  trees: [{ rows: 16_384, cpuMs: 2, webgpuMs: 3 }, { rows: 131_072, cpuMs: 16, webgpuMs: 4 }],
};

describe('auto backend', () => {
  it('gives a small table WASM and a large one WebGPU, and trees the GPU above a node size', () => {
    expect(chooseAutoBackend(calibration, 300).neural.backend).toBe('wasm');
    expect(chooseAutoBackend(calibration, 100_000).neural.backend).toBe('webgpu');
    const min = chooseAutoBackend(calibration, 100_000).treeGpuMinRows;
    expect(min).toBeGreaterThan(16_384);
    expect(min).toBeLessThan(131_072);
  });

  it('uses the stored calibration while it is current and measures once otherwise', async () => {
    const store = memoryCalibrations();
    await store.save(calibration);
    const kept = await deviceCalibration(store, { adapter: gpu, cpuThreads: 16 });
    expect(kept).toEqual({ calibration, measured: false });

    const stale = memoryCalibrations();
    await stale.save({ ...calibration, measuredAt: 0 });
    const save = vi.spyOn(stale, 'save');
    // Node has no WebGPU: the fresh measurement times WASM and the CPU kernels only.
    const fresh = await deviceCalibration(stale, { adapter: { description: 'google swiftshader', fallback: true }, cpuThreads: 2 });
    expect(fresh.measured).toBe(true);
    expect(fresh.calibration.webgpuSkipped).toMatch(/software adapter/);
    expect(save).toHaveBeenCalledWith(fresh.calibration);
    expect(chooseAutoBackend(fresh.calibration, 100_000).neural).toMatchObject({ backend: 'wasm', reason: expect.stringMatching(/software adapter/) });
  }, 60_000);

  it('measures anyway when the store cannot be read', async () => {
    const broken = { read: () => Promise.reject(new Error('no IndexedDB')), save: () => Promise.reject(new Error('no IndexedDB')) };
    expect((await deviceCalibration(broken, { cpuThreads: 2 })).measured).toBe(true);
  }, 60_000);
});
