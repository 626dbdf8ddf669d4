import { describe, expect, it } from 'vitest';
import type { LabelSuggestion, Table } from '../types';
import { suggestLabel } from './label';
import { withOverrides } from './overrides';
import type { SchemaOverrides } from './overrides';
import { profileTable } from './profile';
import { inferSchema } from './schema';
import { tableFromColumns } from './test/table-from-rows';

function suggest(table: Table, overrides: SchemaOverrides = {}): LabelSuggestion {
  const schema = withOverrides(table, inferSchema(table), overrides);
  return suggestLabel(table, schema, profileTable(table, schema));
}

const rows = 6;
const numbers = (offset: number): string[] => Array.from({ length: rows }, (_, i) => String(i * 1.5 + offset));
const withGaps = (cells: string[]): string[] => cells.map((c, i) => (i % 3 === 0 ? '' : c));
const kinds = ['a', 'b', 'a', 'c', 'b', 'a'];

describe('suggestLabel', () => {
  it('prefers a column named like a label wherever it is', () => {
    for (const name of ['target', 'Target', ' LABEL ', 'Class', 'y', 'Outcome', 'response', 'churn_label', 'price-target', 'Sale Target', 'ClassLabel']) {
      const table = tableFromColumns({ first: numbers(0), [name]: kinds, last: numbers(9) });
      expect(suggest(table), name).toEqual({ label: name, reason: `${name} is named like a label column.` });
    }
  });

  it('passes over a label-named column that cannot be a label', () => {
    const table = tableFromColumns({ first: numbers(0), target: ['x', 'x', 'x', 'x', 'x', 'x'], last: numbers(9) });
    expect(suggest(table).label).toBe('last');
  });

  it('prefers the last column when it is complete', () => {
    const table = tableFromColumns({ first: kinds, middle: numbers(1), last: numbers(9) });
    expect(suggest(table)).toEqual({ label: 'last', reason: 'last is the last column and has no missing values.' });
  });

  it('takes the first column when the last has missing values', () => {
    const table = tableFromColumns({ Species: kinds, mass: numbers(1), Sex: withGaps(kinds) });
    expect(suggest(table)).toEqual({
      label: 'Species',
      reason: 'Species is the first column and has no missing values; the last column, Sex, is missing in 2 rows.',
    });
  });

  it('takes the first column when the last cannot be a label, and says why', () => {
    const dates = ['2020-01-01', '2020-01-02', '2020-01-03', '2020-01-04', '2020-01-05', '2020-01-06'];
    const table = tableFromColumns({ kind: kinds, mass: numbers(1), day: dates });
    expect(suggest(table).reason).toBe('kind is the first column and has no missing values; the last column, day, holds dates.');
  });

  it('falls back to the last usable column when neither end is complete', () => {
    const table = tableFromColumns({ a: withGaps(kinds), b: numbers(1), c: withGaps(numbers(2)) });
    expect(suggest(table)).toEqual({
      label: 'c',
      reason: 'c is the last column, though it is missing in 2 rows; the first column, a, is missing in 2 rows.',
    });
    const inner = tableFromColumns({ a: ['x', 'x', 'x', 'x', 'x', 'x'], b: numbers(1), c: withGaps(kinds) });
    expect(suggest(inner, { c: { included: false } })).toEqual({
      label: 'b',
      reason: 'b is the last column that can be a label; the first column, a, has a single value, and the last, c, is left out.',
    });
  });

  it('suggests nothing when no column can be a label', () => {
    const table = tableFromColumns({ note: ['one two three', 'four five six', '', 'seven eight nine', 'x y z', 'p q r'] });
    const suggestion = suggest(table, { note: { type: 'text' } });
    expect(suggestion.label).toBeNull();
    expect(suggestion.reason).toMatch(/^No column can be a label/);
  });
});
