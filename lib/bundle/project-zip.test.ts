import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { CellId, ContentHash } from '../ids';
import type { ProjectSnapshot, SnapshotExperiment } from './project-manifest';
import { sha256Hex } from '../sha256';
import { readProjectZip, writeProjectZip } from './project-zip';

const CELL_TEXT = '01HZX0000000000000000000A1';
const CELL_DATA = '01HZX0000000000000000000B2';
const CELL_TRAIN = '01HZX0000000000000000000C3';
const CELL_SWEEP = '01HZX0000000000000000000D4';
const EXP_1 = '01HZX00000000000000000EXP1';
const EXP_1B = '01HZX0000000000000000EXP1B';
const CSV = strToU8('bill,flipper,Species\n39.1,181,Adelie\n46.5,217,Gentoo\n');
const PREDICTIONS = strToU8('bill,flipper,prediction\n39.1,181,Adelie\n');
const MODEL = zipSync({ 'manifest.json': strToU8('{"format":"loopbook-model"}') });

let snapshot: ProjectSnapshot;
let zip: Uint8Array;
let dataHash: string;
let modelHash: string;

function experiment(id: string, number: number, startedAt: number, model?: string): SnapshotExperiment {
  return {
    metadata: {
      id,
      number,
      name: `exp-${String(number).padStart(3, '0')}`,
      cellId: CELL_TRAIN,
      datasetHash: dataHash,
      datasetName: 'penguins.csv',
      status: model ? 'completed' : 'failed',
      startedAt,
      heartbeatAt: startedAt + 900,
      endedAt: startedAt + 900,
      startedBy: 'Ada',
      configSources: { seed: 'cell', timeBudgetS: 'project' },
      ...(model ? { modelHash: model } : { error: { name: 'TrainError', message: 'No learner fitted.' } }),
      snapshot: { status: 'completed', phase: 'saving', trials: 2 },
    },
    config: { label: 'Species', task: 'multiclass', metric: 'accuracy', timeBudgetS: 5, seed: 7, learners: ['gbdt'], ensemble: true, backend: 'wasm' },
    metrics: model
      ? { heldOut: { metric: 'accuracy', score: 0.96, learners: 'gbdt' }, bestOverTime: [[120, 0.5], [400, 0.4]], result: { chosen: [1], validScore: 0.4, evaluation: { metrics: { accuracy: 0.96 } } } }
      : { bestOverTime: [] },
    trials: model ? [{ index: 0, record: { index: 0, learner: 'gbdt', score: 0.5 } }, { index: 1, record: { index: 1, learner: 'gbdt', score: 0.4 } }] : [],
  };
}

beforeAll(async () => {
  dataHash = await sha256Hex(CSV);
  modelHash = await sha256Hex(MODEL);
  const predictionsHash = await sha256Hex(PREDICTIONS);
  snapshot = {
    project: { name: 'Penguins', createdAt: 1_700_000_000_000, sample: 'penguins', lastExperimentNumber: 3 },
    settings: { timeBudgetS: 5, learners: ['gbdt', 'linear'] },
    cells: [
      { id: CELL_TEXT, kind: 'markdown', collapsed: false, source: '# Penguins\n\nWhich species is it?', config: {} },
      { id: CELL_DATA, kind: 'data', collapsed: true, source: '', config: { datasetHash: ContentHash.parse(dataHash), fileName: 'penguins.csv', label: 'Species', task: 'multiclass', columnOverrides: { bill: { included: false } } } },
      { id: CELL_TRAIN, kind: 'train', collapsed: false, source: '', config: { sourceCellId: CellId.parse(CELL_DATA), experimentId: EXP_1, seed: 7 } },
      { id: CELL_SWEEP, kind: 'sweep', collapsed: false, source: '', config: { sweep: { learner: 'gbdt', mode: 'grid', params: 'leaves = 7, 15', seeds: '1' } } },
    ],
    datasets: [
      {
        hash: dataHash,
        name: 'penguins.csv',
        bytes: CSV.length,
        format: 'csv',
        delimiter: ',',
        encoding: 'utf-8',
        rowCount: 2,
        columnCount: 3,
        notices: [{ code: 'bom', message: 'A byte-order mark was skipped.' }],
        schema: [{ name: 'bill', type: 'float', inferredType: 'float', included: true, reason: 'Every value is a number.' }],
        profile: { rowCount: 2, columnCount: 3, columns: [{ name: 'bill', type: 'float', missing: 0, missingRatio: 0, distinct: 2, min: 39.1, max: 46.5, mean: 42.8, std: 5.2, histogram: [{ start: 39, end: 47, count: 2 }] }] },
        createdAt: 1_700_000_001_000,
        cellId: CELL_DATA,
        addedAt: 1_700_000_001_000,
      },
    ],
    // Two experiments numbered 1: two collaborators who both started one offline.
    experiments: [experiment(EXP_1, 1, 1_700_000_002_000, modelHash), experiment(EXP_1B, 1, 1_700_000_003_000)],
    runs: [{ id: 'a'.repeat(64), cellId: CELL_SWEEP, learner: 'gbdt', params: { leaves: 7 }, seed: 1, status: 'completed', startedAt: 5, heartbeatAt: 6, endedAt: 6, score: 0.9, metrics: { accuracy: 0.9 } }],
    artifacts: [
      { id: `${EXP_1}.config`, kind: 'config', parentId: null, experimentId: EXP_1, datasetHash: dataHash, name: 'exp-001 config', createdAt: 1_700_000_002_000 },
      { id: `${EXP_1}.model`, kind: 'model', parentId: `${EXP_1}.config`, experimentId: EXP_1, blobHash: modelHash, name: 'exp-001 model', createdAt: 1_700_000_002_900 },
      { id: '01HZX0000000000000000PRED1', kind: 'predictions', parentId: `${EXP_1}.model`, blobHash: predictionsHash, name: 'predictions', createdAt: 1_700_000_004_000 },
    ],
    registry: [{ id: '01HZX000000000000000000EV1', at: 1_700_000_005_000, by: 'Ada', action: 'promote', stage: 'production', modelId: EXP_1, experimentId: EXP_1 }],
    blobs: new Map([
      [dataHash, { bytes: CSV, mediaType: 'text/csv' }],
      [modelHash, { bytes: MODEL, mediaType: 'application/zip' }],
      [predictionsHash, { bytes: PREDICTIONS, mediaType: 'text/csv' }],
    ]),
  };
  zip = writeProjectZip(snapshot);
});

function rewrite(edit: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = unzipSync(zip);
  edit(files);
  return zipSync(files);
}

function editJson(files: Record<string, Uint8Array>, name: string, edit: (value: Record<string, unknown>) => unknown): void {
  const value: unknown = JSON.parse(strFromU8(files[name]!));
  files[name] = strToU8(JSON.stringify(edit(typeof value === 'object' && value !== null ? { ...value } : {})));
}

/** A zip whose central directory claims `size` inflated bytes for `name` (what a zip bomb does). */
function claimSize(bytes: Uint8Array, name: string, size: number): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 46 < out.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const length = view.getUint16(i + 28, true);
    if (strFromU8(out.subarray(i + 46, i + 46 + length)) === name) {
      view.setUint32(i + 24, size, true);
      return out;
    }
  }
  throw new Error(`${name} is not in the zip`);
}

describe('project.zip', () => {
  it('reads back the same project', async () => {
    expect(await readProjectZip(zip)).toEqual(snapshot);
  });

  it('holds the git-friendly layout of the design', () => {
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(
      [
        'loopbook.json',
        'notebook.json',
        'data/datasets.json',
        `data/${dataHash}.csv`,
        'experiments/exp-001/metadata.json',
        'experiments/exp-001/config.json',
        'experiments/exp-001/metrics.json',
        'experiments/exp-001/trials.json',
        'experiments/exp-001/model.zip',
        'experiments/exp-001-2/metadata.json',
        'experiments/exp-001-2/config.json',
        'experiments/exp-001-2/metrics.json',
        'experiments/exp-001-2/trials.json',
        'models/registry.json',
        'models/staging/metadata.json',
        'models/production/metadata.json',
        'lineage.json',
        'runs.json',
        'artifacts/01HZX0000000000000000PRED1.csv',
      ].sort(),
    );
    // Pretty JSON, keys sorted: a diff shows what changed.
    expect(strFromU8(files['loopbook.json']!)).toMatch(/^\{\n {2}"appVersion": "[^"]+",\n {2}"blobs": \[/);
    expect(JSON.parse(strFromU8(files['models/production/metadata.json']!))).toEqual({
      stage: 'production',
      model: { modelId: EXP_1, experimentId: EXP_1, experiment: 'exp-001', path: 'experiments/exp-001/model.zip', since: 1_700_000_005_000, by: 'Ada' },
    });
    expect(JSON.parse(strFromU8(files['models/staging/metadata.json']!))).toEqual({ stage: 'staging', model: null });
    expect(strFromU8(files[`data/${dataHash}.csv`]!)).toBe(strFromU8(CSV));
    expect(files['experiments/exp-001/model.zip']).toEqual(MODEL);
  });

  it('gives the same bytes for the same project', () => {
    expect(writeProjectZip(snapshot)).toEqual(zip);
  });

  it('refuses what is not a project.zip', async () => {
    await expect(readProjectZip(CSV)).rejects.toThrow(/not a zip archive/);
    await expect(readProjectZip(MODEL)).rejects.toThrow(/This is a model\.zip, not a project\.zip/);
    await expect(readProjectZip(zipSync({ 'readme.txt': strToU8('hi') }))).rejects.toThrow(/no loopbook\.json/);
    // Cut in half: the model.zip stored inside may pass for the end of the archive; refused either way.
    await expect(readProjectZip(zip.subarray(0, zip.length >> 1))).rejects.toThrow(/damaged|not a zip|refused|incomplete/);
  });

  it('refuses absolute paths and ".."', async () => {
    await expect(readProjectZip(rewrite((f) => (f['../evil.sh'] = strToU8('rm -rf'))))).rejects.toThrow(/unsafe path "\.\.\/evil\.sh"/);
    await expect(readProjectZip(rewrite((f) => (f['/etc/cron.d/x'] = strToU8('x'))))).rejects.toThrow(/unsafe path "\/etc\/cron\.d\/x"/);
    await expect(readProjectZip(rewrite((f) => (f['data/../../x'] = strToU8('x'))))).rejects.toThrow(/unsafe path/);
  });

  it('refuses a zip that would inflate past the cap, before inflating it', async () => {
    await expect(readProjectZip(claimSize(zip, 'notebook.json', 0xffff_ffff))).rejects.toThrow(/would inflate to more than 2147 MB; it was refused/);
  });

  it('refuses a missing file', async () => {
    await expect(readProjectZip(rewrite((f) => delete f['notebook.json']))).rejects.toThrow(/incomplete: notebook\.json is missing/);
    await expect(readProjectZip(rewrite((f) => delete f['experiments/exp-001-2/config.json']))).rejects.toThrow(/experiments\/exp-001-2\/config\.json is missing/);
    await expect(readProjectZip(rewrite((f) => delete f[`data/${dataHash}.csv`]))).rejects.toThrow(new RegExp(`data/${dataHash}\\.csv is missing`));
    await expect(readProjectZip(rewrite((f) => delete f['models/staging/metadata.json']))).rejects.toThrow(/models\/staging\/metadata\.json is missing/);
  });

  it('refuses another major version, saying what to do', async () => {
    const versioned = (version: string) => rewrite((f) => editJson(f, 'loopbook.json', (m) => ({ ...m, version })));
    await expect(readProjectZip(versioned('2.0'))).rejects.toThrow(/format 2\.0, newer than this Loopbook reads \(1\.0\)\. Update Loopbook/);
    await expect(readProjectZip(versioned('0.9'))).rejects.toThrow(/format 0\.9, which this Loopbook no longer reads/);
    // A newer minor version of the same major is read (it only adds optional fields).
    await expect(readProjectZip(versioned('1.7'))).resolves.toMatchObject({ project: { name: 'Penguins' } });
  });

  it('refuses a blob whose SHA-256 is not the one its manifest or name says', async () => {
    const tampered = rewrite((f) => {
      const bytes = f[`data/${dataHash}.csv`]!.slice();
      bytes[bytes.length - 2] = 'X'.charCodeAt(0);
      f[`data/${dataHash}.csv`] = bytes;
    });
    await expect(readProjectZip(tampered)).rejects.toThrow(/the SHA-256 of data\/[0-9a-f]{64}\.csv is not the one loopbook\.json lists/);
    const renamed = rewrite((f) => {
      const other = 'b'.repeat(64);
      f[`data/${other}.csv`] = f[`data/${dataHash}.csv`]!;
      delete f[`data/${dataHash}.csv`];
      editJson(f, 'loopbook.json', (m) => ({ ...m, blobs: (m.blobs as { path: string }[]).map((b) => (b.path.startsWith('data/') ? { ...b, path: `data/${other}.csv` } : b)) }));
    });
    await expect(readProjectZip(renamed)).rejects.toThrow(/data\/b{64}\.csv is named for other bytes/);
    const otherModel = rewrite((f) => editJson(f, 'experiments/exp-001/metadata.json', (m) => ({ ...m, modelHash: 'c'.repeat(64) })));
    await expect(readProjectZip(otherModel)).rejects.toThrow(/experiments\/exp-001\/model\.zip is not the model its metadata\.json names/);
  });

  it('refuses invalid JSON files, naming the file and the field', async () => {
    await expect(readProjectZip(rewrite((f) => (f['notebook.json'] = strToU8('{"cells": ['))))).rejects.toThrow(/notebook\.json is not valid JSON/);
    const badKind = rewrite((f) => editJson(f, 'notebook.json', (n) => ({ cells: [{ ...(n.cells as object[])[0], kind: 'hologram' }] })));
    await expect(readProjectZip(badKind)).rejects.toThrow(/its notebook\.json is not valid \(the field cells\.0\.kind: .*\)\. Export the project again/);
    const twice = rewrite((f) => editJson(f, 'notebook.json', (n) => ({ cells: [(n.cells as object[])[0], (n.cells as object[])[0]] })));
    await expect(readProjectZip(twice)).rejects.toThrow(/the cell 01HZX0000000000000000000A1 appears twice/);
    const badFolder = rewrite((f) => editJson(f, 'loopbook.json', (m) => ({ ...m, experiments: ['../../etc'] })));
    await expect(readProjectZip(badFolder)).rejects.toThrow(/its loopbook\.json is not valid \(the field experiments\.0: not an experiment folder \(exp-001\)\)/);
  });
});
