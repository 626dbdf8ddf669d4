import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CellId, ContentHash } from '@/lib/ids';
import {
  addCell,
  cellText,
  deleteCell,
  insertCells,
  moveCell,
  observeCells,
  readCellConfig,
  readCells,
  readProjectMeta,
  setCollapsed,
  writeCellConfig,
  writeProjectMeta,
} from './project-doc';

const HASH = ContentHash.parse('a'.repeat(64));

function notebook(...kinds: ('markdown' | 'data')[]): { doc: Y.Doc; ids: CellId[] } {
  const doc = new Y.Doc();
  return { doc, ids: kinds.map((kind) => addCell(doc, kind)) };
}

describe('cells', () => {
  it('inserts whole cells in one transaction, keeping ids, text and valid settings', () => {
    const doc = new Y.Doc();
    const first = addCell(doc, 'data');
    const [a, b] = [CellId.create(), CellId.create()];
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    insertCells(doc, [
      { id: a, kind: 'markdown', source: '# Imported', config: {} },
      // A time budget below zero is not a setting this document holds: skipped, the rest kept.
      { id: b, kind: 'train', source: '', config: { label: 'Species', sourceCellId: first, timeBudgetS: -3 } },
    ]);
    expect(transactions).toBe(1);
    expect(readCells(doc).map((c) => c.id)).toEqual([first, a, b]);
    expect(readCells(doc)[1]).toMatchObject({ kind: 'markdown', source: '# Imported' });
    expect(readCells(doc)[2]!.config).toEqual({ label: 'Species', sourceCellId: first });
  });

  it('adds cells at the end or at an index, empty and expanded', () => {
    const { doc, ids } = notebook('markdown', 'data');
    const first = addCell(doc, 'markdown', 0);
    expect(readCells(doc).map((c) => c.id)).toEqual([first, ...ids]);
    expect(readCells(doc)[2]).toEqual({ id: ids[1], kind: 'data', collapsed: false, source: '', config: {} });
  });

  it('moves a cell with its text, config and collapsed state', () => {
    const { doc, ids } = notebook('markdown', 'data', 'markdown');
    const [a, b, c] = ids as [CellId, CellId, CellId];
    cellText(doc, a)?.insert(0, '# Title');
    setCollapsed(doc, a, true);
    writeCellConfig(doc, b, { label: 'species' });

    expect(moveCell(doc, a, 2)).toBe(true);
    expect(readCells(doc).map((cell) => cell.id)).toEqual([b, c, a]);
    expect(readCells(doc)[2]).toMatchObject({ id: a, kind: 'markdown', source: '# Title', collapsed: true });

    moveCell(doc, b, 99); // past the end: goes last
    expect(readCells(doc).map((cell) => cell.id)).toEqual([c, a, b]);
    expect(readCellConfig(doc, b)).toEqual({ label: 'species' });

    // The text after a move is the moved cell's and stays editable.
    cellText(doc, a)?.insert(7, '!');
    expect(readCells(doc)[1]?.source).toBe('# Title!');
  });

  it('deletes a cell once', () => {
    const { doc, ids } = notebook('markdown', 'data');
    expect(deleteCell(doc, ids[0] as CellId)).toBe(true);
    expect(deleteCell(doc, ids[0] as CellId)).toBe(false);
    expect(readCells(doc).map((c) => c.id)).toEqual([ids[1]]);
    expect(cellText(doc, ids[0] as CellId)).toBeUndefined();
  });

  it('collapses and expands', () => {
    const { doc, ids } = notebook('markdown');
    setCollapsed(doc, ids[0] as CellId, true);
    expect(readCells(doc)[0]?.collapsed).toBe(true);
    setCollapsed(doc, ids[0] as CellId, false);
    expect(readCells(doc)[0]?.collapsed).toBe(false);
  });

  it('reports every change and stops after unsubscribe', () => {
    const { doc, ids } = notebook('markdown');
    const seen: string[] = [];
    const unsubscribe = observeCells(doc, (cells) => seen.push(cells[0]?.source ?? ''));
    cellText(doc, ids[0] as CellId)?.insert(0, 'hi');
    writeCellConfig(doc, ids[0] as CellId, { skipRagged: true });
    unsubscribe();
    cellText(doc, ids[0] as CellId)?.insert(0, 'x');
    expect(seen).toEqual(['hi', 'hi']);
  });
});

describe('cell config', () => {
  it('writes, reads and removes settings', () => {
    const { doc, ids } = notebook('data');
    const id = ids[0] as CellId;
    writeCellConfig(doc, id, {
      datasetHash: HASH,
      label: 'price',
      task: 'regression',
      columnOverrides: { zip: { type: 'categorical' }, row_id: { included: false } },
    });
    writeCellConfig(doc, id, { task: undefined, skipRagged: true });
    expect(readCellConfig(doc, id)).toEqual({
      datasetHash: HASH,
      label: 'price',
      columnOverrides: { zip: { type: 'categorical' }, row_id: { included: false } },
      skipRagged: true,
    });
  });

  it('refuses a bad value from our own code', () => {
    const { doc, ids } = notebook('data');
    // @ts-expect-error 'banana' is not a task: the type stops it, and so does the runtime check.
    expect(() => writeCellConfig(doc, ids[0] as CellId, { task: 'banana' })).toThrow(TypeError);
    expect(readCellConfig(doc, ids[0] as CellId)).toEqual({});
  });

  it('ignores garbage a peer wrote, keeping the good values', () => {
    const { doc, ids } = notebook('data');
    const config = doc.getArray<Y.Map<unknown>>('cells').get(0).get('config');
    if (!(config instanceof Y.Map)) throw new Error('expected a config map');
    config.set('label', 'species');
    config.set('task', 'banana');
    config.set('datasetHash', 'not-a-hash');
    config.set('skipRagged', 'yes');
    config.set('columnOverrides', { zip: { type: 'spaceship' } });
    config.set('fromTheFuture', { anything: true });
    config.set('sourceUrl', 'https://elsewhere.example/steal.csv');
    config.set('fileName', ['a']);
    expect(readCellConfig(doc, ids[0] as CellId)).toEqual({ label: 'species' });
    for (const url of ['//elsewhere.example/x.csv', '/\\elsewhere.example', 'javascript:alert(1)']) {
      config.set('sourceUrl', url);
      expect(readCellConfig(doc, ids[0] as CellId)).toEqual({ label: 'species' });
    }
    config.set('sourceUrl', '/samples/penguins.csv');
    expect(readCellConfig(doc, ids[0] as CellId)?.sourceUrl).toBe('/samples/penguins.csv');
  });
});

describe('a document a peer filled with garbage', () => {
  it('reads the cells it can and skips the rest, without crashing', () => {
    const { doc, ids } = notebook('markdown');
    const cells = doc.getArray<unknown>('cells');
    cells.push(['not a map', 42]);
    const future = new Y.Map<unknown>();
    cells.push([future]);
    future.set('id', CellId.create());
    future.set('kind', 'spreadsheet'); // a kind from newer code
    const odd = new Y.Map<unknown>();
    cells.push([odd]);
    const oddId = CellId.create();
    odd.set('id', oddId);
    odd.set('kind', 'markdown');
    odd.set('source', 'plain string, not Y.Text');
    odd.set('collapsed', 'maybe');
    odd.set('config', 7);

    expect(readCells(doc)).toEqual([
      { id: ids[0], kind: 'markdown', collapsed: false, source: '', config: {} },
      { id: oddId, kind: 'markdown', collapsed: false, source: '', config: {} },
    ]);
    expect(cellText(doc, oddId)).toBeUndefined();
    // Writing config to a cell whose config was garbage repairs it.
    expect(writeCellConfig(doc, oddId, { label: 'y' })).toBe(true);
    expect(readCellConfig(doc, oddId)).toEqual({ label: 'y' });
  });

  it('ignores meta values of the wrong type', () => {
    const doc = new Y.Doc();
    doc.getMap<unknown>('meta').set('name', 12);
    doc.getMap<unknown>('meta').set('createdAt', 5);
    expect(readProjectMeta(doc)).toEqual({ createdAt: 5 });
    writeProjectMeta(doc, { name: 'Churn' });
    expect(readProjectMeta(doc)).toEqual({ name: 'Churn', createdAt: 5, formatVersion: 1 });
  });
});

describe('two collaborators', () => {
  /** Exchanges every update both ways, in an order picked by `seed`. */
  function exchange(a: Y.Doc, b: Y.Doc, seed: number): void {
    const pair = seed % 2 === 0 ? [a, b] : [b, a];
    const [first, second] = pair as [Y.Doc, Y.Doc];
    Y.applyUpdate(second, Y.encodeStateAsUpdate(first, Y.encodeStateVector(second)));
    Y.applyUpdate(first, Y.encodeStateAsUpdate(second, Y.encodeStateVector(first)));
  }

  it('converge after concurrent edits, moves and deletes', () => {
    for (let seed = 0; seed < 6; seed++) {
      const a = new Y.Doc();
      const ids = [addCell(a, 'markdown'), addCell(a, 'data'), addCell(a, 'markdown')] as [CellId, CellId, CellId];
      const b = new Y.Doc();
      exchange(a, b, seed);

      cellText(a, ids[0])?.insert(0, 'from a');
      moveCell(a, ids[2], 0);
      writeCellConfig(b, ids[1], { label: 'y' });
      deleteCell(b, ids[0]);
      addCell(b, 'data', seed % 3);
      exchange(a, b, seed);

      expect(readCells(a)).toEqual(readCells(b));
      expect(readCells(a).map((c) => c.id)).not.toContain(ids[0]);
      expect(readCells(a).filter((c) => c.id === ids[2])).toHaveLength(1);
    }
  });

  it('see one cell when both move the same cell at once, and both lose it on delete', () => {
    const a = new Y.Doc();
    const ids = [addCell(a, 'markdown'), addCell(a, 'markdown'), addCell(a, 'markdown')] as [CellId, CellId, CellId];
    const b = new Y.Doc();
    exchange(a, b, 0);
    moveCell(a, ids[0], 2);
    moveCell(b, ids[0], 1);
    exchange(a, b, 1);
    expect(readCells(a)).toEqual(readCells(b));
    expect(readCells(a).filter((c) => c.id === ids[0])).toHaveLength(1);

    deleteCell(a, ids[0]);
    exchange(a, b, 0);
    expect(readCells(b).map((c) => c.id)).toEqual([ids[1], ids[2]]);
  });
});
