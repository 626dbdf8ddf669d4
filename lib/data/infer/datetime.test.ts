import { describe, expect, it } from 'vitest';
import { parseDateTime } from './datetime';

const day = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d);

describe('parseDateTime', () => {
  it('reads ISO dates and date-times, honouring the time zone', () => {
    expect(parseDateTime('2012-01-01')).toBe(day(2012, 1, 1));
    expect(parseDateTime('2024-03-09T14:05:06')).toBe(Date.UTC(2024, 2, 9, 14, 5, 6));
    expect(parseDateTime('2024-03-09 14:05')).toBe(Date.UTC(2024, 2, 9, 14, 5));
    expect(parseDateTime('2024-03-09T14:05:06.25Z')).toBe(Date.UTC(2024, 2, 9, 14, 5, 6, 250));
    expect(parseDateTime('2024-03-09T14:05:06+01:00')).toBe(Date.UTC(2024, 2, 9, 13, 5, 6));
    expect(parseDateTime('2024-03-09T14:05:06-0530')).toBe(Date.UTC(2024, 2, 9, 19, 35, 6));
  });

  it('reads slash, dot and month-name forms', () => {
    expect(parseDateTime('2024/03/09')).toBe(day(2024, 3, 9));
    expect(parseDateTime('03/09/2024')).toBe(day(2024, 3, 9));
    expect(parseDateTime('09.03.2024')).toBe(day(2024, 3, 9));
    expect(parseDateTime('Jun 12 1998')).toBe(day(1998, 6, 12));
    expect(parseDateTime('12 Jun 1998')).toBe(day(1998, 6, 12));
    expect(parseDateTime('June 12, 1998')).toBe(day(1998, 6, 12));
    expect(parseDateTime('sept 1, 2001 08:30')).toBe(Date.UTC(2001, 8, 1, 8, 30));
  });

  it('keeps years before 100 as written', () => {
    expect(new Date(parseDateTime('0050-06-01')).getUTCFullYear()).toBe(50);
  });

  it('rejects plain numbers, impossible dates and other text', () => {
    for (const text of ['1998', '20240309', '12.5', '2024-02-30', '2023-02-29', '13/01/2024', '2024-01-01T25:00', 'Foo 12 1998', 'hello world', '']) {
      expect(parseDateTime(text), text).toBeNaN();
    }
    expect(parseDateTime('2024-02-29')).toBe(day(2024, 2, 29));
  });
});
