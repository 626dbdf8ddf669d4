import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { addDataCell, openPenguinsSample, PENGUINS_CSV } from './helpers';

/** Rows of penguins.csv without the species column: rows the code cell has to predict. */
function newPenguins(rows: number): Buffer {
  const lines = readFileSync(PENGUINS_CSV, 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const keep = header.map((h, i) => (h.toLowerCase() === 'species' ? -1 : i)).filter((i) => i >= 0);
  const pick = (line: string) => keep.map((i) => line.split(',')[i]).join(',');
  return Buffer.from(`${[lines[0]!, ...lines.slice(1, rows + 1)].map(pick).join('\n')}\n`);
}

async function addCodeCell(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: '+ Code cell' }).click();
  const cell = page.locator('section.cell-code').last();
  await expect(cell.getByRole('textbox', { name: 'Code', exact: true })).toBeVisible();
  return cell;
}

test('a code cell trains with TF.js and predicts new rows; its model and predictions are stored', async ({ page }) => {
  test.setTimeout(120_000);
  await openPenguinsSample(page);
  const rows = await addDataCell(page);
  await rows.getByLabel('Import a data file').setInputFiles({ name: 'new-penguins.csv', mimeType: 'text/csv', buffer: newPenguins(30) });
  await expect(rows.getByLabel('Dataset summary')).toContainText('30');

  const code = await addCodeCell(page);
  // The nearest data cell above is the new rows; train on the sample.
  await code.getByLabel('Train on').selectOption({ label: 'penguins.csv' });
  await code.getByLabel('Predict on').selectOption({ label: 'new-penguins.csv' });
  await code.getByRole('button', { name: 'Run code' }).click();
  const result = code.getByRole('region', { name: 'Code cell result' });
  await expect(result).toContainText('30 rows predicted', { timeout: 60_000 });
  await expect(code.getByLabel('Console output')).toContainText('trained on 344 rows and 4 columns');
  const table = code.getByRole('table', { name: 'Predictions' });
  await expect(table.locator('th').first()).toHaveText('prediction');
  const predicted = await table.locator('tbody tr td:first-child').allTextContents();
  expect(predicted.length).toBe(10);
  for (const p of predicted) expect(['Adelie', 'Chinstrap', 'Gentoo']).toContain(p);
  await code.screenshot({ path: 'e2e/.artifacts/code-cell.png' });
});
