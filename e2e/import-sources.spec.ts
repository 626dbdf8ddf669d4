import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDataCell, createProject, PENGUINS_CSV } from './helpers';

const PENGUINS_JSON = fileURLToPath(new URL('../lib/data/parse/test/penguins.records.json', import.meta.url));

test('a file dropped on the data cell imports', async ({ page }) => {
  await createProject(page, 'Drop');
  const cell = await addDataCell(page);
  const csv = readFileSync(PENGUINS_CSV, 'utf8');
  const transfer = await page.evaluateHandle((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
    return data;
  }, csv);
  await cell.getByTestId('dropzone').dispatchEvent('dragover', { dataTransfer: transfer });
  await cell.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer: transfer });
  await expect(cell.getByLabel('Dataset summary')).toContainText('344');
  await expect(page.getByRole('region', { name: 'Cell 1, data' })).toContainText('dropped.csv');
});

test('JSON records import with the same columns as the CSV', async ({ page }) => {
  await createProject(page, 'JSON');
  const cell = await addDataCell(page);
  await cell.getByLabel('Import a data file').setInputFiles(PENGUINS_JSON);
  await expect(cell.getByLabel('Dataset summary')).toContainText('JSON records');
  await expect(cell.getByLabel('Dataset summary')).toContainText('344');
  await expect(cell.getByLabel('Label column')).toHaveValue('Species');
});

test('a long import shows progress and can be canceled; nothing is stored', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'loopbook-cancel-'));
  const file = join(dir, 'big.csv');
  const row = '1.5,2,3.25,4,5.125,alpha,6,7.5,8,9\n';
  writeFileSync(file, `a,b,c,d,e,f,g,h,i,j\n${row.repeat(3_000_000)}`);
  try {
    await createProject(page, 'Cancel');
    const cell = await addDataCell(page);
    await cell.getByLabel('Import a data file').setInputFiles(file);
    await expect(cell.getByRole('progressbar', { name: 'Importing big.csv' })).toBeVisible();
    await cell.getByRole('button', { name: 'Cancel import' }).click();
    await expect(cell.getByRole('button', { name: 'Choose a file…' })).toBeVisible();
    await expect(cell.getByLabel('Dataset summary')).toHaveCount(0);
    await page.goto('/');
    await expect(page.getByRole('row', { name: /Cancel/ }).getByRole('cell').nth(2)).toHaveText('0');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
