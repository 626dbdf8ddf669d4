/**
 * Which model a predict or evaluate cell uses. A cell may name an experiment's model or a registry
 * stage; by default it follows the registry's production model, else the newest experiment that
 * has a model. Pure: the caller hands in the project's experiments and registry state.
 */
import type { RegistryState, Stage } from './registry';

/** What a cell stores: a stage, an experiment id, or nothing (automatic). */
export type ModelChoice = Stage | string | undefined;

export interface ModelCandidate {
  readonly id: string;
  /** exp-007 */
  readonly name: string;
  readonly number: number;
  readonly status: string;
  /** The model.zip blob; absent while it trains or when it failed. */
  readonly modelHash?: string;
  /** The dataset it was trained on (empty or absent when unknown, e.g. an imported model). */
  readonly datasetHash?: string;
}

export type ChosenModel =
  | { readonly type: 'model'; readonly experiment: ModelCandidate; readonly why: 'production' | 'staging' | 'latest' | 'chosen' }
  | { readonly type: 'none'; readonly message: string };

export function chooseModel(choice: ModelChoice, experiments: readonly ModelCandidate[], registry: RegistryState): ChosenModel {
  const usable = experiments.filter((e) => e.status === 'completed' && e.modelHash);
  const byId = new Map(usable.map((e) => [e.id, e]));
  if (choice === 'production' || choice === 'staging') {
    const entry = registry[choice];
    const experiment = entry && byId.get(entry.experimentId);
    if (experiment) return { type: 'model', experiment, why: choice };
    return { type: 'none', message: entry ? `The ${choice} model (${entry.experimentId}) is not in this browser. Choose another model.` : `No model is in ${choice}. Promote one in the experiments view, or choose a model.` };
  }
  if (choice !== undefined) {
    const experiment = byId.get(choice);
    if (experiment) return { type: 'model', experiment, why: 'chosen' };
    const known = experiments.find((e) => e.id === choice);
    return { type: 'none', message: known ? `${known.name} has no model to use (${known.status}). Choose another model.` : 'The chosen model was deleted. Choose another model.' };
  }
  const production = registry.production && byId.get(registry.production.experimentId);
  if (production) return { type: 'model', experiment: production, why: 'production' };
  const latest = usable.reduce<ModelCandidate | undefined>((best, e) => (!best || e.number > best.number ? e : best), undefined);
  if (latest) return { type: 'model', experiment: latest, why: 'latest' };
  return { type: 'none', message: 'This project has no trained model yet. Train one in a train cell, or import a model.zip in the experiments view.' };
}
