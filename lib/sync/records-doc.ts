/**
 * Tracking records in the project's Yjs document, so collaborators share them (DESIGN.md §4):
 * `doc.getMap('experiments')`, `doc.getMap('runs')` and `doc.getMap('artifacts')`, each keyed by
 * record id with a plain JSON summary as value. Only summaries and content hashes go here — no
 * progress, curves or predictions: the document keeps its whole history. Written when a record
 * starts and when it ends; lib/store mirrors them into Dexie for queries.
 *
 * Read back through zod: a peer's malformed record is skipped.
 */
import type * as Y from 'yjs';
import { z } from 'zod';

const status = z.enum(['running', 'completed', 'failed', 'canceled', 'interrupted']);
const errorSchema = z.object({ name: z.string(), message: z.string() });

export const experimentSummarySchema = z.object({
  id: z.string().min(1),
  projectId: z.string().min(1),
  number: z.number().int().positive(),
  cellId: z.string(),
  datasetHash: z.string(),
  datasetName: z.string().optional(),
  status,
  config: z.record(z.string(), z.unknown()),
  configSources: z.record(z.string(), z.string()).optional(),
  startedAt: z.number(),
  endedAt: z.number().optional(),
  startedBy: z.string().optional(),
  heldOut: z.object({ metric: z.string(), score: z.number().nullable(), learners: z.string() }).optional(),
  modelHash: z.string().optional(),
  error: errorSchema.optional(),
  /** Set when the model was imported from a model.zip (lib/store/model-import). */
  imported: z.object({ fileName: z.string(), experimentId: z.string().nullable(), createdAt: z.string(), appVersion: z.string() }).optional(),
});
export type ExperimentSummary = z.infer<typeof experimentSummarySchema>;

export const runSummarySchema = z.object({
  id: z.string().min(1),
  projectId: z.string().min(1),
  cellId: z.string(),
  learner: z.string(),
  params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  seed: z.number().int(),
  status,
  startedAt: z.number(),
  endedAt: z.number().optional(),
  score: z.number().nullable(),
  metrics: z.record(z.string(), z.number()).optional(),
  error: errorSchema.optional(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export const artifactSummarySchema = z.object({
  id: z.string().min(1),
  projectId: z.string().min(1),
  kind: z.enum(['config', 'model', 'predictions', 'evaluation', 'workspace']),
  parentId: z.string().nullable(),
  experimentId: z.string().optional(),
  datasetHash: z.string().optional(),
  blobHash: z.string().optional(),
  name: z.string(),
  createdAt: z.number(),
});
export type ArtifactSummary = z.infer<typeof artifactSummarySchema>;

const SCHEMAS = { experiments: experimentSummarySchema, runs: runSummarySchema, artifacts: artifactSummarySchema } as const;
export type RecordKind = keyof typeof SCHEMAS;
type RecordOf<K extends RecordKind> = z.infer<(typeof SCHEMAS)[K]>;

function recordMap(doc: Y.Doc, kind: RecordKind): Y.Map<unknown> {
  return doc.getMap<unknown>(kind);
}

/** Writes records (one transaction: a peer sees them together). Each must match its schema. */
export function writeRecords<K extends RecordKind>(doc: Y.Doc, kind: K, records: readonly RecordOf<K>[]): void {
  const map = recordMap(doc, kind);
  doc.transact(() => {
    for (const record of records) map.set(record.id, SCHEMAS[kind].parse(record));
  });
}

export function deleteRecords(doc: Y.Doc, kind: RecordKind, ids: readonly string[]): void {
  const map = recordMap(doc, kind);
  doc.transact(() => {
    for (const id of ids) map.delete(id);
  });
}

export function readRecords<K extends RecordKind>(doc: Y.Doc, kind: K): RecordOf<K>[] {
  const out: RecordOf<K>[] = [];
  recordMap(doc, kind).forEach((value, key) => {
    const parsed = SCHEMAS[kind].safeParse(value);
    // The key is the id: a record filed under another id is a peer's mistake, skipped.
    if (parsed.success && parsed.data.id === key) out.push(parsed.data as RecordOf<K>);
  });
  return out;
}

/**
 * Calls `fn` with the ids changed (added or updated) and deleted in each change of `kind` that
 * came from elsewhere (a peer, or the document's stored updates): this browser's own writes were
 * made from its records already. Returns the unsubscribe.
 */
export function observeRecords(doc: Y.Doc, kind: RecordKind, fn: (changed: string[], deleted: string[]) => void): () => void {
  const map = recordMap(doc, kind);
  const handler = (event: Y.YMapEvent<unknown>): void => {
    if (event.transaction.local) return;
    const changed: string[] = [];
    const deleted: string[] = [];
    event.changes.keys.forEach((change, key) => (change.action === 'delete' ? deleted : changed).push(key));
    fn(changed, deleted);
  };
  map.observe(handler);
  return () => map.unobserve(handler);
}
