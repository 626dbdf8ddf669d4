import { describe, expect, it } from 'vitest';
import type { Table, Warning } from '../types';
import { withOverrides } from './overrides';
import type { SchemaOverrides } from './overrides';
import { profileTable } from './profile';
import { inferSchema } from './schema';
import { tableFromColumns } from './test/table-from-rows';
import { collectWarnings } from './warnings';

function warningsOf(table: Table, label: string | null, overrides: SchemaOverrides = {}): Warning[] {
  const schema = withOverrides(table, inferSchema(table), overrides);
  return collectWarnings(table, schema, profileTable(table, schema), label);
}

const cells = (n: number, cell: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => cell(i));

describe('label warnings', () => {
  it('warns when the label has one class', () => {
    const table = tableFromColumns({ x: ['1', '2', '3'], y: ['spam', 'spam', 'spam'] });
    expect(warningsOf(table, 'y')).toEqual([
      { code: 'label-one-class', column: 'y', message: 'y has only one value ("spam"), so there is nothing to learn. Choose another label.' },
    ]);
  });

  it('names classes with a single row, up to five', () => {
    const few = tableFromColumns({ y: ['a', 'a', 'b', 'b', 'c', 'd'] });
    const [rare] = warningsOf(few, 'y');
    expect(rare?.code).toBe('label-rare-classes');
    expect(rare?.message).toBe('2 classes of y have a single row ("c" and "d"); a class needs rows for both training and validation. Remove those rows or merge them into another class.');
    const many = tableFromColumns({ y: [...cells(20, () => 'common'), ...cells(7, (i) => `r${i}`)] });
    expect(warningsOf(many, 'y')[0]?.message).toContain('("r0", "r1", "r2", "r3" and "r4" and 2 more)');
  });

  it('does not look for rare classes in a regression label', () => {
    const table = tableFromColumns({ y: ['1.5', '2.5', '3.5', '4.5'] });
    expect(warningsOf(table, 'y')).toEqual([]);
  });

  it('warns when the label is missing in more than half the rows', () => {
    const table = tableFromColumns({ y: ['1.5', '', '', '2.5', '', '3.5', '', ''] });
    const [missing] = warningsOf(table, 'y');
    expect(missing).toMatchObject({ code: 'label-mostly-missing', column: 'y' });
    expect(missing?.message).toContain('missing in 5 of 8 rows (63%)');
  });

  it('warns when the label cannot be predicted', () => {
    const table = tableFromColumns({ y: ['2020-01-01', '2020-01-02', '2020-01-03'] });
    const [unusable] = warningsOf(table, 'y');
    expect(unusable).toMatchObject({ code: 'label-unusable-type', column: 'y' });
    expect(unusable?.message).toMatch(/^y holds dates, which a model cannot predict/);
  });

  it('has nothing to say about a sound label', () => {
    const table = tableFromColumns({ x: ['1', '2', '3', '4'], y: ['a', 'b', 'a', 'b'] });
    expect(warningsOf(table, 'y')).toEqual([]);
  });
});

describe('column warnings', () => {
  const table = tableFromColumns({
    row: cells(300, (i) => String(i + 1)),
    source: cells(300, () => 'export'),
    empty: cells(300, () => ''),
    zip: cells(300, (i) => `Z${i % 150}`),
    city: cells(300, (i) => `C${i % 10}`),
    y: cells(300, (i) => String(i % 2)),
  });

  it('reports ids, constants and high-cardinality categories in column order', () => {
    const warnings = warningsOf(table, 'y');
    expect(warnings.map((w) => [w.code, w.column])).toEqual([
      ['id-like-column', 'row'],
      ['constant-column', 'source'],
      ['constant-column', 'empty'],
      ['high-cardinality', 'zip'],
    ]);
    expect(warnings[0]?.message).toContain('so it is left out');
    expect(warnings[2]?.message).toBe('empty is empty, so it cannot help a model. It is left out.');
    expect(warnings[3]?.message).toBe('zip has 150 different values in 300 rows, too few rows per value to learn from. Leave it out, or set it to text if it is free text.');
  });

  it('changes its advice when the user includes an id, and drops warnings for columns left out', () => {
    const warnings = warningsOf(table, 'y', { row: { included: true }, zip: { included: false } });
    expect(warnings.map((w) => w.code)).toEqual(['id-like-column', 'constant-column', 'constant-column']);
    expect(warnings[0]?.message).toContain('consider leaving it out');
  });

  it('says when a column read as categories is mostly numbers, instead of calling it high-cardinality', () => {
    const measured = tableFromColumns({ weight: cells(300, (i) => (i % 5 === 0 ? 'unknown' : i % 7 === 0 ? `${i}kg` : `${i / 4}`)), y: cells(300, (i) => String(i % 2)) });
    const warnings = warningsOf(measured, 'y');
    expect(warnings.map((w) => [w.code, w.column])).toEqual([['mostly-numbers', 'weight']]);
    expect(warnings[0]?.message).toBe(
      `weight is mostly numbers (69% of its values), but values like "unknown" are not, so it is read as categories. If it holds numbers, fix or blank those values in the file, or set the column's type to float in the data cell (they then count as missing).`,
    );
    // A few number codes among words are categories, not a measurement.
    const sizes = tableFromColumns({ size: cells(300, (i) => ['1', '2', '3', 'XL'][i % 4] ?? 'XL'), y: cells(300, (i) => String(i % 2)) });
    expect(warningsOf(sizes, 'y')).toEqual([]);
    // Once the user makes it a number column (or leaves it out), there is nothing to say.
    expect(warningsOf(measured, 'y', { weight: { type: 'float' } }).map((w) => w.code)).not.toContain('mostly-numbers');
    expect(warningsOf(measured, 'y', { weight: { included: false } })).toEqual([]);
  });

  it('reports column warnings without a label', () => {
    expect(warningsOf(table, null)).toHaveLength(4);
  });
});
