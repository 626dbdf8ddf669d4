/**
 * Branded ids, each with a same-named companion: `ProjectId.create()`, `ProjectId.parse(value)`,
 * `ProjectId.is(value)`. At runtime an id is a plain string; the brand stops a `CellId` from being
 * passed where a `ProjectId` is wanted.
 *
 * Record ids are ULIDs (time-sortable, unique without coordination, so two collaborators who
 * create records offline never collide). Content hashes are lower-case SHA-256 hex.
 *
 * Plain TypeScript: runs in Node, the browser main thread and workers.
 */
import { ulid } from 'ulid';

declare const BRAND: unique symbol;
type Brand<T, B extends string> = T & { readonly [BRAND]: B };

/** Crockford base32, 26 characters: what `ulid()` produces. */
const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const SHA256_HEX_PATTERN = /^[0-9a-f]{64}$/;

interface IdCompanion<T extends string> {
  /** True when `value` is a well-formed id of this kind. */
  is(value: unknown): value is T;
  /** Returns `value` as this id, or throws a TypeError naming the kind. */
  parse(value: unknown): T;
}

function companion<T extends string>(kind: string, pattern: RegExp): IdCompanion<T> {
  const is = (value: unknown): value is T => typeof value === 'string' && pattern.test(value);
  return {
    is,
    parse(value) {
      if (is(value)) return value;
      throw new TypeError(`Not a valid ${kind}: ${JSON.stringify(value)}`);
    },
  };
}

function ulidCompanion<T extends string>(kind: string): IdCompanion<T> & { create(): T } {
  const base = companion<T>(kind, ULID_PATTERN);
  return { ...base, create: () => base.parse(ulid()) };
}

/** One project: one notebook and everything it produced. */
export type ProjectId = Brand<string, 'ProjectId'>;
export const ProjectId = ulidCompanion<ProjectId>('project id');

/** One notebook cell, unique within its project's document. */
export type CellId = Brand<string, 'CellId'>;
export const CellId = ulidCompanion<CellId>('cell id');

/** SHA-256 of some bytes, lower-case hex: the key of a blob and of a dataset. */
export type ContentHash = Brand<string, 'ContentHash'>;
export const ContentHash = companion<ContentHash>('content hash (SHA-256 hex)', SHA256_HEX_PATTERN);
