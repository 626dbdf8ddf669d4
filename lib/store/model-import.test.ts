import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeModelZip } from '@/lib/bundle/model-zip';
import { analyzeTable } from '@/lib/data/analyze';
import { parseText } from '@/lib/data/parse';
import { buildLineageIndex } from '@/lib/experiments/lineage';
import { trainAutoML } from '@/lib/ml/train';
import { sha256Hex } from '@/lib/sha256';
import { readRecords } from '@/lib/sync/records-doc';
import { configArtifactId, db, modelArtifactId } from './db';
import { deleteExperiment, listArtifacts, listExperiments, readExperiment, readModelZip, startExperiment } from './experiments';
import { importModelZip } from './model-import';
import { createProject } from './projects';
import { publishExperiment } from './records-mirror';
import { resetStore } from './test/fixtures';

const DATASET = 'd'.repeat(64);
let zip: Uint8Array;
let zipWithoutDataset: Uint8Array;

beforeAll(async () => {
  const { table } = parseText(readFileSync(new URL('../../public/samples/penguins.csv', import.meta.url), 'utf8'));
  const analysis = analyzeTable(table, {}, 'Species');
  const result = await trainAutoML({
    table,
    schema: analysis.schema,
    config: { label: 'Species', task: 'multiclass', metric: 'accuracy', timeBudgetS: 30, seed: 1, learners: ['gbdt'], ensemble: false, maxTrials: 1 },
  });
  const input = { model: result.model, config: result.config, evaluation: result.evaluation, createdAt: new Date('2024-05-01T10:00:00Z') };
  zip = await writeModelZip({ ...input, experimentId: '01HZORIGINALEXPERIMENT0000', datasetHash: DATASET });
  zipWithoutDataset = await writeModelZip(input);
}, 60_000);

beforeEach(resetStore);

const counts = async () => ({ experiments: await db.experiments.count(), results: await db.experimentResults.count(), blobs: await db.blobs.count(), artifacts: await db.artifacts.count() });

describe('importModelZip', () => {
  it('adds a completed experiment, numbered after the others, with its evaluation, model and lineage', async () => {
    const project = await createProject('Import here');
    await startExperiment({ id: 'trained', projectId: project.id, cellId: 'c', datasetHash: 'h', config: { label: 'Species', task: 'multiclass', metric: 'accuracy', timeBudgetS: 5, seed: 1, learners: ['gbdt'], ensemble: true, backend: 'auto' } });
    const imported = await importModelZip({ projectId: project.id, id: 'imp', bytes: zip, fileName: 'penguins-exp-001.model.zip', startedBy: 'Ada' });
    expect(imported).toEqual({ id: 'imp', number: 2, name: 'exp-002' });

    const e = await readExperiment('imp');
    expect(e).toMatchObject({
      name: 'exp-002',
      status: 'completed',
      cellId: '',
      datasetHash: DATASET,
      startedBy: 'Ada',
      config: { label: 'Species', task: 'multiclass', metric: 'accuracy', learners: ['gbdt'], backend: 'auto' },
      configSources: { label: 'model.zip', seed: 'model.zip', backend: 'default' },
      heldOut: { metric: 'accuracy', learners: 'gbdt' },
      imported: { fileName: 'penguins-exp-001.model.zip', experimentId: '01HZORIGINALEXPERIMENT0000', createdAt: '2024-05-01T10:00:00.000Z' },
    });
    expect(e?.heldOut?.score).toBeGreaterThan(0.8);
    // The held-out evaluation is the result: the detail view draws its metrics and charts.
    expect(e?.result?.evaluation.metrics.accuracy).toBe(e?.heldOut?.score);
    expect(e?.result?.evaluation.confusion).toBeDefined();

    // The model is the zip itself, byte for byte: it predicts and exports like a trained one.
    const stored = await readModelZip('imp');
    expect(stored?.hash).toBe(await sha256Hex(zip));
    expect(new Uint8Array(await stored!.blob.arrayBuffer())).toEqual(zip);

    const index = buildLineageIndex(await listArtifacts(project.id));
    expect(index.get(modelArtifactId('imp'))).toMatchObject({ kind: 'model', parentId: configArtifactId('imp'), blobHash: stored?.hash, name: 'exp-002 model, imported from penguins-exp-001.model.zip' });
    expect(index.datasetHashOf(modelArtifactId('imp'))).toBe(DATASET);
    expect(await db.projects.get(project.id)).toMatchObject({ experimentCount: 2, lastExperimentNumber: 2 });
    expect((await listExperiments(project.id)).map((x) => x.name)).toEqual(['exp-001', 'exp-002']);
  });

  it('takes a zip without a dataset hash (the CLI’s): the lineage says nothing of a dataset', async () => {
    const project = await createProject('P');
    await importModelZip({ projectId: project.id, id: 'imp', bytes: zipWithoutDataset, fileName: 'model.zip' });
    const e = await readExperiment('imp');
    expect(e).toMatchObject({ datasetHash: '', imported: { experimentId: null } });
    expect(e?.startedBy).toBeUndefined();
    const config = await db.artifacts.get(configArtifactId('imp'));
    expect(config).toBeDefined();
    expect(config).not.toHaveProperty('datasetHash');
  });

  it('publishes like any experiment: collaborators get a record their schema accepts', async () => {
    const project = await createProject('Shared');
    await importModelZip({ projectId: project.id, id: 'imp', bytes: zip, fileName: 'm.zip' });
    const doc = new Y.Doc();
    await publishExperiment(doc, 'imp');
    expect(readRecords(doc, 'experiments')).toMatchObject([{ id: 'imp', number: 1, status: 'completed', datasetHash: DATASET }]);
    expect(readRecords(doc, 'artifacts').map((a) => a.kind).sort()).toEqual(['config', 'model']);
  });

  it('refuses a bad zip and changes nothing in the project', async () => {
    const project = await createProject('Untouched');
    const before = { row: await db.projects.get(project.id), ...(await counts()) };
    const files = unzipSync(zip);
    const weights = Object.keys(files).find((n) => n.startsWith('model/0/'))!;
    const bad: readonly [string, Uint8Array, RegExp][] = [
      ['not a zip', strToU8('Species,Island\nAdelie,Biscoe\n'), /not a zip archive/],
      ['climbs out', zipSync({ ...files, '../evil.txt': strToU8('x') }), /unsafe path "\.\.\/evil\.txt"/],
      ['newer major', zipSync({ ...files, 'manifest.json': strToU8(strFromU8(files['manifest.json']!).replace('"version": "1.1"', '"version": "2.0"')) }), /format 2\.0, newer than this Loopbook reads/],
      ['tampered', zipSync({ ...files, [weights]: files[weights]!.map((b, i) => (i === 0 ? b ^ 1 : b)) }), /do(es)? not match the manifest's hash/],
    ];
    for (const [what, bytes, message] of bad) {
      await expect(importModelZip({ projectId: project.id, id: what, bytes, fileName: `${what}.zip` }), what).rejects.toThrow(message);
    }
    expect({ row: await db.projects.get(project.id), ...(await counts()) }).toEqual(before);
  });

  it('refuses a project that is gone, writing nothing', async () => {
    await expect(importModelZip({ projectId: 'gone', id: 'imp', bytes: zip, fileName: 'm.zip' })).rejects.toThrow(/project is not in this browser/);
    expect(await counts()).toEqual({ experiments: 0, results: 0, blobs: 0, artifacts: 0 });
  });

  it('is deleted like any experiment, with its blob', async () => {
    const project = await createProject('P');
    await importModelZip({ projectId: project.id, id: 'imp', bytes: zip, fileName: 'm.zip' });
    await deleteExperiment('imp');
    expect(await counts()).toEqual({ experiments: 0, results: 0, blobs: 0, artifacts: 0 });
    // Its number is not given again.
    expect((await importModelZip({ projectId: project.id, id: 'again', bytes: zip, fileName: 'm.zip' })).name).toBe('exp-002');
  });
});
