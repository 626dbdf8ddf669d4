import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, expect, test, type Page, type TestInfo } from '@playwright/test';
import { freePort } from '../scripts/free-port.mjs';
import { spawnLoopbook } from '../scripts/spawn-loopbook.mjs';
import { addDataCell, addMarkdown, createProject, PENGUINS_CSV, person, preferDownloads, trainFirstExperiment, untilOfflineReady } from './helpers';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The first visit: waits until the service worker has precached the app and controls the page. */
async function visitOnce(page: Page, origin = ''): Promise<void> {
  await page.goto(`${origin}/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
  await untilOfflineReady(page);
}

/**
 * With no way to reach the server: opens the app, creates a project, imports a CSV, trains,
 * predicts, exports the model.zip (which the CLI reads) and the project, and imports the project
 * back. Every page, chunk, worker and WASM file comes from the service worker's precache.
 */
async function workWithoutTheServer(page: Page, origin: string, testInfo: TestInfo, name: string): Promise<void> {
  await createProject(page, name, origin);
  const data = await addDataCell(page);
  await data.getByLabel('Import a data file').setInputFiles(PENGUINS_CSV);
  await expect(data.getByLabel('Dataset summary')).toContainText('344');

  await trainFirstExperiment(page, 3);

  await page.getByRole('button', { name: '+ Predict cell' }).click();
  const predict = page.locator('section.cell-predict').last();
  await predict.getByRole('button', { name: 'Predict', exact: true }).click();
  await expect(predict.getByText('344 rows predicted')).toBeVisible({ timeout: 30_000 });

  await page.getByRole('link', { name: /^Experiments/ }).click();
  await page.getByRole('table', { name: 'Experiments' }).getByRole('button', { name: 'Open exp-001' }).click();
  const modelDownload = page.waitForEvent('download');
  await page.getByRole('region', { name: 'Experiment exp-001' }).getByRole('button', { name: 'Export model.zip' }).click();
  const modelPath = testInfo.outputPath(`${name}.model.zip`);
  await (await modelDownload).saveAs(modelPath);
  const inspected = spawnSync(process.execPath, ['cli/loopbook.mjs', 'inspect', modelPath, '--json'], { cwd: ROOT, encoding: 'utf8' });
  expect(inspected.status, inspected.stderr).toBe(0);
  expect(JSON.parse(inspected.stdout)).toMatchObject({ format: 'loopbook-model', label: 'Species', task: 'multiclass' });

  await page.getByRole('link', { name: '← Notebook' }).click();
  const projectDownload = page.waitForEvent('download');
  await page.getByRole('banner').getByRole('button', { name: 'Export project' }).click();
  const projectPath = testInfo.outputPath(`${name}.project.zip`);
  await (await projectDownload).saveAs(projectPath);

  await page.goto(`${origin}/`);
  await page.getByLabel('Import a project.zip').setInputFiles(projectPath);
  await expect(page.getByTestId('project-dropzone').getByRole('status')).toContainText(`Imported ${name} (imported): 1 experiment and 1 dataset.`);
  await page.getByRole('link', { name: `${name} (imported)` }).first().click();
  await expect(page.locator('section.cell-predict').last().getByText('344 rows predicted')).toBeVisible({ timeout: 15_000 });
}

test('the app is installable: its manifest parses and Chromium finds nothing missing', async ({ baseURL }, testInfo) => {
  // A profile on disk: Chromium never offers to install from an incognito-like context.
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'loopbook-e2e-install-')), testInfo.project.use.launchOptions ?? {});
  try {
    const page = await context.newPage();
    await visitOnce(page, baseURL);
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.errors).toEqual([]);
    expect(manifest.url).toMatch(/\/manifest\.webmanifest$/);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
  } finally {
    await context.close();
  }
});

test('after one visit, with the network off, the whole app works: import, train, predict, code, export, import', async ({ page, baseURL }, testInfo) => {
  test.setTimeout(180_000);
  await preferDownloads(page);
  await visitOnce(page);
  await page.context().setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
  await workWithoutTheServer(page, baseURL!, testInfo, 'Offline penguins');
  await page.screenshot({ path: 'e2e/.artifacts/offline-imported.png', fullPage: true });
  // A code cell: its sandbox gets TF.js from the precache too.
  await page.getByRole('button', { name: '+ Code cell' }).click();
  const code = page.locator('section.cell-code').last();
  await code.getByRole('button', { name: 'Run code' }).click();
  await expect(code.getByRole('region', { name: 'Code cell result' })).toContainText('Model stored', { timeout: 60_000 });
});

test('with the server process killed, the app keeps working, and a shared project syncs when it is back', async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'loopbook-e2e-offline-'));
  const origin = `http://localhost:${port}`;
  const start = async (): Promise<ChildProcess> => (await spawnLoopbook({ PORT: String(port), HOST: 'localhost', LOOPBOOK_DATA: dataDir })).child;
  let server = await start();
  try {
    const alice = await person(browser, 'Alice');
    await preferDownloads(alice);
    await visitOnce(alice, origin);
    // A shared project, to edit while its relay is gone.
    await createProject(alice, 'Shared notes', origin);
    await alice.getByRole('button', { name: 'Share', exact: true }).click();
    const dialog = alice.getByRole('dialog', { name: 'Share this project' });
    await dialog.getByRole('button', { name: 'Create share links' }).click();
    const link = await dialog.getByLabel('Edit link', { exact: true }).inputValue();
    await dialog.getByRole('button', { name: 'Close' }).click();
    const projectUrl = alice.url();

    server.kill('SIGKILL');
    await new Promise((resolve) => server.once('exit', resolve));
    await workWithoutTheServer(alice, origin, testInfo, 'Serverless penguins');

    // The share link itself opens too (one static page for every project), and leads to the notebook.
    await alice.goto(link);
    await expect(alice.getByRole('heading', { level: 1, name: 'Shared notes' })).toBeVisible();
    expect(alice.url()).toBe(projectUrl);
    await expect(alice.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible({ timeout: 20_000 });
    await addMarkdown(alice, 'Written while the server was down');
    await alice.screenshot({ path: 'e2e/.artifacts/offline-shared.png' });

    server = await start();
    await expect(alice.getByRole('status').filter({ hasText: 'Live' })).toBeVisible({ timeout: 60_000 });
    const bob = await person(browser, 'Bob');
    await bob.goto(link);
    await expect(bob.getByRole('paragraph').filter({ hasText: 'Written while the server was down' })).toBeVisible({ timeout: 30_000 });
  } finally {
    server.kill('SIGKILL');
  }
});
