import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBytes, parseText } from './index';
import { cells, columnNamed, tableCells } from './test/table-values';

/** The app's sample (a copy of shared/data/penguins.csv) and the same table as JSON records. */
const CSV = fileURLToPath(new URL('../../../public/samples/penguins.csv', import.meta.url));
const RECORDS = fileURLToPath(new URL('./test/penguins.records.json', import.meta.url));

function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (e) {
    if (e instanceof Error) return e;
  }
  throw new Error('did not throw an Error');
}

describe('JSON records', () => {
  it('give the penguins the same columns and values as the CSV', () => {
    const csv = parseBytes(readFileSync(CSV));
    const json = parseBytes(readFileSync(RECORDS));
    expect(csv.format).toBe('csv');
    expect(json.format).toBe('json-records');
    expect(json.delimiter).toBeUndefined();
    expect(json.table.rowCount).toBe(344);
    expect(json.table.columns.map((c) => [c.name, c.kind])).toEqual(csv.table.columns.map((c) => [c.name, c.kind]));
    expect(tableCells(json.table)).toEqual(tableCells(csv.table));
    expect(json.table.columns.map((c) => c.kind === 'number' && c.allInteger)).toEqual(
      csv.table.columns.map((c) => c.kind === 'number' && c.allInteger),
    );
  });

  it('take the union of keys in first-seen order; a missing key is a missing value', () => {
    const result = parseText('[{"a": 1, "b": "x"}, {"c": true, "a": 2}, {"b": null}]');
    expect(tableCells(result.table)).toEqual({ a: [1, 2, null], b: ['x', null, null], c: [null, 'true', null] });
  });

  it('read numeric strings as numbers, booleans as text, nested values as JSON text', () => {
    const result = parseText('[{"n": "3.5", "m": "NA", "flag": false, "tags": ["a", 1], "o": {"k": 1}}, {"n": 2, "m": 1, "flag": true, "tags": [], "o": null}]');
    expect(tableCells(result.table)).toEqual({
      n: [3.5, 2],
      m: [null, 1],
      flag: ['false', 'true'],
      tags: ['["a",1]', '[]'],
      o: ['{"k":1}', null],
    });
  });

  it('switch a column to text at the first non-number string, keeping earlier numbers', () => {
    const column = columnNamed(parseText('[{"id": 1}, {"id": 2.5}, {"id": "A7"}, {"id": 3}]'), 'id');
    expect(cells(column)).toEqual(['1', '2.5', 'A7', '3']);
  });

  it('name an empty key by position, with a notice', () => {
    const result = parseText('[{"": 1, "b": 2}]');
    expect(result.table.columns.map((c) => c.name)).toEqual(['column_1', 'b']);
    expect(result.notices.map((n) => n.code)).toEqual(['renamed-headers']);
  });
});

describe('JSON {columns, data}', () => {
  it('reads pandas split orient, ignoring an index', () => {
    const result = parseText('{"columns": ["x", "label"], "index": [0, 1, 2], "data": [[1, "a"], [2.5, "b"], [null, "a"]]}');
    expect(result.format).toBe('json-columns');
    expect(tableCells(result.table)).toEqual({ x: [1, 2.5, null], label: ['a', 'b', 'a'] });
  });

  it('skips and reports rows of the wrong length', () => {
    const result = parseText('{"columns": ["a", "b"], "data": [[1, 2], [3], [4, 5]]}');
    expect(result.table.rowCount).toBe(2);
    expect(result.ragged).toEqual({ count: 1, examples: [{ row: 2, fields: 1 }], expectedFields: 2 });
  });

  it('with no data rows says the file has no rows', () => {
    expect(thrown(() => parseText('{"columns": ["a"], "data": []}')).name).toBe('HeaderOnlyError');
  });
});

describe('JSON of another shape', () => {
  it.each([
    ['[1, 2, 3]', 'an array of numbers'],
    ['[[1, 2], [3, 4]]', 'an array of arrays'],
    ['[{"a": 1}, 2]', 'an array mixing objects and numbers'],
    ['{"a": 1, "b": 2}', 'an object with keys a, b'],
    ['{}', 'an empty object'],
    ['{"columns": "a", "data": []}', '"columns" is not a list of names'],
    ['[{}, {}]', 'an array of empty objects'],
  ])('%s is refused, naming what was found and what is accepted', (text, found) => {
    const e = thrown(() => parseText(text));
    expect(e.name).toBe('JsonShapeError');
    expect(e.message).toContain(found);
  });

  it('points at a key that holds the rows', () => {
    const e = thrown(() => parseText('{"meta": 1, "rows": [{"a": 1}]}'));
    expect(e.message).toContain('an array of row objects');
    expect(e.message).toContain('"rows" key holds an array of objects');
  });

  it('an empty array says there are no rows', () => {
    expect(thrown(() => parseText('  []  ')).name).toBe('EmptyFileError');
  });
});

describe('invalid JSON', () => {
  it('says where the error is', () => {
    const e = thrown(() => parseText('[\n  {"a": 1},\n  {"a": 2,}\n]'));
    expect(e.name).toBe('JsonSyntaxError');
    expect(e.message).toMatch(/^The file is not valid JSON/);
    expect(e.message).toContain('line 3');
  });

  it('says when the text ends too early', () => {
    const e = thrown(() => parseText('[{"a": 1}, {"a":'));
    expect(e.name).toBe('JsonSyntaxError');
  });

  it('reads Latin-1 JSON with a notice', () => {
    const bytes = Uint8Array.from('[{"ville": "Montr\xe9al"}]', (c) => c.charCodeAt(0));
    const result = parseBytes(bytes);
    expect(cells(columnNamed(result, 'ville'))).toEqual(['Montréal']);
    expect(result.notices.map((n) => n.code)).toEqual(['latin-1']);
  });
});
