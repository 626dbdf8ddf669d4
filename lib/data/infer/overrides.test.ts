import { describe, expect, it } from 'vitest';
import { withOverrides } from './overrides';
import { inferSchema } from './schema';
import { tableFromColumns } from './test/table-from-rows';

const table = tableFromColumns({
  id: Array.from({ length: 25 }, (_, i) => String(i + 1)),
  size: Array.from({ length: 25 }, (_, i) => (i % 5 === 0 ? 'big' : String(i / 2))),
  city: Array.from({ length: 25 }, (_, i) => (i % 2 === 0 ? 'Oslo' : 'Rome')),
});
const inferred = inferSchema(table);

describe('withOverrides', () => {
  it('returns the inferred schema untouched without overrides', () => {
    expect(withOverrides(table, inferred, {})).toEqual(inferred);
  });

  it('changes the type, keeps the inferred type and says who chose it', () => {
    const [, , city] = withOverrides(table, inferred, { city: { type: 'text' } });
    expect(city).toMatchObject({ type: 'text', inferredType: 'categorical', included: true });
    expect(city?.reason).toBe('You set city to free text; it looked like categories.');
  });

  it('includes a column retyped away from id unless told otherwise', () => {
    expect(inferred[0]).toMatchObject({ type: 'id', included: false });
    const [id] = withOverrides(table, inferred, { id: { type: 'integer' } });
    expect(id).toMatchObject({ type: 'integer', inferredType: 'id', included: true });
    const [kept] = withOverrides(table, inferred, { id: { type: 'integer', included: false } });
    expect(kept?.included).toBe(false);
  });

  it('leaves a column out or back in without changing its type', () => {
    const [id, , city] = withOverrides(table, inferred, { id: { included: true }, city: { included: false } });
    expect(id).toMatchObject({ type: 'id', included: true });
    expect(city).toMatchObject({ type: 'categorical', included: false, reason: inferred[2]?.reason });
  });

  it('says how many values become missing when text is read as numbers', () => {
    const [, size] = withOverrides(table, inferred, { size: { type: 'float' } });
    expect(size?.reason).toBe('You set size to decimal numbers; it looked like categories. 5 values that are not numbers will be treated as missing.');
  });

  it('ignores overrides for columns that do not exist', () => {
    expect(withOverrides(table, inferred, { nope: { type: 'text' }, toString: { included: false } })).toEqual(inferred);
  });
});
