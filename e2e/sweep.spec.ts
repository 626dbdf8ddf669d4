import { expect, test } from '@playwright/test';
import { openPenguinsSample } from './helpers';

test('a sweep interrupted by a reload resumes and finishes with exactly the expected runs', async ({ page }) => {
  test.setTimeout(180_000);
  await openPenguinsSample(page);
  await page.getByRole('button', { name: '+ Sweep cell' }).click();
  const cell = page.locator('section.cell-sweep').last();
  await expect(cell.getByLabel('Label')).toHaveValue('Species');
  await cell.getByLabel('Metric').selectOption('accuracy');
  await cell.getByLabel('Sweep params').fill('leaves = 3, 7\ntrees = 1500');
  await cell.getByLabel('Seeds').fill('1, 2, 3');
  await expect(cell.getByText(/^6 runs \(3 seeds each\); 0 completed\./)).toBeVisible();

  // Bad input says what is wrong and runs nothing.
  await cell.getByLabel('Sweep params').fill('leaves 3, 7');
  await expect(cell.getByRole('alert')).toContainText('has no “=”');
  await expect(cell.getByRole('button', { name: 'Run sweep' })).toBeDisabled();
  // Over 10,000 runs: the count first, then a question; saying no runs nothing.
  const many = Array.from({ length: 100 }, (_, i) => i + 2).join(', ');
  await cell.getByLabel('Sweep params').fill(`leaves = ${many}\ntrees = ${many}`);
  await expect(cell.getByText(/^30,000 runs \(3 seeds each\)/)).toBeVisible();
  await cell.getByRole('button', { name: 'Run sweep' }).click();
  const ask = page.getByRole('dialog', { name: 'Run 30,000 runs?' });
  await expect(ask).toContainText('more than 10,000');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(cell.getByText(/30,000 runs \(3 seeds each\); 0 completed\./)).toBeVisible();
  await cell.getByLabel('Sweep params').fill('leaves = 3, 7\ntrees = 1500');

  await cell.getByRole('button', { name: 'Run sweep' }).click();
  await expect(cell.getByText(/^[2-4] of 6 runs/)).toBeVisible({ timeout: 60_000 });
  await page.reload();
  const again = page.locator('section.cell-sweep').last();
  // The run that was in progress has no heartbeat any more: it shows as interrupted.
  await expect(again.getByText(/6 runs \(3 seeds each\); [2-5] completed, 1 interrupted\./)).toBeVisible({ timeout: 20_000 });
  await again.getByRole('button', { name: /^Resume: run the [1-4] missing$/ }).click();
  await expect(again.getByText(/^6 runs \(3 seeds each\); 6 completed\./)).toBeVisible({ timeout: 90_000 });
  await expect(again.getByRole('button', { name: 'All runs done' })).toBeDisabled();
  const table = again.getByRole('table', { name: 'Sweep results by params' });
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await expect(table.locator('tbody tr').nth(0)).toContainText(/^3.*3 of 3/);
  await expect(table.locator('tbody tr').nth(1)).toContainText(/^7.*3 of 3/);
  await expect(again.getByRole('figure', { name: /Accuracy against leaves/ })).toBeVisible();
  await page.screenshot({ path: 'e2e/.artifacts/sweep-done.png', fullPage: true });
});

test('a sweep keeps as many runs in progress as its workers, and each runs once', async ({ page }) => {
  test.setTimeout(120_000);
  await openPenguinsSample(page);
  await page.getByRole('button', { name: '+ Sweep cell' }).click();
  const cell = page.locator('section.cell-sweep').last();
  await cell.getByLabel('Sweep params').fill('leaves = 3, 7\ntrees = 1500');
  await cell.getByLabel('Seeds').fill('1, 2');
  await cell.getByLabel('Runs at once').selectOption('2');
  await cell.getByRole('button', { name: 'Run sweep' }).click();
  await expect(cell.getByText(/of 4 runs · 2 at once/)).toBeVisible({ timeout: 30_000 });
  await expect(cell.getByText(/^4 runs \(2 seeds each\); 4 completed\./)).toBeVisible({ timeout: 90_000 });
  const table = cell.getByRole('table', { name: 'Sweep results by params' });
  await expect(table.locator('tbody tr').nth(0)).toContainText(/^3.*2 of 2/);
  await expect(table.locator('tbody tr').nth(1)).toContainText(/^7.*2 of 2/);
});
