/**
 * Working offline and storage at scale (issue 9's speed section).
 *
 * In Node (fake-indexeddb): 100 projects, each with a notebook, a dataset of its own (every tenth
 * also shares one) and three trained models; the storage report over them (median of 9) and the
 * collection of unreferenced blobs. The same 100 projects go into a backup zip for the browser part.
 *
 * In headless Chromium against `npm start`'s server: the first visit (until the service worker has
 * precached the app and controls the page) and what it cached; the 100 projects restored from the
 * backup, plus the penguins sample; then cached starts, reloads served by the service worker, first
 * with the server up and then with it killed: time from navigation start to the projects list
 * (the home page is interactive: it shows what IndexedDB holds; target under 1 s), to the storage
 * table over 101 projects, and to a notebook's data cell. Median of 7 reloads each.
 *
 * Usage: npm run bench -- offline [--projects 100]
 * Writes bench/results/offline.json and .md.
 */
import 'fake-indexeddb/auto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { CellId } from '../lib/ids';
import { openProjectDoc } from '../lib/sync/local-persistence';
import { addCell, cellText } from '../lib/sync/project-doc';
import { exportEverything } from '../lib/store/backup';
import { saveDataset } from '../lib/store/datasets';
import { finishExperiment, startExperiment } from '../lib/store/experiments';
import { createProject } from '../lib/store/projects';
import { collectUnreferencedBlobs, storageReport } from '../lib/store/storage-report';
import { csvDataset } from '../lib/store/test/fixtures';
import { db } from '../lib/store/db';
import { buildIfStale } from '../scripts/build-if-stale.mjs';
import { CHROMIUM_ARGS, findOrInstallChromium } from '../scripts/find-chromium.mjs';
import { freePort } from '../scripts/free-port.mjs';
import { spawnLoopbook } from '../scripts/spawn-loopbook.mjs';
import { median, numberArg, round } from './stats';

const root = fileURLToPath(new URL('..', import.meta.url));
const TARGET_CACHED_START_MS = 1000;
const RELOADS = 7;
const MODELS_PER_PROJECT = 3;
const MODEL_BYTES = 40_000;

const mb = (bytes: number) => round(bytes / 1e6, 2);

const config = { label: 'y', task: 'regression', metric: 'r2', timeBudgetS: 10, seed: 1, learners: ['gbdt'], ensemble: true, backend: 'auto' } as const;
const evaluation = { task: 'regression', metric: 'r2', rows: 40, metrics: { r2: 0.9 }, importance: [] } as const;
const result = { chosen: [], validScore: 0.2, evaluation, validation: { kind: 'holdout', trainRows: 160, testRows: 40 }, notices: [], backend: 'wasm', trialWorkers: 1, elapsedMs: 900 } as const;

/** `count` projects in fake-indexeddb, as described above. */
async function seedProjects(count: number): Promise<void> {
  const shared = await csvDataset(table(500, 0), 'shared.csv');
  for (let p = 0; p < count; p++) {
    const project = await createProject(`Project ${String(p + 1).padStart(3, '0')}`);
    const { doc, dispose } = await openProjectDoc(project.id);
    cellText(doc, addCell(doc, 'markdown'))?.insert(0, `Notes of project ${p + 1}`);
    await dispose();
    const own = await csvDataset(table(200, p + 1), `data-${p + 1}.csv`);
    await saveDataset({ projectId: project.id, cellId: CellId.create(), ...own });
    if (p % 10 === 0) await saveDataset({ projectId: project.id, cellId: CellId.create(), ...shared });
    for (let m = 0; m < MODELS_PER_PROJECT; m++) {
      const id = `${project.id}-m${m}`;
      await startExperiment({ id, projectId: project.id, cellId: 'c', datasetHash: own.record.hash, config: { ...config, learners: ['gbdt'] } });
      const model = new Uint8Array(MODEL_BYTES);
      model.fill(p * MODELS_PER_PROJECT + m + 1);
      await finishExperiment(id, { status: 'completed', result, modelZip: model });
    }
  }
}

function table(rows: number, seed: number): string {
  const lines = ['x,z,y'];
  for (let i = 0; i < rows; i++) lines.push(`${i},${(i * 7 + seed) % 13},${((i * 31 + seed * 17) % 1000) / 10}`);
  return `${lines.join('\n')}\n`;
}

async function timeMedian(runs: number, f: () => Promise<unknown>): Promise<number> {
  await f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await f();
    times.push(performance.now() - started);
  }
  return median(times);
}

/**
 * Runs in every document: records (performance.now(), from navigation start) when the projects
 * list shows a project, when the storage table has `projects` rows, and when a data cell shows
 * the penguins' 344 rows.
 */
function markMilestones(projects: number) {
  const marks: Record<string, number> = {};
  (window as unknown as { __marks: Record<string, number> }).__marks = marks;
  const check = () => {
    const now = performance.now();
    if (marks.projects === undefined && document.querySelector('a[href^="/project?id="]')) marks.projects = now;
    if (marks.storage === undefined && document.querySelectorAll('table[aria-label="Storage by project"] tbody tr').length >= projects) marks.storage = now;
    if (marks.dataCell === undefined && document.querySelector('[aria-label="Dataset summary"]')?.textContent?.includes('344')) marks.dataCell = now;
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
}

async function reloadUntil(page: Page, url: string, mark: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < RELOADS; i++) {
    await page.goto(url);
    await page.waitForFunction((m) => (window as unknown as { __marks: Record<string, number> }).__marks[m] !== undefined, mark, { timeout: 30_000 }).catch(async (error: unknown) => {
      const seen = await page.evaluate(() => ({ marks: (window as unknown as { __marks?: unknown }).__marks ?? null, rows: document.querySelectorAll('table[aria-label="Storage by project"] tbody tr').length, links: document.querySelectorAll('a[href^="/project?id="]').length }));
      throw new Error(`${url} never reached "${mark}" (${JSON.stringify(seen)}): ${String(error)}`);
    });
    times.push(await page.evaluate((m) => (window as unknown as { __marks: Record<string, number> }).__marks[m] ?? NaN, mark));
  }
  return times;
}

async function main(): Promise<void> {
  const projectCount = numberArg('projects', 100);
  console.log(`Seeding ${projectCount} projects in fake-indexeddb…`);
  await seedProjects(projectCount);
  const report = await storageReport();
  const node = {
    projects: report.projects.length,
    blobs: await db.blobs.count(),
    storageReportMs: round(await timeMedian(9, () => storageReport()), 1),
    collectUnreferencedMs: round(await timeMedian(9, () => collectUnreferencedBlobs()), 1),
  };
  const { bytes: backup } = await exportEverything();
  const backupPath = join(mkdtempSync(join(tmpdir(), 'loopbook-bench-offline-')), 'backup.zip');
  writeFileSync(backupPath, backup);
  console.log(`Storage report over ${node.projects} projects: ${node.storageReportMs} ms (Node, fake-indexeddb). Backup ${mb(backup.byteLength)} MB.`);

  buildIfStale();
  const port = await freePort();
  let server = (await spawnLoopbook({ PORT: String(port), HOST: 'localhost', LOOPBOOK_DATA: mkdtempSync(join(tmpdir(), 'loopbook-bench-offline-data-')) })).child;
  const origin = `http://localhost:${port}`;
  const browser = await chromium.launch({ executablePath: findOrInstallChromium(), args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext();
    // tsx keeps function names with an `__name(fn, "name")` helper that the page does not have.
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await context.addInitScript(markMilestones, projectCount + 1);
    const page = await context.newPage();
    const visitStarted = performance.now();
    await page.goto(`${origin}/`);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    });
    const firstVisitMs = performance.now() - visitStarted;
    const cache = await page.evaluate(async () => {
      let entries = 0;
      let bytes = 0;
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
          entries++;
          bytes += (await (await cache.match(request))?.blob())?.size ?? 0;
        }
      }
      const estimate: StorageEstimate & { usageDetails?: { caches?: number } } = await navigator.storage.estimate();
      return { entries, bytes, estimateBytes: estimate.usageDetails?.caches ?? null };
    });

    await page.getByRole('button', { name: 'Open sample Palmer penguins' }).click();
    await page.getByLabel('Dataset summary').filter({ hasText: '344' }).waitFor();
    const projectUrl = page.url();
    await page.goto(`${origin}/`);
    const restoreStarted = performance.now();
    await page.getByLabel('Restore a backup').setInputFiles(backupPath);
    await page.getByRole('status').filter({ hasText: `Restored ${projectCount} projects` }).waitFor({ timeout: 600_000 });
    const restoreMs = performance.now() - restoreStarted;

    const starts = async () => {
      const projects = await reloadUntil(page, `${origin}/`, 'projects');
      const storage = await reloadUntil(page, `${origin}/`, 'storage');
      const dataCell = await reloadUntil(page, projectUrl, 'dataCell');
      return { homeInteractiveMs: round(median(projects)), homeInteractiveMaxMs: round(Math.max(...projects)), storageTableMs: round(median(storage)), notebookDataCellMs: round(median(dataCell)) };
    };
    const serverUp = await starts();
    server.kill('SIGKILL');
    await new Promise((resolve) => server.once('exit', resolve));
    const serverKilled = await starts();

    const out = {
      benchmark: 'offline',
      date: new Date().toISOString(),
      machine: { cores: cpus().length, node: process.version, chromium: browser.version() },
      node: { ...node, backupMB: mb(backup.byteLength), note: 'fake-indexeddb in Node' },
      browser: {
        firstVisitUntilControlledMs: round(firstVisitMs),
        serviceWorkerCache: { entries: cache.entries, MB: mb(cache.bytes), browserEstimateMB: cache.estimateBytes === null ? null : mb(cache.estimateBytes) },
        restore: { projects: projectCount, seconds: round(restoreMs / 1000, 2) },
        cachedStart: { serverUp, serverKilled },
      },
      targets: { cachedStartMs: TARGET_CACHED_START_MS },
    };
    const worst = Math.max(serverUp.homeInteractiveMs, serverKilled.homeInteractiveMs);
    const md = [
      `# Offline and storage (${out.date.slice(0, 10)}, ${out.machine.cores} cores, Chromium ${out.machine.chromium})`,
      '',
      '| measure | value | target |',
      '| --- | --- | --- |',
      `| cached start, home interactive (median of ${RELOADS}), server up | ${serverUp.homeInteractiveMs} ms (max ${serverUp.homeInteractiveMaxMs}) | < ${TARGET_CACHED_START_MS} ms ${worst < TARGET_CACHED_START_MS ? '✓' : '✗'} |`,
      `| cached start, home interactive, server killed | ${serverKilled.homeInteractiveMs} ms (max ${serverKilled.homeInteractiveMaxMs}) | < ${TARGET_CACHED_START_MS} ms |`,
      `| cached start, storage table over ${projectCount + 1} projects, server up / killed | ${serverUp.storageTableMs} / ${serverKilled.storageTableMs} ms | |`,
      `| cached start, notebook with its data cell, server up / killed | ${serverUp.notebookDataCellMs} / ${serverKilled.notebookDataCellMs} ms | |`,
      `| first visit until the service worker controls the page | ${out.browser.firstVisitUntilControlledMs} ms | |`,
      `| service-worker cache | ${cache.entries} files, ${mb(cache.bytes)} MB${cache.estimateBytes === null ? '' : ` (browser's estimate ${mb(cache.estimateBytes)} MB)`} | |`,
      `| restore a backup of ${projectCount} projects (${mb(backup.byteLength)} MB) in the browser | ${out.browser.restore.seconds} s | |`,
      `| storage report over ${node.projects} projects, ${node.blobs} blobs (Node, fake-indexeddb) | ${node.storageReportMs} ms | |`,
      `| collecting unreferenced blobs over them (Node, fake-indexeddb) | ${node.collectUnreferencedMs} ms | |`,
      '',
    ].join('\n');
    const dir = join(root, 'bench/results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'offline.json'), `${JSON.stringify(out, null, 2)}\n`);
    writeFileSync(join(dir, 'offline.md'), md);
    console.log(md);
  } finally {
    await browser.close();
    server.kill('SIGKILL');
  }
}

await main();
