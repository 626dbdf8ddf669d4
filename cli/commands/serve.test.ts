/**
 * `loopbook serve` as a command: its options, a model.zip that cannot be read, and a real
 * process that listens, answers and stops cleanly on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../main';
import { penguinsModel } from '../serve/test/penguins-model';

const BIN = fileURLToPath(new URL('../loopbook.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'loopbook-serve-'));
const MODEL = join(dir, 'penguins.zip');

beforeAll(async () => {
  writeFileSync(MODEL, (await penguinsModel()).zip);
}, 60_000);

afterEach(() => vi.restoreAllMocks());

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

  it('listens, answers, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [BIN, 'serve', MODEL, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const listening = new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('Serving')) resolve();
      });
      child.once('exit', () => reject(new Error(`exited early: ${stderr}`)));
    });
    await listening;
    expect(stderr).toContain(`Serving gbdt model for Species on http://127.0.0.1:${port}\n`);
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
