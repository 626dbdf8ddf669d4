'use client';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { chooseModel, type ChosenModel } from '../experiments/choose-model';
import { registryState } from '../experiments/registry';
import { listExperiments, type Experiment } from '../store/experiments';
import { readRegistryEvents } from '../sync/registry-doc';
import { useProject } from './project-context';
import { useRegistry } from './use-registry';

export interface ModelChoiceState {
  /** The project's experiments that have a model, newest first. */
  readonly models: readonly Experiment[];
  readonly chosen: ChosenModel | undefined;
  /** Which experiment each registry stage holds, for the picker's labels. */
  readonly stages: { readonly production?: string; readonly staging?: string };
  /**
   * The choice as of now, read from storage rather than from the last render: a pipeline run
   * calls it right after a train cell finishes, before the live query has caught up.
   */
  readonly resolve: () => Promise<ChosenModel>;
}

/**
 * The model a predict or evaluate cell uses (the cell's choice, else production, else the newest),
 * live: a promotion elsewhere changes what an automatic cell uses at once. `chosen` is undefined
 * while the experiments load.
 */
export function useModelChoice(choice: string | undefined): ModelChoiceState {
  const { projectId, doc } = useProject();
  const registry = useRegistry();
  const experiments = useLiveQuery(() => listExperiments(projectId), [projectId]);
  return useMemo(() => {
    const stages = { production: registry.state.production?.experimentId, staging: registry.state.staging?.experimentId };
    const resolve = async () => chooseModel(choice, await listExperiments(projectId), registryState(readRegistryEvents(doc)));
    if (!experiments) return { models: [], chosen: undefined, stages, resolve };
    const models = experiments.filter((e) => e.status === 'completed' && e.modelHash).reverse();
    return { models, chosen: chooseModel(choice, experiments, registry.state), stages, resolve };
  }, [experiments, registry.state, choice, projectId, doc]);
}
