/**
 * `loopbook serve` under load on loopback: requests a second and latency (p50, p99) for POST
 * /predict with 100 rows a request, CONCURRENCY requests in flight on keep-alive connections.
 * Targets: 1,000 requests a second with p99 under 50 ms.
 *
 * The server is the real command in a child process, with its default of one worker process per
 * core (on this 2-core machine two workers, which share the cores with the load generator),
 * serving bench/predict.ts's model: gbdt, 200 trees, 32 features. Usage: npm run bench -- serve
 * [--seconds 10] [--rounds 2] [--concurrency 16] [--workers N]. Writes bench/results/serve.json
 * and .md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultWorkers } from '../cli/commands/serve';
import { writeModelZip } from '../lib/bundle';
import type { Table } from '../lib/data/types';
import { benchTable, trainBenchModel } from './predict';
import { numberArg } from './stats';

const root = fileURLToPath(new URL('..', import.meta.url));
const PORT = 3294;
const ROWS_PER_REQUEST = 100;
/** Distinct bodies cycled through, so that no cache of one body could flatter the numbers. */
const BODIES = 64;
const WARMUP_SECONDS = 2;
const TARGET_RPS = 1000;
const TARGET_P99_MS = 50;

/**
 * Request bodies of ROWS_PER_REQUEST rows each, without the label, as a client would send them:
 * numbers to 6 significant digits (pandas' to_json writes 10, CSV exports fewer), not the 17 that
 * the float32 values of the synthetic table would print with.
 */
function requestBodies(table: Table): Buffer[] {
  const columns = table.columns.filter((c) => c.name !== 'y');
  const bodies: Buffer[] = [];
  for (let b = 0; b < BODIES; b++) {
    const data = Array.from({ length: ROWS_PER_REQUEST }, (_, i) => {
      const r = b * ROWS_PER_REQUEST + i;
      return columns.map((c) => (c.kind === 'number' ? (Number.isNaN(c.values[r]!) ? null : Number(c.values[r]!.toPrecision(6))) : (c.dictionary[c.codes[r]!] ?? null)));
    });
    bodies.push(Buffer.from(JSON.stringify({ columns: columns.map((c) => c.name), data })));
  }
  return bodies;
}

async function startServe(modelPath: string, workers: number | undefined): Promise<ChildProcess> {
  const args = ['serve', modelPath, '--port', String(PORT), ...(workers === undefined ? [] : ['--workers', String(workers)])];
  const child = spawn(process.execPath, [join(root, 'cli/loopbook.mjs'), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('Serving')) resolve();
    });
    child.once('exit', () => reject(new Error(`loopbook serve exited: ${stderr}`)));
  });
  return child;
}

/** One POST /predict; resolves with its latency in ms once the whole answer is read. */
function post(agent: Agent, body: Buffer): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: '127.0.0.1', port: PORT, path: '/predict', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length } },
      (res) => {
        res.on('data', () => {});
        res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`status ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** `concurrency` loops, each sending its next request when the last is answered, for `seconds`. */
async function load(bodies: readonly Buffer[], concurrency: number, seconds: number): Promise<{ latencies: number[]; errors: number; seconds: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        try {
          latencies.push(await post(agent, bodies[next++ % bodies.length]!));
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return { latencies, errors, seconds: elapsed };
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function main(): Promise<void> {
  const seconds = numberArg('seconds', 10);
  const rounds = numberArg('rounds', 2);
  const concurrency = numberArg('concurrency', 16);
  const workersArg = numberArg('workers', 0);
  const workers = workersArg > 0 ? workersArg : undefined;
  const workerCount = workers ?? defaultWorkers();
  const { model, config, evaluation } = await trainBenchModel();
  const modelPath = join(mkdtempSync(join(tmpdir(), 'loopbook-bench-serve-')), 'model.zip');
  writeFileSync(modelPath, await writeModelZip({ model, config, evaluation }));
  const bodies = requestBodies(benchTable(BODIES * ROWS_PER_REQUEST, 7));
  const child = await startServe(modelPath, workers);
  try {
    await load(bodies, concurrency, WARMUP_SECONDS);
    const runs = [];
    for (let round = 0; round < rounds; round++) {
      const { latencies, errors, seconds: elapsed } = await load(bodies, concurrency, seconds);
      const sorted = latencies.sort((a, b) => a - b);
      runs.push({ requests: sorted.length, errors, requestsPerSecond: sorted.length / elapsed, p50Ms: quantile(sorted, 0.5), p99Ms: quantile(sorted, 0.99), maxMs: sorted.at(-1) ?? NaN });
    }
    const result = {
      benchmark: 'serve',
      date: new Date().toISOString(),
      node: process.version,
      rowsPerRequest: ROWS_PER_REQUEST,
      bodyBytes: bodies[0]!.length,
      concurrency,
      workers: workerCount,
      cores: availableParallelism(),
      seconds,
      runs,
      targets: { requestsPerSecond: TARGET_RPS, p99Ms: TARGET_P99_MS },
    };
    const f = (v: number) => v.toFixed(1);
    const table = [
      `loopbook serve on loopback: POST /predict of ${ROWS_PER_REQUEST} rows (${(bodies[0]!.length / 1024).toFixed(0)} KB) to a gbdt of 200 trees, ${concurrency} requests in flight on keep-alive connections, ${seconds} s a run after ${WARMUP_SECONDS} s of warm-up; ${workerCount} worker ${workerCount === 1 ? 'process' : 'processes'} on ${availableParallelism()} cores, shared with the load generator; Node ${process.version}.`,
      '',
      '| run | requests/s | p50 | p99 | max | errors |',
      '| --- | --- | --- | --- | --- | --- |',
      ...runs.map((r, i) => `| ${i + 1} | ${Math.round(r.requestsPerSecond).toLocaleString('en')} | ${f(r.p50Ms)} ms | ${f(r.p99Ms)} ms | ${f(r.maxMs)} ms | ${r.errors} |`),
      `| target | ≥ ${TARGET_RPS.toLocaleString('en')} | | < ${TARGET_P99_MS} ms | | 0 |`,
    ].join('\n');
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    writeFileSync(join(root, 'bench/results/serve.json'), `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(join(root, 'bench/results/serve.md'), `${table}\n`);
    console.log(`\n${table}\n\nWrote bench/results/serve.json and .md`);
  } finally {
    child.kill('SIGTERM');
  }
}

await main();
