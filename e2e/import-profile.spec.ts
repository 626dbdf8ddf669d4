import { expect, test } from '@playwright/test';
import { addDataCell, createProject, PENGUINS_CSV } from './helpers';

test('import penguins.csv: profile, suggested label, and all of it survives a reload', async ({ page }) => {
  await createProject(page, 'Penguin study');
  const cell = await addDataCell(page);
  await cell.getByLabel('Import a data file').setInputFiles(PENGUINS_CSV);

  const summary = cell.getByLabel('Dataset summary');
  await expect(summary).toContainText('344');
  await expect(summary).toContainText('rows');
  await expect(summary).toContainText('7');

  const columns = cell.getByRole('table', { name: 'Columns' });
  await expect(columns.getByRole('row')).toHaveCount(8);
  await expect(columns).toContainText('Beak Length (mm)');
  await expect(cell.getByLabel('Type of Species')).toHaveValue('categorical');
  await expect(cell.getByLabel('Type of Body Mass (g)')).toHaveValue('integer');
  await expect(cell.getByLabel('Type of Beak Length (mm)')).toHaveValue('float');

  await expect(cell.getByLabel('Label column')).toHaveValue('Species');
  await expect(cell.getByLabel('Task')).toHaveValue('multiclass');
  await expect(cell.getByTestId('task-reason')).toContainText('3 classes');
  await expect(cell.getByRole('table', { name: 'Data preview' })).toContainText('Adelie');

  // The user's choices are saved with the cell.
  await cell.getByLabel('Type of Body Mass (g)').selectOption('float');
  await cell.getByLabel('Use column Island').uncheck();

  await page.reload();
  const again = page.locator('section.cell-data').first();
  await expect(again.getByLabel('Dataset summary')).toContainText('344');
  await expect(again.getByLabel('Label column')).toHaveValue('Species');
  await expect(again.getByLabel('Task')).toHaveValue('multiclass');
  await expect(again.getByLabel('Type of Body Mass (g)')).toHaveValue('float');
  await expect(again.getByLabel('Use column Island')).not.toBeChecked();
  await expect(again.getByRole('table', { name: 'Data preview' })).toContainText('Torgersen');
});

test('the same file imported twice is stored once', async ({ page }) => {
  await createProject(page, 'Twice');
  const first = await addDataCell(page);
  await first.getByLabel('Import a data file').setInputFiles(PENGUINS_CSV);
  await expect(first.getByLabel('Dataset summary')).toContainText('344');
  const second = await addDataCell(page);
  await second.getByLabel('Import a data file').setInputFiles(PENGUINS_CSV);
  await expect(second.getByLabel('Dataset summary')).toContainText('344');
  const counts = await page.evaluate(
    () =>
      new Promise<number[]>((resolve, reject) => {
        const open = indexedDB.open('loopbook');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['blobs', 'datasets'], 'readonly');
          const blobs = tx.objectStore('blobs').count();
          const datasets = tx.objectStore('datasets').count();
          tx.oncomplete = () => resolve([blobs.result, datasets.result]);
        };
      }),
  );
  expect(counts).toEqual([1, 1]);
  await page.goto('/');
  await expect(page.getByRole('row', { name: /Twice/ })).toContainText('1');
});
