import { describe, expect, it } from 'vitest';
import { parseText } from '../data/parse';
import { CodeResultError, predictionsCsv, readPredicted, toCodeTable } from './table';

const future = parseText('x,name\n1,a\n,b\n3,\n', { delimiter: ',' }).table;

describe('tables into the sandbox', () => {
  it('gives numbers as a copy (NaN for missing) and text with null for missing', () => {
    const table = toCodeTable(future);
    expect(table.rowCount).toBe(3);
    const [x, name] = table.columns;
    expect(x).toMatchObject({ name: 'x', kind: 'number' });
    expect(Array.from(x!.values as Float64Array)).toEqual([1, NaN, 3]);
    expect((x!.values as Float64Array).buffer).not.toBe((future.columns[0] as { values: Float64Array }).values.buffer);
    expect(name).toEqual({ name: 'name', kind: 'string', values: ['a', 'b', null] });
  });
});

describe('what predict returns', () => {
  it('reads one value per row as the prediction column', () => {
    expect(readPredicted([0.5, 1, 2], 3)).toEqual({ columns: [{ name: 'prediction', values: [0.5, 1, 2] }] });
    expect(readPredicted(['a', null, 'b'], 3).columns[0]!.values).toEqual(['a', null, 'b']);
  });

  it('reads row objects, { columns, rows } and { columns, data }', () => {
    const objects = readPredicted([{ prediction: 'a', prob_a: 0.9 }, { prediction: 'b', prob_a: 0.2 }, { prediction: 'a' }], 3);
    expect(objects.columns.map((c) => c.name)).toEqual(['prediction', 'prob_a']);
    expect(objects.columns[1]!.values).toEqual([0.9, 0.2, null]);
    const frame = readPredicted({ columns: ['prediction'], data: [[1], [2], [3]] }, 3);
    expect(frame.columns).toEqual([{ name: 'prediction', values: [1, 2, 3] }]);
    const rows = readPredicted({ columns: ['p'], rows: [{ p: 1, q: 5 }, { p: 2 }, { p: 3 }] }, 3);
    expect(rows.columns).toEqual([{ name: 'p', values: [1, 2, 3] }]);
  });

  it('refuses the wrong row count, values that are not cells, and shapes it cannot read', () => {
    expect(() => readPredicted([1, 2], 3)).toThrow('predict returned 2 rows for 3 rows to predict.');
    expect(() => readPredicted([1, NaN, 3], 3)).toThrow("predict's prediction in row 2 is NaN: a cell must be a finite number, text, true/false or null.");
    expect(() => readPredicted([{ p: { nested: 1 } }, { p: 1 }, { p: 1 }], 3)).toThrow("predict's p in row 1 is object");
    expect(() => readPredicted(undefined, 3)).toThrow(CodeResultError);
    expect(() => readPredicted(42, 3)).toThrow('predict returned a number.');
    expect(() => readPredicted({ columns: 'p', rows: [] }, 0)).toThrow("predict's columns must be a list");
    expect(() => readPredicted([{}, {}, {}], 3)).toThrow('predict returned rows without any column.');
  });

  it('writes the rows predicted, then the returned columns (which replace inputs of the same name)', () => {
    const csv = new TextDecoder().decode(predictionsCsv(future, readPredicted([{ prediction: 'yes, sure', name: 'z' }, { prediction: 'no' }, { prediction: 1.5 }], 3)));
    expect(csv).toBe('x,prediction,name\n1,"yes, sure",z\n,no,\n3,1.5,\n');
  });
});
