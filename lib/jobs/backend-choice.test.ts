import { expect, it } from 'vitest';
import { decideBackend } from './backend-choice';

it('never picks a software adapter, and otherwise picks what measured faster', () => {
  expect(decideBackend(undefined).backend).toBe('wasm');
  expect(decideBackend({ description: 'google swiftshader', fallback: true }, { wasmMs: 9, webgpuMs: 1 })).toMatchObject({ backend: 'wasm', reason: expect.stringMatching(/software adapter/) });
  expect(decideBackend({ description: 'nvidia hopper', fallback: false }, { wasmMs: 9, webgpuMs: 1 }).backend).toBe('webgpu');
  expect(decideBackend({ description: 'nvidia hopper', fallback: false }, { wasmMs: 1, webgpuMs: 9 }).backend).toBe('wasm');
  expect(decideBackend({ description: 'nvidia hopper', fallback: false }).backend).toBe('wasm');
});
