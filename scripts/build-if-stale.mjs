// Builds the Next.js app and its service worker when there is no build yet, or when a source file
// is newer than it. `npm start` and the journeys call this so that a fresh clone needs no separate
// build step.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyTfjsWasm } from './copy-tfjs-wasm.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const SOURCE_DIRS = ['app', 'components', 'lib', 'workers', 'public'];
const SOURCE_FILES = ['next.config.mjs', 'package.json', 'tsconfig.json'];
/** Written by the build itself (scripts/build-service-worker.mjs), so never a reason to rebuild. */
const BUILD_OUTPUTS = new Set(['public/sw.js', 'public/sw.js.map'].map((p) => join(root, p)));

function newestMtime(path) {
  if (!existsSync(path) || BUILD_OUTPUTS.has(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function buildIfStale() {
  // Served from public/, so needed whether or not a build follows; copies nothing when up to date.
  copyTfjsWasm();
  const buildId = join(root, '.next', 'BUILD_ID');
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const sources = [...SOURCE_DIRS, ...SOURCE_FILES].map((p) => newestMtime(join(root, p)));
  if (builtAt > 0 && Math.max(...sources) <= builtAt) {
    if (!existsSync(join(root, 'public/sw.js'))) run(['scripts/build-service-worker.mjs']);
    return;
  }
  console.log(builtAt ? 'Sources changed since the last build: building…' : 'No build yet: building the app…');
  run(['node_modules/next/dist/bin/next', 'build']);
  run(['scripts/build-service-worker.mjs']);
}

function run(args) {
  const result = spawnSync(process.execPath, args.map((arg, i) => (i === 0 ? join(root, arg) : arg)), {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) {
    console.error('The build failed; see the messages above.');
    process.exit(result.status ?? 1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildIfStale();
