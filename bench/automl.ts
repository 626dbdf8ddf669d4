/**
 * AutoML quality benchmark: on the shared datasets, a seeded 80/20 split and a time budget (60 s
 * by default), Loopbook's held-out metrics beside XGBoost and scikit-learn's HistGradientBoosting
 * with default settings, fitted on the same training rows and the same features (the matrices
 * Loopbook's preprocessing wrote), and scored by the same metric code.
 *
 * Usage: npm run bench -- automl [--time 60] [--only penguins]
 * Writes bench/results/automl.json and bench/results/automl.md.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeTable } from '../lib/data/analyze';
import { parseBytes } from '../lib/data/parse';
import { setMlBackend } from '../lib/ml/backend';
import { fitLabel, transform } from '../lib/ml/preprocess';
import { METRICS, defaultMetric, type MetricName } from '../lib/ml/metrics';
import { trainAutoML } from '../lib/ml/train';
import { LEARNER_NAMES, type Predictions } from '../lib/ml/types';

const root = fileURLToPath(new URL('..', import.meta.url));
const DATA = join(root, '../shared/data');
const PYTHON = '/usr/bin/python3';
const SEED = Number(argValue('seed') ?? 42);

const DATASETS = [
  { name: 'penguins', file: 'penguins.csv', label: 'Species' },
  { name: 'cars', file: 'cars.csv', label: 'Miles_per_Gallon' },
  { name: 'seattle-weather', file: 'seattle-weather.csv', label: 'weather' },
  { name: 'movies', file: 'movies.csv', label: 'IMDB Rating' },
] as const;

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface Row {
  dataset: string;
  task: string;
  metric: MetricName;
  rows: { train: number; test: number };
  loopbook: { score: number; metrics: Record<string, number | null>; trials: number; chosen: string; seconds: number };
  xgboost: { score: number; seconds: number } | { error: string };
  hgb: { score: number; seconds: number } | { error: string };
  target: 'met' | 'missed' | 'no baseline';
}

function baselineScore(entry: unknown, metric: MetricName, y: Float64Array, width: number): { score: number; seconds: number } | { error: string } {
  if (typeof entry !== 'object' || entry === null) return { error: 'no result' };
  if ('error' in entry && typeof entry.error === 'string') return { error: entry.error };
  if (!('predictions' in entry) || !Array.isArray(entry.predictions) || !('fitSeconds' in entry) || typeof entry.fitSeconds !== 'number') return { error: 'malformed result' };
  const values = Float64Array.from(entry.predictions, (v) => (typeof v === 'number' ? v : Number.NaN));
  const p: Predictions = { rows: y.length, width, values };
  return { score: METRICS[metric].score(y, p), seconds: entry.fitSeconds };
}

async function main(): Promise<void> {
  const time = Number(argValue('time') ?? 60);
  const only = argValue('only');
  const backend = await setMlBackend('auto');
  mkdirSync(join(root, 'bench/tmp'), { recursive: true });
  const pythonOk = existsSync(PYTHON);
  if (!pythonOk) console.log(`Notice: ${PYTHON} not found; the XGBoost and HistGradientBoosting columns are skipped.`);
  const results: Row[] = [];
  for (const d of DATASETS.filter((x) => !only || x.name === only)) {
    const { table } = parseBytes(new Uint8Array(readFileSync(join(DATA, d.file))));
    const analysis = analyzeTable(table, {}, d.label);
    const task = analysis.task.task;
    if (!task) throw new Error(`${d.name}: no task for ${d.label}`);
    const metric = defaultMetric(task);
    process.stdout.write(`${d.name}: ${task}, ${metric}, ${time} s… `);
    const result = await trainAutoML({
      table,
      schema: analysis.schema,
      config: { label: d.label, task, metric, timeBudgetS: time, seed: SEED, learners: [...LEARNER_NAMES], ensemble: true },
    });
    const ours = result.evaluation.metrics[metric] ?? Number.NaN;
    console.log(`${METRICS[metric].label} ${ours.toFixed(4)} (${result.trials.length} trials, ${(result.elapsedMs / 1000).toFixed(1)} s)`);

    // The baselines see the same training rows and features.
    const label = fitLabel(table, d.label, task);
    const { plan } = result.model;
    const xTrain = transform(plan, table, 'trees', result.split.train);
    const xTest = transform(plan, table, 'trees', result.split.test);
    const yTest = Float64Array.from(result.split.test, (r) => label.y[r]!);
    const base = join(root, `bench/tmp/automl-${d.name}`);
    writeFileSync(`${base}-xtrain.bin`, xTrain.values);
    writeFileSync(`${base}-xtest.bin`, xTest.values);
    writeFileSync(`${base}-ytrain.bin`, Float64Array.from(result.split.train, (r) => label.y[r]!));
    writeFileSync(`${base}.json`, JSON.stringify({ task, cols: xTrain.cols, xTrain: `${base}-xtrain.bin`, xTest: `${base}-xtest.bin`, yTrain: `${base}-ytrain.bin` }));
    let baselines: Record<string, unknown> = { xgboost: { error: 'python not found' }, hgb: { error: 'python not found' } };
    if (pythonOk) {
      const out = execFileSync(PYTHON, [join(root, 'bench/baselines.py'), `${base}.json`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      const parsed: unknown = JSON.parse(out);
      if (typeof parsed === 'object' && parsed !== null) baselines = Object.fromEntries(Object.entries(parsed));
    }
    const width = task === 'regression' ? 1 : label.encoding.task === 'regression' ? 1 : label.encoding.classes.length;
    const xgb = baselineScore(baselines.xgboost, metric, yTest, width);
    const hgb = baselineScore(baselines.hgb, metric, yTest, width);
    const scores = [xgb, hgb].flatMap((b) => ('score' in b ? [b.score] : []));
    const higher = METRICS[metric].higherIsBetter;
    const bestBaseline = scores.length ? (higher ? Math.max(...scores) : Math.min(...scores)) : undefined;
    const target = bestBaseline === undefined ? 'no baseline' : (higher ? ours >= bestBaseline : ours <= bestBaseline) ? 'met' : 'missed';
    const m = result.model.members;
    results.push({
      dataset: d.name,
      task,
      metric,
      rows: { train: result.split.train.length, test: result.split.test.length },
      loopbook: {
        score: ours,
        metrics: Object.fromEntries(Object.entries(result.evaluation.metrics).map(([k, v]) => [k, v ?? null])),
        trials: result.trials.length,
        chosen: [...new Set(m.map((x) => x.learner))].join('+') + (m.length > 1 ? ` (${m.length} members)` : ''),
        seconds: Math.round(result.elapsedMs) / 1000,
      },
      xgboost: xgb,
      hgb,
      target,
    });
  }
  const fmt = (b: { score: number } | { error: string }) => ('score' in b ? b.score.toFixed(4) : `– (${b.error})`);
  const table = [
    '| dataset | task | metric (held-out) | Loopbook | XGBoost | HistGB | target (≥ better baseline) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...results.map((r) => `| ${r.dataset} | ${r.task} | ${METRICS[r.metric].label} | ${r.loopbook.score.toFixed(4)} (${r.loopbook.chosen}, ${r.loopbook.trials} trials, ${r.loopbook.seconds} s) | ${fmt(r.xgboost)} | ${fmt(r.hgb)} | ${r.target} |`),
  ].join('\n');
  const out = { benchmark: 'automl', date: new Date().toISOString(), timeBudgetS: time, seed: SEED, backend, results };
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/automl.json'), `${JSON.stringify(out, null, 2)}\n`);
  writeFileSync(join(root, 'bench/results/automl.md'), `${table}\n`);
  console.log(`\n${table}\n\nWrote bench/results/automl.json and bench/results/automl.md`);
}

await main();
