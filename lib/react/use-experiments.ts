'use client';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { toRow, type ExperimentRow } from '../experiments/list';
import type { TrialRecord } from '../ml/search/run';
import { deleteExperiment, listExperiments, readExperiment, readModelZip, readTrials, type Experiment } from '../store/experiments';

/** A project's experiments as list rows, live (another tab's new experiment appears); undefined while loading. */
export function useExperimentRows(projectId: string | undefined): readonly ExperimentRow[] | undefined {
  const experiments = useLiveQuery(async () => (projectId ? listExperiments(projectId) : []), [projectId]);
  // Running rows show their duration so far: the clock ticks while any runs.
  const running = experiments?.some((e) => e.status === 'running') ?? false;
  const now = useNow(running ? 1000 : 0);
  return useMemo(() => experiments?.map((e) => toRow(e, now)), [experiments, now]);
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

export { readModelZip };

/** Deletes an ended experiment's records and model (lib/store deleteExperiment). */
export const deleteExperimentRecords = deleteExperiment;

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (everyMs <= 0) return;
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
