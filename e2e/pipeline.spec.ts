import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openPenguinsSample, PENGUINS_CSV, preferDownloads } from './helpers';

test('run all: data → train → evaluate → predict in pipeline order, a failing cell stops only itself; stale cells say so, cheap ones re-run', async ({ page }) => {
  test.setTimeout(150_000);
  await openPenguinsSample(page, { timeBudgetS: 4 });

  // Nothing trained yet: the evaluate and predict cells below will use the train cell's model.
  await page.getByRole('button', { name: '+ Train cell' }).click();
  await page.locator('section.cell-train').last().getByLabel('Backend').selectOption('wasm');
  await page.getByRole('button', { name: '+ Evaluate cell' }).click();
  await page.getByRole('button', { name: '+ Predict cell' }).click();
  // A predict cell set to read a file, with none chosen: it fails, and nothing needs it.
  await page.getByRole('button', { name: '+ Predict cell' }).click();
  const fromFile = page.locator('section.cell-predict').last();
  await fromFile.getByLabel('From a file').check();
  // A data cell with nothing imported: its frame says why it did not run.
  await page.getByRole('button', { name: '+ Data cell' }).click();
  const empty = page.locator('section.cell-data').last();

  await page.getByRole('button', { name: 'Run all' }).click();
  const bar = page.getByRole('group', { name: 'Run the notebook' });
  await expect(bar).toContainText('Running the notebook');
  await expect(bar).toContainText('Ran 6 cells: 4 done, 2 failed.', { timeout: 90_000 });

  const train = page.locator('section.cell-train').last();
  await expect(train.getByText(/exp-001: completed/)).toBeVisible();
  const evaluate = page.locator('section.cell-evaluate').last();
  await expect(evaluate.getByRole('table', { name: 'Evaluation metrics' })).toBeVisible();
  await expect(evaluate.getByText('Using exp-001: the newest model (nothing is in production)')).toBeVisible();
  const predict = page.locator('section.cell-predict').first();
  await expect(predict.getByText('344 rows predicted')).toBeVisible();
  for (const cell of [train, evaluate, predict]) await expect(cell.getByRole('status', { name: /done in the notebook run$/ })).toBeVisible();
  await expect(fromFile.getByRole('status', { name: /failed in the notebook run$/ })).toBeVisible();
  // The cell says why itself (its job's error), once.
  await expect(fromFile.getByRole('alert')).toHaveText('Choose a CSV or JSON file of rows to predict.');
  await expect(empty.getByRole('alert')).toHaveText('Not run: This data cell has no dataset yet: import a file into it.');
  await empty.locator('.cell-toolbar').screenshot({ path: 'e2e/.artifacts/pipeline-empty-toolbar.png' });
  await bar.screenshot({ path: 'e2e/.artifacts/pipeline-bar.png' });
  await train.locator('.cell-toolbar').screenshot({ path: 'e2e/.artifacts/pipeline-train-toolbar.png' });
  await fromFile.screenshot({ path: 'e2e/.artifacts/pipeline-failed-cell.png' });

  // The predict cell and only what it needs: data and train (a second experiment), then itself.
  await predict.getByRole('button', { name: /and the cells it needs$/ }).click();
  await expect(bar).toContainText('Ran 3 cells: 3 done.', { timeout: 60_000 });
  await expect(train.getByText(/exp-002: completed/)).toBeVisible();
  await expect(predict.getByText('Using exp-002: the newest model (nothing is in production)')).toBeVisible();
  // The evaluate cell was not part of that run; its result was made with exp-001, so it is stale,
  // and (344 rows: cheap) it evaluates again by itself.
  await expect(evaluate.getByText(/^exp-002 on penguins\.csv/)).toBeVisible({ timeout: 30_000 });
  await expect(evaluate.getByRole('status', { name: /is stale$/ })).toHaveCount(0);

  // New data in the data cell: the train cell's model is stale and says so (heavy: it waits to be
  // asked); the predict cell reading the data cell predicts the new rows by itself.
  const lines = readFileSync(PENGUINS_CSV, 'utf8').trim().split('\n');
  const data = page.locator('section.cell-data').first();
  await data.getByRole('button', { name: 'Replace data…' }).click();
  await data.getByLabel('Import a data file').setInputFiles({ name: 'penguins-200.csv', mimeType: 'text/csv', buffer: Buffer.from(`${lines.slice(0, 201).join('\n')}\n`) });
  await expect(data.getByLabel('Dataset summary')).toContainText('200');
  await expect(train.getByRole('status', { name: /is stale$/ })).toBeVisible();
  await expect(train.getByText('Stale: its data cell holds a new dataset since this model was trained.')).toBeVisible();
  await expect(predict.getByText('200 rows predicted')).toBeVisible({ timeout: 30_000 });
  // Its predictions are new, but made by the stale model: it says where the staleness comes from.
  await expect(predict.getByText(/^Stale: it comes from Cell \d+ \(train\), which is stale: run both again\.$/)).toBeVisible();
  await train.locator('.cell-toolbar').screenshot({ path: 'e2e/.artifacts/pipeline-stale-toolbar.png' });

  // A settings edit makes the train cell stale (saying which setting), and what it feeds too.
  await page.locator('section.cell-data').first().getByRole('button', { name: 'Replace data…' }).click();
  await data.getByLabel('Import a data file').setInputFiles(PENGUINS_CSV);
  await expect(data.getByLabel('Dataset summary')).toContainText('344');
  await expect(train.getByRole('status', { name: /is stale$/ })).toHaveCount(0);
  await train.getByLabel('Seed').fill('7');
  await expect(train.getByText('Stale: its seed changed since this result was made.')).toBeVisible();
  // So does leaving a column out in the data cell: the model was trained with it.
  await data.getByLabel('Use column island').uncheck();
  await expect(train.getByText('Stale: its seed, column types or exclusions changed since this result was made.')).toBeVisible();
  await expect(evaluate.getByText(/^Stale: it comes from Cell \d+ \(train\), which is stale: run both again\.$/)).toBeVisible();
});

test('the pipeline: inputs in each header, a drawing, the pipeline file out and back in, a bad one refused', async ({ page }, testInfo) => {
  await preferDownloads(page);
  await openPenguinsSample(page);
  await page.getByRole('button', { name: '+ Train cell' }).click();
  await page.getByRole('button', { name: '+ Predict cell' }).click();
  const cells = page.locator('section.cell');
  const before = await cells.count();

  await expect(page.getByLabel(/^Inputs of Cell \d+, train: dataset ← Cell \d+ \(data\)$/)).toBeVisible();
  await expect(page.getByLabel(/^Inputs of Cell \d+, predict: model ← production, else the newest \(after Cell \d+ \(train\)\) · rows ← Cell \d+ \(data\)$/)).toBeVisible();

  await page.locator('section.cell-predict').locator('.cell-toolbar').screenshot({ path: 'e2e/.artifacts/pipeline-predict-toolbar.png' });
  const panel = page.locator('details.pipeline-panel');
  await panel.locator('summary').click();
  await expect(panel.locator('summary')).toHaveText('Pipeline: 3 cells, 3 links');
  await expect(panel.getByRole('img', { name: 'Pipeline graph' })).toBeVisible();
  await panel.screenshot({ path: 'e2e/.artifacts/pipeline-panel.png' });

  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Export pipeline JSON' }).click();
  const path = testInfo.outputPath('notebook.pipeline.json');
  await (await download).saveAs(path);
  const file = JSON.parse(readFileSync(path, 'utf8')) as { nodes: { node_id: string; task_name: string }[]; edges: { from: string; to: string }[] };
  expect(file.nodes.map((n) => n.task_name)).toEqual(['markdown', 'data', 'train', 'predict'].slice(4 - before));
  expect(file.edges).toContainEqual({ from: 'data1', to: 'train1' });

  await panel.getByLabel('Import pipeline JSON').setInputFiles(path);
  await expect(panel.getByRole('status')).toContainText(`Added ${before} cells from the pipeline`);
  await expect(cells).toHaveCount(2 * before);

  const bad = { ...file, nodes: [...file.nodes, { node_id: 'tune1', task_name: 'fine_tune', inputs: [], input_mappings: {} }] };
  await panel.getByLabel('Import pipeline JSON').setInputFiles({ name: 'bad.pipeline.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await expect(panel.getByRole('alert')).toContainText('bad.pipeline.json was not imported: Node tune1 has the task "fine_tune", which Loopbook does not know.');
  await expect(panel.getByRole('alert')).toContainText('Nothing was added.');
  await expect(cells).toHaveCount(2 * before);
});

test('the command bar turns a typed request into cells, and asks when something is missing', async ({ page }) => {
  await openPenguinsSample(page);
  const cells = page.locator('section.cell');
  const before = await cells.count();
  const bar = page.getByRole('form', { name: 'Command' });
  const input = bar.getByLabel('Tell the notebook what to do');

  await input.fill('train species on penguins for 4 s with gbdt, then predict new.csv');
  await input.press('Enter');
  await expect(bar.getByRole('status')).toHaveText('Added a train cell and a predict cell. Choose new.csv in the predict cell.');
  await expect(cells).toHaveCount(before + 2);
  const train = page.locator('section.cell-train').last();
  await expect(train.locator('.cell-title')).toHaveText('Predict Species');
  await expect(train.getByLabel('Time budget in seconds')).toHaveValue('4');
  await expect(page.locator('section.cell-predict').last().getByLabel('From a file')).toBeChecked();
  await expect(input).toHaveValue('');

  await input.fill('train Specie on penguins');
  await bar.getByRole('button', { name: 'Add cells' }).click();
  await expect(bar.getByRole('status')).toHaveText(/^penguins\.csv has no column "Specie"\. Its columns are: Species, Island, /);
  await expect(cells).toHaveCount(before + 2);
  await bar.screenshot({ path: 'e2e/.artifacts/command-bar.png' });
});
