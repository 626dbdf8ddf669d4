import 'fake-indexeddb/auto';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { ulid } from 'ulid';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sha256Hex } from '@/lib/sha256';
import { promote, registryState, RegistryError } from '@/lib/experiments/registry';
import { ContentHash, type CellId, type ProjectId } from '@/lib/ids';
import { openProjectDoc } from '@/lib/sync/local-persistence';
import { addCell, cellText, readCells, readProjectMeta, setCollapsed, writeCellConfig } from '@/lib/sync/project-doc';
import { readProjectSettings, writeProjectSettings } from '@/lib/sync/project-settings';
import { readRecords } from '@/lib/sync/records-doc';
import { appendRegistryEvent, readRegistryEvents } from '@/lib/sync/registry-doc';
import { listProjectDatasets, readDatasetBlob, saveDataset } from './datasets';
import { db } from './db';
import { finishExperiment, listArtifacts, listExperiments, readExperiment, readModelZip, readTrials, recordProgress, startExperiment } from './experiments';
import { exportProject, importProject, readProjectSnapshot } from './project-transfer';
import { createProject, deleteProject, listProjects } from './projects';
import { StorageQuotaError } from './quota';
import { publishExperiment, publishRun } from './records-mirror';
import { finishRun, readRuns, startRun } from './runs';
import { csvDataset, resetStore } from './test/fixtures';

const CSV = 'bill,flipper\n39.1,181\n39.5,186\n40.3,195\n';
const config = { label: 'flipper', task: 'regression', metric: 'rmse', timeBudgetS: 5, seed: 3, learners: ['gbdt'], ensemble: true, backend: 'wasm' } as const;
const evaluation = { task: 'regression', metric: 'rmse', rows: 3, metrics: { rmse: 2.5 }, importance: [] } as const;
const result = { chosen: [1], validScore: 2.4, evaluation, validation: { kind: 'kfold', trainRows: 10, testRows: 3 }, notices: ['small data'], backend: 'wasm', trialWorkers: 1, elapsedMs: 900 } as const;
const snapshot = { status: 'running', phase: 'search', elapsedMs: 100, budgetMs: 5000, trials: 2, bestScore: 2.4, bestLearner: 'gbdt', fitting: null } as const;
const trial = (index: number) => ({ index, learner: 'gbdt', params: { leaves: 7 + index }, score: 3 - index * 0.6, fitMs: 5, status: 'completed' } as const);

interface Built {
  readonly id: ProjectId;
  readonly cells: { readonly intro: CellId; readonly data: CellId; readonly train: CellId; readonly sweep: CellId };
  readonly experiments: readonly string[];
  readonly models: readonly Uint8Array[];
  readonly runId: string;
  readonly predictionsId: string;
}

/** A project with everything project.zip carries: notebook, settings, a dataset, two trained experiments, a registry, a sweep run and predictions. */
async function buildProject(name = 'Penguins'): Promise<Built> {
  const project = await createProject(name);
  const file = await csvDataset(CSV, 'penguins.csv');
  const { doc, dispose } = await openProjectDoc(project.id);
  try {
    const intro = addCell(doc, 'markdown');
    cellText(doc, intro)?.insert(0, '# Penguins\n\nHow long are the flippers?');
    const data = addCell(doc, 'data');
    setCollapsed(doc, data, true);
    const train = addCell(doc, 'train');
    const sweep = addCell(doc, 'sweep');
    await saveDataset({ projectId: project.id, cellId: data, blob: file.blob, record: file.record });
    writeCellConfig(doc, data, { datasetHash: ContentHash.parse(file.record.hash), fileName: 'penguins.csv', label: 'flipper', task: 'regression', columnOverrides: { bill: { type: 'float' } } });
    writeCellConfig(doc, sweep, { sourceCellId: data, sweep: { learner: 'gbdt', mode: 'grid', params: 'leaves = 7, 15', seeds: '1' } });
    writeProjectSettings(doc, { timeBudgetS: 5, seed: 3 });

    const experiments = [ulid(), ulid()];
    const models = [zipSync({ 'manifest.json': strToU8('{"n":1}') }), zipSync({ 'manifest.json': strToU8('{"n":2}') })];
    for (const [i, id] of experiments.entries()) {
      await startExperiment({ id, projectId: project.id, cellId: train, datasetHash: file.record.hash, datasetName: 'penguins.csv', startedBy: 'Ada', configSources: { seed: 'project' }, config: { ...config, learners: ['gbdt'] } });
      await recordProgress(id, { snapshot, newTrials: [trial(0), trial(1)], newBest: [[100, 3], [400, 2.4]] });
      await finishExperiment(id, { status: 'completed', result: { ...result, chosen: [...result.chosen], notices: [...result.notices] }, modelZip: new Uint8Array(models[i]!) });
      await publishExperiment(doc, id);
    }
    writeCellConfig(doc, train, { sourceCellId: data, experimentId: experiments[1]!, seed: 3 });
    for (const [id, stage] of [[experiments[0]!, 'production'], [experiments[1]!, 'staging']] as const) {
      const event = promote(readRegistryEvents(doc), { id, experimentId: id, status: 'completed' }, stage, 'Ada', Date.now());
      if (event instanceof RegistryError) throw event;
      appendRegistryEvent(doc, event);
    }

    const runId = 'e'.repeat(64);
    await startRun({ id: runId, projectId: project.id, cellId: sweep, learner: 'gbdt', params: { leaves: 7 }, seed: 1 }, 5000);
    publishRun(doc, (await finishRun(runId, { status: 'completed', score: 2.2, metrics: { rmse: 2.2 } }))!);

    // Predictions made with the first model: a derived artifact with its own blob.
    const predictions = strToU8('bill,flipper,prediction\n39.1,181,180.2\n');
    const predictionsHash = await sha256Hex(predictions);
    const predictionsId = ulid();
    await db.blobs.add({ hash: predictionsHash, size: predictions.length, mediaType: 'text/csv', data: new Blob([new Uint8Array(predictions)]), createdAt: Date.now() });
    await db.artifacts.add({ id: predictionsId, projectId: project.id, kind: 'predictions', parentId: `${experiments[0]!}.model`, blobHash: predictionsHash, name: 'predictions.csv', createdAt: Date.now() });
    return { id: project.id, cells: { intro, data, train, sweep }, experiments, models, runId, predictionsId };
  } finally {
    await dispose();
  }
}

/** What a user would notice of this browser: every table's size, the projects and their notebooks. */
async function browserState() {
  const tables = Object.fromEntries(await Promise.all(db.tables.map(async (t) => [t.name, await t.count()] as const)));
  const docs = (await indexedDB.databases()).flatMap((d) => (d.name?.startsWith('loopbook-doc-') ? [d.name] : [])).sort();
  return { tables, docs, projects: (await listProjects()).map((p) => p.name) };
}

async function notebook(id: ProjectId) {
  const { doc, dispose } = await openProjectDoc(id);
  try {
    return { meta: readProjectMeta(doc), cells: readCells(doc), settings: readProjectSettings(doc), registry: readRegistryEvents(doc), experiments: readRecords(doc, 'experiments'), runs: readRecords(doc, 'runs'), artifacts: readRecords(doc, 'artifacts') };
  } finally {
    await dispose();
  }
}

beforeEach(resetStore);
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('project export and import', () => {
  it('restores the same project in another browser: notebook, settings, datasets, experiments, registry, models, runs, predictions', async () => {
    const original = await buildProject();
    const before = await readProjectSnapshot(original.id);
    const bytes = await exportProject(original.id);
    const originalNotebook = await notebook(original.id);
    // Another browser profile: nothing of the project is here.
    await deleteProject(original.id);
    expect(await db.blobs.count()).toBe(0);

    const imported = await importProject(bytes);
    expect(imported).toMatchObject({ name: 'Penguins', datasetCount: 1, experimentCount: 2 });
    expect(imported.id).not.toBe(original.id);

    // The notebook, in order, with its references following the new cell and experiment ids.
    const nb = await notebook(imported.id);
    expect(nb.meta).toMatchObject({ name: 'Penguins', createdAt: originalNotebook.meta.createdAt });
    expect(nb.cells.map((c) => [c.kind, c.source, c.collapsed])).toEqual(originalNotebook.cells.map((c) => [c.kind, c.source, c.collapsed]));
    const [, data, train, sweep] = nb.cells;
    expect(data?.config).toEqual(originalNotebook.cells[1]?.config);
    expect(train?.config.sourceCellId).toBe(data?.id);
    expect(sweep?.config).toMatchObject({ sourceCellId: data?.id, sweep: { params: 'leaves = 7, 15' } });
    expect(nb.settings).toEqual({ timeBudgetS: 5, seed: 3 });

    // Experiments keep their numbers, results, trials and models.
    const experiments = await listExperiments(imported.id);
    expect(experiments.map((e) => [e.name, e.status, e.heldOut?.score, e.startedBy, e.cellId])).toEqual([
      ['exp-001', 'completed', 2.5, 'Ada', train?.id],
      ['exp-002', 'completed', 2.5, 'Ada', train?.id],
    ]);
    expect(experiments.map((e) => e.id).some((id) => original.experiments.includes(id))).toBe(false);
    expect(train?.config.experimentId).toBe(experiments[1]?.id);
    for (const [i, e] of experiments.entries()) {
      expect((await readExperiment(e.id))?.result).toMatchObject({ chosen: [1], notices: ['small data'], evaluation: { metrics: { rmse: 2.5 } } });
      expect((await readTrials(e.id)).map((t) => t.score)).toEqual([3, 2.4]);
      const model = await readModelZip(e.id);
      expect(new Uint8Array(await model!.blob.arrayBuffer())).toEqual(original.models[i]);
    }
    expect((await readExperiment(experiments[0]!.id))?.bestOverTime).toEqual([[100, 3], [400, 2.4]]);

    // The registry: the same models in the same stages.
    const state = registryState(nb.registry);
    expect(state.production?.experimentId).toBe(experiments[0]?.id);
    expect(state.staging?.modelId).toBe(experiments[1]?.id);
    expect(nb.registry.map((e) => [e.action, e.stage, e.by])).toEqual(originalNotebook.registry.map((e) => [e.action, e.stage, e.by]));

    // The dataset, linked to the new data cell, with its bytes.
    const datasets = await listProjectDatasets(imported.id);
    expect(datasets.map((d) => [d.name, d.cellId, d.rowCount])).toEqual([['penguins.csv', data?.id, 3]]);
    expect(await (await readDatasetBlob(datasets[0]!.hash))?.text()).toBe(CSV);

    // The sweep's run, under the new sweep cell; the lineage, down to the predictions and their bytes.
    expect((await readRuns(sweep!.id)).map((r) => [r.status, r.score, r.params])).toEqual([['completed', 2.2, { leaves: 7 }]]);
    const artifacts = await listArtifacts(imported.id);
    const predictions = artifacts.find((a) => a.kind === 'predictions');
    expect(predictions?.parentId).toBe(`${experiments[0]!.id}.model`);
    expect(artifacts.map((a) => a.id).sort()).toEqual([`${experiments[0]!.id}.config`, `${experiments[0]!.id}.model`, `${experiments[1]!.id}.config`, `${experiments[1]!.id}.model`, predictions!.id].sort());
    expect(await (await db.blobs.get(predictions!.blobHash!))?.data.text()).toBe('bill,flipper,prediction\n39.1,181,180.2\n');

    // Collaborators who open it get the tracking records from its document.
    expect(nb.experiments.map((e) => e.id).sort()).toEqual(experiments.map((e) => e.id).sort());
    expect(nb.runs).toHaveLength(1);
    expect(nb.artifacts.map((a) => a.id).sort()).toEqual(artifacts.map((a) => a.id).sort());

    // Exported again, it is the same project (only the ids it was given differ).
    const after = await readProjectSnapshot(imported.id);
    const withoutIds = (s: typeof before) => ({
      project: s.project,
      settings: s.settings,
      cells: s.cells.map(({ id: _i, config: { sourceCellId: _s, experimentId: _e, ...config }, ...c }) => ({ ...c, config })),
      datasets: s.datasets.map(({ cellId: _c, createdAt: _t, ...d }) => d),
      experiments: s.experiments.map(({ metadata: { id: _i, cellId: _c, ...m }, ...e }) => ({ ...e, metadata: m })),
      runs: s.runs.map(({ id: _i, cellId: _c, ...r }) => r),
      blobs: s.blobs,
    });
    expect(withoutIds(after)).toEqual(withoutIds(before));
  });

  it('imports the same zip twice as two independent projects', async () => {
    const original = await buildProject();
    const bytes = await exportProject(original.id);
    const first = await importProject(bytes);
    const second = await importProject(bytes);
    expect((await listProjects()).map((p) => p.name).sort()).toEqual(['Penguins', 'Penguins (imported 2)', 'Penguins (imported)']);
    const ids = await Promise.all([original.id, first.id, second.id].map(async (id) => (await listExperiments(id)).map((e) => e.id)));
    expect(new Set(ids.flat()).size).toBe(6);
    // Each sweep cell shows its own run only.
    const sweeps = await Promise.all([first.id, second.id].map(async (id) => (await notebook(id)).cells[3]!.id));
    expect(new Set([original.cells.sweep, ...sweeps]).size).toBe(3);
    for (const cell of [original.cells.sweep, ...sweeps]) expect(await readRuns(cell)).toHaveLength(1);
    expect((await db.runs.get(original.runId))?.projectId).toBe(original.id);

    // Deleting one leaves the others whole: models and data are shared, not moved.
    await deleteProject(first.id);
    for (const id of [original.id, second.id]) {
      for (const e of await listExperiments(id)) expect(await readModelZip(e.id)).toBeDefined();
      expect(await readDatasetBlob((await listProjectDatasets(id))[0]!.hash)).toBeDefined();
    }
    expect((await listArtifacts(second.id)).filter((a) => a.kind === 'predictions')).toHaveLength(1);
  });

  it('brings an experiment that was running at export as interrupted', async () => {
    const project = await createProject('Running');
    await startExperiment({ id: ulid(), projectId: project.id, cellId: ulid(), datasetHash: 'f'.repeat(64), config: { ...config, learners: ['gbdt'] } });
    const imported = await importProject(await exportProject(project.id));
    const [e] = await listExperiments(imported.id);
    expect(e).toMatchObject({ name: 'exp-001', status: 'interrupted', error: { name: 'Interrupted' } });
    expect((await db.experiments.get(e!.id))?.status).toBe('interrupted');
  });

  it('refuses each bad zip with a clear message and changes nothing', async () => {
    const original = await buildProject();
    const bytes = await exportProject(original.id);
    const files = () => unzipSync(bytes);
    const dataPath = Object.keys(files()).find((n) => n.startsWith('data/') && n.endsWith('.csv'))!;
    const edit = (change: (f: Record<string, Uint8Array>) => void) => {
      const f = files();
      change(f);
      return zipSync(f);
    };
    const manifest = (f: Record<string, Uint8Array>): Record<string, unknown> => {
      const value: unknown = JSON.parse(strFromU8(f['loopbook.json']!));
      return typeof value === 'object' && value !== null ? { ...value } : {};
    };
    const bad: [string, Uint8Array, RegExp][] = [
      ['not a zip', strToU8(CSV), /not a zip archive/],
      ['an absolute path', edit((f) => (f['/home/me/.bashrc'] = strToU8('x'))), /unsafe path "\/home\/me\/\.bashrc"/],
      ['a ".." path', edit((f) => (f['experiments/../../x'] = strToU8('x'))), /unsafe path/],
      ['a missing file', edit((f) => delete f['experiments/exp-002/metrics.json']), /experiments\/exp-002\/metrics\.json is missing/],
      ['a missing dataset', edit((f) => delete f[dataPath]), /is missing/],
      ['a newer major version', edit((f) => (f['loopbook.json'] = strToU8(JSON.stringify({ ...manifest(f), version: '3.1' })))), /newer than this Loopbook reads.*Update Loopbook/],
      ['a changed dataset', edit((f) => (f[dataPath] = strToU8(CSV.replace('39.1', '99.9')))), /SHA-256 of data\/.*is not the one loopbook\.json lists/],
    ];
    const before = await browserState();
    for (const [what, zip, message] of bad) {
      const refused = await importProject(zip).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused, what).toBeInstanceOf(Error);
      expect((refused as Error).name, what).toBe('BundleError');
      expect((refused as Error).message, what).toMatch(message);
      expect(await browserState(), what).toEqual(before);
    }
  });

  it('removes what it wrote when writing fails, in the rows or after them', async () => {
    const original = await buildProject();
    const bytes = await exportProject(original.id);
    const before = await browserState();
    // The rows' transaction fails: nothing of it stays, and the new notebook goes too.
    vi.spyOn(db.trials, 'bulkAdd').mockRejectedValueOnce(new Error('The disk is on fire.'));
    await expect(importProject(bytes)).rejects.toThrow('The disk is on fire.');
    expect(await browserState()).toEqual(before);
    // Publishing into the document fails after the rows were written: they are deleted again.
    vi.spyOn(db.experiments, 'get').mockRejectedValueOnce(new Error('Publishing failed.'));
    await expect(importProject(bytes)).rejects.toThrow('Publishing failed.');
    expect(await browserState()).toEqual(before);
    // The original lost nothing on the way.
    for (const e of await listExperiments(original.id)) expect(await readModelZip(e.id)).toBeDefined();
  });

  it('refuses to import what does not fit in the storage left, writing nothing', async () => {
    const original = await buildProject();
    const bytes = await exportProject(original.id);
    await deleteProject(original.id);
    const before = await browserState();
    vi.stubGlobal('navigator', { storage: { estimate: () => Promise.resolve({ usage: 1000, quota: 1010 }) } });
    await expect(importProject(bytes)).rejects.toBeInstanceOf(StorageQuotaError);
    expect(await browserState()).toEqual(before);
  });
});
