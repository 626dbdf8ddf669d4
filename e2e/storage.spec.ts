import { expect, test } from '@playwright/test';
import { addDataCell, openPenguinsSample, preferDownloads } from './helpers';

test('the storage panel shows usage, each project’s data, and asks to keep the data', async ({ page }) => {
  await openPenguinsSample(page);
  await page.goto('/');
  const storage = page.getByRole('region', { name: 'Storage' });
  await expect(storage).toContainText(/Using .* of the .* this browser allows this site/);
  await storage.getByText('Space by project').click();
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
  await expect(page.locator('section.cell-data').first().getByLabel('Dataset summary')).toContainText('1,461', { timeout: 20_000 });
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
  await fresh.getByRole('region', { name: 'Storage' }).getByText('Space by project').click();
  await fresh.getByRole('region', { name: 'Storage' }).screenshot({ path: 'e2e/.artifacts/storage-restored.png' });
  await fresh.getByRole('link', { name: 'Seattle weather', exact: true }).click();
  await expect(fresh.locator('section.cell-data').first().getByLabel('Dataset summary')).toContainText('1,461');
});

test('an import that would not fit in the storage left is refused with how much it needs; what was stored stays', async ({ page }) => {
  await openPenguinsSample(page);
  // A browser that says it has little room left: 200 kB more than it holds now. (CDP's quota
  // override enforces a quota but leaves the estimate alone: the next journey fills storage for real.)
  await page.addInitScript(() => {
    const real = navigator.storage.estimate.bind(navigator.storage);
    navigator.storage.estimate = async () => {
      const { usage = 0 } = await real();
      return { usage, quota: usage + 200_000 };
    };
  });
  await page.reload();
  await expect(page.locator('section.cell-data').first().getByLabel('Dataset summary')).toContainText('344');
  const rows = Array.from({ length: 40_000 }, (_, i) => `${i},${(i * 0.37).toFixed(3)},group-${i % 17}`).join('\n');
  const cell = await addDataCell(page);
  await cell.getByLabel('Import a data file').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(`id,value,group\n${rows}\n`) });
  await expect(cell.getByRole('alert')).toContainText(/Not enough storage to save .*kB.*free/);
  await cell.getByRole('alert').screenshot({ path: 'e2e/.artifacts/storage-quota.png' });
  // A training run whose model would not fit is refused before it starts: no experiment is made.
  await page.getByRole('button', { name: '+ Train cell' }).click();
  const train = page.locator('section.cell-train').last();
  await train.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(train.getByRole('alert')).toContainText(/Not enough storage to save the model this training makes \(up to 16.* MB\)\. Only .* is free/);
  await expect(train.getByText(/exp-001/)).toHaveCount(0);
  await train.screenshot({ path: 'e2e/.artifacts/storage-quota-train.png' });
  // The penguins are untouched, here and after a reload; the storage panel says how full it is.
  await page.reload();
  await expect(page.locator('section.cell-data').first().getByLabel('Dataset summary')).toContainText('344');
  await page.goto('/');
  await expect(page.getByRole('region', { name: 'Storage' })).toContainText(/Using .* of the .* this browser allows/);
});

test('storage filled for real: imports succeed until one does not fit, which is rolled back with a clear message; what was stored stays', async ({ page, context, baseURL }) => {
  test.setTimeout(120_000);
  // The origin's quota, enforced by Chromium itself: 2.5 MB more than this profile uses once the
  // service worker has precached the app. The estimate keeps the real quota, so the app's early
  // check lets the writes try and IndexedDB refuses. (Set from the home page: on a notebook page
  // this Chromium ignores the override.)
  await page.goto('/');
  const { usage = 0 } = await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    return navigator.storage.estimate();
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL!).origin, quotaSize: usage + 2_500_000 });
  await openPenguinsSample(page);
  const indexedDbUsage = () => page.evaluate(async () => ((await navigator.storage.estimate()) as StorageEstimate & { usageDetails?: { indexedDB?: number } }).usageDetails?.indexedDB ?? 0);
  const usageBefore = await indexedDbUsage();
  let imported = 0;
  let refused = false;
  // Seeded pseudo-random numbers, so that neither the import's dedupe nor compression shrinks them.
  // 32-bit arithmetic: in doubles, seed × 1,103,515,245 passed 2^53, lost its low bits and fell
  // into a cycle (13,939 distinct values in 90,000).
  let seed = 20_261_123;
  const random = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0);
  for (let n = 1; n <= 12 && !refused; n++) {
    const rows = Array.from({ length: 30_000 }, (_, i) => `${i},${random()},${random() % 100_003}.${random() % 1000}`).join('\n');
    const cell = await addDataCell(page);
    await cell.getByLabel('Import a data file').setInputFiles({ name: `part-${n}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`id,value,amount\n${rows}\n`) });
    const outcome = cell.getByLabel('Dataset summary').or(cell.getByRole('alert'));
    await expect(outcome).toBeVisible({ timeout: 30_000 });
    if (await cell.getByRole('alert').isVisible()) {
      await expect(cell.getByRole('alert')).toContainText(/Not enough storage to save .*(kB|MB)\. .*Free space by deleting projects/);
      await cell.getByRole('alert').screenshot({ path: 'e2e/.artifacts/storage-quota-real.png' });
      refused = true;
    } else {
      await expect(cell.getByLabel('Dataset summary')).toContainText('30,000');
      imported++;
      // Datasets are stored as Blobs. Some Chromium builds (150.0.7871.100 from Debian, 2026-11-24)
      // neither count IndexedDB Blob bytes in the origin's usage nor refuse them at the quota: 12
      // imports of 1 MB grew the counted usage by 50 kB. There no import can be refused for real;
      // the journey above covers the refusal made by the app's own check.
      if (n === 1) {
        const counted = (await indexedDbUsage()) - usageBefore;
        test.skip(counted < 100_000, `This Chromium counted ${counted} bytes of IndexedDB usage for a 1 MB import: it does not count stored Blobs against the quota.`);
      }
    }
  }
  expect(refused).toBe(true);
  expect(imported).toBeGreaterThan(0);
  // Everything imported before the refusal is intact after a reload; the refused file left nothing behind.
  await page.reload();
  await expect(page.locator('section.cell-data').first().getByLabel('Dataset summary')).toContainText('344');
  await expect(page.locator('section.cell-data').getByLabel('Dataset summary').filter({ hasText: '30,000' })).toHaveCount(imported);
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Palmer penguins', exact: true })).toBeVisible();
});
