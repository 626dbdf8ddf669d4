// Copies TF.js's WASM binaries into public/tfjs/, where the train worker finds them
// (setWasmPaths('/tfjs/')), and TF.js's browser script, which a code cell's sandbox loads as `tf`
// (workers/sandbox: the sandbox cannot import the app's modules). Only the single-threaded builds: the threaded one hangs in a Next.js
// production bundle (BROWSER.md) and lib/ml/backend.ts never asks for it.
// Run by `npm run dev`, `npm run build` and scripts/build-if-stale.mjs (`npm start`, the journeys).
// The copies are gitignored; they come from node_modules, so they follow the installed version.
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const TARGET_DIR = join(root, 'public/tfjs');
const WASM_DIR = join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
/** [source, name in public/tfjs]. */
const FILES = [
  [join(WASM_DIR, 'tfjs-backend-wasm.wasm'), 'tfjs-backend-wasm.wasm'],
  [join(WASM_DIR, 'tfjs-backend-wasm-simd.wasm'), 'tfjs-backend-wasm-simd.wasm'],
  [join(root, 'node_modules/@tensorflow/tfjs/dist/tf.es2017.min.js'), 'tf.min.js'],
];
export const TFJS_PUBLIC_FILES = FILES.map(([, name]) => name);

/** Copies the files that are missing or differ; returns the names it copied. */
export function copyTfjsWasm() {
  const copied = [];
  mkdirSync(TARGET_DIR, { recursive: true });
  for (const [source, name] of FILES) {
    const target = join(TARGET_DIR, name);
    if (!existsSync(source)) {
      throw new Error(`${source} is missing: run npm install (TF.js and its WASM backend are dependencies).`);
    }
    if (existsSync(target) && statSync(target).size === statSync(source).size && readFileSync(target).equals(readFileSync(source))) continue;
    copyFileSync(source, target);
    // Keep the package's timestamps: build-if-stale.mjs watches public/, and a fresh copy of the
    // same bytes must not look like a source change that needs a rebuild.
    const { atime, mtime } = statSync(source);
    utimesSync(target, atime, mtime);
    copied.push(name);
  }
  return copied;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const copied = copyTfjsWasm();
  if (copied.length > 0) console.log(`Copied ${copied.join(', ')} to public/tfjs/.`);
}
