import { describe, expect, it } from 'vitest';
import { canonicalOverrides, columnOverridesSchema, overridesText } from './column-overrides';
import { settingsStaleness } from '../pipeline/stale';

describe('canonicalOverrides', () => {
  it('spells the same choice the same way, whatever order it was made in', () => {
    const a = canonicalOverrides({ island: { type: 'categorical' }, id: { included: false } });
    const b = canonicalOverrides({ id: { included: false }, island: { type: 'categorical' } });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(Object.keys(a)).toEqual(['id', 'island']);
  });

  it('drops entries that change nothing and keeps an explicit include', () => {
    expect(canonicalOverrides({ a: {}, b: { included: true }, c: { type: 'text', included: false } })).toEqual({ b: { included: true }, c: { type: 'text', included: false } });
  });

  it('reads back through the stored schema and refuses an unknown type', () => {
    expect(columnOverridesSchema.safeParse({ a: { type: 'float' } }).success).toBe(true);
    expect(columnOverridesSchema.safeParse({ a: { type: 'vector' } }).success).toBe(false);
  });

  it('says what the user chose, in words', () => {
    expect(overridesText({})).toBe('as inferred');
    expect(overridesText({ sex: { included: false }, year: { type: 'categorical' }, id: { included: true } })).toBe('id: kept · sex: left out · year: categorical');
  });

  it('makes a model stale when the columns it was trained with change', () => {
    const words = { columns: 'column types or exclusions' } as const;
    const used = { columns: canonicalOverrides({ island: { type: 'categorical' } }) };
    expect(settingsStaleness(used, { columns: canonicalOverrides({ island: { type: 'categorical' } }) }, words)).toBeNull();
    expect(settingsStaleness(used, { columns: canonicalOverrides({ island: { type: 'categorical' }, sex: { included: false } }) }, words)).toBe('its column types or exclusions changed since this result was made');
  });
});
