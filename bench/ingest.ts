/**
 * Ingest benchmark: a seeded 1,000,000 × 20 CSV (~150 MB) imported in headless Chromium through
 * the app's real path (file input → ingest worker: parse, hash, infer, profile → Dexie).
 *
 * Reports parse + infer throughput (timed in the worker), the whole import as the user waits for
 * it, the longest main-thread task, and the renderer's peak memory (page and its workers share
 * that process) above its idle level. Writes bench/results/ingest.json and prints a table.
 *
 * Usage: npm run bench -- ingest [--rows 1000000] [--repeat 3]
 */
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { generateCsvChunks } from '../lib/data/synth';
import { observeLongTasks, readLongTasks, startAppAndBrowser } from './harness';
import { numberArg } from './stats';

const root = fileURLToPath(new URL('..', import.meta.url));
const SEED = 20261122;
const PORT = 3290;
/** Targets from the issue, on a 2-core machine. */
const TARGET_MB_PER_S = 100;
const TARGET_LONGEST_TASK_MS = 100;
const TARGET_MEMORY_FACTOR = 3;

async function writeCsv(path: string, rows: number): Promise<void> {
  if (existsSync(path)) return;
  mkdirSync(join(root, 'bench/tmp'), { recursive: true });
  const out = createWriteStream(path);
  for (const chunk of generateCsvChunks({ rows, seed: SEED })) {
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

/** Resident memory of Chromium's renderer processes (the page and its dedicated workers). */
function rendererRssBytes(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer')) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (rss?.[1]) total += Number(rss[1]) * 1024;
    } catch {
      // The process ended between listing and reading.
    }
  }
  return total;
}

async function importOnce(page: Page, file: string, rows: number, timeoutMs: number) {
  await page.goto(`http://localhost:${PORT}/`);
  await page.getByLabel('New project name').fill(`Bench ${Date.now()}`);
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.getByRole('button', { name: '+ Data cell' }).click();
  await observeLongTasks(page);
  await page.waitForTimeout(1000);
  const idle = rendererRssBytes();
  let peak = idle;
  const sampler = setInterval(() => (peak = Math.max(peak, rendererRssBytes())), 50);
  const started = Date.now();
  await page.getByLabel('Import a data file').setInputFiles(file);
  await page.getByLabel('Dataset summary').waitFor({ timeout: timeoutMs });
  const wallMs = Date.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, rendererRssBytes());
  const measured = {
    detail: await page.evaluate(() => {
      const entry = performance.getEntriesByName('loopbook:import').at(-1) as PerformanceMeasure | undefined;
      return JSON.stringify(entry?.detail ?? null);
    }),
    longTasks: await readLongTasks(page),
  };
  // The preview must stay smooth at a million rows: jump through it and time each frame.
  const scroll = await page.evaluate(async () => {
    const view = document.querySelector('[aria-label="Data preview"]');
    if (!(view instanceof HTMLElement)) throw new Error('No data preview on the page.');
    const frames: number[] = [];
    for (let k = 0; k < 60; k++) {
      const started = performance.now();
      view.scrollTop = ((view.scrollHeight - view.clientHeight) * k) / 59;
      await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
      frames.push(performance.now() - started);
    }
    return { longestFrameMs: Math.max(...frames) };
  });
  await page.getByRole('rowheader', { name: rows.toLocaleString('en') }).waitFor({ timeout: 10_000 }).catch(() => undefined);
  const lastRowShown = await page.getByRole('rowheader', { name: rows.toLocaleString('en') }).count();
  return { wallMs, idle, peak, ...measured, scroll: { ...scroll, lastRowShown: lastRowShown > 0 } };
}

async function main(): Promise<void> {
  const rows = numberArg('rows', 1_000_000);
  const file = join(root, `bench/tmp/ingest-${rows}x20-seed${SEED}.csv`);
  console.log(`Generating ${rows.toLocaleString('en')} rows (seed ${SEED})…`);
  await writeCsv(file, rows);
  const bytes = statSync(file).size;

  const app = await startAppAndBrowser(PORT, ['--enable-precise-memory-info']);
  const { browser } = app;
  try {
    const mb = bytes / 1e6;
    // This 2-core VM is noisy (one run measured 72 MB/s, the next 114): import several times, each
    // in a fresh page, report the median run, and the worst run for the "at most" targets.
    const measured = [];
    for (let k = 0; k < numberArg('repeat', 3); k++) {
      const page = await browser.newPage();
      const one = await importOnce(page, file, rows, 600_000);
      await page.close();
      const detail: unknown = JSON.parse(one.detail);
      const t = readTimings(detail);
      measured.push({ run: one, timings: t, mbps: mb / ((t.parseMs + t.analyzeMs) / 1000) });
      console.log(`import ${k + 1}: parse + infer ${round(measured.at(-1)!.mbps)} MB/s`);
    }
    measured.sort((a, b) => a.mbps - b.mbps);
    const { run, timings } = measured[measured.length >> 1]!;
    const worst = {
      longTasks: measured.flatMap((m) => m.run.longTasks),
      memory: Math.max(...measured.map((m) => m.run.peak - m.run.idle)),
      frame: Math.max(...measured.map((m) => m.run.scroll.longestFrameMs)),
    };
    const parseInferMs = timings.parseMs + timings.analyzeMs;
    const result = {
      benchmark: 'ingest',
      date: new Date().toISOString(),
      machine: { cores: (await import('node:os')).cpus().length, node: process.version, chromium: browser.version() },
      input: { rows, columns: 20, bytes, seed: SEED },
      parseInferMBps: round(mb / (parseInferMs / 1000)),
      parseInferMBpsRuns: measured.map((m) => round(m.mbps)),
      parseMs: round(timings.parseMs),
      inferMs: round(timings.analyzeMs),
      hashMs: round(timings.hashMs),
      readWaitMs: round(timings.readWaitMs),
      importWallMs: run.wallMs,
      importWallMBps: round(mb / (run.wallMs / 1000)),
      rowsPerSecond: Math.round(rows / (parseInferMs / 1000)),
      longestMainThreadTaskMs: round(Math.max(0, ...worst.longTasks)),
      longTasks: worst.longTasks.length,
      peakMemoryAboveIdleBytes: worst.memory,
      peakMemoryFactor: round(worst.memory / bytes),
      previewLongestFrameMs: round(worst.frame),
      previewLastRowShown: measured.every((m) => m.run.scroll.lastRowShown),
      targets: {
        parseInferMBps: TARGET_MB_PER_S,
        longestMainThreadTaskMs: TARGET_LONGEST_TASK_MS,
        peakMemoryFactor: TARGET_MEMORY_FACTOR,
      },
    };
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    writeFileSync(join(root, 'bench/results/ingest.json'), `${JSON.stringify(result, null, 2)}\n`);
    const table = [
      '| measure | value | target |',
      '| --- | --- | --- |',
      `| file | ${mb.toFixed(1)} MB, ${rows.toLocaleString('en')} rows × 20 columns | |`,
      `| parse + infer (in the worker), median of ${measured.length} imports | ${result.parseInferMBps} MB/s, ${result.rowsPerSecond.toLocaleString('en')} rows/s (runs: ${result.parseInferMBpsRuns.join(', ')} MB/s) | ≥ ${TARGET_MB_PER_S} MB/s |`,
      `| parse (of which waiting for the file) / infer / reading the file + SHA-256 | ${result.parseMs} ms (${result.readWaitMs} ms) / ${result.inferMs} ms / ${result.hashMs} ms | |`,
      `| whole import (file chosen → profile shown, stored) | ${run.wallMs} ms (${result.importWallMBps} MB/s) | |`,
      `| longest main-thread task (all imports) | ${result.longestMainThreadTaskMs} ms (${result.longTasks} tasks over 50 ms) | ≤ ${TARGET_LONGEST_TASK_MS} ms |`,
      `| preview: 60 jumps through all rows (worst import) | longest frame ${result.previewLongestFrameMs} ms; last row shown: ${result.previewLastRowShown ? 'yes' : 'no'} | smooth |`,
      `| peak renderer memory above idle (worst import) | ${(result.peakMemoryAboveIdleBytes / 1e6).toFixed(0)} MB = ${result.peakMemoryFactor}× the file | ≤ ${TARGET_MEMORY_FACTOR}× |`,
    ].join('\n');
    writeFileSync(join(root, 'bench/results/ingest.md'), `${table}\n`);
    console.log(`\n${table}\n\nWrote bench/results/ingest.json and bench/results/ingest.md`);
  } finally {
    await app.close();
  }
}

function readTimings(detail: unknown): { parseMs: number; analyzeMs: number; hashMs: number; readWaitMs: number } {
  if (typeof detail === 'object' && detail !== null && 'parseMs' in detail && 'analyzeMs' in detail && 'hashMs' in detail && 'readWaitMs' in detail) {
    const { parseMs, analyzeMs, hashMs, readWaitMs } = detail;
    if (typeof parseMs === 'number' && typeof analyzeMs === 'number' && typeof hashMs === 'number' && typeof readWaitMs === 'number') {
      return { parseMs, analyzeMs, hashMs, readWaitMs };
    }
  }
  throw new Error('The import did not report its timings (no loopbook:import measure).');
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

await main();
