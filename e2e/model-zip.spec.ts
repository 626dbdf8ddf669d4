import { expect, test, type Locator, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { createProject, openPenguinsSample, preferDownloads, trainFirstExperiment } from './helpers';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Drops a file on the element as a browser would from the desktop (a DataTransfer with one File). */
async function dropFile(page: Page, target: Locator, name: string, bytes: Uint8Array): Promise<void> {
  const transfer = await page.evaluateHandle(
    ([fileName, base64]) => {
      const data = new DataTransfer();
      data.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], fileName, { type: 'application/zip' }));
      return data;
    },
    [name, Buffer.from(bytes).toString('base64')] as const,
  );
  await target.dispatchEvent('dragover', { dataTransfer: transfer });
  await target.dispatchEvent('drop', { dataTransfer: transfer });
}

/** The same zip with `edit` applied to its files (fflate, in Node): the bad zips a user might drop. */
function edited(zip: Uint8Array, edit: (files: Record<string, Uint8Array>) => void): Buffer {
  const files = unzipSync(zip);
  edit(files);
  return Buffer.from(zipSync(files));
}

test('a model.zip is exported to disk and imported into another project by drag-and-drop, ready to predict; bad zips are refused', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  // Chromium has the save dialog, which a test cannot answer: without it the export downloads.
  await preferDownloads(page);

  // Train briefly on the penguins sample.
  await openPenguinsSample(page);
  await trainFirstExperiment(page, 4);

  // Export it from the experiments view: it lands in the test's folder, and the CLI reads it.
  await page.getByRole('link', { name: /^Experiments/ }).click();
  const table = page.getByRole('table', { name: 'Experiments' });
  const score = (await table.locator('tbody tr:not([aria-hidden]) td:nth-child(7)').first().textContent()) ?? '';
  expect(score).toMatch(/^\D+ \d+\.\d{4}$/);
  await table.getByRole('button', { name: 'Open exp-001' }).click();
  const source = page.getByRole('region', { name: 'Experiment exp-001' });
  const download = page.waitForEvent('download');
  await source.getByRole('button', { name: 'Export model.zip' }).click();
  expect((await download).suggestedFilename()).toBe('palmer-penguins-exp-001.model.zip');
  const path = testInfo.outputPath('palmer-penguins-exp-001.model.zip');
  await (await download).saveAs(path);
  await expect(source.getByRole('status').filter({ hasText: 'Downloaded' })).toHaveText('Downloaded palmer-penguins-exp-001.model.zip.');
  await page.screenshot({ path: 'e2e/.artifacts/model-zip-exported.png' });
  const inspected = spawnSync(process.execPath, ['cli/loopbook.mjs', 'inspect', path, '--json'], { cwd: ROOT, encoding: 'utf8' });
  expect(inspected.stderr).toBe('');
  const manifest: unknown = JSON.parse(inspected.stdout);
  expect(manifest).toMatchObject({ format: 'loopbook-model', version: '1.1', label: 'Species', task: 'multiclass' });
  const datasetHash = typeof manifest === 'object' && manifest !== null && 'datasetHash' in manifest ? String(manifest.datasetHash) : '';
  expect(datasetHash).toMatch(/^[0-9a-f]{64}$/);
  const zip = new Uint8Array(readFileSync(path));

  // Import it into another project by dropping it on the experiments view.
  await createProject(page, 'Models from elsewhere');
  await page.getByRole('link', { name: /^Experiments/ }).click();
  await expect(page.getByText('No experiments yet')).toBeVisible();
  const dropzone = page.getByTestId('model-dropzone');
  await dropFile(page, dropzone, 'palmer-penguins-exp-001.model.zip', zip);
  await expect(page.getByRole('status').filter({ hasText: 'Imported palmer-penguins-exp-001.model.zip as exp-001.' })).toBeVisible({ timeout: 20_000 });
  const row = table.locator('tbody tr:not([aria-hidden])');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('imported');
  await expect(row.locator('td:nth-child(7)')).toHaveText(score);
  // It opens: where it came from, its held-out evaluation, its lineage.
  const detail = page.getByRole('region', { name: 'Experiment exp-001' });
  await expect(detail).toContainText('from palmer-penguins-exp-001.model.zip');
  await expect(detail.getByRole('table', { name: 'Held-out metrics' })).toBeVisible();
  const config = detail.getByRole('table', { name: 'Config' });
  await expect(config.getByRole('row', { name: /Label/ })).toContainText(/Species\s*model\.zip/);
  const lineage = detail.getByRole('list', { name: 'Lineage' });
  await expect(lineage).toContainText(`Dataset dataset ${datasetHash.slice(0, 12)}`);
  // The original experiment's id shows when the zip recorded it (manifest.experimentId).
  const originalId = typeof manifest === 'object' && manifest !== null && 'experimentId' in manifest && typeof manifest.experimentId === 'string' ? manifest.experimentId : null;
  await expect(lineage).toContainText(`model.zip palmer-penguins-exp-001.model.zip trained ${new Date().toISOString().slice(0, 10)}${originalId ? ` as experiment ${originalId}` : ''}`);
  await expect(lineage).toContainText(/Config\s*exp-001 config/);
  await expect(lineage).toContainText(/Trained model\s*exp-001 model, imported from palmer-penguins-exp-001\.model\.zip/);
  // A model like any other: it can be promoted.
  await detail.getByRole('button', { name: 'Promote to production' }).click();
  await expect(page.getByRole('region', { name: 'Model registry' }).getByRole('group', { name: 'production model' })).toContainText('exp-001');
  await page.screenshot({ path: 'e2e/.artifacts/model-zip-imported.png', fullPage: true });

  // The view shows where to drop while a file is dragged over it.
  const hover = await page.evaluateHandle(() => {
    const data = new DataTransfer();
    data.items.add(new File(['x'], 'model.zip'));
    return data;
  });
  await dropzone.dispatchEvent('dragover', { dataTransfer: hover });
  await expect(page.getByText('Drop a model.zip to import it into this project')).toBeVisible();
  await page.screenshot({ path: 'e2e/.artifacts/model-zip-drag-over.png' });
  await dropzone.dispatchEvent('dragleave', { dataTransfer: hover });
  await expect(page.getByText('Drop a model.zip to import it into this project')).toHaveCount(0);

  // Bad zips, picked with the button's file input: each refused by name, the project unchanged.
  const weights = Object.keys(unzipSync(zip)).find((n) => n.startsWith('model/0/') && n.endsWith('.bin'));
  expect(weights).toBeDefined();
  const bad: readonly { name: string; buffer: Buffer; reason: RegExp }[] = [
    { name: 'not-a-model.zip', buffer: Buffer.from('Species,Island\nAdelie,Biscoe\n'), reason: /This file is not a zip archive, so it cannot be a model\.zip/ },
    { name: 'evil.zip', buffer: edited(zip, (f) => (f['../evil.txt'] = strToU8('x'))), reason: /unsafe path "\.\.\/evil\.txt"/ },
    {
      name: 'from-the-future.zip',
      buffer: edited(zip, (f) => (f['manifest.json'] = strToU8(strFromU8(f['manifest.json']!).replace('"version": "1.1"', '"version": "2.0"')))),
      reason: /uses format 2\.0, newer than this Loopbook reads \(1\.1\)\. Update Loopbook to open it\./,
    },
    {
      name: 'tampered.zip',
      buffer: edited(zip, (f) => (f[weights!] = f[weights!]!.map((b, i) => (i === 8 ? b ^ 0xff : b)))),
      reason: new RegExp(`The weights in ${weights!.replace(/[./]/g, '\\$&')} do not match the manifest's hash: the file was changed or damaged\\. Export the model again\\.`),
    },
  ];
  const input = page.getByLabel('Import a model.zip');
  for (const { name, buffer, reason } of bad) {
    await input.setInputFiles({ name, mimeType: 'application/zip', buffer });
    const alert = page.getByRole('alert').filter({ hasText: `${name} was not imported.` });
    await expect(alert).toBeVisible({ timeout: 20_000 });
    await expect(alert).toContainText(reason);
    await expect(alert).toContainText('Nothing in the project was changed.');
    if (name === 'evil.zip') await page.screenshot({ path: 'e2e/.artifacts/model-zip-refused.png', fullPage: true });
    await expect(row).toHaveCount(1);
    await expect(page.getByText('1 of 1')).toBeVisible();
  }
  await page.getByRole('link', { name: '← Notebook' }).click();
  await expect(page.getByRole('link', { name: 'Experiments (1)' })).toBeVisible();

  // Ready to predict: a predict cell in this project (no data of its own) uses the imported model.
  await page.getByRole('button', { name: '+ Predict cell' }).click();
  const predict = page.locator('section.cell-predict').last();
  await expect(predict.getByText('Using exp-001: the production model')).toBeVisible();
  await expect(predict.getByLabel('One row, typed')).toBeChecked();
  await predict.getByRole('group', { name: 'Row to predict' }).getByLabel('Island').fill('Dream');
  await predict.getByRole('group', { name: 'Row to predict' }).getByLabel('Beak Length (mm)').fill('49.5');
  await predict.getByRole('group', { name: 'Row to predict' }).getByLabel('Beak Depth (mm)').fill('19');
  await predict.getByRole('button', { name: 'Predict', exact: true }).click();
  await expect(predict.getByText('1 row predicted')).toBeVisible({ timeout: 20_000 });
  await expect(predict.getByRole('table', { name: 'Predicted rows' }).locator('tbody td').first()).toHaveText(/^(Adelie|Chinstrap|Gentoo)$/);
});
