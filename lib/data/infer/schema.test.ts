import { describe, expect, it } from 'vitest';
import type { ColumnSchema } from '../types';
import { inferSchema } from './schema';
import { tableFromColumns } from './test/table-from-rows';

const cells = (n: number, cell: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => cell(i));

/** The inferred schema of one column given as text cells. */
function inferOne(values: readonly string[]): ColumnSchema {
  const [schema] = inferSchema(tableFromColumns({ col: values }));
  if (schema === undefined) throw new Error('no schema');
  return schema;
}

describe('number columns', () => {
  it('calls an all-missing or single-valued column constant and leaves it out', () => {
    const empty = inferOne(['', 'NA', '']);
    expect(empty).toMatchObject({ type: 'constant', included: false });
    expect(empty.reason).toContain('empty');
    const same = inferOne(['5', '5', '', '5']);
    expect(same).toMatchObject({ type: 'constant', included: false });
    expect(same.reason).toContain('left out');
  });

  it('calls 0/1 columns boolean', () => {
    expect(inferOne(['0', '1', '1', '', '0']).type).toBe('boolean');
  });

  it('calls complete, unique whole numbers in 20+ rows an id and leaves it out', () => {
    const id = inferOne(cells(25, (i) => String(1000 + i * 7)));
    expect(id).toMatchObject({ type: 'id', included: false });
    expect(id.reason).toMatch(/id/);
  });

  it('does not call a column an id when it is short, has gaps or repeats', () => {
    expect(inferOne(cells(19, (i) => String(i + 2))).type).toBe('integer');
    expect(inferOne(cells(25, (i) => (i === 3 ? '' : String(i + 2)))).type).toBe('integer');
    expect(inferOne(cells(25, (i) => String(i === 3 ? 4 : i + 2))).type).toBe('integer');
  });

  it('tells whole numbers from decimals', () => {
    expect(inferOne(['3', '4', '4', '10'])).toMatchObject({ type: 'integer', included: true });
    expect(inferOne(['3', '4.5', '4', '10'])).toMatchObject({ type: 'float', included: true });
  });
});

describe('string columns', () => {
  it('calls a single repeated value constant', () => {
    expect(inferOne(['a', 'a', '', 'a'])).toMatchObject({ type: 'constant', included: false });
  });

  it('calls yes/no words boolean, in any case and mix', () => {
    expect(inferOne(['Yes', 'no', 'TRUE', 'f', 'Y'])).toMatchObject({ type: 'boolean', included: true });
    expect(inferOne(['yes', 'no', 'maybe']).type).toBe('categorical');
  });

  it('calls dates datetime, tolerating up to 5% non-dates', () => {
    expect(inferOne(cells(40, (i) => `2020-01-${String((i % 28) + 1).padStart(2, '0')}`)).type).toBe('datetime');
    const messy = inferOne(cells(40, (i) => (i < 2 ? 'soon' : `Jun ${(i % 28) + 1} 1998`)));
    expect(messy.type).toBe('datetime');
    expect(messy.reason).toContain('2 values that are not dates');
    expect(inferOne(cells(40, (i) => (i < 3 ? 'soon' : `Jun ${(i % 28) + 1} 1998`))).type).not.toBe('datetime');
  });

  it('reads numbers with a few junk values as numbers and says how many become missing', () => {
    const price = inferOne(cells(100, (i) => (i === 7 ? 'n/a?' : (i * 1.5).toFixed(1))));
    expect(price.type).toBe('float');
    expect(price.reason).toBe('col holds numbers; 1 value that is not numbers (like "n/a?") will be treated as missing.');
    expect(inferOne(cells(100, (i) => (i < 2 ? 'unknown' : String(i)))).type).toBe('integer');
    expect(inferOne(cells(100, (i) => (i < 3 ? 'unknown' : String(i)))).type).not.toBe('integer');
  });

  it('reads infinite numbers ("inf", "-Infinity") as numbers that become missing, however many', () => {
    const spellings = ['Infinity', '-inf', 'Inf', '+INF', ' -infinity '];
    const x = inferOne(cells(100, (i) => (i % 5 === 0 ? (spellings[i % spellings.length] ?? 'inf') : (i / 4).toFixed(2))));
    expect(x.type).toBe('float');
    expect(x.reason).toBe('col holds numbers; 20 values are infinite (like "Infinity") and will be treated as missing.');
    const both = inferOne(cells(100, (i) => (i === 3 ? 'oops' : i % 10 === 0 ? 'inf' : String(i))));
    expect(both).toMatchObject({ type: 'integer', reason: 'col holds whole numbers; 10 values are infinite (like "inf") and will be treated as missing; 1 value that is not numbers (like "oops") will be treated as missing.' });
    // Only infinities: nothing a number column could hold.
    expect(inferOne(cells(30, (i) => (i % 2 ? 'inf' : '-inf'))).type).toBe('categorical');
    // Words that merely start like one are not infinities.
    expect(inferOne(cells(100, (i) => (i % 5 === 0 ? 'info' : String(i)))).type).toBe('categorical');
  });

  it('calls unique short codes in every row an id', () => {
    expect(inferOne(cells(30, (i) => `user-${i}`))).toMatchObject({ type: 'id', included: false });
    expect(inferOne(cells(19, (i) => `user-${i}`)).type).toBe('categorical');
    expect(inferOne(cells(30, (i) => (i === 0 ? '' : `user-${i}`))).type).toBe('categorical');
  });

  it('calls long or multi-word, mostly different values text', () => {
    const long = inferOne(cells(30, (i) => `a_remarkably_long_single_token_written_for_row_${i}`));
    expect(long.type).toBe('text');
    expect(inferOne(cells(30, (i) => `the quick fox ${i}`)).type).toBe('text');
    // Two-word names that rarely repeat whole but share words ("ford pinto", "ford torino").
    expect(inferOne(cells(30, (i) => `${['ford', 'toyota', 'fiat'][i % 3]} model${i}`)).type).toBe('text');
    // One word each, mostly different: categories (a text model would have no shared words to use).
    expect(inferOne(cells(30, (i) => (i % 10 === 0 ? '' : `model${i}`))).type).toBe('categorical');
    // Multi-word but repeating: categories such as "New York City".
    expect(inferOne(cells(30, (i) => (i % 2 === 0 ? 'New York City' : 'Los Angeles Area'))).type).toBe('categorical');
  });

  it('calls everything else categorical and counts the categories', () => {
    const species = inferOne(['Adelie', 'Gentoo', 'Adelie', 'Chinstrap', '']);
    expect(species).toMatchObject({ type: 'categorical', included: true, inferredType: 'categorical' });
    expect(species.reason).toBe('col holds 3 categories.');
  });
});
