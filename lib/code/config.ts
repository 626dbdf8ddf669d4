/**
 * A code cell's config: JSON the user types, handed to `train` and `predict` with the data cell's
 * label and task filled in where the JSON does not set them.
 */
import type { Task } from '../data/types';

export class CodeConfigError extends Error {
  override name = 'CodeConfigError';
}

export function codeConfig(text: string, defaults: { readonly label?: string; readonly task?: Task }): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CodeConfigError(`The config is not valid JSON (${message}). Write an object such as { "epochs": 50 }.`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new CodeConfigError('The config must be a JSON object, such as { "epochs": 50 }.');
  }
  return { ...(defaults.label !== undefined ? { label: defaults.label } : {}), ...(defaults.task !== undefined ? { task: defaults.task } : {}), ...parsed };
}
