import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
// Plain relative import: Playwright's loader runs this file in Node without the bundler's aliases.
import { CHROMIUM_ARGS, findChromium } from './scripts/find-chromium.mjs';

/** Its own port so that a developer's `npm start` on 3000 does not collide with the journeys. */
const PORT = Number(process.env.E2E_PORT ?? 3210);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'e2e/.artifacts',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    browserName: 'chromium',
    launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: 'node scripts/start.mjs',
    // The relay's data in a folder of this run, not the developer's .loopbook-data.
    env: { PORT: String(PORT), NEXT_TELEMETRY_DISABLED: '1', LOOPBOOK_DATA: join(tmpdir(), `loopbook-e2e-relay-${process.pid}`) },
    url: `http://localhost:${PORT}`,
    reuseExistingServer: false,
    timeout: 180_000,
  },
});
