/**
 * What 'auto' means for the neural learners, decided by measurement rather than assumed
 * (DESIGN.md §5): WASM, unless this device has a hardware WebGPU adapter that runs a probe the size
 * of a typical tabular network faster. A software (fallback) adapter never wins (BROWSER.md: ~37×
 * slower than WASM here). Measured once per worker and kept for its lifetime.
 */
import * as tf from '@tensorflow/tfjs';
import { setMlBackend, type MlBackendOptions } from '../ml/backend';

export interface GpuAdapterInfo {
  readonly description: string;
  readonly fallback: boolean;
}

export interface BackendChoice {
  readonly backend: 'wasm' | 'webgpu';
  /** For the experiment's notices: why this backend. */
  readonly reason: string;
}

/** The probe: one hidden layer of 64 units over a batch of 256 rows × 64 features, forward and back. */
const PROBE = { rows: 256, cols: 64, units: 64, rounds: 20 } as const;

let cached: BackendChoice | undefined;

export function decideBackend(adapter: GpuAdapterInfo | undefined, timings?: { wasmMs: number; webgpuMs: number }): BackendChoice {
  if (!adapter) return { backend: 'wasm', reason: 'no WebGPU adapter on this device' };
  if (adapter.fallback) return { backend: 'wasm', reason: `WebGPU here is a software adapter (${adapter.description}), slower than WASM` };
  if (!timings) return { backend: 'wasm', reason: 'WebGPU could not be measured' };
  const faster = timings.webgpuMs < timings.wasmMs;
  const numbers = `probe: WebGPU ${timings.webgpuMs.toFixed(1)} ms, WASM ${timings.wasmMs.toFixed(1)} ms`;
  return faster ? { backend: 'webgpu', reason: `measured faster (${numbers})` } : { backend: 'wasm', reason: `measured faster (${numbers})` };
}

/** Chooses, measuring the first time; leaves the chosen backend active and returns the one in use. */
export async function chooseAutoBackend(adapter: GpuAdapterInfo | undefined, options: MlBackendOptions): Promise<BackendChoice & { readonly active: string }> {
  if (!cached) {
    let timings: { wasmMs: number; webgpuMs: number } | undefined;
    if (adapter && !adapter.fallback) {
      try {
        const wasmMs = (await setMlBackend('wasm', options)) === 'wasm' ? timeProbe() : Infinity;
        const webgpuMs = (await setMlBackend('webgpu', options)) === 'webgpu' ? timeProbe() : Infinity;
        timings = { wasmMs, webgpuMs };
      } catch {
        timings = undefined;
      }
    }
    cached = decideBackend(adapter, timings);
  }
  const active = await setMlBackend(cached.backend, options);
  return { ...cached, active };
}

/** Milliseconds per probe round, after a warm-up round (shader compilation, WASM start-up). */
function timeProbe(): number {
  const x = tf.randomNormal([PROBE.rows, PROBE.cols], 0, 1, 'float32', 1);
  const w1 = tf.randomNormal([PROBE.cols, PROBE.units], 0, 0.1, 'float32', 2);
  const w2 = tf.randomNormal([PROBE.units, 1], 0, 0.1, 'float32', 3);
  const round = () =>
    tf.tidy(() => {
      const h = tf.relu(tf.matMul(x, w1));
      const out = tf.matMul(h, w2);
      // The backward pass's two products, as a training step does.
      const dw2 = tf.matMul(h, out, true, false);
      const dh = tf.matMul(out, w2, false, true);
      return tf.add(tf.sum(dw2), tf.sum(tf.matMul(x, dh, true, false)));
    });
  try {
    round().dataSync();
    const started = performance.now();
    let last: tf.Tensor | undefined;
    for (let i = 0; i < PROBE.rounds; i++) {
      last?.dispose();
      last = round();
    }
    last?.dataSync();
    last?.dispose();
    return (performance.now() - started) / PROBE.rounds;
  } finally {
    tf.dispose([x, w1, w2]);
  }
}
