import { afterAll, describe, expect, it } from 'vitest';
import { mlBackendFallbackReason, setMlBackend } from './backend';

describe('setMlBackend', () => {
  afterAll(async () => {
    await setMlBackend('wasm');
  });

  it('runs on WASM in Node, or says why it fell back to CPU', async () => {
    const backend = await setMlBackend('auto');
    expect(['wasm', 'cpu']).toContain(backend);
    if (backend === 'cpu') expect(mlBackendFallbackReason()).toMatch(/wasm/);
    else expect(mlBackendFallbackReason()).toBeUndefined();
  });

  it('gives the CPU backend when asked', async () => {
    expect(await setMlBackend('cpu')).toBe('cpu');
    expect(mlBackendFallbackReason()).toBeUndefined();
  });

  it('falls back from WebGPU where Node has none, keeping the reason', async () => {
    const backend = await setMlBackend('webgpu');
    expect(['wasm', 'cpu']).toContain(backend);
    expect(mlBackendFallbackReason()).toMatch(/webgpu/);
  });
});
