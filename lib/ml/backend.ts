/**
 * Chooses the TensorFlow.js backend the neural learners run on.
 *
 * WASM is the default everywhere: for the small dense nets of tabular data it beats WebGL/WebGPU
 * (whose per-op dispatch costs more than the math) and, single-threaded, it gives the same numbers
 * on every run. In Node the WASM backend reads its .wasm files from node_modules; in a browser the
 * app serves them and passes `wasmPaths`. If WASM cannot start we fall back to the CPU backend and
 * keep the reason, so the UI and the CLI can say why training is slower.
 *
 * Importing this module registers the backends; it imports nothing from the app.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
// Registers 'webgpu' where the platform has navigator.gpu; a no-op in Node.
import '@tensorflow/tfjs-backend-webgpu';

export type MlBackendPreference = 'wasm' | 'cpu' | 'webgpu' | 'auto';

export interface MlBackendOptions {
  /**
   * Where a browser finds tfjs-backend-wasm's .wasm files: a URL prefix ending in '/', or one URL
   * per file name. Ignored once the WASM backend has started (tfjs reads it only at start-up).
   */
  readonly wasmPaths?: string | Readonly<Record<string, string>>;
}

let fallbackReason: string | undefined;

/**
 * Starts the preferred backend, falling back along webgpu → wasm → cpu, and returns the name of
 * the backend now in use. 'auto' means wasm, then cpu.
 *
 * @example
 * const backend = await setMlBackend('auto'); // 'wasm' in Node
 */
export async function setMlBackend(
  preference: MlBackendPreference,
  options: MlBackendOptions = {},
): Promise<string> {
  const chain: readonly string[] =
    preference === 'webgpu' ? ['webgpu', 'wasm', 'cpu'] : preference === 'cpu' ? ['cpu'] : ['wasm', 'cpu'];
  const failures: string[] = [];
  for (const name of chain) {
    if (tf.getBackend() === name && tf.findBackend(name)) {
      fallbackReason = failures.length > 0 ? failures.join('; ') : undefined;
      return name;
    }
    const failure = await startBackend(name, options);
    if (failure === undefined) {
      fallbackReason = failures.length > 0 ? failures.join('; ') : undefined;
      return name;
    }
    failures.push(failure);
  }
  throw new Error(`No TensorFlow.js backend could start: ${failures.join('; ')}`);
}

/** Why the last `setMlBackend` did not get the backend it preferred; undefined if it did. */
export function mlBackendFallbackReason(): string | undefined {
  return fallbackReason;
}

/** Returns undefined on success, or why the backend did not start. */
async function startBackend(name: string, options: MlBackendOptions): Promise<string | undefined> {
  if (!tf.findBackendFactory(name)) return `${name} is not available on this platform`;
  try {
    if (name === 'wasm' && options.wasmPaths !== undefined && !tf.findBackend('wasm')) {
      setWasmPaths(options.wasmPaths);
    }
    // The threaded build hangs in a Next.js production bundle (its pthread bootstrap does not
    // survive minification; BROWSER.md) and gains nothing on 2 cores. Node already answers false.
    if (name === 'wasm') tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    // setBackend resolves false (and logs) when the backend's initialisation throws.
    const ok = await tf.setBackend(name);
    if (!ok) return `${name} failed to initialise`;
    await tf.ready();
    return undefined;
  } catch (error) {
    return `${name} failed to initialise: ${error instanceof Error ? error.message : String(error)}`;
  }
}
