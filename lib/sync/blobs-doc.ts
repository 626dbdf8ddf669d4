/**
 * `doc.getMap('blobs')`: which blobs a shared project uses, who has them and whether the room
 * holds them yet, keyed by hash. A collaborator who needs one downloads it from the relay, or,
 * while it is not uploaded, is told whose browser it is waiting for.
 */
import { z } from 'zod';
import type * as Y from 'yjs';

const blobEntrySchema = z.object({
  kind: z.enum(['dataset', 'model', 'file']),
  size: z.number().nonnegative(),
  /** The name of the collaborator who has it. */
  by: z.string().max(120),
  /** True once the relay's room holds it. */
  uploaded: z.boolean(),
});
export type BlobEntry = z.infer<typeof blobEntrySchema>;

function blobsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>('blobs');
}

/** The entry of `hash`, or undefined (also for a damaged one: anything may come from a peer). */
export function readBlobEntry(doc: Y.Doc, hash: string): BlobEntry | undefined {
  const parsed = blobEntrySchema.safeParse(blobsMap(doc).get(hash));
  return parsed.success ? parsed.data : undefined;
}

export function writeBlobEntry(doc: Y.Doc, hash: string, entry: BlobEntry): void {
  blobsMap(doc).set(hash, entry);
}

/** Calls `fn` when any entry changes; returns the unsubscribe. */
export function observeBlobEntries(doc: Y.Doc, fn: () => void): () => void {
  const map = blobsMap(doc);
  map.observe(fn);
  return () => map.unobserve(fn);
}
