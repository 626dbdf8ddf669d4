import { describe, expect, it } from 'vitest';
import type { RawColumn } from '../types';
import { parseBytes } from './index';

const parse = (text: string) => parseBytes(new TextEncoder().encode(text));
const numbers = (c: RawColumn | undefined) => (c?.kind === 'number' ? Array.from(c.values) : c);

describe('decimal commas', () => {
  it('reads them as numbers in a semicolon file, with a notice naming the columns', () => {
    const { table, notices } = parse('name;length;count\na;39,1;3\nb;;4\nc;-0,5;5\nd;40;6\n');
    expect(table.columns[1]).toMatchObject({ kind: 'number', allInteger: false });
    expect(numbers(table.columns[1])).toEqual([39.1, Number.NaN, -0.5, 40]);
    expect(table.columns[0]?.kind).toBe('string');
    expect(notices).toContainEqual({ code: 'decimal-comma', message: '"length" uses a decimal comma (such as 39,1) and was read as a number column.' });
  });

  it('reads them in a tab-separated file too', () => {
    const { table } = parse('x\ty\n1,25\ta\n2,5\tb\n');
    expect(numbers(table.columns[0])).toEqual([1.25, 2.5]);
  });

  it('leaves text alone: quoted "39,1" in a comma file, thousands marks, units, words', () => {
    expect(parse('x,y\n"39,1",a\n"40,2",b\n').table.columns[0]?.kind).toBe('string');
    const { table, notices } = parse('a;b;c\n1.234,5;3,1 kg;7,5\n2.000,1;2,0 kg;oops\n');
    expect(table.columns.map((c) => c.kind)).toEqual(['string', 'string', 'string']);
    expect(notices.filter((n) => n.code === 'decimal-comma')).toEqual([]);
  });
});
