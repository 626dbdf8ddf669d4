import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readModelZip, writeModelZip } from '../bundle/model-zip';
import { analyzeTable } from '../data/analyze';
import { parseText } from '../data/parse';
import { writeCsvChunks } from '../data/write-csv';
import { setMlBackend } from '../ml/backend';
import { predictTable } from '../ml/model';
import { predictionColumns } from '../ml/prediction-columns';
import { trainAutoML } from '../ml/train';
import { createPredictService } from './predict-service';

const CSV = readFileSync(new URL('../../public/samples/penguins.csv', import.meta.url), 'utf8');
const PENGUINS = new Blob([CSV]);
const blobs = new Map<string, Blob>([['penguins', PENGUINS]]);
const loadBlob = async (hash: string) => blobs.get(hash);
let zip: Uint8Array;

beforeAll(async () => {
  await setMlBackend('auto');
  const { table } = parseText(CSV);
  const result = await trainAutoML({
    table,
    schema: analyzeTable(table, {}, 'Species').schema,
    config: { label: 'Species', task: 'multiclass', metric: 'log_loss', timeBudgetS: 30, seed: 2, learners: ['gbdt', 'linear'], ensemble: true, maxTrials: 3 },
  });
  zip = await writeModelZip({ model: result.model, config: result.config, evaluation: result.evaluation, createdAt: new Date(0) });
  blobs.set('model', new Blob([new Uint8Array(zip)]));
}, 120_000);

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('predict service', () => {
  it('predicts a stored dataset into the same CSV that loopbook predict writes', async () => {
    const service = createPredictService(loadBlob);
    const out = await service.predict({ jobId: 'p1', modelHash: 'model', input: { kind: 'dataset', datasetHash: 'penguins' } });
    const { table } = parseText(CSV);
    const bundle = await readModelZip(zip);
    const { predictions } = await predictTable(bundle.model, table);
    const expected = [...writeCsvChunks([...table.columns, ...predictionColumns(bundle.model.plan.label, predictions)], table.rowCount)].join('');
    expect(text(out.csv)).toBe(expected);
    expect(out.rows).toBe(table.rowCount);
    expect(out.columns.slice(-4)).toEqual(['prediction', 'prob_Adelie', 'prob_Chinstrap', 'prob_Gentoo']);
    expect(out.preview).toHaveLength(50);
    expect(out.summary.task).toBe('multiclass');
    if (out.summary.task !== 'regression') expect(out.summary.classes.reduce((n, c) => n + c.count, 0)).toBe(table.rowCount);
    // Read back from the stored CSV, the view is the same.
    blobs.set('out', new Blob([new Uint8Array(out.csv)]));
    const again = await service.readPredictions('out');
    expect(again?.summary).toEqual(out.summary);
    expect(again?.preview[0]).toEqual(out.preview[0]);
  });

  it('predicts one typed row, with missing values allowed, and a picked file', async () => {
    const service = createPredictService(loadBlob);
    const row = await service.predict({ jobId: 'r', modelHash: 'model', input: { kind: 'row', values: { Island: 'Biscoe', 'Beak Length (mm)': '48.6', 'Flipper Length (mm)': '230', 'Body Mass (g)': '' } } });
    expect(row.rows).toBe(1);
    expect(row.preview[0]![row.columns.indexOf('prediction')]).toBe('Gentoo');
    const file = await service.predict({ jobId: 'f', modelHash: 'model', input: { kind: 'file', file: new Blob([CSV.split('\n').slice(0, 4).join('\n')]) } });
    expect(file.rows).toBe(3);
  });

  it('names the missing and mistyped columns, and reports unseen categories as notices', async () => {
    const service = createPredictService(loadBlob);
    const lines = CSV.trim().split('\n');
    const header = lines[0]!.split(',');
    const drop = header.indexOf('Island');
    const without = lines.slice(0, 5).map((l) => l.split(',').filter((_, i) => i !== drop).join(',')).join('\n');
    await expect(service.predict({ jobId: 'm', modelHash: 'model', input: { kind: 'file', file: new Blob([without]) } })).rejects.toThrow(/lacks a column the model needs: "Island"/);
    const mass = header.indexOf('Body Mass (g)');
    const mistyped = lines.slice(0, 5).map((l, i) => (i === 0 ? l : l.split(',').map((v, j) => (j === mass ? 'heavy' : v)).join(','))).join('\n');
    await expect(service.predict({ jobId: 'w', modelHash: 'model', input: { kind: 'file', file: new Blob([mistyped]) } })).rejects.toMatchObject({ name: 'InputMismatchError', message: expect.stringMatching(/"Body Mass \(g\)" should hold numbers/) });
    const unseen = await service.predict({ jobId: 'u', modelHash: 'model', input: { kind: 'row', values: { Island: 'Atlantis' } } });
    expect(unseen.notices.join(' ')).toMatch(/"Island" has a value the model never saw \("Atlantis"\)/);
  });

  it('refuses a model that is not stored or not a model', async () => {
    const service = createPredictService(loadBlob);
    await expect(service.predict({ jobId: 'x', modelHash: 'nope', input: { kind: 'dataset', datasetHash: 'penguins' } })).rejects.toMatchObject({ name: 'ModelMissingError' });
    await expect(service.describe('penguins')).rejects.toMatchObject({ name: 'BundleError' });
  });

  it('keeps a model in use until its job ends, even when newer models push it out', async () => {
    for (const h of ['m1', 'm2', 'm3']) blobs.set(h, new Blob([new Uint8Array(zip)]));
    const service = createPredictService(loadBlob);
    const runs = ['m1', 'm2', 'm3', 'm1'].map((modelHash, i) => service.predict({ jobId: `j${i}`, modelHash, input: { kind: 'dataset', datasetHash: 'penguins' } }));
    const outs = await Promise.all(runs);
    expect(new Set(outs.map((o) => new TextDecoder().decode(o.csv))).size).toBe(1);
  });

  it('evaluates labelled rows like training did, and keeps every row’s predictions', async () => {
    const service = createPredictService(loadBlob);
    const out = await service.evaluate({ jobId: 'e', modelHash: 'model', seed: 1, input: { kind: 'dataset', datasetHash: 'penguins' } });
    expect(out.evaluation.metrics.accuracy).toBeGreaterThan(0.9);
    expect(out.evaluation.confusion).toHaveLength(3);
    expect(out.predictions.rows).toBe(out.evaluation.rows + out.unlabelled);
    expect(service.progress('e')).toBeUndefined();
  });
});

describe('predict service on a regression with dates and text', () => {
  it('predicts values, summarises them as a histogram, and reads them back; evaluation has residuals', async () => {
    const cars = readFileSync(new URL('../../cli/fixtures/cars.csv', import.meta.url), 'utf8');
    const { table } = parseText(cars);
    const result = await trainAutoML({
      table,
      schema: analyzeTable(table, {}, 'Miles_per_Gallon').schema,
      config: { label: 'Miles_per_Gallon', task: 'regression', metric: 'r2', timeBudgetS: 30, seed: 1, learners: ['gbdt'], ensemble: false, maxTrials: 2 },
    });
    const carsZip = await writeModelZip({ model: result.model, config: result.config, evaluation: result.evaluation, createdAt: new Date(0) });
    blobs.set('cars-model', new Blob([new Uint8Array(carsZip)]));
    blobs.set('cars', new Blob([cars]));
    const service = createPredictService(loadBlob);
    const out = await service.predict({ jobId: 'c', modelHash: 'cars-model', input: { kind: 'dataset', datasetHash: 'cars' } });
    expect(out.columns.at(-1)).toBe('prediction');
    expect(out.columns.some((c) => c.startsWith('prob_'))).toBe(false);
    expect(out.summary.task).toBe('regression');
    if (out.summary.task === 'regression') {
      expect(out.summary.histogram.counts.reduce((a, b) => a + b, 0)).toBe(out.rows);
      expect(out.summary.mean).toBeGreaterThan(15);
      expect(out.summary.mean).toBeLessThan(35);
    }
    blobs.set('cars-out', new Blob([new Uint8Array(out.csv)]));
    expect((await service.readPredictions('cars-out'))?.summary).toEqual(out.summary);
    // One typed row: the date and the name (text) as typed, the rest missing.
    const row = await service.predict({ jobId: 'r', modelHash: 'cars-model', input: { kind: 'row', values: { Name: 'ford pinto', Year: '1975-01-01', Cylinders: '4', Weight_in_lbs: '2300' } } });
    expect(Number(row.preview[0]![row.columns.indexOf('prediction')])).toBeGreaterThan(15);
    const evaluated = await service.evaluate({ jobId: 'e', modelHash: 'cars-model', seed: 1, input: { kind: 'dataset', datasetHash: 'cars' } });
    expect(evaluated.evaluation.residuals?.predicted.length).toBeGreaterThan(0);
    expect(evaluated.unlabelled).toBe(table.rowCount - evaluated.evaluation.rows);
  }, 60_000);
});
