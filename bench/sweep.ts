/**
 * Sweep overhead in the browser: a sweep cell's runs beyond their training — fingerprinting,
 * the stored records (running first, heartbeat, result), the job queue and the worker messages —
 * measured by the sweep runner itself (wall time of each run less the training's own) and read
 * from the page's performance timeline. Target: under 20 ms a run.
 *
 * A 20-run sweep of tiny gradient-boosted models on penguins, so training is a few milliseconds
 * and the overhead is most of each run. Usage: npm run bench -- sweep. Writes bench/results/sweep.json and .md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAppAndBrowser } from './harness';

const root = fileURLToPath(new URL('..', import.meta.url));
const PORT = 3293;
const TARGET_MS = 20;

function quantile(sorted: readonly number[], q: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function main(): Promise<void> {
  const app = await startAppAndBrowser(PORT);
  try {
    const page = await app.browser.newPage();
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Open sample Palmer penguins' }).click();
    await page.locator('section.cell-data').first().getByLabel('Dataset summary').filter({ hasText: '344' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: '+ Sweep cell' }).click();
    const cell = page.locator('section.cell-sweep').last();
    await cell.getByLabel('Sweep params').fill('trees = 1, 2, 3, 4, 5\nleaves = 3');
    await cell.getByLabel('Seeds').fill('×4');
    await cell.getByText(/^20 runs/).waitFor();
    const started = Date.now();
    await cell.getByRole('button', { name: 'Run sweep' }).click();
    await cell.getByRole('button', { name: 'All runs done' }).waitFor({ timeout: 300_000 });
    const wallMs = Date.now() - started;
    const overheads = (await page.evaluate(() => performance.getEntriesByName('loopbook:sweep-run-overhead').map((e) => e.duration))).sort((a, b) => a - b);
    const result = {
      benchmark: 'sweep',
      date: new Date().toISOString(),
      chromium: app.browser.version(),
      runs: overheads.length,
      wallMs,
      overheadMs: { median: quantile(overheads, 0.5), p90: quantile(overheads, 0.9), max: overheads.at(-1) ?? NaN, all: overheads.map((v) => Math.round(v * 10) / 10) },
      targetMs: TARGET_MS,
    };
    const f = (v: number) => `${v.toFixed(1)} ms`;
    const table = [
      `A 20-run sweep (gbdt, trees 1–5 × 4 seeds) on penguins, in Chromium; ${(wallMs / 1000).toFixed(1)} s in all.`,
      '',
      '| measure | value | target |',
      '| --- | --- | --- |',
      `| overhead per run beyond training, median | ${f(result.overheadMs.median)} | < ${TARGET_MS} ms |`,
      `| overhead per run, 90th percentile | ${f(result.overheadMs.p90)} | |`,
      `| overhead per run, largest (the first run parses the data) | ${f(result.overheadMs.max)} | |`,
    ].join('\n');
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    writeFileSync(join(root, 'bench/results/sweep.json'), `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(join(root, 'bench/results/sweep.md'), `${table}\n`);
    console.log(`\n${table}\n\nWrote bench/results/sweep.json and .md`);
  } finally {
    await app.close();
  }
}

await main();
