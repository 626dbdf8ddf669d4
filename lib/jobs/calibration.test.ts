import { describe, expect, it } from 'vitest';
import { CALIBRATION_VERSION, deviceKey, isCurrent, neuralBackendFor, treeGpuMinRows, type Calibration } from './calibration';

const base: Calibration = { version: CALIBRATION_VERSION, device: deviceKey('nvidia h100', 16), measuredAt: 1_000, mlp: [], trees: [] };

describe('calibration', () => {
  it('is current only for the same device, version and a recent date', () => {
    expect(isCurrent(base, base.device, 2_000)).toBe(true);
    expect(isCurrent(base, deviceKey(undefined, 16), 2_000)).toBe(false);
    expect(isCurrent({ ...base, version: CALIBRATION_VERSION - 1 }, base.device, 2_000)).toBe(false);
    expect(isCurrent(base, base.device, 1_000 + 365 * 24 * 3600 * 1000)).toBe(false);
    expect(isCurrent(undefined, base.device, 2_000)).toBe(false);
  });

  it('gives small batches to WASM and large ones to WebGPU where the GPU wins only at size', () => {
    const cal: Calibration = { ...base, mlp: [{ batch: 32, wasmMs: 0.5, webgpuMs: 2 }, { batch: 256, wasmMs: 4, webgpuMs: 2.5 }] };
    expect(neuralBackendFor(cal, 16).backend).toBe('wasm');
    expect(neuralBackendFor(cal, 32).backend).toBe('wasm');
    expect(neuralBackendFor(cal, 256).backend).toBe('webgpu');
    expect(neuralBackendFor(cal, 1024).backend).toBe('webgpu');
    expect(neuralBackendFor(cal, 256).reason).toMatch(/WebGPU 2\.50 ms, WASM 4\.00 ms/);
  });

  it('picks a measured hardware WebGPU where WASM could not start', () => {
    const cal: Calibration = { ...base, mlp: [{ batch: 32, wasmMs: null, webgpuMs: 2 }, { batch: 256, wasmMs: null, webgpuMs: 3 }] };
    expect(neuralBackendFor(cal, 64)).toMatchObject({ backend: 'webgpu', reason: expect.stringMatching(/WASM could not start/) });
  });

  it('never picks an unmeasured or skipped WebGPU', () => {
    expect(neuralBackendFor({ ...base, mlp: [{ batch: 32, wasmMs: 1, webgpuMs: null }] }, 32).backend).toBe('wasm');
    const skipped = { ...base, webgpuSkipped: 'WebGPU here is a software adapter', mlp: [{ batch: 32, wasmMs: 9, webgpuMs: 1 }] };
    expect(neuralBackendFor(skipped, 32)).toEqual({ backend: 'wasm', reason: 'WebGPU here is a software adapter' });
    expect(treeGpuMinRows(skipped)).toBe(Infinity);
    const software = { ...base, softwareAdapter: true, mlp: [{ batch: 32, wasmMs: 9, webgpuMs: 1 }], trees: [{ rows: 10, cpuMs: 9, webgpuMs: 1 }] };
    expect(neuralBackendFor(software, 32).backend).toBe('wasm');
    expect(treeGpuMinRows(software)).toBe(Infinity);
  });

  it('finds where tree histograms start to be faster on the GPU', () => {
    // CPU linear in rows; GPU a fixed 2 ms dispatch plus a tenth of the CPU's per-row cost.
    const trees = [10_000, 100_000, 1_000_000].map((rows) => ({ rows, cpuMs: rows / 10_000, webgpuMs: 2 + rows / 100_000 }));
    const min = treeGpuMinRows({ ...base, trees });
    expect(min).toBeGreaterThan(10_000);
    expect(min).toBeLessThan(100_000);
    expect(treeGpuMinRows({ ...base, trees: trees.map((t) => ({ ...t, webgpuMs: t.cpuMs * 2 })) })).toBe(Infinity);
    expect(treeGpuMinRows({ ...base, trees: trees.map((t) => ({ ...t, webgpuMs: t.cpuMs / 2 })) })).toBe(10_000);
  });
});
