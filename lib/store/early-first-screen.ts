/**
 * The experiments page's first rows, read before the app runs. The page inlines this function in
 * its HTML, so it starts while the app's scripts load: bare IndexedDB reads the newest experiments
 * of the project in the URL, and the list takes them instead of waiting for React and Dexie to
 * start (issue 5: first row under 200 ms at 10,000 experiments).
 *
 * Sent as source text (Function.prototype.toString): it must stay self-contained, with no imports
 * and no helpers from outside its body.
 */

/** Where the inlined script leaves its read for the app. */
export interface EarlyFirstScreen {
  readonly projectId: string;
  /** The stored experiment records, oldest first; undefined when they could not be read. */
  readonly records: Promise<readonly unknown[] | undefined>;
}

export const EARLY_FIRST_SCREEN_KEY = '__loopbookFirstScreen';

/** IDBIndex.getAllRecords (Chromium 141+), not yet in every browser nor in TypeScript's DOM types. */
type IndexWithRecords = IDBIndex & {
  readonly getAllRecords?: (options: { query: IDBKeyRange; count: number; direction: IDBCursorDirection }) => IDBRequest<readonly { readonly value: unknown }[]>;
};

/** The inlined script: reads up to `count` newest experiments of `?id=` from database `dbName`, and leaves them on `window[key]`. */
export function startEarlyFirstScreenRead(dbName: string, count: number, key: string): void {
  const projectId = new URLSearchParams(window.location.search).get('id');
  if (projectId === null || !/^[0-9A-HJKMNP-TV-Z]{26}$/.test(projectId)) return;
  const records = new Promise<readonly unknown[] | undefined>((resolve) => {
    const open = indexedDB.open(dbName);
    // No database yet: abort rather than create an empty one (Dexie creates it with its schema).
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = () => resolve(undefined);
    open.onblocked = () => resolve(undefined);
    open.onsuccess = () => {
      const db = open.result;
      // The app may need to upgrade the database: this read never stands in its way.
      db.onversionchange = () => db.close();
      const done = (value: readonly unknown[] | undefined) => {
        db.close();
        resolve(value);
      };
      try {
        const index: IndexWithRecords = db.transaction('experiments').objectStore('experiments').index('[projectId+number]');
        const project = IDBKeyRange.bound([projectId, -Infinity], [projectId, Infinity]);
        // Where the browser has getAllRecords (Chromium 141+), the newest `count` in one round trip:
        // while the page loads, a round trip took 40-60 ms on a 2-core machine.
        if (typeof index.getAllRecords === 'function') {
          const newestFirst = index.getAllRecords({ query: project, count, direction: 'prev' });
          newestFirst.onerror = () => done(undefined);
          newestFirst.onsuccess = () => done(newestFirst.result.map((record) => record.value).reverse());
          return;
        }
        // Elsewhere the newest number first (one step of a backward cursor), then whole ranges below
        // it with getAll, one round trip each: a cursor would take one per record. Numbers have gaps
        // where experiments were deleted, so the range widens until it holds `count` or all of them.
        const newest = index.openKeyCursor(project, 'prev');
        newest.onerror = () => done(undefined);
        newest.onsuccess = () => {
          const key = newest.result?.key;
          if (!Array.isArray(key) || typeof key[1] !== 'number') return done([]);
          const top: number = key[1];
          const readFrom = (span: number) => {
            const from = span >= top ? -Infinity : top - span;
            const range = index.getAll(IDBKeyRange.bound([projectId, from], [projectId, top]));
            range.onerror = () => done(undefined);
            range.onsuccess = () => {
              const found: readonly unknown[] = range.result;
              if (found.length >= count || from === -Infinity) done(found.slice(-count));
              else readFrom(span * 4);
            };
          };
          readFrom(count - 1);
        };
      } catch {
        // An older database without the store or index: the app reads it once it has upgraded it.
        done(undefined);
      }
    };
  });
  const early: EarlyFirstScreen = { projectId, records };
  Object.defineProperty(window, key, { value: early, configurable: true });
}

/** The inlined script's read of `projectId`, when the page ran it: records to check before use. */
export function takeEarlyFirstScreen(projectId: string): Promise<unknown> | undefined {
  const early: unknown = Reflect.get(window, EARLY_FIRST_SCREEN_KEY);
  if (typeof early !== 'object' || early === null || !('projectId' in early) || early.projectId !== projectId || !('records' in early) || !(early.records instanceof Promise)) return undefined;
  // Once: a later visit (client-side navigation back here) reads afresh.
  Reflect.deleteProperty(window, EARLY_FIRST_SCREEN_KEY);
  return early.records;
}
