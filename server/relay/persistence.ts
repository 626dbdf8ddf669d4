/**
 * Hocuspocus extension: a room's document is its state in the RelayStore (LevelDB) plus the
 * updates in its journal since (journal.ts says why updates go there, synchronously). Loading
 * applies both; Hocuspocus's debounced store compacts: the state goes to the store, then the
 * journal drops what that state holds.
 */
import type { Extension } from '@hocuspocus/server';
import * as Y from 'yjs';
import type { UpdateJournal } from './journal';
import type { RelayStore } from './store';

/** The origin of updates applied while loading: they are stored already. */
const LOADING = Symbol('loading from the store');

export function persistence(store: RelayStore, journal: UpdateJournal): Extension {
  return {
    extensionName: 'loopbook-persistence',
    async onLoadDocument({ document, documentName }) {
      const state = await store.readDocumentState(documentName);
      Y.transact(document, () => {
        if (state) Y.applyUpdate(document, state, LOADING);
        for (const update of journal.read(documentName)) Y.applyUpdate(document, update, LOADING);
      }, LOADING);
      document.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== LOADING) journal.append(documentName, update);
      });
    },
    async onStoreDocument({ document, documentName }) {
      const covered = journal.end(documentName);
      await store.writeDocumentState(documentName, Y.encodeStateAsUpdate(document));
      journal.dropBefore(documentName, covered);
    },
    async afterUnloadDocument({ documentName }) {
      journal.close(documentName);
    },
  };
}
