import { describe, expect, it } from 'vitest';
import type { ParseResult } from '../types';
import { createParser, parseText } from './index';
import { cells, columnNamed, parseInChunks, summary, tableCells } from './test/table-values';

const encode = (text: string) => new TextEncoder().encode(text);

/** Parses `text` whole, with or without the fast path. */
function parse(text: string, plainRows: boolean): ParseResult {
  const bytes = encode(text);
  const parser = createParser({ totalBytes: bytes.length, plainRows });
  parser.push(bytes);
  return parser.finish();
}

/** The summary, and each text column's dictionary: same strings in the same order, none twice. */
function details(result: ParseResult): unknown {
  const dictionaries = result.table.columns.map((c) => (c.kind === 'string' ? c.dictionary : null));
  return { ...(summary(result) as object), dictionaries };
}

/** xorshift32: a seeded generator, so that a failing case can be replayed. */
function generator(seed: number): (n: number) => number {
  let s = seed | 1;
  return (n) => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % n;
  };
}

/** A field that tests some rule of the parser: numbers of every shape, markers, text, quotes. */
function randomField(pick: (n: number) => number, numeric: boolean): string {
  const digits = (k: number) => Array.from({ length: k }, () => String(pick(10))).join('');
  const sign = () => (pick(4) === 0 ? '-' : '');
  const fraction = () => (pick(2) ? '.' + digits(pick(pick(8) === 0 ? 25 : 5)) : '');
  const number = () => sign() + digits(1 + pick(pick(8) === 0 ? 20 : 6)) + fraction();
  if (numeric && pick(20) !== 0) return pick(25) === 0 ? '' : number();
  const odd = [
    '',
    'NA',
    'n/a',
    '-',
    'null',
    ' 7 ',
    '+3',
    '1e5',
    '-0',
    '.5',
    '5.',
    '.',
    '0x1F',
    'Infinity',
    'café',
    'Zoé',
    '"quoted"',
    '"12.5"',
    '"a, b"',
    '"she said ""hi"""',
    '"two\nlines"',
    '"crlf\r\ninside"',
    '""',
    '"x"y',
    'size 5"',
    '12345678901234567890',
    '9007199254740993',
    '0.1234567890123456789012345',
  ];
  return pick(3) === 0 ? odd[pick(odd.length)]! : ['red', 'green', 'blue', 'gray', 'nan', 'none'][pick(6)]!;
}

/** A CSV of `rows` rows: mostly regular, with ragged rows, blank lines and mixed line endings. */
function randomCsv(seed: number, rows: number): string {
  const pick = generator(seed);
  const width = 2 + pick(5);
  const delimiter = [',', ';', '\t', '|'][pick(4)]!;
  const numeric = Array.from({ length: width }, () => pick(4) !== 0);
  const newline = () => ['\n', '\n', '\r\n', '\r'][pick(pick(3) === 0 ? 4 : 1)]!;
  let text = Array.from({ length: width }, (_, j) => `c${j}`).join(delimiter) + newline();
  for (let r = 0; r < rows; r++) {
    const roll = pick(60);
    if (roll === 0) text += newline(); // blank line
    const fields = roll === 1 ? width + 1 : roll === 2 ? width - 1 : width;
    text += Array.from({ length: fields }, (_, j) => randomField(pick, numeric[j] === true)).join(delimiter) + newline();
  }
  return pick(4) === 0 ? text.trimEnd() : text;
}

describe('the fast path', () => {
  it('reads random files exactly as the general state machine does, whole and in any chunks', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const text = randomCsv(seed, 40 + (seed % 7) * 150);
      const general = details(parse(text, false));
      expect(details(parse(text, true)), `seed ${seed}`).toEqual(general);
      const sizes = [1 + (seed % 13), 4096, 7, 65536 + seed];
      expect(details(parseInChunks(encode(text), sizes, 64)), `seed ${seed} in chunks`).toEqual(general);
    }
  });

  it('reads a file of many blocks, with CRLF, as the general state machine does', () => {
    const text = randomCsv(7, 6000).replace(/\r?\n|\r/g, '\r\n');
    expect(text.length).toBeGreaterThan(100_000);
    expect(details(parse(text, true))).toEqual(details(parse(text, false)));
  });

  it('commits the text of short rows in batches, in order', () => {
    const pick = generator(3);
    const field = () => (pick(9) === 0 ? 'NA' : 'xyz'[pick(3)]);
    const rows = Array.from({ length: 20_000 }, () => `${'abcdefgh'[pick(8)]}${pick(50)},${field()}`);
    const text = 'a,b\n' + rows.join('\n');
    expect(details(parse(text, true))).toEqual(details(parse(text, false)));
  });

  it('hands a row back mid-way, after numbers of that row were written, and goes on', () => {
    const result = parseText('a,b,c\n1,2,x\n3,4,"say ""hi"""\n5,6,y\n7,8\n9,10,z\n');
    expect(tableCells(result.table)).toEqual({ a: [1, 3, 5, 9], b: [2, 4, 6, 10], c: ['x', 'say "hi"', 'y', 'z'] });
    expect(result.ragged?.count).toBe(1);
  });

  it('counts a whole-number column as decimal from its first fraction on, in a complete row only', () => {
    const result = parseText('a,b\n1,2\n3.5,4,5\n6,7\n8.25,9\n10,11\n');
    expect(result.table.columns.map((c) => c.kind === 'number' && c.allInteger)).toEqual([false, true]);
    expect(cells(columnNamed(result, 'a'))).toEqual([1, 6, 8.25, 10]);
  });

  it('turns a column to text at its first non-number, keeping the numbers before it', () => {
    const rows = Array.from({ length: 3000 }, (_, r) => `${r},${r === 2500 ? 'n.a.' : r * 2}`);
    const column = columnNamed(parseText('a,b\n' + rows.join('\n')), 'b');
    expect(column.kind).toBe('string');
    expect(cells(column).slice(2498, 2502)).toEqual(['4996', '4998', 'n.a.', '5002']);
  });

  it('reads numbers of up to 20 integer and 25 fraction digits exactly as Number() does', () => {
    const pick = generator(99);
    const digits = (k: number) => Array.from({ length: k }, () => String(pick(10))).join('');
    const texts = Array.from({ length: 5000 }, () => {
      const whole = digits(1 + pick(20));
      const fraction = pick(3) === 0 ? '' : '.' + digits(pick(26));
      return (pick(2) ? '-' : '') + whole + fraction;
    });
    const result = parseText('v,w\n' + texts.map((t) => `${t},${t}`).join('\n'));
    expect(cells(columnNamed(result, 'v'))).toEqual(texts.map(Number));
    expect(Object.is(cells(columnNamed(parseText('v,w\n-0,0\n'), 'v'))[0], -0)).toBe(true);
  });
});
