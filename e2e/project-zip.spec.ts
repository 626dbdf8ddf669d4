import { expect, test, type Page } from '@playwright/test';
import { openPenguinsSample, preferDownloads, trainFirstExperiment } from './helpers';
import { readFileSync } from 'node:fs';

/** Chromium has the save dialog, which a test cannot answer: without it an export downloads. */
async function withoutSaveDialog(page: Page): Promise<void> {
  await preferDownloads(page);
}

/** The experiments table's cells for people: name, status, task, dataset, learner, held-out score. */
async function experimentRows(page: Page): Promise<string[][]> {
  const rows = page.getByRole('table', { name: 'Experiments' }).locator('tbody tr:not([aria-hidden])');
  return rows.evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).slice(1, 7).map((td) => td.textContent?.trim() ?? '')));
}

/** Downloads exp-001's model.zip from the open experiments view. */
async function modelBytes(page: Page, path: string): Promise<Buffer> {
  await page.getByRole('table', { name: 'Experiments' }).getByRole('button', { name: 'Open exp-001' }).click();
  const detail = page.getByRole('region', { name: 'Experiment exp-001' });
  const download = page.waitForEvent('download');
  await detail.getByRole('button', { name: 'Export model.zip' }).click();
  await (await download).saveAs(path);
  return readFileSync(path);
}

test('a project exported as project.zip is imported into a fresh browser profile whole, predictions included; a bad zip is refused', async ({ page, browser }, testInfo) => {
  test.setTimeout(180_000);
  await withoutSaveDialog(page);

  // A project with a notebook, a dataset, a trained experiment and a production model.
  await openPenguinsSample(page);
  await trainFirstExperiment(page, 3);
  // Predictions of the data cell's rows, kept under the model.
  await page.getByRole('button', { name: '+ Predict cell' }).click();
  const predict = page.locator('section.cell-predict').last();
  await predict.getByRole('button', { name: 'Predict', exact: true }).click();
  await expect(predict.getByText('344 rows predicted')).toBeVisible({ timeout: 30_000 });
  const predicted = await predict.getByRole('table', { name: 'Predicted rows' }).locator('tbody tr').first().innerText();
  const intro = (await page.locator('section.cell-markdown').first().innerText()).trim();
  expect(intro.length).toBeGreaterThan(20);

  await page.getByRole('link', { name: /^Experiments/ }).click();
  await page.getByRole('table', { name: 'Experiments' }).getByRole('button', { name: 'Open exp-001' }).click();
  await page.getByRole('region', { name: 'Experiment exp-001' }).getByRole('button', { name: 'Promote to production' }).click();
  const registry = page.getByRole('region', { name: 'Model registry' });
  await expect(registry.getByRole('group', { name: 'production model' })).toContainText('exp-001');
  const rows = await experimentRows(page);
  expect(rows).toEqual([[expect.stringMatching(/^exp-001.*production/), expect.stringContaining('completed'), 'multiclass', expect.stringContaining('penguins.csv'), expect.any(String), expect.stringMatching(/\d\.\d{4}$/)]]);
  const model = await modelBytes(page, testInfo.outputPath('original-model.zip'));

  // Export from the top bar: the whole project, as "<name>.project.zip".
  await page.getByRole('link', { name: '← Notebook' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('banner').getByRole('button', { name: 'Export project' }).click();
  expect((await download).suggestedFilename()).toBe('Palmer penguins.project.zip');
  const zipPath = testInfo.outputPath('Palmer penguins.project.zip');
  await (await download).saveAs(zipPath);
  await expect(page.getByRole('banner').getByRole('status')).toContainText(/Downloaded Palmer penguins\.project\.zip \(\d/);
  await page.screenshot({ path: 'e2e/.artifacts/project-export.png' });

  // Another browser profile: its own IndexedDB, no projects.
  const fresh = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  const other = await fresh.newPage();
  await withoutSaveDialog(other);
  await other.goto('/');
  await expect(other.getByText('No projects yet')).toBeVisible();

  // A bad file first: refused with a reason, nothing added.
  await other.getByLabel('Import a project.zip').setInputFiles({ name: 'notes.zip', mimeType: 'application/zip', buffer: Buffer.from('these are not the bytes of a zip') });
  const importZone = other.getByTestId('project-dropzone');
  await expect(importZone.getByRole('alert')).toContainText(/notes\.zip was not imported.*not a zip archive.*Nothing in this browser was changed/s);
  await expect(other.getByText('No projects yet')).toBeVisible();
  await importZone.screenshot({ path: 'e2e/.artifacts/project-import-refused.png' });

  await other.getByLabel('Import a project.zip').setInputFiles(zipPath);
  await expect(importZone.getByRole('status')).toContainText('Imported Palmer penguins: 1 experiment and 1 dataset.');
  const list = other.getByRole('table', { name: 'Projects' });
  await expect(list.getByRole('row', { name: /Palmer penguins/ }).locator('td.num')).toHaveText(['1', '1']);
  await other.screenshot({ path: 'e2e/.artifacts/project-import.png', fullPage: true });

  // The same notebook: the introduction, the data cell's dataset, the train cell's experiment.
  await other.getByRole('link', { name: 'Palmer penguins' }).first().click();
  await expect(other.getByRole('heading', { level: 1, name: 'Palmer penguins' })).toBeVisible();
  await expect.poll(async () => (await other.locator('section.cell-markdown').first().innerText()).trim()).toBe(intro);
  await expect(other.locator('section.cell-data').first().getByLabel('Dataset summary')).toContainText('344');
  await expect(other.locator('section.cell-train').last().getByText(/exp-001: completed/)).toBeVisible();
  // The same predictions, read back from the imported artifact.
  const imported = other.locator('section.cell-predict').last();
  await expect(imported.getByText('344 rows predicted')).toBeVisible({ timeout: 15_000 });
  await expect.poll(() => imported.getByRole('table', { name: 'Predicted rows' }).locator('tbody tr').first().innerText()).toBe(predicted);

  // The same experiment, metrics and registry, and the same model bytes (so the same predictions).
  await other.getByRole('link', { name: 'Experiments (1)' }).click();
  await expect.poll(() => experimentRows(other)).toEqual(rows);
  await expect(other.getByRole('region', { name: 'Model registry' }).getByRole('group', { name: 'production model' })).toContainText('exp-001');
  expect((await modelBytes(other, testInfo.outputPath('imported-model.zip'))).equals(model)).toBe(true);
  const lineage = other.getByRole('region', { name: 'Experiment exp-001' }).getByRole('list', { name: 'Lineage' });
  await expect(lineage).toContainText(/Dataset\s*penguins\.csv/);
  await expect(lineage).toContainText(/Trained model\s*exp-001 model/);
  await expect(lineage).toContainText('exp-001 predictions on penguins.csv');
  await fresh.close();
});
