import { expect, test } from '@playwright/test';
import { openPenguinsSample } from './helpers';

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
