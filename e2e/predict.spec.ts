import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openPenguinsSample, PENGUINS_CSV, preferDownloads, trainFirstExperiment } from './helpers';

/** Opens the penguins sample and trains it twice with a 4 s budget: exp-001 and exp-002. */
async function twoExperiments(page: Page) {
  await preferDownloads(page);
  await openPenguinsSample(page, { timeBudgetS: 4 });
  const train = await trainFirstExperiment(page);
  await train.getByRole('button', { name: 'Train again' }).click();
  await expect(train.getByText(/exp-002: completed/)).toBeVisible({ timeout: 40_000 });
}

test('predict and evaluate cells: production by default, data cell, typed row, bad file, and the CLI agrees', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await twoExperiments(page);

  await page.getByRole('button', { name: '+ Predict cell' }).click();
  const cell = page.locator('section.cell-predict').last();
  await expect(cell.getByText('Using exp-002: the newest model (nothing is in production)')).toBeVisible();

  // Promote exp-001: an automatic predict cell follows the production model.
  await page.getByRole('link', { name: /^Experiments/ }).click();
  await page.getByRole('table', { name: 'Experiments' }).getByRole('button', { name: 'Open exp-001' }).click();
  const detail = page.getByRole('region', { name: 'Experiment exp-001' });
  await detail.getByRole('button', { name: 'Promote to production' }).click();
  const modelDownload = page.waitForEvent('download');
  await detail.getByRole('button', { name: 'Export model.zip' }).click();
  const modelPath = testInfo.outputPath('model.zip');
  await (await modelDownload).saveAs(modelPath);
  await page.getByRole('link', { name: '← Notebook' }).click();
  const predict = page.locator('section.cell-predict').last();
  await expect(predict.getByText('Using exp-001: the production model')).toBeVisible();

  // Every row of the data cell.
  await predict.getByRole('button', { name: 'Predict', exact: true }).click();
  await expect(predict.getByText('344 rows predicted')).toBeVisible({ timeout: 30_000 });
  const table = predict.getByRole('table', { name: 'Predicted rows' });
  await expect(table.locator('thead')).toContainText('prediction');
  await expect(table.locator('thead')).toContainText('prob_Gentoo');
  await expect(predict.getByRole('figure', { name: /Predicted Species/ })).toBeVisible();
  await predict.screenshot({ path: 'e2e/.artifacts/predict-cell.png' });
  const csvDownload = page.waitForEvent('download');
  await predict.getByRole('button', { name: 'Download CSV' }).click();
  const browserCsv = testInfo.outputPath('browser.csv');
  await (await csvDownload).saveAs(browserCsv);

  // The exported model.zip predicts the same rows the same way in Node.
  const cliCsv = testInfo.outputPath('cli.csv');
  execFileSync(process.execPath, ['cli/loopbook.mjs', 'predict', modelPath, PENGUINS_CSV, '-o', cliCsv], { stdio: 'pipe' });
  expectSamePredictions(readFileSync(browserCsv, 'utf8'), readFileSync(cliCsv, 'utf8'));

  // One typed row, from a form made of the model's features.
  await predict.getByLabel('One row, typed').check();
  const form = predict.getByRole('group', { name: 'Row to predict' });
  await form.getByLabel('Island').fill('Biscoe');
  await form.getByLabel('Beak Length (mm)').fill('48.6');
  await form.getByLabel('Flipper Length (mm)').fill('230');
  await form.getByLabel('Body Mass (g)').fill('5800');
  await predict.getByRole('button', { name: 'Predict', exact: true }).click();
  await expect(predict.getByText('1 row predicted')).toBeVisible({ timeout: 15_000 });
  await expect(predict.getByRole('table', { name: 'Predicted rows' }).locator('tbody')).toContainText('Gentoo');
  await predict.screenshot({ path: 'e2e/.artifacts/predict-row.png' });

  // A file without a column the model needs: refused, naming it; the last predictions stay.
  await predict.getByLabel('From a file').check();
  const rows = readFileSync(PENGUINS_CSV, 'utf8').trim().split('\n').slice(0, 6);
  const island = rows[0]!.split(',').indexOf('Island');
  const withoutIsland = rows.map((r) => r.split(',').filter((_, i) => i !== island).join(',')).join('\n');
  await predict.getByLabel('File of rows').setInputFiles({ name: 'no-island.csv', mimeType: 'text/csv', buffer: Buffer.from(withoutIsland) });
  await predict.getByRole('button', { name: 'Predict', exact: true }).click();
  await expect(predict.getByRole('alert')).toContainText('"Island"');
  await expect(predict.getByText('1 row predicted')).toBeVisible();

  // Evaluate on the labelled data cell.
  await page.getByRole('button', { name: '+ Evaluate cell' }).click();
  const evaluate = page.locator('section.cell-evaluate').last();
  await expect(evaluate.getByText('Using exp-001: the production model')).toBeVisible();
  await evaluate.getByRole('button', { name: 'Evaluate', exact: true }).click();
  const metrics = evaluate.getByRole('table', { name: 'Evaluation metrics' });
  await expect(metrics).toBeVisible({ timeout: 60_000 });
  expect(Number(await metrics.getByRole('row', { name: /^Accuracy/ }).locator('td').textContent())).toBeGreaterThanOrEqual(0.9);
  await expect(evaluate.getByRole('figure').first()).toBeVisible();
  await evaluate.screenshot({ path: 'e2e/.artifacts/evaluate-cell.png' });

  // After a reload both cells show their stored results, and the lineage holds them under the model.
  await page.reload();
  await expect(page.locator('section.cell-predict').last().getByText('1 row predicted')).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('section.cell-evaluate').last().getByRole('table', { name: 'Evaluation metrics' })).toBeVisible();
  await page.getByRole('link', { name: /^Experiments/ }).click();
  await page.getByRole('table', { name: 'Experiments' }).getByRole('button', { name: 'Open exp-001' }).click();
  const lineage = page.getByRole('region', { name: 'Experiment exp-001' }).getByRole('list', { name: 'Lineage' });
  await expect(lineage).toContainText('exp-001 predictions on penguins.csv');
  await expect(lineage).toContainText('exp-001 evaluation on penguins.csv');
});

/** Same columns, same classes, probabilities within 1e-5. */
function expectSamePredictions(browser: string, cli: string) {
  const a = browser.trim().split('\n');
  const b = cli.trim().split('\n');
  expect(a[0]).toBe(b[0]);
  expect(a.length).toBe(b.length);
  const header = a[0]!.split(',');
  const first = header.indexOf('prediction');
  for (let r = 1; r < a.length; r++) {
    const x = a[r]!.split(',');
    const y = b[r]!.split(',');
    expect(x[first]).toBe(y[first]);
    for (let k = first + 1; k < header.length; k++) expect(Math.abs(Number(x[k]) - Number(y[k]))).toBeLessThanOrEqual(1e-5);
  }
}
