/**
 * Training in the browser: the app's real path (train cell → train worker → Dexie) in headless
 * Chromium, on the penguins and Seattle-weather samples, with the search's trials in the train
 * worker and then spread over several trial workers. Reports the longest main-thread task
 * while training (target under 50 ms), the cost of one poll + persist, trials per second, and the
 * cost of one ProgressBridge update (in Node: the bridge is plain TypeScript; target under 10 µs).
 *
 * Then, on the diagnostics page, the device's calibration and the training speed per backend (cpu,
 * wasm, webgpu) on the generated 200,000 × 30 table: GBDT with 200 trees of 63 leaves (histograms
 * on the CPU or on WebGPU) and MLP epochs per second. Here WebGPU is SwiftShader's software
 * adapter: its numbers say what the path costs on no GPU, not what a GPU does.
 *
 * The trees' row also gives prediction throughput in Chromium: the fitted trees predicting every
 * row of the table (the Node figure for whole tables is `npm run bench -- predict`).
 *
 * Usage: npm run bench -- browser-training [--time 20] [--no-speed | --speed-only]
 * Writes bench/results/browser-training.json and .md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { initialSnapshot, ProgressBridge } from '../lib/jobs/progress-bridge';
import { observeLongTasks, readLongTasks, startAppAndBrowser } from './harness';
import { numberArg } from './stats';

const root = fileURLToPath(new URL('..', import.meta.url));
const PORT = 3291;
const SAMPLES = [
  { button: 'Open sample Palmer penguins', rows: '344' },
  { button: 'Open sample Seattle weather', rows: '1,461' },
] as const;

function bridgeUpdateMicros(): number {
  const bridge = new ProgressBridge(initialSnapshot(60_000));
  const n = 1_000_000;
  for (let i = 0; i < 10_000; i++) bridge.update({ elapsedMs: i, trials: i });
  const started = performance.now();
  for (let i = 0; i < n; i++) bridge.update({ elapsedMs: i, trials: i & 1023, fitting: 'gbdt' });
  return ((performance.now() - started) * 1000) / n;
}

async function trainOnce(page: Page, url: string, sample: (typeof SAMPLES)[number], budgetS: number, workers: number) {
  await page.goto(url);
  await page.getByRole('button', { name: sample.button }).click();
  await page.locator('section.cell-data').first().getByLabel('Dataset summary').filter({ hasText: sample.rows }).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: '+ Train cell' }).click();
  const cell = page.locator('section.cell-train').last();
  await cell.getByLabel('Time budget in seconds').fill(String(budgetS));
  await cell.getByLabel('Workers per training').selectOption(String(workers));
  await observeLongTasks(page);
  const started = Date.now();
  await cell.getByRole('button', { name: 'Train', exact: true }).click();
  await cell.getByText(/exp-\d+: (completed|failed)/).waitFor({ timeout: (budgetS + 60) * 1000 });
  const wallMs = Date.now() - started;
  const status = await cell.getByText(/exp-\d+: /).first().textContent();
  const trials = await cell.getByRole('table', { name: 'Leaderboard' }).locator('tbody tr').count();
  const measured = {
    persists: await page.evaluate(() => performance.getEntriesByName('loopbook:train-persist').map((e) => e.duration)),
    longTasks: await readLongTasks(page),
  };
  const sorted = [...measured.persists].sort((a, b) => a - b);
  return {
    status,
    wallMs,
    trials,
    trialsPerSecond: Math.round((trials / (wallMs / 1000)) * 10) / 10,
    longestMainThreadTaskMs: Math.round(Math.max(0, ...measured.longTasks)),
    longTasks: measured.longTasks.length,
    polls: sorted.length,
    persistMedianMs: Math.round((sorted[sorted.length >> 1] ?? 0) * 10) / 10,
    persistMaxMs: Math.round((sorted.at(-1) ?? 0) * 10) / 10,
  };
}

/** The diagnostics page's calibration and speed table, measured in a fresh page. */
async function deviceSpeed(page: Page, url: string) {
  await page.goto(new URL('/diagnostics', url).toString());
  const adapterText = page.getByLabel('WebGPU adapter');
  await adapterText.filter({ hasNotText: 'Looking for' }).waitFor();
  const adapter = await adapterText.textContent();
  const calibration = page.getByRole('region', { name: 'Backend calibration' });
  await calibration.getByRole('button', { name: /Measure (now|again)/ }).click();
  await calibration.getByRole('table', { name: 'Network step timings' }).waitFor({ timeout: 180_000 });
  const cells = async (name: string) =>
    calibration.getByRole('table', { name }).locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  const steps = await cells('Network step timings');
  const histograms = await cells('Tree histogram timings');
  await page.getByRole('button', { name: 'Measure training speed' }).click();
  const rows = page.getByRole('table', { name: 'Training speed per backend' }).locator('tbody tr');
  await page.waitForFunction(() => [...document.querySelectorAll('tr[data-kind]')].every((r) => !/^(waiting|running)/.test(r.querySelector('td')?.textContent ?? '')), undefined, { timeout: 900_000, polling: 1000 });
  // For a look at the page as a user sees it after a run (bench/tmp is not committed).
  mkdirSync(join(root, 'bench/tmp'), { recursive: true });
  await page.screenshot({ path: join(root, 'bench/tmp/diagnostics-speed.png'), fullPage: true });
  const speed = await rows.evaluateAll((trs) => trs.map((tr) => ({ kind: tr.getAttribute('data-kind'), text: tr.querySelector('td')?.textContent ?? '', result: tr.getAttribute('data-result') })));
  return {
    adapter,
    calibration: {
      mlpStepMs: steps.map(([batch, wasm, webgpu]) => ({ batch: Number(batch), wasm: Number(wasm), webgpu: Number(webgpu) || null })),
      histogramMs: histograms.map(([rows, cpu, webgpu]) => ({ rows: Number(rows?.replace(/,/g, '')), cpu: Number(cpu), webgpu: Number(webgpu) || null })),
    },
    speed: speed.map((s) => ({ kind: s.kind, text: s.text, result: s.result ? (JSON.parse(s.result) as unknown) : null })),
  };
}

async function main(): Promise<void> {
  const budgetS = numberArg('time', 20);
  const bridgeUs = bridgeUpdateMicros();
  const app = await startAppAndBrowser(PORT);
  const { browser } = app;
  try {
    const runs = [];
    // One worker (the train worker fits every trial), then the search spread over several.
    const cores = os.availableParallelism();
    const spread = Math.max(2, cores - 1);
    for (const sample of process.argv.includes('--speed-only') ? [] : SAMPLES) {
      for (const workers of [1, spread]) {
        const page = await browser.newPage();
        runs.push({ sample: sample.button.replace('Open sample ', ''), workers, ...(await trainOnce(page, app.url, sample, budgetS, workers)) });
        await page.close();
      }
    }
    let device: Awaited<ReturnType<typeof deviceSpeed>> | undefined;
    if (!process.argv.includes('--no-speed')) {
      const page = await browser.newPage();
      device = await deviceSpeed(page, app.url);
      await page.close();
    }
    const result = { benchmark: 'browser-training', date: new Date().toISOString(), chromium: browser.version(), cores, budgetS, backend: 'auto (wasm)', bridgeUpdateMicros: Math.round(bridgeUs * 1000) / 1000, runs, ...(device ? { device } : {}), targets: { longestMainThreadTaskMs: 50, bridgeUpdateMicros: 10 } };
    const table = [
      `Budget ${budgetS} s; this machine has ${cores} cores.`,
      '',
      '| sample | workers | result | trials (per s) | longest main-thread task | polls: persist median / max | target |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...runs.map((r) => `| ${r.sample} | ${r.workers} | ${r.status} | ${r.trials} (${r.trialsPerSecond}/s) | ${r.longestMainThreadTaskMs} ms (${r.longTasks} over 50 ms) | ${r.polls}: ${r.persistMedianMs} / ${r.persistMaxMs} ms | task < 50 ms |`),
      `| ProgressBridge.update (Node) | | | | | ${result.bridgeUpdateMicros} µs per update | < 10 µs |`,
      ...(spread > cores - 1
        ? ['', `${spread} workers on ${cores} cores is more than automatic's choice (the cores less one, for the page): the page then shares a core with training, and its long tasks measure that time-slicing.`]
        : []),
      ...(device
        ? [
            '',
            `Training speed per backend, generated 200,000 × 30 table (${device.adapter ?? 'no adapter'}):`,
            '',
            '| learner, backend | result |',
            '| --- | --- |',
            ...device.speed.map((s) => `| ${s.kind} | ${s.text} |`),
            '',
            'Calibration (ms per MLP training step; ms per histogram build):',
            '',
            '| probe | WASM / CPU | WebGPU |',
            '| --- | --- | --- |',
            ...device.calibration.mlpStepMs.map((m) => `| MLP step, batch ${m.batch} | ${m.wasm} | ${m.webgpu ?? '–'} |`),
            ...device.calibration.histogramMs.map((h) => `| histogram, ${h.rows.toLocaleString('en-US')} rows | ${h.cpu} | ${h.webgpu ?? '–'} |`),
          ]
        : []),
    ].join('\n');
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    writeFileSync(join(root, 'bench/results/browser-training.json'), `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(join(root, 'bench/results/browser-training.md'), `${table}\n`);
    console.log(`\n${table}\n\nWrote bench/results/browser-training.json and .md`);
  } finally {
    await app.close();
  }
}

await main();
