import { expect, test } from '@playwright/test';
import { openPenguinsSample, preferDownloads } from './helpers';

test('the storage panel shows usage, each project’s data, and asks to keep the data', async ({ page }) => {
  await openPenguinsSample(page);
  await page.goto('/');
  const storage = page.getByRole('region', { name: 'Storage' });
  await expect(storage).toContainText(/Using .* of the .* this browser allows this site/);
  const table = storage.getByRole('table', { name: 'Storage by project' });
  await expect(table.getByRole('row', { name: /Palmer penguins/ })).toContainText('13.8 kB');
  await storage.screenshot({ path: 'e2e/.artifacts/storage-panel.png' });
  await storage.getByRole('button', { name: 'Keep my data when space runs low' }).click();
  await expect(storage.getByRole('status')).toContainText(/keep/);
});

test('back up every project, then restore the backup in a fresh profile: the same projects and data', async ({ page, browser }) => {
  test.setTimeout(90_000);
  await preferDownloads(page);
  await openPenguinsSample(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Open sample Seattle weather' }).click();
  await expect(page.locator('section.cell-data').first().getByLabel('Dataset summary')).toContainText('1,461');
  await page.goto('/');
  const storage = page.getByRole('region', { name: 'Storage' });
  const downloaded = page.waitForEvent('download');
  await storage.getByRole('button', { name: 'Back up every project' }).click();
  const file = await (await downloaded).path();
  await expect(storage.getByRole('status')).toContainText('2 projects');

  const fresh = await (await browser.newContext()).newPage();
  await fresh.goto('/');
  // Not a backup: refused, nothing added.
  await fresh.getByLabel('Restore a backup').setInputFiles({ name: 'notes.zip', mimeType: 'application/zip', buffer: Buffer.from('not a zip') });
  await expect(fresh.getByRole('region', { name: 'Storage' }).getByRole('alert')).toContainText('Nothing was restored');
  await fresh.getByLabel('Restore a backup').setInputFiles(file);
  await expect(fresh.getByRole('region', { name: 'Storage' }).getByRole('status')).toContainText('Restored 2 projects');
  for (const name of ['Palmer penguins', 'Seattle weather']) await expect(fresh.getByRole('link', { name, exact: true })).toBeVisible();
  await fresh.getByRole('region', { name: 'Storage' }).screenshot({ path: 'e2e/.artifacts/storage-restored.png' });
  await fresh.getByRole('link', { name: 'Seattle weather', exact: true }).click();
  await expect(fresh.locator('section.cell-data').first().getByLabel('Dataset summary')).toContainText('1,461');
});
