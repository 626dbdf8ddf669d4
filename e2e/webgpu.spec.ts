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
