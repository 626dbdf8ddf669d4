/**
 * Tracking records between this browser's Dexie and the project's Yjs document (DESIGN.md §4):
 * `publish*` writes a record's summary into the document after a local write (so collaborators
 * get it), and `mirrorRecords` copies records that arrive in the document — from a peer, or from
 * before this browser had them — into Dexie, where lists and queries read them.
 *
 * A record from the document never overwrites a more final local one: a completed run or
 * experiment stays completed. Bulk (results, curves, trials) stays with the browser that ran it.
 */
import type * as Y from 'yjs';
import type { ProjectId } from '@/lib/ids';
import { deleteRecords, observeRecords, readRecords, writeRecords, type ArtifactSummary, type ExperimentSummary, type RunSummary } from '@/lib/sync/records-doc';
import { buildLineageIndex } from '@/lib/experiments/lineage';
import { configArtifactId, db, type StoredArtifact, type StoredExperiment, type StoredRun } from './db';

/** Publishes an experiment and its artifacts as this browser has them; a deleted one is deleted there too. */
export async function publishExperiment(doc: Y.Doc, experimentId: string): Promise<void> {
  const [e, artifacts] = await db.transaction('r', db.experiments, db.artifacts, () => Promise.all([db.experiments.get(experimentId), db.artifacts.where('experimentId').equals(experimentId).toArray()]));
  if (!e) {
    // Its own artifacts and everything derived from them (predictions, evaluations): its subtree.
    const published = readRecords(doc, 'artifacts');
    const subtree = buildLineageIndex(published).descendants(configArtifactId(experimentId)).map((a) => a.id);
    const gone = [...new Set([...published.filter((a) => a.experimentId === experimentId).map((a) => a.id), ...subtree])];
    doc.transact(() => {
      deleteRecords(doc, 'experiments', [experimentId]);
      deleteRecords(doc, 'artifacts', gone);
    });
    return;
  }
  doc.transact(() => {
    writeRecords(doc, 'experiments', [summaryOf(e)]);
    writeRecords(doc, 'artifacts', artifacts.map((a): ArtifactSummary => ({ ...a })));
  });
}

/** Publishes artifacts written outside an experiment's own records (predictions, evaluations). */
export function publishArtifacts(doc: Y.Doc, artifacts: readonly StoredArtifact[]): void {
  writeRecords(doc, 'artifacts', artifacts.map((a): ArtifactSummary => ({ ...a })));
}

/** Publishes a run as stored (finishRun returns it: no second read). */
export function publishRun(doc: Y.Doc, run: StoredRun): void {
  const { heartbeatAt: _local, ...summary } = run;
  writeRecords(doc, 'runs', [summary]);
}

function summaryOf(e: StoredExperiment): ExperimentSummary {
  const config = typeof e.config === 'object' && e.config !== null ? (e.config as Record<string, unknown>) : {};
  return {
    id: e.id,
    projectId: e.projectId,
    number: e.number,
    cellId: e.cellId,
    datasetHash: e.datasetHash,
    ...(e.datasetName !== undefined ? { datasetName: e.datasetName } : {}),
    status: e.status,
    config,
    ...(e.configSources ? { configSources: { ...e.configSources } } : {}),
    startedAt: e.startedAt,
    ...(e.endedAt !== undefined ? { endedAt: e.endedAt } : {}),
    ...(e.startedBy !== undefined ? { startedBy: e.startedBy } : {}),
    ...(e.heldOut ? { heldOut: e.heldOut } : {}),
    ...(e.modelHash ? { modelHash: e.modelHash } : {}),
    ...(e.error ? { error: e.error } : {}),
    ...(e.imported ? { imported: { ...e.imported } } : {}),
  };
}

const FINAL = new Set(['completed', 'failed', 'canceled']);

/** A local record gives way to the document's only when the local one has not ended and the other has. */
function takes(local: { status: string } | undefined, incoming: { status: string }): boolean {
  return !local || (!FINAL.has(local.status) && FINAL.has(incoming.status));
}

async function adoptExperiments(projectId: string, records: readonly ExperimentSummary[]): Promise<void> {
  await db.transaction('rw', db.experiments, db.projects, async () => {
    let added = 0;
    let highest = 0;
    for (const r of records) {
      if (r.projectId !== projectId) continue;
      const local = await db.experiments.get(r.id);
      if (!takes(local, r)) continue;
      // A peer's running record has no heartbeat here: marked as theirs, it is not taken for interrupted.
      await db.experiments.put({ ...r, ...(local ? {} : { origin: 'peer' as const }), heartbeatAt: local?.heartbeatAt ?? r.endedAt ?? r.startedAt, bestOverTime: local?.bestOverTime ?? [] });
      if (!local) added++;
      highest = Math.max(highest, r.number);
    }
    const project = await db.projects.get(projectId);
    if (project && (added > 0 || highest > (project.lastExperimentNumber ?? 0))) {
      await db.projects.put({ ...project, experimentCount: project.experimentCount + added, lastExperimentNumber: Math.max(project.lastExperimentNumber ?? 0, highest) });
    }
  });
}

async function adoptRuns(projectId: string, records: readonly RunSummary[]): Promise<void> {
  await db.transaction('rw', db.runs, async () => {
    for (const r of records) {
      if (r.projectId !== projectId) continue;
      const local = await db.runs.get(r.id);
      if (takes(local, r)) await db.runs.put({ ...r, heartbeatAt: local?.heartbeatAt ?? r.endedAt ?? r.startedAt } satisfies StoredRun);
    }
  });
}

async function adoptArtifacts(projectId: string, records: readonly ArtifactSummary[]): Promise<void> {
  await db.transaction('rw', db.artifacts, async () => {
    for (const a of records) if (a.projectId === projectId && !(await db.artifacts.get(a.id))) await db.artifacts.put(a);
  });
}

/** Records deleted in the document (a peer deleted an experiment): gone here too, with their trials and result. */
async function dropExperiments(ids: readonly string[]): Promise<void> {
  await db.transaction('rw', [db.experiments, db.experimentResults, db.trials, db.artifacts], async () => {
    for (const id of ids) {
      await db.trials.where('experimentId').equals(id).delete();
      await db.experimentResults.delete(id);
      await db.experiments.delete(id);
    }
  });
}

/**
 * While `doc` is open, copies its tracking records into Dexie: all of them now, then each change.
 * Returns the unsubscribe.
 */
export function mirrorRecords(projectId: ProjectId, doc: Y.Doc, onError: (error: unknown) => void = () => {}): () => void {
  const experiments = (ids?: readonly string[]) => adoptExperiments(projectId, readRecords(doc, 'experiments').filter((r) => !ids || ids.includes(r.id))).catch(onError);
  const runs = (ids?: readonly string[]) => adoptRuns(projectId, readRecords(doc, 'runs').filter((r) => !ids || ids.includes(r.id))).catch(onError);
  const artifacts = (ids?: readonly string[]) => adoptArtifacts(projectId, readRecords(doc, 'artifacts').filter((r) => !ids || ids.includes(r.id))).catch(onError);
  void experiments();
  void runs();
  void artifacts();
  const stops = [
    observeRecords(doc, 'experiments', (changed, deleted) => {
      if (changed.length > 0) void experiments(changed);
      if (deleted.length > 0) void dropExperiments(deleted).catch(onError);
    }),
    observeRecords(doc, 'runs', (changed) => changed.length > 0 && void runs(changed)),
    observeRecords(doc, 'artifacts', (changed, deleted) => {
      if (changed.length > 0) void artifacts(changed);
      if (deleted.length > 0) void db.artifacts.bulkDelete(deleted).catch(onError);
    }),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
