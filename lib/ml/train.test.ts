import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeTable, type ColumnOverrides } from '../data/analyze';
import { parseText } from '../data/parse';
import { setMlBackend } from './backend';
import { TrainingInputError } from './errors';
import { predictTable } from './model';
import { trainAutoML, type AutoMLConfig } from './train';

const PENGUINS = readFileSync(new URL('../../public/samples/penguins.csv', import.meta.url), 'utf8');

function prepare(csv: string, label: string, overrides: ColumnOverrides = {}) {
  const { table } = parseText(csv);
  const analysis = analyzeTable(table, overrides, label);
  return { table, schema: analysis.schema, task: analysis.task.task! };
}

const base = (label: string, task: AutoMLConfig['task']): AutoMLConfig => ({
  label,
  task,
  metric: task === 'regression' ? 'r2' : task === 'binary' ? 'roc_auc' : 'log_loss',
  timeBudgetS: 30,
  seed: 7,
  learners: ['gbdt', 'linear'],
  ensemble: true,
  maxTrials: 4,
});

beforeAll(async () => {
  await setMlBackend('auto');
});

describe('trainAutoML', () => {
  const penguins = prepare(PENGUINS, 'Species');

  it('gives the same leaderboard for the same data, config and seed', async () => {
    const run = () => trainAutoML({ ...penguins, config: base('Species', 'multiclass') });
    const [a, b] = [await run(), await run()];
    const board = (r: Awaited<ReturnType<typeof run>>) => r.trials.map((t) => [t.learner, t.params, t.score]);
    expect(board(a)).toEqual(board(b));
    expect(a.trials).toHaveLength(4);
    expect(a.evaluation.metrics.accuracy).toBeGreaterThan(0.9);
    expect(Array.from(a.split.test)).toEqual(Array.from(b.split.test));
    // Held-out rows are never training rows.
    const train = new Set(a.split.train);
    expect(Array.from(a.split.test).some((r) => train.has(r))).toBe(false);
  }, 60_000);

  it('respects the time budget', async () => {
    const started = performance.now();
    const result = await trainAutoML({ ...penguins, config: { ...base('Species', 'multiclass'), maxTrials: undefined, timeBudgetS: 3, learners: ['gbdt', 'rf', 'linear'] } });
    const seconds = (performance.now() - started) / 1000;
    expect(seconds).toBeLessThan(3 * 1.1 + 0.5);
    expect(result.trials.length).toBeGreaterThan(1);
    expect(result.notices.join(' ')).not.toMatch(/barely trained/);
  }, 30_000);

  it('says so when the budget ends before any trial could finish', async () => {
    const result = await trainAutoML({ ...penguins, config: { ...base('Species', 'multiclass'), maxTrials: undefined, timeBudgetS: 0.01, learners: ['mlp'] } });
    expect(result.trials.every((t) => t.status !== 'completed')).toBe(true);
    expect(result.notices).toContain('The time budget ended before any trial could finish: this model is barely trained. Give the search more time.');
  }, 30_000);

  it('predicts new rows and says what it ignored', async () => {
    const result = await trainAutoML({ ...penguins, config: base('Species', 'multiclass') });
    const rows = parseText('Island,Beak Length (mm),Beak Depth (mm),Flipper Length (mm),Body Mass (g),Sex,Colour\nAtlantis,46.5,14.5,217,4800,FEMALE,blue\n').table;
    const { predictions, notices } = await predictTable(result.model, rows);
    expect(predictions.width).toBe(3);
    const sum = predictions.values.reduce((s, v) => s + v, 0);
    expect(sum).toBeCloseTo(1, 5);
    // A long-beaked, shallow-beaked, long-flippered penguin is a Gentoo.
    expect(predictions.values[2]).toBeGreaterThan(0.5);
    expect(notices.join(' ')).toMatch(/"Atlantis"/);
    expect(notices.join(' ')).toMatch(/"Colour"/);
  }, 60_000);

  it('learns from a text column, as a sentiment model would', async () => {
    const good = ['great', 'loved', 'excellent', 'wonderful', 'superb'];
    const bad = ['awful', 'boring', 'terrible', 'dull', 'waste'];
    const filler = ['the plot', 'this film', 'the actors', 'the ending', 'my evening', 'the music'];
    const lines = Array.from({ length: 300 }, (_, i) => {
      const positive = i % 2 === 0;
      const word = (positive ? good : bad)[(i * 7) % 5]!;
      return `"Visit ${i}: I thought ${filler[i % 6]} was ${word}, and ${filler[(i + 3) % 6]} too",${i % 10},${positive ? 'pos' : 'neg'}`;
    });
    const t = prepare(`review,stars_noise,sentiment\n${lines.join('\n')}\n`, 'sentiment');
    expect(t.schema.find((c) => c.name === 'review')?.type).toBe('text');
    const result = await trainAutoML({ ...t, config: { ...base('sentiment', 'binary'), learners: ['linear', 'gbdt'] } });
    expect(result.evaluation.metrics.roc_auc).toBeGreaterThan(0.95);
    expect(result.evaluation.importance[0]?.name).toBe('review');
  }, 60_000);

  it('refuses too few rows to split', async () => {
    const tiny = prepare('a,y\n1,x\n2,z\n3,x\n4,z\n5,x', 'y');
    await expect(trainAutoML({ ...tiny, config: base('y', 'binary') })).rejects.toThrow(TrainingInputError);
    await expect(trainAutoML({ ...tiny, config: base('y', 'binary') })).rejects.toThrow(/Too few rows/);
  });

  it('refuses a metric that does not fit the task', async () => {
    await expect(trainAutoML({ ...penguins, config: { ...base('Species', 'multiclass'), metric: 'r2' } })).rejects.toThrow(/r2 does not apply/);
  });

  it('treats Infinity and NaN in numeric columns as missing', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `${i % 7 === 0 ? 'Infinity' : i % 5 === 0 ? 'NaN' : i},${i % 3},${i < 30 ? 'a' : 'b'}`);
    // Typed float by the user: the values that are not finite numbers become missing.
    const t = prepare(`x,z,y\n${rows.join('\n')}\n`, 'y', { x: { type: 'float' } });
    const result = await trainAutoML({ ...t, config: base('y', 'binary') });
    expect(result.evaluation.metrics.roc_auc).toBeGreaterThan(0.8);
  }, 60_000);

  it('leaves out a column that copies the label, and says so', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `${i % 7},${i < 30 ? 'a' : 'b'},${i < 30 ? 'a' : 'b'}`);
    const t = prepare(`x,y,copy\n${rows.join('\n')}\n`, 'y');
    const result = await trainAutoML({ ...t, config: { ...base('y', 'binary'), maxTrials: 1 } });
    expect(result.notices).toContain('"copy" holds the same values as the label "y", so it is left out: a model would only learn to copy it.');
    expect(result.model.plan.steps.map((s) => s.column)).toEqual(['x']);
  }, 60_000);

  it('tells rows without a label from rows whose regression label is not a number', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `${i % 11},${i === 5 ? 'twenty' : i === 6 || i === 7 ? '' : (i % 11) * 2}`);
    const t = prepare(`x,y\n${rows.join('\n')}\n`, 'y', { y: { type: 'float' } });
    const result = await trainAutoML({ ...t, config: { ...base('y', 'regression'), maxTrials: 1 } });
    expect(result.notices).toEqual(expect.arrayContaining(['2 rows without a value for "y" were left out.', '1 row whose "y" is not a number (like "twenty") was left out.']));
  }, 60_000);

  it('reads a column with infinite numbers ("Infinity", "-inf") as numbers, and says how many were treated as missing', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `${i % 10 === 0 ? 'Infinity' : i % 10 === 5 ? '-inf' : i % 6},${i % 6 < 3 ? 'a' : 'b'}`);
    const t = prepare(`x,y\n${rows.join('\n')}\n`, 'y');
    expect(t.schema.find((c) => c.name === 'x')?.type).toBe('integer');
    const result = await trainAutoML({ ...t, config: { ...base('y', 'binary'), maxTrials: 1 } });
    expect(result.notices).toContain('"x": 12 values are not a finite number (like "Infinity") and were treated as missing.');
    expect(result.model.plan.steps.find((s) => s.column === 'x')?.kind).toBe('numeric');
  }, 60_000);

  it('says which columns it left out on its own, and which numbers were too large to read', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `${i},${i % 9 === 0 ? '1e400' : i % 4},same,,${i < 30 ? 'a' : 'b'}`);
    const t = prepare(`id,x,k,empty,y\n${rows.join('\n')}\n`, 'y');
    const result = await trainAutoML({ ...t, config: { ...base('y', 'binary'), maxTrials: 1 } });
    expect(result.notices).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^k is "same" in every row, so it is left out/),
        expect.stringMatching(/^empty is empty, so it is left out/),
        '"x": 7 values are too large to be a number (like 1e400) and were treated as missing.',
      ]),
    );
  }, 60_000);
});
