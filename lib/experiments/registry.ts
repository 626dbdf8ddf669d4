/**
 * The model registry: which model is `staging` and which is `production`, derived from an
 * append-only history of events. Events are never edited or removed, so edits made offline by two
 * people merge by concatenation: every event stays in the history and the fold (sorted by time,
 * then id) makes the later one win.
 *
 * Rules (decided here, shown in the UI):
 * - One model per stage, and one stage per model (as MLflow): promoting the staging model to
 *   production takes it out of staging. Promoting the production model to staging is refused
 *   (production would be left empty): demote production first.
 * - Promoting the model that already holds the stage is refused with reason `already-in-stage`
 *   (the UI disables the button); no event is written.
 * - Only a completed, undeleted model is promoted.
 * - Rollback is an undo: it restores the model that held the stage before the current one, and a
 *   second rollback goes one further back (A → B → C, rollback → B, rollback → A). After a demote,
 *   rollback restores the demoted model. Models that are no longer available are skipped.
 * - A model in either stage cannot be deleted: demote it first.
 */
import { monotonicFactory } from 'ulid';
import { z } from 'zod';
import type { RunStatus } from './types';

export const STAGES = ['staging', 'production'] as const;
export type Stage = (typeof STAGES)[number];
export const REGISTRY_ACTIONS = ['promote', 'demote', 'rollback'] as const;
export type RegistryAction = (typeof REGISTRY_ACTIONS)[number];

/** The boundary schema: events arrive from peers through the project's Yjs document. */
export const registryEventSchema = z.object({
  /** ULID; breaks ties between events of the same millisecond. */
  id: z.string().min(1),
  /** Epoch ms on the device that made the change. */
  at: z.number(),
  /** Display name of who made it. */
  by: z.string(),
  action: z.enum(REGISTRY_ACTIONS),
  stage: z.enum(STAGES),
  /** promote: the model promoted; demote: the model taken out; rollback: the model restored. */
  modelId: z.string().min(1),
  experimentId: z.string(),
});
export type RegistryEvent = Readonly<z.infer<typeof registryEventSchema>>;

/** Who holds a stage, since when and by whose hand. */
export interface RegistryEntry {
  readonly modelId: string;
  readonly experimentId: string;
  readonly since: number;
  readonly by: string;
  readonly eventId: string;
}

export interface RegistryState {
  readonly staging?: RegistryEntry;
  readonly production?: RegistryEntry;
  /** Earlier holders of each stage, oldest first: the rollback stack (its last entry is next). */
  readonly previous: { readonly [S in Stage]: readonly RegistryEntry[] };
}

/** What the registry needs of a model (an experiment's trained model artifact). */
export interface RegistryModel {
  readonly id: string;
  readonly experimentId: string;
  readonly status: RunStatus;
  readonly deleted?: boolean;
  /** For messages ("exp-007"); the id otherwise. */
  readonly name?: string;
}

export type RegistryRefusal = 'deleted' | 'not-completed' | 'already-in-stage' | 'in-production' | 'stage-empty' | 'no-previous' | 'in-stage';

/** A registry change or a deletion that is refused; `reason` lets a UI react without parsing text. */
export class RegistryError extends Error {
  override name = 'RegistryError';
  constructor(
    message: string,
    readonly reason: RegistryRefusal,
  ) {
    super(message);
  }
}

/** Events in the order they take effect: by time, then id. */
export function registryHistory(events: readonly RegistryEvent[]): RegistryEvent[] {
  return [...events].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The current holders and rollback stacks, folded from the events in any order. */
export function registryState(events: readonly RegistryEvent[]): RegistryState {
  const current: { [S in Stage]?: RegistryEntry } = {};
  const previous: { [S in Stage]: RegistryEntry[] } = { staging: [], production: [] };
  for (const e of registryHistory(events)) {
    const stage = e.stage;
    const other: Stage = stage === 'staging' ? 'production' : 'staging';
    const holder = current[stage];
    const entry: RegistryEntry = { modelId: e.modelId, experimentId: e.experimentId, since: e.at, by: e.by, eventId: e.id };
    if (e.action === 'demote') {
      // A demote aimed at a model that no longer holds the stage (a merged offline edit) changes nothing.
      if (holder?.modelId === e.modelId) {
        previous[stage].push(holder);
        current[stage] = undefined;
      }
      continue;
    }
    if (holder?.modelId === e.modelId) continue; // The same change made twice (two peers).
    const below = e.action === 'rollback' ? previous[stage].map((p) => p.modelId).lastIndexOf(e.modelId) : -1;
    if (below >= 0) previous[stage].splice(below); // Undo: the current holder is dropped, not stacked.
    else if (holder) previous[stage].push(holder);
    current[stage] = entry;
    if (current[other]?.modelId === e.modelId) current[other] = undefined; // One stage per model.
  }
  return { ...current, previous };
}

const nextId = monotonicFactory();

function eventOf(action: RegistryAction, stage: Stage, model: { modelId: string; experimentId: string }, by: string, now: number): RegistryEvent {
  return { id: nextId(now), at: now, by, action, stage, modelId: model.modelId, experimentId: model.experimentId };
}

/**
 * The event that puts `model` in `stage`, or why not.
 *
 * @example const r = promote(events, model, 'production', 'Ana', Date.now()); if (r instanceof RegistryError) toast(r.message); else append(r);
 */
export function promote(events: readonly RegistryEvent[], model: RegistryModel, stage: Stage, by: string, now: number): RegistryEvent | RegistryError {
  const name = model.name ?? model.id;
  if (model.deleted) return new RegistryError(`Model ${name} was deleted; it cannot be promoted.`, 'deleted');
  if (model.status !== 'completed') {
    return new RegistryError(`Model ${name} is ${model.status === 'running' ? 'still running' : model.status}; only a completed model can be promoted.`, 'not-completed');
  }
  const state = registryState(events);
  if (state[stage]?.modelId === model.id) return new RegistryError(`Model ${name} is already in ${stage}.`, 'already-in-stage');
  if (stage === 'staging' && state.production?.modelId === model.id) {
    return new RegistryError(`Model ${name} is in production; moving it to staging would leave production empty. Demote it first.`, 'in-production');
  }
  return eventOf('promote', stage, { modelId: model.id, experimentId: model.experimentId }, by, now);
}

/** The event that empties `stage`, or a refusal when it is already empty. */
export function demote(events: readonly RegistryEvent[], stage: Stage, by: string, now: number): RegistryEvent | RegistryError {
  const holder = registryState(events)[stage];
  if (!holder) return new RegistryError(`No model is in ${stage}; there is nothing to demote.`, 'stage-empty');
  return eventOf('demote', stage, holder, by, now);
}

/**
 * The event that gives `stage` back to the model that held it before the current one, skipping
 * models for which `isAvailable` says false (deleted since), or a refusal when there is none.
 * The restored model leaves the other stage if it was there.
 */
export function rollback(
  events: readonly RegistryEvent[],
  stage: Stage,
  by: string,
  now: number,
  isAvailable: (modelId: string) => boolean = () => true,
): RegistryEvent | RegistryError {
  const state = registryState(events);
  const holder = state[stage];
  const target = [...state.previous[stage]].reverse().find((p) => p.modelId !== holder?.modelId && isAvailable(p.modelId));
  if (!target) return new RegistryError(`No earlier model held ${stage}; there is nothing to roll back to.`, 'no-previous');
  return eventOf('rollback', stage, target, by, now);
}

/** True when the model may be deleted; a refusal while it holds a stage. */
export function canDeleteModel(events: readonly RegistryEvent[], modelId: string): true | RegistryError {
  const state = registryState(events);
  for (const stage of STAGES) {
    if (state[stage]?.modelId === modelId) {
      return new RegistryError(`This model is in ${stage}: demote it first, then delete it.`, 'in-stage');
    }
  }
  return true;
}
