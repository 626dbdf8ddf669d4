/**
 * `loopbook serve` as a command: its options, a model.zip that cannot be read, a port in use, and
 * real processes (one, or a primary and its workers) that listen, answer and stop cleanly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../main';
import { PENGUINS_CSV, penguinsModel } from '../serve/test/penguins-model';

const BIN = fileURLToPath(new URL('../loopbook.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'loopbook-serve-'));
const MODEL = join(dir, 'penguins.zip');

beforeAll(async () => {
  writeFileSync(MODEL, (await penguinsModel()).zip);
}, 60_000);

/** Servers started by a test, killed after it even when it failed halfway. */
const started: ChildProcess[] = [];

afterEach(() => {
  vi.restoreAllMocks();
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Runs main in this process, returning its exit code and what it wrote. */
async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  const code = await main(args);
  vi.restoreAllMocks();
  return { code, out, err };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('loopbook serve', () => {
  it('is listed in the usage, and --help shows the endpoints', async () => {
    expect((await run('--help')).out).toMatch(/loopbook serve model\.zip \[--port 5000\]/);
    const help = await run('serve', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/POST \/predict[\s\S]*GET {2}\/metrics/);
  });

  it('refuses a port outside 1–65535 as a usage error (exit 2)', async () => {
    for (const port of ['0', '65536', '80.5', 'http']) {
      const res = await run('serve', MODEL, '--port', port);
      expect(res.code).toBe(2);
      expect(res.err).toMatch(new RegExp(`--port must be a whole number from 1 to 65535; got "${port.replace('.', '\\.')}"`));
    }
    expect((await run('serve')).code).toBe(2);
  });

  it('fails with the reader\'s message (exit 1) on a file that is not a model.zip', async () => {
    const notZip = join(dir, 'not-a-model.zip');
    writeFileSync(notZip, 'Species,Island\nAdelie,Biscoe\n');
    const res = await run('serve', notZip, '--port', '5999');
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/^error: .*not a zip archive/);
  });

  it('refuses --workers outside 1–256 as a usage error (exit 2)', async () => {
    for (const workers of ['0', '1.5', '257', 'all']) {
      const res = await run('serve', MODEL, '--workers', workers);
      expect(res.code).toBe(2);
      expect(res.err).toContain(`--workers must be a whole number from 1 to 256; got "${workers}"`);
    }
  });

  it('listens in one process with --workers 1, answers, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const server = await startServe('--port', String(port), '--workers', '1');
    expect(server.stderr()).toContain(`Serving gbdt model for Species on http://127.0.0.1:${port}\n`);
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    expect(await server.stop('SIGTERM')).toBe(0);
  }, 60_000);

  it('serves from several worker processes whose metrics add up, replaces one that dies, and stops them all', async () => {
    const port = await freePort();
    const server = await startServe('--port', String(port), '--workers', '2');
    expect(server.stderr()).toContain(`Serving gbdt model for Species on http://127.0.0.1:${port} (2 worker processes)\n`);
    const workers = childPids(server.pid);
    expect(workers).toHaveLength(2);
    const [header, ...lines] = PENGUINS_CSV.trim().split(/\r?\n/);
    const body = JSON.stringify({ columns: header!.split(','), data: lines.slice(0, 2).map((l) => l.split(',')) });
    // Each request on its own connection, so that both workers answer some.
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`http://127.0.0.1:${port}/predict`, { method: 'POST', body, headers: { 'content-type': 'application/json', connection: 'close' } });
      expect(res.status).toBe(200);
    }
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { connection: 'close' } })).text();
    expect(metrics).toMatch(/^loopbook_rows_predicted_total 16$/m);
    expect(metrics).toMatch(/^loopbook_http_requests_total\{method="POST",path="\/predict",status="200"\} 8$/m);
    expect(metrics).toMatch(/^loopbook_workers 2$/m);

    process.kill(workers[0]!, 'SIGKILL');
    await vi.waitFor(() => expect(server.stderr()).toContain('A worker process was killed (SIGKILL); starting another.'), { timeout: 20_000 });
    await vi.waitFor(() => expect(childPids(server.pid).filter((p) => p !== workers[0])).toHaveLength(2), { timeout: 20_000 });
    expect((await fetch(`http://127.0.0.1:${port}/health`, { headers: { connection: 'close' } })).status).toBe(200);

    expect(await server.stop('SIGINT')).toBe(0);
    expect(childPids(server.pid)).toEqual([]);
  }, 90_000);

  it('fails with exit 1 and says so when the port is taken, whatever the workers', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      for (const workers of ['1', '2']) {
        const child = spawn(process.execPath, [BIN, 'serve', MODEL, '--port', String(port), '--workers', workers], { stdio: ['ignore', 'pipe', 'pipe'] });
        started.push(child);
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
        expect(code).toBe(1);
        expect(stderr).toContain(`error: Port ${port} on 127.0.0.1 is in use.`);
      }
    } finally {
      taken.close();
    }
  }, 90_000);
});

/** `loopbook serve MODEL …args` in a child process, once it says it is serving. */
async function startServe(...args: string[]): Promise<{ pid: number; stderr: () => string; stop: (signal: NodeJS.Signals) => Promise<number | null> }> {
  const child = spawn(process.execPath, [BIN, 'serve', MODEL, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await Promise.race([
    vi.waitFor(() => expect(stderr).toContain('Serving'), { timeout: 45_000, interval: 50 }),
    exited.then(() => Promise.reject(new Error(`exited early: ${stderr}`))),
  ]);
  return {
    pid: child.pid!,
    stderr: () => stderr,
    stop: (signal) => {
      child.kill(signal);
      return exited;
    },
  };
}

/** The processes whose parent is `pid` (Linux: /proc). */
function childPids(pid: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ')[1] === String(pid);
      } catch {
        return false;
      }
    })
    .map(Number);
}
