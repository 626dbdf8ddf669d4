import { describe, expect, it } from 'vitest';
import type { ColumnProfile, Table } from '../types';
import { withOverrides } from './overrides';
import { profileTable } from './profile';
import { inferSchema } from './schema';
import { tableFromColumns } from './test/table-from-rows';

function profileOf(table: Table, name: string, overrides = {}): ColumnProfile {
  const schema = withOverrides(table, inferSchema(table), overrides);
  const column = profileTable(table, schema).columns.find((c) => c.name === name);
  if (column === undefined) throw new Error(`no profile for ${name}`);
  return column;
}

describe('profileTable', () => {
  const table = tableFromColumns({
    mass: ['2', '4', '', '4', '4', '5', '5', '7', '9', 'NA'],
    width: ['0.5', '1.5', '2.5', '', '', '', '', '', '', '3.5'],
    species: ['Adelie', 'Gentoo', 'Adelie', '', 'Adelie', 'Gentoo', 'Chinstrap', 'Adelie', 'Gentoo', 'Adelie'],
  });

  it('counts rows and columns', () => {
    const profile = profileTable(table, inferSchema(table));
    expect(profile).toMatchObject({ rowCount: 10, columnCount: 3 });
    expect(profile.columns.map((c) => c.type)).toEqual(['integer', 'float', 'categorical']);
  });

  it('summarises numbers: missing, distinct, min, max, mean, population std', () => {
    const mass = profileOf(table, 'mass');
    expect(mass).toMatchObject({ missing: 2, missingRatio: 0.2, distinct: 5, min: 2, max: 9, mean: 5 });
    expect(mass.std).toBeCloseTo(2, 12);
    // Whole numbers from 2 to 9: one bin per value.
    expect(mass.histogram?.map((b) => b.count)).toEqual([1, 0, 3, 2, 0, 1, 0, 1]);
    expect(mass.top).toBeUndefined();
  });

  it('bins decimals into 20 bins over their range', () => {
    const width = profileOf(table, 'width');
    expect(width).toMatchObject({ missing: 6, distinct: 4, min: 0.5, max: 3.5, mean: 2 });
    expect(width.std).toBeCloseTo(Math.sqrt(1.25), 12);
    expect(width.histogram).toHaveLength(20);
    expect(width.histogram?.[0]).toEqual({ start: 0.5, end: 0.65, count: 1 });
    expect(width.histogram?.[19]?.count).toBe(1);
  });

  it('lists the most frequent categories with counts', () => {
    const species = profileOf(table, 'species');
    expect(species).toMatchObject({ missing: 1, missingRatio: 0.1, distinct: 3 });
    expect(species.top).toEqual([
      { value: 'Adelie', count: 5 },
      { value: 'Gentoo', count: 3 },
      { value: 'Chinstrap', count: 1 },
    ]);
    expect(species.mean).toBeUndefined();
  });

  it('keeps only the top 10 values of a many-valued column', () => {
    const many = tableFromColumns({ city: Array.from({ length: 60 }, (_, i) => `c${i % 15}`) });
    const city = profileOf(many, 'city');
    expect(city.distinct).toBe(15);
    expect(city.top).toHaveLength(10);
    expect(city.top?.reduce((sum, t) => sum + t.count, 0)).toBe(40);
  });

  it('profiles datetimes as epoch milliseconds', () => {
    const dates = tableFromColumns({ day: ['2020-01-01', '2020-01-03', '', '2020-01-02'] });
    const day = profileOf(dates, 'day');
    expect(day).toMatchObject({ type: 'datetime', missing: 1, distinct: 3, min: Date.UTC(2020, 0, 1) });
    expect(day.max).toBe(Date.UTC(2020, 0, 3));
    expect(day.mean).toBe(Date.UTC(2020, 0, 2));
  });
});

describe('profiles follow overrides', () => {
  it('counts a number column typed categorical by value', () => {
    const table = tableFromColumns({ year: ['1970', '1971', '1970', '1972', '1970'] });
    const year = profileOf(table, 'year', { year: { type: 'categorical' } });
    expect(year).toMatchObject({ type: 'categorical', distinct: 3 });
    expect(year.top?.[0]).toEqual({ value: '1970', count: 3 });
    expect(year.histogram).toBeUndefined();
  });

  it('parses a text column typed float, unparsable values becoming missing', () => {
    const table = tableFromColumns({ size: ['1.5', 'big', '2.5', 'small', '3'] });
    expect(inferSchema(table)[0]?.type).toBe('categorical');
    const size = profileOf(table, 'size', { size: { type: 'float' } });
    expect(size).toMatchObject({ type: 'float', missing: 2, distinct: 3, min: 1.5, max: 3 });
  });

  it('parses a text column typed datetime', () => {
    const table = tableFromColumns({ when: ['Jun 12 1998', 'soon', 'later', 'Jun 14 1998'] });
    const when = profileOf(table, 'when', { when: { type: 'datetime' } });
    expect(when).toMatchObject({ type: 'datetime', missing: 2, min: Date.UTC(1998, 5, 12) });
  });
});
