/**
 * Reading the JSON files of a zip that is not trusted yet: a missing file, bad JSON or a value its
 * schema refuses is a BundleError that names the file and says what to do (export again).
 */
import { strFromU8 } from 'fflate';
import type { z } from 'zod';
import { BundleError } from './zip-safety';

export interface ZipJsonReader {
  /** The bytes of `name`, or a refusal: the zip is incomplete. */
  need(entries: ReadonlyMap<string, Uint8Array>, name: string): Uint8Array;
  parseJson(bytes: Uint8Array, name: string): unknown;
  parseWith<T>(schema: z.ZodType<T>, value: unknown, name: string): T;
}

/** `what`: "model.zip"; `again`: what to export again ("the model"). */
export function zipJsonReader(what: string, again: string): ZipJsonReader {
  return {
    need(entries, name) {
      const data = entries.get(name);
      if (!data) throw new BundleError(`This ${what} is incomplete: ${name} is missing. Export ${again} again.`);
      return data;
    },
    parseJson(bytes, name) {
      try {
        return JSON.parse(strFromU8(bytes));
      } catch {
        throw new BundleError(`This ${what} is damaged: ${name} is not valid JSON.`);
      }
    },
    parseWith(schema, value, name) {
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
        // The validator's words name the field; the user also needs to hear what to do.
        throw new BundleError(`This ${what} is damaged: its ${name} is not valid${where ? ` (the field ${where.slice(4)}: ${issue?.message ?? 'unexpected content'})` : ''}. Export ${again} again from where it was made.`);
      }
      return parsed.data;
    },
  };
}
