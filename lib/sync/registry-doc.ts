/**
 * The model registry's history in the project's Yjs document: `doc.getArray('registry')`, plain
 * JSON events appended and never changed (lib/experiments/registry derives who holds each stage).
 * Appends from two people offline merge as both events, so nothing is lost. Read through the
 * event schema: a peer's malformed event is skipped.
 */
import type * as Y from 'yjs';
import { registryEventSchema, type RegistryEvent } from '@/lib/experiments/registry';

function registryArray(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray<unknown>('registry');
}

export function readRegistryEvents(doc: Y.Doc): RegistryEvent[] {
  return registryArray(doc)
    .toArray()
    .flatMap((item) => {
      const parsed = registryEventSchema.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    });
}

export function appendRegistryEvent(doc: Y.Doc, event: RegistryEvent): void {
  registryArray(doc).push([registryEventSchema.parse(event)]);
}

/** Calls `fn` with the events whenever one is added (here or by a peer). Returns the unsubscribe. */
export function observeRegistry(doc: Y.Doc, fn: (events: RegistryEvent[]) => void): () => void {
  const array = registryArray(doc);
  const handler = (): void => fn(readRegistryEvents(doc));
  array.observe(handler);
  return () => array.unobserve(handler);
}
