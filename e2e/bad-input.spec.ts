import { expect, test } from '@playwright/test';
import { addDataCell, createProject, PENGUINS_CSV } from './helpers';

/** The first bytes of a PNG image, then noise with NUL bytes: what a renamed picture looks like. */
const PNG_BYTES = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
  Buffer.alloc(512, 0),
]);

test('a binary file renamed .csv gets a clear message, and the earlier dataset stays intact', async ({ page }) => {
  await createProject(page, 'Bad inputs');
  const good = await addDataCell(page);
  await good.getByLabel('Import a data file').setInputFiles(PENGUINS_CSV);
  await expect(good.getByLabel('Dataset summary')).toContainText('344');

  // Into a new cell…
  const bad = await addDataCell(page);
  await bad.getByLabel('Import a data file').setInputFiles({ name: 'photo.csv', mimeType: 'text/csv', buffer: PNG_BYTES });
  const alert = bad.getByRole('alert');
  await expect(alert).toContainText('Could not import photo.csv');
  await expect(alert).toContainText(/image/i);

  // …and as a replacement of the good cell's data: refused, the old data still shown.
  await good.getByRole('button', { name: 'Replace data…' }).click();
  await good.getByLabel('Import a data file').setInputFiles({ name: 'photo.csv', mimeType: 'text/csv', buffer: PNG_BYTES });
  await expect(good.getByRole('alert')).toContainText('Could not import photo.csv');
  await expect(good.getByLabel('Dataset summary')).toContainText('344');

  await page.reload();
  const kept = page.locator('section.cell-data').first();
  await expect(kept.getByLabel('Dataset summary')).toContainText('344');
  await expect(kept.getByLabel('Label column')).toHaveValue('Species');
});

test('ragged rows are named, and the user can skip them', async ({ page }) => {
  await createProject(page, 'Ragged');
  const cell = await addDataCell(page);
  const csv = ['a,b,c', '1,2,3', '4,5', '7,8,9', '10,11,12,13', '14,15,16'].join('\n');
  await cell.getByLabel('Import a data file').setInputFiles({ name: 'ragged.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const alert = cell.getByRole('alert');
  await expect(alert).toContainText('2 rows of ragged.csv do not have 3 fields');
  await expect(alert).toContainText('row 2 has 2 fields');
  await expect(alert).toContainText('row 4 has 4 fields');
  await cell.getByRole('button', { name: 'Skip 2 rows and import' }).click();
  await expect(cell.getByLabel('Dataset summary')).toContainText('3');
  await expect(cell.getByRole('table', { name: 'Data preview' })).toContainText('14');
});

test('pasted text imports like a file; an empty file is refused with a reason', async ({ page }) => {
  await createProject(page, 'Paste');
  const cell = await addDataCell(page);
  await cell.getByLabel('Import a data file').setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
  await expect(cell.getByRole('alert')).toContainText(/empty/i);
  await cell.getByRole('button', { name: 'Dismiss' }).click();
  await cell.getByRole('button', { name: 'Paste text' }).click();
  await cell.getByLabel('Pasted data').fill('city;temp;rain\nOslo;3,5;yes\nRome;14;no\nLima;19;no');
  await cell.getByLabel('Pasted data').press('Shift+Enter');
  await expect(cell.getByLabel('Dataset summary')).toContainText('semicolon');
  await expect(cell.getByRole('table', { name: 'Columns' })).toContainText('city');
});
