// `npm run test:e2e`: find (or install) Chromium, build the app when needed, run the Playwright journeys.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from './build-if-stale.mjs';
import { findOrInstallChromium } from './find-chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.env.CHROMIUM_PATH = findOrInstallChromium();
process.env.NEXT_TELEMETRY_DISABLED = '1';
buildIfStale();

const result = spawnSync(
  process.execPath,
  ['node_modules/@playwright/test/cli.js', 'test', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit', env: process.env },
);
process.exit(result.status ?? 1);
