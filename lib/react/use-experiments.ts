'use client';
import { useLiveQuery } from 'dexie-react-hooks';
import type * as Y from 'yjs';
import { publishExperiment } from '../store/records-mirror';
import { useEffect, useMemo, useState } from 'react';
import { ulid } from 'ulid';
import { BundleError, MODEL_ZIP_LIMITS } from '../bundle/zip-safety';
import type { ImportedExperiment } from '../store/model-import';
import { FIRST_SCREEN_EXPERIMENTS, toRow, type ExperimentRow } from '../experiments/list';
import { takeEarlyFirstScreen } from '../store/early-first-screen';
import type { TrialRecord } from '../ml/search/run';
import { buildLineageIndex, type ArtifactRecord } from '../experiments/lineage';
import { deleteExperiment, derivedArtifactCount, experimentsFromEarlyRead, listArtifacts, listExperiments, readExperiment, readModelZip, readTrials, type Experiment } from '../store/experiments';

/** A list row, and the file an imported experiment came from (the list marks it). */
export type ExperimentListRow = ExperimentRow & { readonly importedFrom?: string };

/** A project's experiments as list rows, live (another tab's new experiment appears); undefined while loading. */
export function useExperimentRows(projectId: string | undefined): readonly ExperimentListRow[] | undefined {
  return useRows(useLiveQuery(async () => (projectId ? listExperiments(projectId) : undefined), [projectId]));
}

/**
 * The project's `count` newest experiments as rows, live; undefined while loading. Read before
 * the whole list, which takes a few hundred ms from IndexedDB at 10,000 experiments: fewer than
 * `count` rows is the whole list.
 */
export function useNewestExperimentRows(projectId: string | undefined): readonly ExperimentListRow[] | undefined {
  const live = useLiveQuery(async () => (projectId ? listExperiments(projectId, { newest: FIRST_SCREEN_EXPERIMENTS }) : undefined), [projectId]);
  const early = useEarlyRead(projectId, live !== undefined);
  return useRows(live ?? early);
}

/** First screens read before React asked for them (readNewestExperimentsEarly), by project id. */
const earlyReads = new Map<string, Promise<readonly Experiment[] | undefined>>();
const earlyResults = new Map<string, readonly Experiment[]>();

/**
 * Starts reading a project's newest experiments before its list asks: called as the page's
 * script runs, so that IndexedDB works while React hydrates. Takes the page's inlined read
 * (lib/store/early-first-screen.ts) when it ran, else reads with Dexie. A failed read is left to
 * the list's own live query, which reports it.
 */
export function readNewestExperimentsEarly(projectId: string): void {
  if (earlyReads.has(projectId)) return;
  const inlined = takeEarlyFirstScreen(projectId);
  const read = (inlined ?? Promise.resolve(undefined))
    .then((records) => experimentsFromEarlyRead(projectId, records) ?? listExperiments(projectId, { newest: FIRST_SCREEN_EXPERIMENTS }))
    .then(
      (rows) => {
        earlyResults.set(projectId, rows);
        return rows;
      },
      () => undefined,
    );
  earlyReads.set(projectId, read);
}

/** The early read of `projectId` until the live query has answered (then it is dropped: it does not follow changes). */
function useEarlyRead(projectId: string | undefined, answered: boolean): readonly Experiment[] | undefined {
  const [arrived, setArrived] = useState<{ readonly projectId: string; readonly rows: readonly Experiment[] }>();
  useEffect(() => {
    const read = projectId === undefined ? undefined : earlyReads.get(projectId);
    if (projectId === undefined || read === undefined) return undefined;
    if (answered) {
      earlyReads.delete(projectId);
      earlyResults.delete(projectId);
      return undefined;
    }
    let live = true;
    void read.then((rows) => live && rows && setArrived({ projectId, rows }));
    return () => {
      live = false;
    };
  }, [projectId, answered]);
  if (projectId === undefined || answered) return undefined;
  return earlyResults.get(projectId) ?? (arrived?.projectId === projectId ? arrived.rows : undefined);
}

function useRows(experiments: readonly Experiment[] | undefined): readonly ExperimentListRow[] | undefined {
  // Running rows show their duration so far: the clock ticks while any runs.
  const running = experiments?.some((e) => e.status === 'running') ?? false;
  const now = useNow(running ? 1000 : 0);
  return useMemo(() => experiments?.map((e): ExperimentListRow => (e.imported ? { ...toRow(e, now), importedFrom: e.imported.fileName } : toRow(e, now))), [experiments, now]);
}

/** One experiment with its result and trials, live; null when it does not exist. */
export function useExperimentDetail(id: string | undefined): { experiment: Experiment; trials: readonly TrialRecord[] } | null | undefined {
  return useLiveQuery(async () => {
    if (!id) return null;
    const experiment = await readExperiment(id);
    return experiment ? { experiment, trials: await readTrials(id) } : null;
  }, [id]);
}

/** Several experiments with their results, in the order asked (missing ones left out). */
export function useExperiments(ids: readonly string[]): readonly Experiment[] | undefined {
  const key = ids.join(',');
  return useLiveQuery(async () => {
    const found = await Promise.all(key.split(',').filter(Boolean).map((id) => readExperiment(id)));
    return found.filter((e): e is Experiment => e !== undefined);
  }, [key]);
}

export { derivedArtifactCount, readModelZip };
export type { ImportedExperiment };

/**
 * Imports a model.zip file as a completed experiment of the project and tells collaborators.
 * Throws BundleError for a refused zip (nothing is written). lib/store/model-import is loaded on
 * first use: it brings the learners and TF.js, which the page otherwise never loads.
 */
export async function importModelFile(doc: Y.Doc, projectId: string, file: Blob, fileName: string, startedBy?: string): Promise<ImportedExperiment> {
  // Refused before reading: a file too large to be a model is not read into memory at all.
  if (file.size > MODEL_ZIP_LIMITS.maxZipBytes) {
    throw new BundleError(`This file is ${Math.round(file.size / 1e6)} MB, more than the ${Math.round(MODEL_ZIP_LIMITS.maxZipBytes / 1e6)} MB a model.zip may be.`);
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const { importModelZip } = await import('../store/model-import');
  const imported = await importModelZip({ projectId, id: ulid(), bytes, fileName, ...(startedBy !== undefined ? { startedBy } : {}) });
  await publishExperiment(doc, imported.id);
  return imported;
}

/** Deletes an ended experiment's records, lineage and model (lib/store deleteExperiment), and tells collaborators. */
export async function deleteExperimentRecords(doc: Y.Doc, id: string): Promise<void> {
  await deleteExperiment(id);
  await publishExperiment(doc, id);
}

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (everyMs <= 0) return;
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** The lineage tree that holds `artifactId` (an experiment's config, a code cell's model…), from its root. */
export function useLineage(projectId: string, artifactId: string) {
  return useLiveQuery(async () => {
    const index = buildLineageIndex(await listArtifacts(projectId));
    const found = index.get(artifactId);
    const root = found ? (index.ancestors(found.id).at(-1) ?? found) : undefined;
    if (!root) return null;
    // Depth-limited: a tree drawn for people, whatever a peer's records look like.
    const childrenOf = (id: string, depth: number): LineageNode[] => (depth > 8 ? [] : index.children(id).map((a) => ({ artifact: a, children: childrenOf(a.id, depth + 1) })));
    return { datasetHash: index.datasetHashOf(root.id), root: { artifact: root, children: childrenOf(root.id, 0) } };
  }, [projectId, artifactId]);
}

export interface LineageNode {
  readonly artifact: ArtifactRecord;
  readonly children: readonly LineageNode[];
}
