import { expect, test, type Page } from '@playwright/test';

/** Opens the penguins sample and adds a train cell under its data cell. */
async function penguinsWithTrainCell(page: Page, budgetS: number) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Open sample Palmer penguins' }).click();
  const data = page.locator('section.cell-data').first();
  await expect(data.getByLabel('Dataset summary')).toContainText('344');
  await page.getByRole('button', { name: '+ Train cell' }).click();
  const cell = page.locator('section.cell-train').last();
  await expect(cell.getByLabel('Label')).toHaveValue('Species');
  await expect(cell.getByLabel('Task')).toHaveValue('multiclass');
  await cell.getByLabel('Time budget in seconds').fill(String(budgetS));
  return cell;
}

test('penguins: train with a 10 s budget → leaderboard and held-out accuracy', async ({ page }) => {
  test.setTimeout(90_000);
  const cell = await penguinsWithTrainCell(page, 10);
  await cell.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(cell.getByRole('progressbar', { name: 'Training progress' })).toBeVisible();
  await expect(cell.getByText(/exp-001: completed/)).toBeVisible({ timeout: 40_000 });
  const rows = cell.getByRole('table', { name: 'Leaderboard' }).locator('tbody tr');
  expect(await rows.count()).toBeGreaterThanOrEqual(3);
  const accuracy = Number(await cell.getByRole('table', { name: 'Held-out metrics' }).getByRole('row', { name: /^Accuracy/ }).locator('td').textContent());
  expect(accuracy).toBeGreaterThanOrEqual(0.9);
  await expect(cell.getByRole('figure').first()).toBeVisible();
  // 'Automatic' is measured, not assumed: SwiftShader's software adapter never wins over WASM.
  await expect(cell.getByText(/Backend chosen automatically: wasm \(WebGPU here is a software adapter/)).toBeVisible();
  await page.screenshot({ path: 'e2e/.artifacts/train-completed.png', fullPage: true });
});

test('cancel stops the job', async ({ page }) => {
  test.setTimeout(60_000);
  const cell = await penguinsWithTrainCell(page, 120);
  await cell.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(cell.getByRole('progressbar', { name: 'Training progress' })).toBeVisible();
  await cell.getByRole('button', { name: 'Cancel' }).click();
  await expect(cell.getByText(/exp-001: canceled/)).toBeVisible({ timeout: 5_000 });
  await expect(cell.getByRole('button', { name: 'Train again' })).toBeEnabled();
});

test('a reload during training leaves the experiment interrupted', async ({ page }) => {
  test.setTimeout(60_000);
  const cell = await penguinsWithTrainCell(page, 120);
  await cell.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(cell.getByText(/\d+ trials/)).toBeVisible({ timeout: 20_000 });
  await page.reload();
  const again = page.locator('section.cell-train').last();
  await expect(again.getByText(/exp-001: interrupted/)).toBeVisible({ timeout: 15_000 });
  await expect(again.getByRole('button', { name: 'Train again' })).toBeEnabled();
});

test('two trainings at once become exp-001 and exp-002', async ({ page }) => {
  test.setTimeout(90_000);
  await penguinsWithTrainCell(page, 6);
  await page.getByRole('button', { name: '+ Train cell' }).click();
  const first = page.locator('section.cell-train').nth(0);
  const second = page.locator('section.cell-train').nth(1);
  await second.getByLabel('Time budget in seconds').fill('6');
  await first.getByRole('button', { name: 'Train', exact: true }).click();
  await second.getByRole('button', { name: 'Train', exact: true }).click();
  // One training at a time by default: the second waits its turn, with its budget not yet started.
  await expect(second.getByText(/Waiting for another training to finish \(1 at once/)).toBeVisible();
  await expect(first.getByText(/exp-001: completed/)).toBeVisible({ timeout: 60_000 });
  await expect(second.getByText(/exp-002: completed/)).toBeVisible({ timeout: 60_000 });
});

test('the WebGPU backend trains and is recorded with its adapter', async ({ page }) => {
  test.setTimeout(90_000);
  const cell = await penguinsWithTrainCell(page, 15);
  await cell.getByLabel('Backend').selectOption('webgpu');
  for (const learner of ['Gradient-boosted trees', 'Random forest', 'Linear model']) await cell.getByLabel(learner).uncheck();
  await cell.getByRole('button', { name: 'Train', exact: true }).click();
  // Headless Chromium here has SwiftShader's software adapter: correct, slow, and named.
  await expect(cell.getByText(/exp-001: completed in [\d.]+ s on webgpu \(.+\)/)).toBeVisible({ timeout: 60_000 });
  // SwiftShader runs the network ~37× slower than WASM, so in 15 s it trains only a few epochs, as
  // many as the machine's load allows: the test checks that a model was evaluated, not how well.
  const accuracy = Number(await cell.getByRole('table', { name: 'Held-out metrics' }).getByRole('row', { name: /^Accuracy/ }).locator('td').textContent());
  expect(accuracy).toBeGreaterThan(0);
  expect(accuracy).toBeLessThanOrEqual(1);
});

test('another label in the train cell gets its own task and metric', async ({ page }) => {
  const cell = await penguinsWithTrainCell(page, 10);
  await cell.getByLabel('Label').selectOption('Body Mass (g)');
  await expect(cell.getByLabel('Task')).toHaveValue('regression');
  await expect(cell.getByLabel('Metric')).toHaveValue('r2');
  await cell.getByLabel('Label').selectOption('Island');
  await expect(cell.getByLabel('Task')).toHaveValue('multiclass');
});

test('a table too small to train on fails in the cell with the reason', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('New project name').fill('Tiny');
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.getByRole('button', { name: '+ Data cell' }).click();
  const data = page.locator('section.cell-data').first();
  await data.getByLabel('Import a data file').setInputFiles({
    name: 'tiny.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('x,y\n1,a\n2,b\n3,a\n4,b\n5,a\n6,b\n'),
  });
  await expect(data.getByLabel('Dataset summary')).toContainText('6');
  await page.getByRole('button', { name: '+ Train cell' }).click();
  const cell = page.locator('section.cell-train').last();
  await cell.getByLabel('Label').selectOption('y');
  await expect(cell.getByLabel('Task')).toHaveValue('binary');
  await cell.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(cell.getByRole('alert')).toContainText(/Too few rows to train and test: 6 labelled rows/);
  await expect(cell.getByText(/exp-001: failed/)).toBeVisible();
});
