import { describe, expect, it } from 'vitest';
import { experimentDisplayNames, experimentName } from './naming';

describe('experiment names', () => {
  it('pads the number', () => {
    expect(experimentName(7)).toBe('exp-007');
    expect(experimentName(1234)).toBe('exp-1234');
  });

  it('keeps both of two exp-007 made offline, the later with a letter, the same in every browser', () => {
    const records = [
      { id: '01B', number: 7, startedAt: 2000 },
      { id: '01A', number: 7, startedAt: 1000 },
      { id: '01C', number: 8, startedAt: 500 },
      { id: '01E', number: 7, startedAt: 2000 },
    ];
    const names = experimentDisplayNames(records);
    expect(Object.fromEntries(names)).toEqual({ '01A': 'exp-007', '01B': 'exp-007-b', '01E': 'exp-007-c', '01C': 'exp-008' });
    expect(experimentDisplayNames([...records].reverse())).toEqual(names);
  });

  it('runs on past z', () => {
    const many = Array.from({ length: 28 }, (_, i) => ({ id: String(i).padStart(3, '0'), number: 1, startedAt: i }));
    const names = experimentDisplayNames(many);
    expect(names.get('025')).toBe('exp-001-z');
    expect(names.get('026')).toBe('exp-001-ba');
  });
});
