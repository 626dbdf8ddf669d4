/**
 * Scheduling overhead of run-all on a 200-cell notebook (issue 7's speed section): reading every
 * cell's inputs, building the DAG, ordering it and running every cell through `runCells` with a
 * job limit of 4, where each cell's work is an empty async function, so that only the scheduling
 * is timed. Target: under 50 ms.
 *
 * The notebook repeats a realistic block: a markdown cell, a data cell, a train cell, an evaluate
 * and two predict cells (one automatic, one on the production model), and every fifth block a
 * sweep and a train cell that read an earlier block's data cell.
 * Usage: npm run bench -- pipeline. Writes bench/results/pipeline.json and .md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CellId, ContentHash } from '../lib/ids';
import { cellInputs } from '../lib/pipeline/bindings';
import { buildGraph } from '../lib/pipeline/graph';
import { runCells } from '../lib/pipeline/schedule';
import type { CellConfig, CellKind, CellView } from '../lib/sync/project-doc';

const root = fileURLToPath(new URL('..', import.meta.url));
const CELLS = 200;
const RUNS = 30;
const TARGET_MS = 50;
const HASH = ContentHash.parse('b'.repeat(64));

function notebook(size: number): CellView[] {
  const cells: CellView[] = [];
  const dataCells: CellId[] = [];
  const add = (kind: CellKind, config: CellConfig = {}) => {
    const id = CellId.create();
    cells.push({ id, kind, collapsed: false, source: '', config });
    return id;
  };
  for (let block = 0; cells.length < size; block++) {
    add('markdown');
    dataCells.push(add('data', { datasetHash: HASH }));
    add('train');
    add('evaluate');
    add('predict');
    add('predict', { model: 'production' });
    if (block % 5 === 4) {
      add('sweep', { sourceCellId: dataCells[block - 3]! });
      add('train', { sourceCellId: dataCells[block - 4]! });
    }
  }
  return cells.slice(0, size);
}

async function main(): Promise<void> {
  const cells = notebook(CELLS);
  const times: number[] = [];
  let ran = 0;
  for (let i = 0; i < RUNS + 3; i++) {
    const started = performance.now();
    const graph = buildGraph(cellInputs(cells));
    const outcomes = await runCells(graph, new Set(graph.cells), { limit: 4, run: async () => {} });
    const ms = performance.now() - started;
    ran = outcomes.size;
    if (i >= 3) times.push(ms); // the first runs warm the JIT
  }
  times.sort((a, b) => a - b);
  const median = times[times.length >> 1]!;
  const p90 = times[Math.floor(times.length * 0.9)]!;
  const result = { benchmark: 'pipeline', date: new Date().toISOString(), node: process.version, cells: CELLS, cellsRun: ran, runs: RUNS, medianMs: median, p90Ms: p90, targetMs: TARGET_MS };
  const table = [
    `Run-all scheduling on a ${CELLS}-cell notebook (${ran} cells run, empty work, job limit 4): inputs, DAG, order and runCells; ${RUNS} runs after 3 warm-up; Node ${process.version}.`,
    '',
    '| measure | value | target |',
    '| --- | --- | --- |',
    `| median | ${median.toFixed(2)} ms | < ${TARGET_MS} ms |`,
    `| p90 | ${p90.toFixed(2)} ms | |`,
  ].join('\n');
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/pipeline.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(root, 'bench/results/pipeline.md'), `${table}\n`);
  console.log(`\n${table}\n\nWrote bench/results/pipeline.json and .md`);
}

await main();
