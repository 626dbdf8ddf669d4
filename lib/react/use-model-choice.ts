'use client';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { chooseModel, type ChosenModel } from '../experiments/choose-model';
import { listExperiments, type Experiment } from '../store/experiments';
import { useProject } from './project-context';
import { useRegistry } from './use-registry';

export interface ModelChoiceState {
  /** The project's experiments that have a model, newest first. */
  readonly models: readonly Experiment[];
  readonly chosen: ChosenModel | undefined;
  /** Which experiment each registry stage holds, for the picker's labels. */
  readonly stages: { readonly production?: string; readonly staging?: string };
}

/**
 * The model a predict or evaluate cell uses (the cell's choice, else production, else the newest),
 * live: a promotion elsewhere changes what an automatic cell uses at once. `chosen` is undefined
 * while the experiments load.
 */
export function useModelChoice(choice: string | undefined): ModelChoiceState {
  const { projectId } = useProject();
  const registry = useRegistry();
  const experiments = useLiveQuery(() => listExperiments(projectId), [projectId]);
  return useMemo(() => {
    const stages = { production: registry.state.production?.experimentId, staging: registry.state.staging?.experimentId };
    if (!experiments) return { models: [], chosen: undefined, stages };
    const models = experiments.filter((e) => e.status === 'completed' && e.modelHash).reverse();
    return { models, chosen: chooseModel(choice, experiments, registry.state), stages };
  }, [experiments, registry.state, choice]);
}
