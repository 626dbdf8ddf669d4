import { expect, test, type Page } from '@playwright/test';
import { addDataCell, createProject, openPenguinsSample } from './helpers';

/** Opens the penguins sample and adds a train cell under its data cell. */
async function penguinsWithTrainCell(page: Page, budgetS: number) {
  await openPenguinsSample(page);
  const data = page.locator('section.cell-data').first();
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
  const choice = cell.getByText(/Backend chosen automatically: wasm \(WebGPU here is a software adapter/);
  await expect(choice).toBeVisible();
  // A fresh profile: this first training calibrated the device, and kept it for the next.
  await expect(choice).toContainText(/This device was calibrated first \([\d.]+ s, kept for its next trainings\)/);
  await page.screenshot({ path: 'e2e/.artifacts/train-completed.png', fullPage: true });
  await page.goto('/diagnostics');
  await expect(page.getByLabel('Calibrated device')).toContainText('[fallback adapter]');
  await expect(page.getByLabel('Calibrated device')).toContainText('WebGPU not measured: WebGPU here is a software adapter');
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

test('a search spread over two workers fits trials at once, and a cancel stops them', async ({ page }) => {
  test.setTimeout(120_000);
  const cell = await penguinsWithTrainCell(page, 12);
  await cell.getByLabel('Backend').selectOption('wasm');
  // Automatic would be one worker on a two-core machine; two are asked for here.
  await cell.getByLabel('Workers per training').selectOption('2');
  await cell.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(cell.getByText(/fitting \w+ and 1 more at once/)).toBeVisible({ timeout: 20_000 });
  await expect(cell.getByText(/exp-001: completed in [\d.]+ s on wasm, 2 workers/)).toBeVisible({ timeout: 60_000 });
  await expect(cell.getByText('Trials ran on 2 workers at once.')).toBeVisible();
  const rows = cell.getByRole('table', { name: 'Leaderboard' }).locator('tbody tr');
  expect(await rows.count()).toBeGreaterThanOrEqual(3);
  const accuracy = Number(await cell.getByRole('table', { name: 'Held-out metrics' }).getByRole('row', { name: /^Accuracy/ }).locator('td').textContent());
  expect(accuracy).toBeGreaterThanOrEqual(0.9);
  await page.screenshot({ path: 'e2e/.artifacts/train-two-workers.png', fullPage: true });

  // The setting is kept for the browser; a long run on the same workers stops when canceled.
  await page.reload();
  const again = page.locator('section.cell-train').last();
  await expect(again.getByLabel('Workers per training')).toHaveValue('2');
  await again.getByLabel('Time budget in seconds').fill('120');
  await again.getByRole('button', { name: 'Train again' }).click();
  await expect(again.getByText(/fitting \w+ and 1 more at once/)).toBeVisible({ timeout: 20_000 });
  await again.getByRole('button', { name: 'Cancel' }).click();
  await expect(again.getByText(/exp-002: canceled/)).toBeVisible({ timeout: 5_000 });
  await expect(again.getByRole('button', { name: 'Train again' })).toBeEnabled();
});

test('the WebGPU backend trains and is recorded with its adapter', async ({ page }) => {
  test.setTimeout(90_000);
  const cell = await penguinsWithTrainCell(page, 15);
  await cell.getByLabel('Backend').selectOption('webgpu');
  for (const learner of ['Random forest', 'Linear model']) await cell.getByLabel(learner).uncheck();
  await expect(cell.getByLabel('Gradient-boosted trees')).toBeChecked();
  await cell.getByRole('button', { name: 'Train', exact: true }).click();
  // Headless Chromium here has SwiftShader's software adapter: correct, slow, and named.
  await expect(cell.getByText(/exp-001: completed in [\d.]+ s on webgpu \(.+\)/)).toBeVisible({ timeout: 60_000 });
  // Penguins' nodes are far below GPU_MIN_ROWS (lib/ml/gbdt/flags.ts): the notice says the trees stayed on the CPU, and why.
  await expect(cell.getByText(/^Tree histograms on the CPU: no node had the 16,384 rows that pay for a WebGPU round trip\.$/)).toBeVisible();
  // SwiftShader runs the network ~37× slower than WASM, so in 15 s it trains only a few epochs, as
  // many as the machine's load allows: the test checks that a model was evaluated, not how well.
  const accuracy = Number(await cell.getByRole('table', { name: 'Held-out metrics' }).getByRole('row', { name: /^Accuracy/ }).locator('td').textContent());
  expect(accuracy).toBeGreaterThan(0);
  expect(accuracy).toBeLessThanOrEqual(1);
});

/**
 * A seeded binary table big enough that a gbdt fold trains on more rows than GPU_MIN_ROWS
 * (16,384): 30,000 rows → 24,000 to train → 19,200 in the search's holdout fold.
 */
function largeBinaryCsv(rows = 30_000): Buffer {
  let state = 12345;
  const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296) * 2 - 1;
  const lines = ['x1,x2,x3,x4,label'];
  for (let r = 0; r < rows; r++) {
    const x = [next(), next(), next(), next()];
    const label = x[0]! + x[1]! * x[2]! + 0.3 * next() > 0 ? 'yes' : 'no';
    lines.push(`${x.map((v) => v.toFixed(4)).join(',')},${label}`);
  }
  return Buffer.from(lines.join('\n') + '\n');
}

test('on the WebGPU backend, gradient-boosted trees build their large nodes’ histograms on WebGPU', async ({ page }) => {
  test.setTimeout(90_000);
  await createProject(page, 'WebGPU trees');
  const data = await addDataCell(page);
  await data.getByLabel('Import a data file').setInputFiles({ name: 'large-binary.csv', mimeType: 'text/csv', buffer: largeBinaryCsv() });
  await expect(data.getByLabel('Dataset summary')).toContainText('30,000');
  await page.getByRole('button', { name: '+ Train cell' }).click();
  const cell = page.locator('section.cell-train').last();
  await cell.getByLabel('Label').selectOption('label');
  await expect(cell.getByLabel('Task')).toHaveValue('binary');
  await cell.getByLabel('Time budget in seconds').fill('10');
  await cell.getByLabel('Backend').selectOption('webgpu');
  // Trees only: at 19,200 rows an MLP epoch's queued WebGPU work runs ~45 s on SwiftShader, far past the budget.
  for (const learner of ['Random forest', 'Linear model', 'Neural network (MLP)']) await cell.getByLabel(learner).uncheck();
  await expect(cell.getByLabel('Gradient-boosted trees')).toBeChecked();
  await cell.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(cell.getByText(/exp-001: completed in [\d.]+ s on webgpu \(.+\)/)).toBeVisible({ timeout: 60_000 });
  await expect(cell.getByText(/^Tree histograms on WebGPU \(adapter .+\) for nodes of 16,384 rows or more: [1-9]\d* built there, smaller nodes on the CPU\.$/)).toBeVisible();
  const accuracy = Number(await cell.getByRole('table', { name: 'Held-out metrics' }).getByRole('row', { name: /^Accuracy/ }).locator('td').textContent());
  expect(accuracy).toBeGreaterThan(0.85);
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
  await expect(cell.getByRole('alert')).toContainText(/Too few rows to train and test: 6 labelled rows/, { timeout: 20_000 });
  await expect(cell.getByText(/exp-001: failed/)).toBeVisible();
});
