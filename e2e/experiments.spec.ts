import { expect, test } from '@playwright/test';
import { putExperimentRecords, syntheticExperiments } from '../bench/synthetic-experiments';
import { createProject, openPenguinsSample } from './helpers';

test('the experiments view lists, sorts, filters, opens and compares experiments', async ({ page }) => {
  test.setTimeout(150_000);
  // Exports download rather than open the save dialog, so that the test sees the file.
  await page.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
  await openPenguinsSample(page);
  await page.getByRole('link', { name: /^Experiments/ }).click();
  await expect(page.getByText('No experiments yet')).toBeVisible();
  // Who starts them: set once for this browser.
  await page.getByLabel('Your name').fill('Ada');
  await page.getByLabel('Your name').press('Enter');
  await page.getByRole('link', { name: '← Notebook' }).click();
  // The time budget comes from the project's settings, the backend from the cell.
  await page.getByText('Project settings').click();
  await page.getByLabel('Project time budget in seconds').fill('4');

  await page.getByRole('button', { name: '+ Train cell' }).click();
  const cell = page.locator('section.cell-train').last();
  await expect(cell.getByLabel('Time budget in seconds')).toHaveValue('4');
  await cell.getByLabel('Backend').selectOption('wasm');
  await cell.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(cell.getByText(/exp-001: completed/)).toBeVisible({ timeout: 40_000 });
  await cell.getByLabel('Seed').fill('7');
  await cell.getByLabel('Random forest').uncheck();
  await cell.getByRole('button', { name: 'Train again' }).click();
  await expect(cell.getByText(/exp-002: completed/)).toBeVisible({ timeout: 40_000 });

  await page.getByRole('link', { name: 'Experiments (2)' }).click();
  const table = page.getByRole('table', { name: 'Experiments' });
  const names = () => table.locator('tbody tr:not([aria-hidden]) td:nth-child(2)').allTextContents();
  await expect.poll(names).toEqual(['exp-002', 'exp-001']);
  await expect(table).toContainText('penguins.csv');
  await expect(table).toContainText('Ada');
  await table.getByRole('button', { name: /^Experiment( [↑↓])?$/ }).click();
  await expect.poll(names).toEqual(['exp-001', 'exp-002']);
  await page.getByLabel('Filter experiments').fill('nothing like this');
  await expect(page.getByText('0 of 2')).toBeVisible();
  await page.getByLabel('Filter experiments').fill('');
  await page.getByLabel('Status').selectOption('completed');
  await expect(page.getByText('2 of 2')).toBeVisible();

  await table.getByRole('button', { name: 'Open exp-002' }).click();
  const detail = page.getByRole('region', { name: 'Experiment exp-002' });
  const config = detail.getByRole('table', { name: 'Config' });
  await expect(config.getByRole('row', { name: /Seed/ })).toContainText(/7\s*cell/);
  await expect(config.getByRole('row', { name: /Time budget/ })).toContainText(/4 s\s*project/);
  await expect(config.getByRole('row', { name: /Label/ })).toContainText(/Species\s*data cell/);
  await expect(config.getByRole('row', { name: /Backend/ })).toContainText(/wasm\s*cell/);
  await expect(config.getByRole('row', { name: /Ensemble/ })).toContainText(/yes\s*default/);
  await expect(detail.getByRole('table', { name: 'Leaderboard' })).toBeVisible();
  await expect(detail.getByRole('table', { name: 'Held-out metrics' })).toBeVisible();
  await expect(detail.getByRole('button', { name: 'Export model.zip' })).toBeVisible();
  const lineage = detail.getByRole('list', { name: 'Lineage' });
  await expect(lineage).toContainText(/Dataset\s*penguins\.csv/);
  await expect(lineage).toContainText(/Config\s*exp-002 config/);
  await expect(lineage).toContainText(/Trained model\s*exp-002 model/);
  const download = page.waitForEvent('download');
  await detail.getByRole('button', { name: 'Export model.zip' }).click();
  expect((await download).suggestedFilename()).toBe('palmer-penguins-exp-002.model.zip');
  await page.screenshot({ path: 'e2e/.artifacts/experiment-detail.png', fullPage: true });

  await page.getByLabel('Compare exp-001').check();
  await page.getByLabel('Compare exp-002').check();
  await page.getByRole('button', { name: 'Compare selected (2)' }).click();
  const compare = page.getByRole('region', { name: 'Compare experiments' });
  await expect(compare.getByRole('table', { name: 'Metrics side by side' })).toContainText('Accuracy');
  await compare.getByLabel('Only settings that differ').check();
  const diff = compare.getByRole('table', { name: 'Config diff' });
  await expect(diff.locator('tbody tr')).toHaveCount(2);
  await expect(diff).toContainText('Seed');
  await expect(diff).toContainText('Learners');
  await expect(compare.getByRole('figure').first()).toBeVisible();
  await page.screenshot({ path: 'e2e/.artifacts/experiment-compare.png', fullPage: true });
  // Back returns to the list without a comparison.
  await page.goBack();
  await expect(compare).toHaveCount(0);

  // The registry: promote, replace, roll back; the production model cannot be deleted.
  const registry = page.getByRole('region', { name: 'Model registry' });
  await table.getByRole('button', { name: 'Open exp-002' }).click();
  await detail.getByRole('button', { name: 'Promote to production' }).click();
  await expect(registry.getByRole('group', { name: 'production model' })).toContainText(/exp-002\s*since .* by Ada/);
  await table.getByRole('button', { name: 'Open exp-001' }).click();
  const first = page.getByRole('region', { name: 'Experiment exp-001' });
  await first.getByRole('button', { name: 'Promote to staging' }).click();
  await expect(registry.getByRole('group', { name: 'staging model' })).toContainText('exp-001');
  await first.getByRole('button', { name: 'Promote to production' }).click();
  await expect(registry.getByRole('group', { name: 'production model' })).toContainText('exp-001');
  await expect(registry.getByRole('group', { name: 'staging model' })).toContainText('none');
  await registry.getByRole('button', { name: 'Roll back production' }).click();
  await expect(registry.getByRole('group', { name: 'production model' })).toContainText('exp-002');
  await registry.getByText(/^History/).click();
  await expect(registry.getByRole('list', { name: 'Registry history' }).locator('li')).toHaveCount(4);
  await page.screenshot({ path: 'e2e/.artifacts/experiment-registry.png', fullPage: true });

  await table.getByRole('button', { name: 'Open exp-002' }).click();
  await detail.getByRole('button', { name: 'Delete exp-002' }).click();
  await expect(detail.getByRole('alert')).toContainText('This model is in production: demote it first, then delete it.');
  await registry.getByRole('button', { name: 'Demote production' }).click();
  await expect(registry.getByRole('group', { name: 'production model' })).toContainText('none');
  await detail.getByRole('button', { name: 'Delete exp-002' }).click();
  await page.getByRole('dialog', { name: 'Delete exp-002?' }).getByRole('button', { name: 'Delete' }).click();
  await expect.poll(names).toEqual(['exp-001']);
  await expect(detail).toHaveCount(0);
  // The history keeps what happened to the deleted experiment's model.
  await expect(registry.getByRole('list', { name: 'Registry history' })).toContainText('a deleted experiment');
});

test('two tabs of one project start experiments at once and get distinct numbers', async ({ page, context }) => {
  test.setTimeout(120_000);
  await openPenguinsSample(page);
  await page.getByRole('button', { name: '+ Train cell' }).click();
  await page.getByRole('button', { name: '+ Train cell' }).click();
  for (const cell of await page.locator('section.cell-train').all()) {
    await cell.getByLabel('Time budget in seconds').fill('3');
    await cell.getByLabel('Backend').selectOption('wasm');
  }
  const other = await context.newPage();
  await other.goto(page.url());
  const mine = page.locator('section.cell-train').nth(0);
  const theirs = other.locator('section.cell-train').nth(1);
  await expect(theirs.getByLabel('Time budget in seconds')).toHaveValue('3');
  // Both tabs press Train in the same moment.
  await Promise.all([mine.getByRole('button', { name: 'Train', exact: true }).click(), theirs.getByRole('button', { name: 'Train', exact: true }).click()]);
  const done = /exp-00[12]: completed/;
  await expect(mine.getByText(done)).toBeVisible({ timeout: 60_000 });
  await expect(theirs.getByText(done)).toBeVisible({ timeout: 60_000 });
  const a = (await mine.getByText(done).textContent())!.slice(0, 7);
  const b = (await theirs.getByText(done).textContent())!.slice(0, 7);
  expect(new Set([a, b])).toEqual(new Set(['exp-001', 'exp-002']));
  await page.getByRole('link', { name: /^Experiments/ }).click();
  const rows = page.getByRole('table', { name: 'Experiments' }).locator('tbody tr:not([aria-hidden])');
  await expect(rows).toHaveCount(2);
});

test('the list shows while the notebook is still opening; the registry and the import join when it is open', async ({ page }) => {
  await createProject(page, 'Slow notebook');
  const projectId = new URL(page.url()).searchParams.get('id') ?? '';
  // Three experiments written as the app stores them (bench/synthetic-experiments.ts).
  await page.evaluate(putExperimentRecords, syntheticExperiments(projectId, 3));
  // The notebook's document (its own IndexedDB database) opens 3 s late, as a large one on a slow disk would.
  await page.addInitScript(() => {
    const open = indexedDB.open.bind(indexedDB);
    indexedDB.open = (name: string, version?: number) => {
      if (!name.startsWith('loopbook-doc-')) return open(name, version);
      const request = new EventTarget() as IDBOpenDBRequest;
      setTimeout(() => {
        const real = open(name, version);
        Object.defineProperties(request, { result: { get: () => real.result }, error: { get: () => real.error }, transaction: { get: () => real.transaction }, readyState: { get: () => real.readyState } });
        for (const type of ['success', 'error', 'upgradeneeded', 'blocked'] as const) {
          real.addEventListener(type, (event) => {
            const handler = (request as unknown as Record<string, unknown>)[`on${type}`];
            if (typeof handler === 'function') handler.call(request, event);
            request.dispatchEvent(new Event(type));
          });
        }
      }, 3000);
      return request;
    };
  });
  await page.goto(`/project/experiments?id=${projectId}`);
  const rows = page.getByRole('table', { name: 'Experiments' }).locator('tbody tr:not([aria-hidden])');
  const registry = page.getByRole('region', { name: 'Model registry' });
  await expect(rows).toHaveCount(3);
  await expect(registry).toContainText('Opening the project…');
  await expect(page.getByRole('button', { name: 'Import model.zip' })).toHaveCount(0);
  // Sorting works before the document is there, and the order is kept when it arrives.
  await page.getByRole('table', { name: 'Experiments' }).getByRole('button', { name: /^Experiment( [↑↓])?$/ }).click();
  await expect(rows.first()).toContainText('exp-001');
  await expect(registry).toContainText('No model has been promoted yet', { timeout: 10_000 });
  await expect(page.getByRole('button', { name: 'Import model.zip' })).toBeVisible();
  await expect(rows.first()).toContainText('exp-001');
  await expect(page.getByText('3 of 3')).toBeVisible();
});
