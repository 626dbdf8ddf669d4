import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { addDataCell, openPenguinsSample, PENGUINS_CSV, preferDownloads } from './helpers';

/** Rows of penguins.csv without the species column: rows the code cell has to predict. */
function newPenguins(rows: number): Buffer {
  const lines = readFileSync(PENGUINS_CSV, 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const keep = header.map((h, i) => (h.toLowerCase() === 'species' ? -1 : i)).filter((i) => i >= 0);
  const pick = (line: string) => keep.map((i) => line.split(',')[i]).join(',');
  return Buffer.from(`${[lines[0]!, ...lines.slice(1, rows + 1)].map(pick).join('\n')}\n`);
}

async function addCodeCell(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: '+ Code cell' }).click();
  const cell = page.locator('section.cell-code').last();
  await expect(cell.getByRole('textbox', { name: 'Code', exact: true })).toBeVisible();
  return cell;
}

/** The penguins sample and a code cell under it with these limits: the cell and its editor. */
async function limitedCodeCell(page: Page, timeLimitS: number, memoryLimitMb: number): Promise<{ code: Locator; editor: Locator }> {
  await openPenguinsSample(page);
  const code = await addCodeCell(page);
  await code.getByLabel('Time limit in seconds').fill(String(timeLimitS));
  await code.getByLabel('Memory limit in MiB').fill(String(memoryLimitMb));
  return { code, editor: code.getByRole('textbox', { name: 'Code', exact: true }) };
}

test('a code cell trains with TF.js and predicts new rows; its model and predictions are stored', async ({ page }) => {
  test.setTimeout(120_000);
  await openPenguinsSample(page);
  const rows = await addDataCell(page);
  await rows.getByLabel('Import a data file').setInputFiles({ name: 'new-penguins.csv', mimeType: 'text/csv', buffer: newPenguins(30) });
  await expect(rows.getByLabel('Dataset summary')).toContainText('30');

  const code = await addCodeCell(page);
  // The nearest data cell above is the new rows; train on the sample.
  await code.getByLabel('Train on').selectOption({ label: 'penguins.csv' });
  // The rows to predict, mapped from the cell's header: the cell's own picker follows.
  await code.getByRole('button', { name: /^Inputs of Cell 4, code: / }).click();
  const mapping = code.getByRole('group', { name: 'Change the inputs of Cell 4 (code)' });
  await mapping.getByLabel('rows to predict of Cell 4 (code)').selectOption({ label: 'Cell 3 (data): new-penguins.csv' });
  await expect(code.getByRole('button', { name: 'Inputs of Cell 4, code: dataset ← Cell 2 (data) · rows to predict ← Cell 3 (data)' })).toBeVisible();
  await expect(code.getByLabel('Predict on')).toHaveValue(await code.getByLabel('Predict on').locator('option', { hasText: 'new-penguins.csv' }).getAttribute('value') ?? '');
  await code.locator('.cell-toolbar').screenshot({ path: 'e2e/.artifacts/code-cell-toolbar.png' });
  await mapping.screenshot({ path: 'e2e/.artifacts/code-cell-mapping.png' });
  await code.getByRole('button', { name: 'Run code' }).click();
  const result = code.getByRole('region', { name: 'Code cell result' });
  await expect(result).toContainText('30 rows predicted', { timeout: 60_000 });
  await expect(code.getByLabel('Console output')).toContainText('trained on 344 rows and 4 columns');
  const table = code.getByRole('table', { name: 'Predictions' });
  await expect(table.locator('th').first()).toHaveText('prediction');
  const predicted = await table.locator('tbody tr td:first-child').allTextContents();
  expect(predicted.length).toBe(10);
  for (const p of predicted) expect(['Adelie', 'Chinstrap', 'Gentoo']).toContain(p);
  // Its lineage: the dataset, the code and config, the model, the predictions.
  await code.getByText('Lineage of the latest run').click();
  const lineage = code.getByRole('list', { name: 'Lineage' });
  await expect(lineage).toContainText('penguins.csv');
  await expect(lineage).toContainText('Cell 4 (code) code and config');
  await expect(lineage).toContainText('Cell 4 (code) model');
  await expect(lineage).toContainText('Cell 4 (code) predictions on new-penguins.csv');
  await code.screenshot({ path: 'e2e/.artifacts/code-cell.png' });
  await expect(code.getByRole('status', { name: /is stale$/ })).toHaveCount(0);

  // An edit to its config makes the stored result stale, saying what changed; it waits to be run.
  await code.getByLabel('Config (JSON)').fill('{ "epochs": 20, "learningRate": 0.05 }');
  await expect(code.getByText('Stale: its config changed since this result was made.')).toBeVisible();
  await code.getByRole('button', { name: 'Run code' }).click();
  await expect(code.getByRole('status', { name: /is stale$/ })).toHaveCount(0, { timeout: 60_000 });
});

test('hostile code fails safely with a clear message: no storage, no network, no page, no endless loop, no unbounded memory; the project is untouched', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const { code, editor } = await limitedCodeCell(page, 3, 256);
  const attempts: [string, RegExp][] = [
    ['function train() { indexedDB.open("loopbook"); return 1; }', /^The code was refused in train: SecurityError: .*Indexed Database API is denied.*Code cells run in a sandbox/],
    ['async function train() { await fetch("/samples/penguins.csv"); return 1; }', /^The code was refused in train: TypeError: Failed to execute 'fetch'/],
    [`async function train() { await fetch("${baseURL}/samples/penguins.csv"); return 1; }`, /^The code was refused in train: TypeError: Failed to fetch/],
    [`function train() { importScripts("${baseURL}/tfjs/tf.min.js"); return 1; }`, /^The code was refused in train: NetworkError: /],
    ['function train() { return parent.document.title; }', /^The code was refused in train: ReferenceError: parent is not defined/],
    ['function train() { return self.parent.document.title; }', /^The code failed in train: TypeError: Cannot read properties of undefined/],
    ['function train() { while (true) {} }', /^Stopped after 3 s in train: the cell's time limit/],
    // A forged result from the code itself is checked like any other.
    ["function train() { postMessage({ type: 'done', model: 5, predictions: null, trainMs: 0, predictMs: 0 }); while (true) {} }", /^The code sent back a result that is not of the expected shape, so nothing was stored\.$/],
    ['function train() { const kept = []; for (;;) kept.push(new Float64Array(16e6)); }', /^Stopped in train: allocating 122 MiB would take the code past its memory limit of 256 MiB/],
  ];
  for (const [source, message] of attempts) {
    await editor.fill(source);
    await code.getByRole('button', { name: 'Run code' }).click();
    await expect(code.getByRole('alert')).toHaveText(message, { timeout: 20_000 });
    await expect(code.getByRole('button', { name: 'Run code' })).toBeEnabled();
  }
  await code.screenshot({ path: 'e2e/.artifacts/code-cell-refused.png' });

  // Nothing was stored for the failed runs, and the project is as it was, after a reload too.
  const stored = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('loopbook');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const count = (table: string) =>
      new Promise<number>((resolve) => {
        const request = db.transaction(table).objectStore(table).count();
        request.onsuccess = () => resolve(request.result);
      });
    const result = { projects: await count('projects'), artifacts: await count('artifacts') };
    db.close();
    return result;
  });
  expect(stored).toEqual({ projects: 1, artifacts: 0 });
  await page.reload();
  await expect(page.locator('section.cell-data').first().getByLabel('Dataset summary')).toContainText('344');
  await expect(page.locator('section.cell-code').getByRole('textbox', { name: 'Code', exact: true })).toHaveValue(attempts.at(-1)![0]);
});

test('memory held in many small objects stops the code with a clear message; memory that is only passed through does not', async ({ page }) => {
  test.setTimeout(180_000);
  const { code, editor } = await limitedCodeCell(page, 60, 64);
  const held = /^Stopped in train: the code holds more than its memory limit of 64 MiB: all of it in objects, arrays and strings\. Let go of/;
  const growers = [
    'function train() { const kept = []; for (;;) kept.push({ a: 1, b: [1, 2] }); }',
    'function train() { let head = null; for (;;) head = { next: head, at: Date.now() }; }',
    "function train() { const byRow = new Map(); for (let i = 0; ; i++) byRow.set(i, 'row ' + i); }",
    // Catching the guard's error does not let the code go on.
    'function train() { const kept = []; for (;;) { try { kept.push([1, 2, 3]); } catch {} } }',
    'function train() { const cache = []; function add(i) { cache.push({ i }); } for (let i = 0; ; i++) add(i); }',
  ];
  for (const source of growers) {
    await editor.fill(source);
    await code.getByRole('button', { name: 'Run code' }).click();
    await expect(code.getByRole('alert'), source).toHaveText(held, { timeout: 60_000 });
    await expect(code.getByRole('button', { name: 'Run code' })).toBeEnabled();
  }
  await code.screenshot({ path: 'e2e/.artifacts/code-cell-heap-guard.png' });
  // Three million short-lived objects, about 200 MiB allocated in all, little held at any time.
  await editor.fill('function train() { let sum = 0; for (let i = 0; i < 3e6; i++) { const row = { a: i, b: [i, i] }; sum += row.b[1]; } return { sum }; }');
  await code.getByRole('button', { name: 'Run code' }).click();
  await expect(code.getByRole('region', { name: 'Code cell result' })).toContainText('Model stored', { timeout: 60_000 });
  await expect(code.getByRole('alert')).toHaveCount(0);
});

test('code that arrives from elsewhere (an imported pipeline) runs only after the user allows it', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await preferDownloads(page);
  await openPenguinsSample(page);
  const code = await addCodeCell(page);
  await code.getByRole('textbox', { name: 'Code', exact: true }).fill('function train(config, data) { return { rows: data.rows.length }; }');
  await code.getByRole('button', { name: 'Run code' }).click();
  await expect(code.getByRole('region', { name: 'Code cell result' })).toContainText('Model stored');

  const panel = page.locator('details.pipeline-panel');
  await panel.locator('summary').click();
  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Export pipeline JSON' }).click();
  const path = testInfo.outputPath('code.pipeline.json');
  await (await download).saveAs(path);
  await panel.getByLabel('Import pipeline JSON').setInputFiles(path);
  await expect(page.locator('section.cell-code')).toHaveCount(2);
  const imported = page.locator('section.cell-code').last();
  await expect(imported.getByRole('textbox', { name: 'Code', exact: true })).toHaveValue('function train(config, data) { return { rows: data.rows.length }; }');

  // Run all runs the code written here and refuses the imported copy, saying why.
  await page.getByRole('button', { name: 'Run all' }).click();
  await expect(page.getByRole('group', { name: 'Run the notebook' })).toContainText('1 failed', { timeout: 60_000 });
  await expect(imported.getByRole('alert')).toContainText('Its code was written outside this browser: read it in the cell and allow it to run first.');

  // From the cell itself, it asks.
  await imported.getByRole('button', { name: 'Run code' }).click();
  const ask = imported.getByRole('alert', { name: 'Allow this code?' });
  await expect(ask).toContainText('This code was written or changed outside this browser.');
  await imported.screenshot({ path: 'e2e/.artifacts/code-cell-consent.png' });
  await expect(imported.getByRole('region', { name: 'Code cell result' })).toHaveCount(0);
  await ask.getByRole('button', { name: 'Allow this code and run' }).click();
  await expect(imported.getByRole('region', { name: 'Code cell result' })).toContainText('Model stored');
  // Allowed once, it runs from then on (a reload included) without asking.
  await page.reload();
  const again = page.locator('section.cell-code').last();
  await again.getByRole('button', { name: 'Run code' }).click();
  await expect(again.getByRole('region', { name: 'Code cell result' })).toContainText('Model stored');
  await expect(again.getByRole('alert', { name: 'Allow this code?' })).toHaveCount(0);
});
