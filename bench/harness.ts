/**
 * What the browser benchmarks share: the app served from a fresh production build on a port of
 * their own, a Chromium, and the page's long main-thread tasks.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildIfStale } from '../scripts/build-if-stale.mjs';
import { CHROMIUM_ARGS, findOrInstallChromium } from '../scripts/find-chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface RunningApp {
  readonly browser: Browser;
  readonly url: string;
  close(): Promise<void>;
}

/** Builds if stale, starts the app on `port` and a headless Chromium; `close` stops both. */
export async function startAppAndBrowser(port: number, extraArgs: readonly string[] = []): Promise<RunningApp> {
  buildIfStale();
  const server = spawn(process.execPath, ['scripts/start.mjs'], { cwd: root, env: { ...process.env, PORT: String(port), NEXT_TELEMETRY_DISABLED: '1' }, stdio: 'ignore' });
  const browser = await chromium.launch({ executablePath: findOrInstallChromium(), args: [...CHROMIUM_ARGS, ...extraArgs] });
  const url = `http://localhost:${port}/`;
  const close = async () => {
    await browser.close();
    server.kill();
  };
  try {
    for (let i = 0; ; i++) {
      if (server.exitCode !== null) throw new Error('The app server exited before it answered.');
      if (i >= 600) throw new Error(`The app did not answer at ${url}.`);
      try {
        if ((await fetch(url)).ok) break;
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { browser, url, close };
}

/** Starts recording the page's long tasks (over 50 ms); read them with `readLongTasks`. */
export async function observeLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
}

export async function readLongTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __longTasks?: number[] }).__longTasks ?? []);
}
