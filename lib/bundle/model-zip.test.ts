import { readFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeTable } from '../data/analyze';
import { parseText } from '../data/parse';
import { setMlBackend } from '../ml/backend';
import { predictTable } from '../ml/model';
import { trainAutoML, type AutoMLResult } from '../ml/train';
import { readModelZip, writeModelZip } from './model-zip';

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
    await expect(readModelZip(rewrite((f) => (f['manifest.json'] = strToU8('{"format":"loopbook-model","version":"1.0"}'))))).rejects.toThrow(/invalid manifest\.json/);
    await expect(readModelZip(rewrite((f) => delete f['preprocess.json']))).rejects.toThrow(/preprocess\.json is missing/);
  });
});
