/**
 * model.zip export and import for a model of about 10 MB (issue 6's speed section), in Node: an
 * MLP of three hidden layers of 1,150 units fitted for one epoch on the penguins (its weights are
 * the bulk), written with `writeModelZip` (serialize, hash every file, deflate) and read back with
 * `readModelZip` (inflate, check every hash and schema, deserialize into TF.js). The browser runs
 * the same two functions in its workers; storing the bytes in IndexedDB comes on top.
 *
 * Usage: npm run bench -- bundle. Writes bench/results/bundle.json and .md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readModelZip, writeModelZip } from '../lib/bundle/model-zip';
import { analyzeTable } from '../lib/data/analyze';
import { parseText } from '../lib/data/parse';
import { setMlBackend } from '../lib/ml/backend';
import { disposeModel } from '../lib/ml/model';
import { trainAutoML } from '../lib/ml/train';
import { median, round } from './stats';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 5;
const MLP = { layers: 3, units: 1150, epochs: 1, batchSize: 64 } as const;

async function main(): Promise<void> {
  const backend = await setMlBackend('auto');
  const { table } = parseText(readFileSync(join(root, 'public/samples/penguins.csv'), 'utf8'));
  const result = await trainAutoML({
    table,
    schema: analyzeTable(table, {}, 'Species').schema,
    config: { label: 'Species', task: 'multiclass', metric: 'log_loss', timeBudgetS: 600, seed: 1, learners: ['mlp'], ensemble: false, fixed: { learner: 'mlp', params: MLP } },
  });
  const input = { model: result.model, config: result.config, evaluation: result.evaluation, createdAt: new Date(0) };
  const writes: number[] = [];
  const reads: number[] = [];
  let zip: Uint8Array = new Uint8Array();
  for (let i = 0; i <= RUNS; i++) {
    let started = performance.now();
    zip = await writeModelZip(input);
    // The first round warms up (TF.js's kernels, the JIT): not counted.
    if (i > 0) writes.push(performance.now() - started);
    started = performance.now();
    const bundle = await readModelZip(zip);
    if (i > 0) reads.push(performance.now() - started);
    disposeModel(bundle.model);
  }
  disposeModel(result.model);
  const inflated = Object.values(await import('fflate').then((f) => f.unzipSync(zip))).reduce((n, b) => n + b.length, 0);
  const out = {
    benchmark: 'bundle',
    date: new Date().toISOString(),
    node: process.version,
    backend,
    model: `mlp ${MLP.layers}×${MLP.units}`,
    zipBytes: zip.length,
    inflatedBytes: inflated,
    exportMs: { median: round(median(writes)), runs: writes.map((w) => round(w)) },
    importMs: { median: round(median(reads)), runs: reads.map((r) => round(r)) },
  };
  const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
  const table_ = [
    `model.zip of an ${out.model} (${mb(out.inflatedBytes)} of files, ${mb(out.zipBytes)} zipped), TF.js on ${backend}, ${process.version}; median of ${RUNS} after a warm-up.`,
    '',
    '| measure | median | each run |',
    '| --- | --- | --- |',
    `| export: writeModelZip (serialize, hash, zip: weights stored, JSON deflated) | ${out.exportMs.median} ms | ${out.exportMs.runs.join(', ')} |`,
    `| import: readModelZip (inflate, check hashes and schemas, load weights) | ${out.importMs.median} ms | ${out.importMs.runs.join(', ')} |`,
  ].join('\n');
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/bundle.json'), `${JSON.stringify(out, null, 2)}\n`);
  writeFileSync(join(root, 'bench/results/bundle.md'), `${table_}\n`);
  console.log(`\n${table_}\n\nWrote bench/results/bundle.json and .md`);
}

await main();
