/**
 * Project settings in the project's Yjs document (`doc.getMap('settings')`, one key per setting so
 * that two people changing different ones both keep their change): the training defaults every
 * train cell uses unless it sets its own. Read back through zod: a peer's bad value is skipped.
 *
 * Precedence, weakest first: built-in default < project setting < cell.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { LEARNER_NAMES } from '@/lib/ml/types';

export const projectSettingsSchema = z.object({
  timeBudgetS: z.number().positive().max(86_400),
  seed: z.number().int(),
  learners: z.array(z.enum(LEARNER_NAMES)).min(1),
  backend: z.enum(['auto', 'wasm', 'cpu', 'webgpu']),
});
type Shape = z.infer<typeof projectSettingsSchema>;
export type ProjectSettings = { readonly [K in keyof Shape]?: Shape[K] };
/** `undefined` removes the setting (the built-in default holds again). */
export type ProjectSettingsPatch = { [K in keyof Shape]?: Shape[K] | undefined };
const KEYS = Object.keys(projectSettingsSchema.shape) as (keyof Shape)[];

function settingsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>('settings');
}

export function readProjectSettings(doc: Y.Doc): ProjectSettings {
  const map = settingsMap(doc);
  const out: Record<string, unknown> = {};
  for (const key of KEYS) {
    const parsed = projectSettingsSchema.shape[key].safeParse(map.get(key));
    if (parsed.success) out[key] = parsed.data;
  }
  return out as ProjectSettings;
}

export function writeProjectSettings(doc: Y.Doc, patch: ProjectSettingsPatch): void {
  const map = settingsMap(doc);
  doc.transact(() => {
    for (const key of KEYS) {
      if (!(key in patch)) continue;
      const value = patch[key];
      if (value === undefined) map.delete(key);
      else map.set(key, projectSettingsSchema.shape[key].parse(value));
    }
  });
}

/** Calls `fn` with the settings whenever they change (here or from a peer). Returns the unsubscribe. */
export function observeProjectSettings(doc: Y.Doc, fn: (settings: ProjectSettings) => void): () => void {
  const map = settingsMap(doc);
  const handler = (): void => fn(readProjectSettings(doc));
  map.observe(handler);
  return () => map.unobserve(handler);
}

/** What a train cell uses when neither it nor the project sets a value. */
export const BUILT_IN_TRAIN_DEFAULTS: Required<ProjectSettings> = { timeBudgetS: 60, seed: 42, learners: [...LEARNER_NAMES], backend: 'auto' };

export type SettingSource = 'default' | 'project' | 'cell';

/**
 * One setting by precedence, and where it came from.
 *
 * @example
 * resolveSetting(cell.timeBudgetS, project.timeBudgetS, 60) // { value: 30, source: 'project' }
 */
export function resolveSetting<T>(cell: T | undefined, project: T | undefined, builtIn: T): { value: T; source: SettingSource } {
  if (cell !== undefined) return { value: cell, source: 'cell' };
  if (project !== undefined) return { value: project, source: 'project' };
  return { value: builtIn, source: 'default' };
}
