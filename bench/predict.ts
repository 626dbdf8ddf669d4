/**
 * Prediction throughput in Node: rows a second through `predictTable` (the input check, the
 * transform into features and the tree walk: all that `loopbook predict` and `serve` do between
 * parsing and writing) for a gbdt of 200 trees. Target: 500,000 rows a second.
 *
 * The model is trained once on a seeded 20,000-row table of 30 numeric and 2 categorical columns
 * (bench/serve.ts trains the same one), then predicts a 1,000,000-row table of the same shape.
 * Usage: npm run bench -- predict [--rows 1000000]. Writes bench/results/predict.json and .md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { analyzeTable } from '../lib/data/analyze';
import type { RawColumn, Table } from '../lib/data/types';
import { generateBinary } from '../lib/ml/gbdt/synth';
import { predictTable } from '../lib/ml/model';
import { trainAutoML, type AutoMLResult } from '../lib/ml/train';
import { numberArg } from './stats';

const root = fileURLToPath(new URL('..', import.meta.url));
const TARGET_ROWS_PER_S = 500_000;
const TRAIN_ROWS = 20_000;
const TREES = 200;
const SEED = 20261201;
const NUMERIC = 30;
/** Rows predicted per timed call: big enough that per-call costs vanish, small enough for memory. */
const BATCH_ROWS = 250_000;

/**
 * A seeded table of `rows`: 30 numeric features (the gbdt bench's, missing values included), two
 * categoricals spelled out from integer features, and the binary label "y" as "yes"/"no".
 */
export function benchTable(rows: number, seed = SEED): Table {
  const { x, y } = generateBinary(rows, NUMERIC, seed);
  const columns: RawColumn[] = [];
  for (let f = 0; f < NUMERIC; f++) {
    const values = new Float64Array(rows);
    for (let r = 0; r < rows; r++) values[r] = x.values[r * NUMERIC + f]!;
    columns.push({ kind: 'number', name: `f${f}`, values, allInteger: false });
  }
  for (const [name, f, prefix] of [['grade', 10, 'g'], ['region', 11, 'r']] as const) {
    const codes = new Int32Array(rows);
    let levels = 0;
    for (let r = 0; r < rows; r++) levels = Math.max(levels, (codes[r] = x.values[r * NUMERIC + f]!) + 1);
    columns.push({ kind: 'string', name, codes, dictionary: Array.from({ length: levels }, (_, k) => `${prefix}${k}`) });
  }
  columns.push({ kind: 'string', name: 'y', codes: Int32Array.from(y), dictionary: ['no', 'yes'] });
  return { rowCount: rows, columns };
}

/** The benchmark's model: gbdt, 200 trees, default params otherwise, no early stopping. */
export async function trainBenchModel(): Promise<AutoMLResult> {
  const table = benchTable(TRAIN_ROWS);
  const { schema } = analyzeTable(table, {}, 'y');
  return trainAutoML({
    table,
    schema,
    config: { label: 'y', task: 'binary', metric: 'log_loss', timeBudgetS: 600, seed: 1, learners: ['gbdt'], ensemble: false, fixed: { learner: 'gbdt', params: { trees: TREES } } },
  });
}

/** Rows [start, end) of `table`, as views. */
function sliceTable(table: Table, start: number, end: number): Table {
  const columns = table.columns.map((c): RawColumn => (c.kind === 'number' ? { ...c, values: c.values.subarray(start, end) } : { ...c, codes: c.codes.subarray(start, end) }));
  return { rowCount: end - start, columns };
}

async function main(): Promise<void> {
  const rows = numberArg('rows', 1_000_000);
  const trainStart = performance.now();
  const { model } = await trainBenchModel();
  const trainSeconds = (performance.now() - trainStart) / 1000;
  const table = benchTable(rows, SEED + 1);
  // One warm-up batch so that V8 has compiled the walk before the clock starts.
  await predictTable(model, sliceTable(table, 0, Math.min(rows, 20_000)));
  const runs: number[] = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    for (let start = 0; start < rows; start += BATCH_ROWS) await predictTable(model, sliceTable(table, start, Math.min(rows, start + BATCH_ROWS)));
    runs.push(rows / ((performance.now() - started) / 1000));
  }
  const best = Math.max(...runs);
  const result = {
    benchmark: 'predict',
    date: new Date().toISOString(),
    node: process.version,
    rows,
    trees: TREES,
    features: NUMERIC + 2,
    trainSeconds,
    rowsPerSecond: { best, runs: runs.map(Math.round) },
    target: TARGET_ROWS_PER_S,
  };
  const f = (v: number) => Math.round(v).toLocaleString('en');
  const table2 = [
    `predictTable of ${rows.toLocaleString('en')} rows (30 numeric + 2 categorical columns) by a gbdt of ${TREES} trees (31 leaves), in batches of ${BATCH_ROWS.toLocaleString('en')}; Node ${process.version}.`,
    '',
    '| measure | value | target |',
    '| --- | --- | --- |',
    `| rows a second, best of 3 | ${f(best)} | ≥ ${f(TARGET_ROWS_PER_S)} |`,
    `| each run | ${runs.map(f).join(', ')} | |`,
  ].join('\n');
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/predict.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(root, 'bench/results/predict.md'), `${table2}\n`);
  console.log(`\n${table2}\n\nWrote bench/results/predict.json and .md`);
}

// bench/serve.ts imports the model and table from here without running the benchmark.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
