import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { promote, registryState, RegistryError, type RegistryEvent } from '@/lib/experiments/registry';
import { appendRegistryEvent, observeRegistry, readRegistryEvents } from './registry-doc';

const model = (id: string) => ({ id, experimentId: id, status: 'completed' as const });

function promoteIn(doc: Y.Doc, id: string, by: string, at: number): void {
  const event = promote(readRegistryEvents(doc), model(id), 'production', by, at);
  if (event instanceof RegistryError) throw event;
  appendRegistryEvent(doc, event);
}

describe('registry in the project document', () => {
  it('appends events, reads them back and tells observers', () => {
    const doc = new Y.Doc();
    const seen: RegistryEvent[][] = [];
    const stop = observeRegistry(doc, (events) => seen.push(events));
    promoteIn(doc, 'a', 'Ada', 1);
    promoteIn(doc, 'b', 'Bo', 2);
    stop();
    expect(readRegistryEvents(doc).map((e) => e.modelId)).toEqual(['a', 'b']);
    expect(registryState(readRegistryEvents(doc)).production?.modelId).toBe('b');
    expect(seen).toHaveLength(2);
  });

  it('merges two offline promotions: the later wins, both stay in the history', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    promoteIn(a, 'x', 'Ada', 100);
    promoteIn(b, 'y', 'Bo', 200);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const doc of [a, b]) {
      expect(readRegistryEvents(doc)).toHaveLength(2);
      expect(registryState(readRegistryEvents(doc)).production).toMatchObject({ modelId: 'y', by: 'Bo' });
    }
  });

  it('skips a malformed event from a peer', () => {
    const doc = new Y.Doc();
    doc.getArray('registry').push([{ action: 'promote' }, 'nonsense']);
    promoteIn(doc, 'a', 'Ada', 1);
    expect(readRegistryEvents(doc).map((e) => e.modelId)).toEqual(['a']);
  });
});
