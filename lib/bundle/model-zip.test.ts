import { readFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeTable } from '../data/analyze';
import { parseText } from '../data/parse';
import { setMlBackend } from '../ml/backend';
import { predictTable } from '../ml/model';
import { trainAutoML, type AutoMLResult } from '../ml/train';
import { MODEL_FORMAT_VERSION } from './model-manifest';
import { readModelZip, writeModelZip } from './model-zip';
import { MODEL_ZIP_LIMITS } from './zip-safety';

const CSV = readFileSync(new URL('../../public/samples/penguins.csv', import.meta.url), 'utf8');
const { table } = parseText(CSV);
let result: AutoMLResult;
let zip: Uint8Array;

beforeAll(async () => {
  await setMlBackend('auto');
  const analysis = analyzeTable(table, {}, 'Species');
  // gbdt and mlp, with the ensemble forced on through several trials: members of both encodings.
  result = await trainAutoML({
    table,
    schema: analysis.schema,
    config: { label: 'Species', task: 'multiclass', metric: 'log_loss', timeBudgetS: 60, seed: 3, learners: ['gbdt', 'linear', 'mlp'], ensemble: true, maxTrials: 5 },
  });
  zip = await writeModelZip({ model: result.model, config: result.config, evaluation: result.evaluation, datasetHash: 'abc', createdAt: new Date(0) });
}, 120_000);

function rewrite(edit: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = unzipSync(zip);
  edit(files);
  return zipSync(files);
}

function readManifest(files: Record<string, Uint8Array>): Record<string, unknown> {
  const m: unknown = JSON.parse(strFromU8(files['manifest.json']!));
  if (typeof m !== 'object' || m === null || Array.isArray(m)) throw new Error('manifest.json is not an object');
  return { ...m };
}

/** Rewrites manifest.json with `edit` applied to its parsed value. */
function editManifest(files: Record<string, Uint8Array>, edit: (m: Record<string, unknown>) => Record<string, unknown>): void {
  files['manifest.json'] = strToU8(JSON.stringify(edit(readManifest(files))));
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** As `rewrite`, then lists the files' new hashes in the manifest: a zip whose writer was consistent but wrong. */
async function rewriteAndRehash(edit: (files: Record<string, Uint8Array>) => void): Promise<Uint8Array> {
  const files = unzipSync(zip);
  edit(files);
  const hashes: Record<string, string> = {};
  for (const name of Object.keys(files).sort()) if (name !== 'manifest.json') hashes[name] = await sha256(files[name]!);
  editManifest(files, (m) => ({ ...m, files: hashes }));
  return zipSync(files);
}

/** The zip with the central directory's stated inflated size of `name` changed (what a zip bomb lies about). */
function withStatedSize(bytes: Uint8Array, name: string, size: number): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  const end = out.length - 22;
  let at = view.getUint32(end + 16, true);
  for (let i = 0; i < view.getUint16(end + 10, true); i++) {
    const nameLength = view.getUint16(at + 28, true);
    const entry = strFromU8(out.subarray(at + 46, at + 46 + nameLength));
    if (entry === name) {
      view.setUint32(at + 24, size, true);
      return out;
    }
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  throw new Error(`${name} is not in the zip`);
}

const weightsFile = (): string => {
  const name = Object.keys(unzipSync(zip)).find((n) => n.endsWith('/weights.bin'));
  if (!name) throw new Error('the trained model has no network member');
  return name;
};

describe('model.zip', () => {
  it('loads back to identical predictions', async () => {
    const loaded = await readModelZip(zip);
    const before = await predictTable(result.model, table);
    const after = await predictTable(loaded.model, table);
    expect(Array.from(after.predictions.values)).toEqual(Array.from(before.predictions.values));
    expect(loaded.manifest).toMatchObject({ format: 'loopbook-model', task: 'multiclass', label: 'Species', classes: ['Adelie', 'Chinstrap', 'Gentoo'], datasetHash: 'abc' });
    expect(loaded.evaluation).toEqual(JSON.parse(JSON.stringify(result.evaluation)));
  });

  it('holds the layout of the design', () => {
    const names = Object.keys(unzipSync(zip));
    expect(names).toEqual(expect.arrayContaining(['manifest.json', 'preprocess.json', 'config.json', 'metrics.json']));
    expect(names.some((n) => n.startsWith('model/0/'))).toBe(true);
  });

  it('refuses a newer major version, saying to update', async () => {
    const newer = rewrite((f) => {
      const m: unknown = JSON.parse(strFromU8(f['manifest.json']!));
      f['manifest.json'] = strToU8(JSON.stringify({ ...(typeof m === 'object' && m !== null ? m : {}), version: '2.0' }));
    });
    await expect(readModelZip(newer)).rejects.toThrow(/format 2\.0, newer than this Loopbook reads.*Update Loopbook/);
  });

  it('refuses what is not a model.zip', async () => {
    await expect(readModelZip(strToU8('Species,Island\nAdelie,Biscoe\n'))).rejects.toThrow(/not a zip archive/);
    await expect(readModelZip(zipSync({ 'readme.txt': strToU8('hi') }))).rejects.toThrow(/no manifest\.json/);
    await expect(readModelZip(zip.subarray(0, zip.length >> 1))).rejects.toThrow(/damaged|not a zip/);
  });

  it('refuses unsafe paths and a damaged manifest', async () => {
    await expect(readModelZip(rewrite((f) => (f['../evil.txt'] = strToU8('x'))))).rejects.toThrow(/unsafe path "\.\.\/evil\.txt"/);
    await expect(readModelZip(rewrite((f) => (f['manifest.json'] = strToU8('{"format":"loopbook-model","version":"1.0"}'))))).rejects.toThrow(/its manifest\.json is not valid .*Export the model again/);
    await expect(readModelZip(rewrite((f) => delete f['preprocess.json']))).rejects.toThrow(/preprocess\.json is missing/);
  });
});

describe('model.zip integrity (format 1.1)', () => {
  it('lists the SHA-256 of every other file in the manifest', async () => {
    const files = unzipSync(zip);
    const manifest = readManifest(files);
    expect(manifest.version).toBe(MODEL_FORMAT_VERSION);
    const listed = manifest.files as Record<string, string>;
    expect(Object.keys(listed).sort()).toEqual(Object.keys(files).filter((n) => n !== 'manifest.json').sort());
    for (const [name, hash] of Object.entries(listed)) expect(hash).toBe(await sha256(files[name]!));
  });

  it('writes the same bytes for the same model', async () => {
    const again = await writeModelZip({ model: result.model, config: result.config, evaluation: result.evaluation, datasetHash: 'abc', createdAt: new Date(0) });
    expect(again).toEqual(zip);
  });

  it('refuses weights that differ from the manifest’s hash', async () => {
    const name = weightsFile();
    const tampered = rewrite((f) => {
      const w = f[name]!.slice();
      w[w.length - 1] = w[w.length - 1]! ^ 0xff;
      f[name] = w;
    });
    await expect(readModelZip(tampered)).rejects.toThrow(
      `The weights in ${name} do not match the manifest's hash: the file was changed or damaged. Export the model again.`,
    );
  });

  it('refuses any other file that differs from its hash', async () => {
    const tampered = rewrite((f) => (f['config.json'] = strToU8(strFromU8(f['config.json']!).replace('"seed": 3', '"seed": 4'))));
    await expect(readModelZip(tampered)).rejects.toThrow(/^config\.json does not match the manifest's hash/);
  });

  it('refuses missing weights and a missing preprocess.json, naming the file', async () => {
    const name = weightsFile();
    await expect(readModelZip(rewrite((f) => delete f[name]))).rejects.toThrow(`This model.zip is incomplete: ${name} is missing. Export the model again.`);
    // Gone from the list too: still refused, by name.
    const unlisted = await rewriteAndRehash((f) => delete f['preprocess.json']);
    await expect(readModelZip(unlisted)).rejects.toThrow(/preprocess\.json is missing/);
  });

  it('refuses files the manifest does not list', async () => {
    await expect(readModelZip(rewrite((f) => (f['model/0/extra.bin'] = strToU8('x'))))).rejects.toThrow(
      /holds model\/0\/extra\.bin, which its manifest does not list/,
    );
  });

  it('requires the hashes from 1.1 on, and reads a 1.0 zip without them', async () => {
    const noHashes = rewrite((f) => editManifest(f, ({ files: _files, ...m }) => m));
    await expect(readModelZip(noHashes)).rejects.toThrow(/lists no file hashes, which that format requires/);
    const old = rewrite((f) => editManifest(f, ({ files: _files, ...m }) => ({ ...m, version: '1.0' })));
    const loaded = await readModelZip(old);
    expect(loaded.manifest.version).toBe('1.0');
    expect(loaded.manifest.files).toBeUndefined();
  });

  it('reads a newer minor version (1.9) and refuses a newer major one (2.0)', async () => {
    const newerMinor = rewrite((f) => editManifest(f, (m) => ({ ...m, version: '1.9', somethingNew: { added: 'in 1.9' } })));
    const loaded = await readModelZip(newerMinor);
    expect(loaded.manifest).toMatchObject({ version: '1.9', label: 'Species' });
    const newerMajor = rewrite((f) => editManifest(f, (m) => ({ ...m, version: '2.0' })));
    await expect(readModelZip(newerMajor)).rejects.toThrow('This model.zip uses format 2.0, newer than this Loopbook reads (1.1). Update Loopbook to open it.');
    await expect(readModelZip(rewrite((f) => editManifest(f, (m) => ({ ...m, version: 'one' }))))).rejects.toThrow(/version "one", which is not a format version/);
  });

  it('refuses absolute paths and paths that climb out', async () => {
    await expect(readModelZip(rewrite((f) => (f['/etc/passwd'] = strToU8('x'))))).rejects.toThrow('This model.zip was refused: unsafe path "/etc/passwd".');
    await expect(readModelZip(rewrite((f) => (f['model/../../evil.sh'] = strToU8('x'))))).rejects.toThrow(/unsafe path "model\/\.\.\/\.\.\/evil\.sh"/);
    await expect(readModelZip(rewrite((f) => (f['C:/Windows/evil.dll'] = strToU8('x'))))).rejects.toThrow(/unsafe path "C:\/Windows\/evil\.dll"/);
  });

  it('refuses a zip bomb before inflating it', async () => {
    // A small zip whose entry claims 2 GB once inflated: refused from the stated size alone.
    const bomb = withStatedSize(zip, 'metrics.json', 0x7fff_ffff);
    await expect(readModelZip(bomb)).rejects.toThrow(/would inflate to more than 1074 MB; it was refused/);
    // One that really inflates past a (smaller) cap: a megabyte of zeros is a kilobyte zipped.
    const zeros = zipSync({ 'model/0/zeros.bin': new Uint8Array(1 << 20) }, { level: 9 });
    expect(zeros.length).toBeLessThan(4096);
    await expect(readModelZip(zeros, { limits: { ...MODEL_ZIP_LIMITS, maxInflatedBytes: 512 * 1024 } })).rejects.toThrow(/would inflate to more than 1 MB/);
    // Lying the other way (claiming less than it holds) truncates a deflated entry, and its hash says so.
    const liar = withStatedSize(zip, 'preprocess.json', 16);
    await expect(readModelZip(liar)).rejects.toThrow("preprocess.json does not match the manifest's hash");
  });

  it('refuses too many entries and invalid JSON', async () => {
    await expect(readModelZip(zip, { limits: { ...MODEL_ZIP_LIMITS, maxEntries: 3 } })).rejects.toThrow(/has more than 3 files/);
    await expect(readModelZip(rewrite((f) => (f['manifest.json'] = strToU8('{"format": "loopbook-model",'))))).rejects.toThrow('This model.zip is damaged: manifest.json is not valid JSON.');
    const badMetrics = await rewriteAndRehash((f) => (f['metrics.json'] = strToU8('{"task": ')));
    await expect(readModelZip(badMetrics)).rejects.toThrow('This model.zip is damaged: metrics.json is not valid JSON.');
  });
});
