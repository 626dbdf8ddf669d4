import { expect, test } from '@playwright/test';

test('diagnostics: WebGPU agrees with the CPU on tree histograms and MLP outputs', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/');
  await page.getByRole('link', { name: 'Diagnostics' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Diagnostics' })).toBeVisible();
  // Headless Chromium here has SwiftShader's software adapter (--enable-unsafe-webgpu).
  await expect(page.getByLabel('WebGPU adapter')).toContainText(/Adapter: .+\[fallback adapter\]/);
  await page.getByRole('button', { name: 'Check WebGPU against CPU' }).click();
  await expect(page.getByText(/^Pass: WebGPU \(.+\) agrees with the CPU within both tolerances\.$/)).toBeVisible({ timeout: 60_000 });
  const table = page.getByRole('table', { name: 'WebGPU against CPU' });
  for (const name of ['Tree histograms', 'MLP outputs']) {
    const row = table.getByRole('row', { name: new RegExp(`^${name}`) });
    const [difference, tolerance] = await Promise.all([row.locator('td').nth(2).textContent(), row.locator('td').nth(3).textContent()]);
    expect(Number(difference)).toBeLessThanOrEqual(Number(tolerance));
    await expect(row.locator('td').nth(4)).toHaveText('within');
  }
  await page.screenshot({ path: 'e2e/.artifacts/diagnostics-webgpu.png', fullPage: true });
});

test('diagnostics: the backend calibration is measured, kept, and never picks a software adapter', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/diagnostics');
  const panel = page.getByRole('region', { name: 'Backend calibration' });
  await expect(panel.getByText(/Not calibrated yet/)).toBeVisible();
  await panel.getByRole('button', { name: 'Measure now' }).click();
  const steps = panel.getByRole('table', { name: 'Network step timings' });
  await expect(steps).toBeVisible({ timeout: 90_000 });
  // The software adapter is measured for the record (a number in the WebGPU column) but loses.
  for (const batch of ['32', '256']) {
    const row = steps.getByRole('row', { name: new RegExp(`^${batch}\\b`) });
    expect(Number(await row.locator('td').nth(1).textContent())).toBeGreaterThan(0);
    expect(Number(await row.locator('td').nth(2).textContent())).toBeGreaterThan(0);
    await expect(row.locator('td').nth(3)).toHaveText('WASM');
  }
  await expect(panel.getByRole('table', { name: 'Tree histogram timings' }).getByRole('row')).toHaveCount(3);
  await expect(panel.getByLabel('Tree histograms decision')).toHaveText(/all on the CPU \(a software adapter is never chosen\)/);
  await expect(panel.getByLabel('Calibrated device')).toContainText('[fallback adapter]');
  // Kept in this browser: a reload shows it without measuring.
  await page.reload();
  await expect(page.getByRole('region', { name: 'Backend calibration' }).getByRole('button', { name: 'Measure again' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Network step timings' })).toBeVisible();
  await page.screenshot({ path: 'e2e/.artifacts/diagnostics-calibration.png', fullPage: true });
});
