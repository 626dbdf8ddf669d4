/**
 * The sync relay under load, on loopback (issue 8's speed items):
 * - CLIENTS clients in one room, each making EDITS_PER_S small edits a second for --seconds:
 *   p50 / p99 time until every client has an edit (target p99 under 200 ms), and the relay's
 *   CPU and memory;
 * - time for a new client to join a project holding 1,000 experiment records;
 * - blob throughput: a 50 MB dataset uploaded and downloaded (hash-checked).
 *
 * The relay is `npm start`'s script, relay only, in a child process (its CPU and memory read
 * from /proc); the clients are Hocuspocus providers in this process, as the app's. Usage:
 * npm run bench -- sync [--seconds 60] [--clients 30]. Writes bench/results/sync.json and .md.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { sha256Hex } from '../lib/sha256';
import { writeRecords } from '../lib/sync/records-doc';
import { downloadBlob, uploadBlob } from '../lib/sync/blob-transfer';
import { roomProof } from '../lib/sync/share-link';
import { spawnLoopbook } from '../scripts/spawn-loopbook.mjs';
import { connect, createRoom, until, type TestClient } from '../server/test/clients';
import { numberArg } from './stats';

const root = fileURLToPath(new URL('..', import.meta.url));
const EDITS_PER_S = 10;
const TARGET_P99_MS = 200;
const JOIN_EXPERIMENTS = 1000;
const BLOB_MB = 50;
/** Edits made in the first seconds are left out: connections and the JIT settle. */
const WARMUP_S = 3;

const now = () => performance.timeOrigin + performance.now();

/** CPU seconds (user + system) and resident memory of a process, from /proc. */
function processUsage(pid: number): { cpuS: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpuS: ticks / 100, rssMb: rss ? Number(rss[1]) / 1024 : NaN };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function editLoad(origin: string, clientCount: number, seconds: number, pid: number) {
  const room = await createRoom(origin);
  const clients: TestClient[] = [];
  for (let i = 0; i < clientCount; i++) clients.push(await connect(origin, room.roomId, room.editSecret));
  await Promise.all(clients.map((c) => c.ready));
  // When each edit was made, and how many other clients have it yet.
  const madeAt = new Map<string, number>();
  const pending = new Map<string, number>();
  const delivered: number[] = [];
  clients.forEach((c) => {
    c.doc.getMap<number>('edits').observe((event) => {
      if (event.transaction.local) return;
      const at = now();
      for (const key of event.keysChanged) {
        const left = (pending.get(key) ?? 0) - 1;
        if (left > 0) pending.set(key, left);
        else {
          pending.delete(key);
          const made = madeAt.get(key);
          if (made !== undefined) delivered.push(at - made);
        }
      }
    });
  });
  const before = processUsage(pid);
  let peakRss = before.rssMb;
  const started = now();
  let seq = 0;
  const timers = clients.map((c, i) =>
    // Spread the clients over the interval, as people typing are.
    setTimeout(() => {
      const tick = () => {
        const key = `${i}:${seq++}`;
        if (now() - started > WARMUP_S * 1000) madeAt.set(key, now());
        pending.set(key, clientCount - 1);
        c.doc.getMap<number>('edits').set(key, i);
      };
      tick();
      timers[i] = setInterval(tick, 1000 / EDITS_PER_S);
    }, (i * 1000) / EDITS_PER_S / clientCount),
  );
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, processUsage(pid).rssMb)), 500);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  timers.forEach((t) => clearInterval(t));
  await until(() => [...pending.keys()].every((k) => !madeAt.has(k)), 10_000, 'every edit to arrive').catch(() => undefined);
  clearInterval(sampler);
  const after = processUsage(pid);
  const elapsedS = (now() - started) / 1000;
  const sorted = [...delivered].sort((a, b) => a - b);
  for (const c of clients) c.destroy();
  return {
    clients: clientCount,
    seconds,
    edits: madeAt.size,
    undelivered: [...pending.keys()].filter((k) => madeAt.has(k)).length,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.at(-1) ?? NaN,
    relayCpuPercent: (100 * (after.cpuS - before.cpuS)) / elapsedS,
    relayPeakRssMb: peakRss,
  };
}

async function joinTime(origin: string) {
  const room = await createRoom(origin);
  const owner = await connect(origin, room.roomId, room.editSecret);
  await owner.ready;
  const records = Array.from({ length: JOIN_EXPERIMENTS }, (_, i) => ({
    id: `01JEXPERIMENT${String(i).padStart(13, '0')}`,
    projectId: '01JPROJECT0000000000000000',
    number: i + 1,
    cellId: '01JCELL0000000000000000000',
    datasetHash: 'a'.repeat(64),
    status: 'completed' as const,
    config: { label: 'Species', task: 'multiclass', metric: 'log_loss', timeBudgetS: 60, seed: i, learners: ['gbdt', 'rf', 'linear', 'mlp'] },
    startedAt: 1_700_000_000_000 + i * 60_000,
    endedAt: 1_700_000_000_000 + i * 60_000 + 59_000,
    startedBy: 'Alice',
    heldOut: { metric: 'log_loss', score: 0.05 + i / 1e5, learners: 'gbdt+rf' },
    modelHash: 'b'.repeat(64),
  }));
  for (let i = 0; i < records.length; i += 100) writeRecords(owner.doc, 'experiments', records.slice(i, i + 100));
  await until(() => owner.provider.unsyncedChanges === 0, 30_000, 'the records to reach the relay');
  const bytes = Y.encodeStateAsUpdate(owner.doc).length;
  const runs: number[] = [];
  for (let run = 0; run < 5; run++) {
    const started = now();
    const joiner = await connect(origin, room.roomId, room.editSecret);
    await joiner.ready;
    await until(() => joiner.doc.getMap('experiments').size === JOIN_EXPERIMENTS, 30_000, 'the joiner to have every record');
    runs.push(now() - started);
    joiner.destroy();
  }
  owner.destroy();
  return { experiments: JOIN_EXPERIMENTS, documentBytes: bytes, medianMs: [...runs].sort((a, b) => a - b)[2]!, runsMs: runs.map((r) => Math.round(r)) };
}

async function blobThroughput(origin: string) {
  const room = await createRoom(origin);
  const proof = await roomProof(room.roomId, room.editSecret);
  const bytes = new Uint8Array(randomBytes(BLOB_MB * 1024 * 1024));
  const hash = await sha256Hex(bytes);
  const access = { relay: origin, roomId: room.roomId, proof };
  let started = now();
  await uploadBlob(access, hash, new Blob([bytes]));
  const uploadMs = now() - started;
  started = now();
  const got = await downloadBlob(access, hash, () => {});
  const downloadMs = now() - started;
  if (got === 'missing' || got.size !== bytes.length) throw new Error('the blob did not come back');
  return { megabytes: BLOB_MB, uploadMBps: BLOB_MB / (uploadMs / 1000), downloadMBps: BLOB_MB / (downloadMs / 1000) };
}

async function main(): Promise<void> {
  const seconds = numberArg('seconds', 60);
  const clientCount = numberArg('clients', 30);
  const dataDir = mkdtempSync(join(tmpdir(), 'loopbook-bench-sync-'));
  const { child, origin } = await spawnLoopbook({ LOOPBOOK_RELAY_ONLY: '1', PORT: '0', HOST: '127.0.0.1', LOOPBOOK_DATA: dataDir });
  try {
    const load = await editLoad(origin, clientCount, seconds, child.pid!);
    const joined = await joinTime(origin);
    const blobs = await blobThroughput(origin);
    const result = { benchmark: 'sync', date: new Date().toISOString(), node: process.version, load, join: joined, blobs, targets: { p99Ms: TARGET_P99_MS } };
    const f = (v: number, d = 0) => v.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });
    const table = [
      `Sync relay on loopback (relay only, a child process; clients are Hocuspocus providers in the benchmark's process, sharing this 2-core machine). Node ${process.version}.`,
      '',
      '| measure | value | target |',
      '| --- | --- | --- |',
      `| ${load.clients} clients × ${EDITS_PER_S} edits/s for ${load.seconds} s: time until every client has an edit, p50 | ${f(load.p50Ms, 1)} ms | |`,
      `| the same, p99 (max ${f(load.maxMs)} ms; ${f(load.edits)} edits timed, ${load.undelivered} undelivered) | ${f(load.p99Ms, 1)} ms | < ${TARGET_P99_MS} ms |`,
      `| relay CPU during the load (of one core) | ${f(load.relayCpuPercent)} % | |`,
      `| relay peak memory (RSS) | ${f(load.relayPeakRssMb)} MB | |`,
      `| join a project of ${f(joined.experiments)} experiments (${f(joined.documentBytes / 1024)} KB document): connect to every record, median of 5 | ${f(joined.medianMs)} ms | |`,
      `| blob of ${blobs.megabytes} MB: upload | ${f(blobs.uploadMBps)} MB/s | |`,
      `| the same blob: download with hash check | ${f(blobs.downloadMBps)} MB/s | |`,
    ].join('\n');
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    writeFileSync(join(root, 'bench/results/sync.json'), `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(join(root, 'bench/results/sync.md'), `${table}\n`);
    console.log(`\n${table}\n\nWrote bench/results/sync.json and .md`);
  } finally {
    child.kill('SIGTERM');
  }
  process.exit(0);
}

await main();
