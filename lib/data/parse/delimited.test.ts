import { describe, expect, it } from 'vitest';
import { parseText } from './index';
import { cells, columnNamed, tableCells } from './test/table-values';

describe('delimiter sniffing', () => {
  it.each([
    ['comma', 'a,b,c\n1,2,3\n4,5,6\n', 'csv', ','],
    ['tab', 'a\tb\tc\n1\t2\t3\n4\t5\t6\n', 'tsv', '\t'],
    ['semicolon with decimal commas', 'x;y\n1,5;2,25\n3,0;4,5\n', 'semicolon', ';'],
    ['pipe', 'a|b|c\n1|2|3\n', 'csv', '|'],
    ['comma, with semicolons inside quotes', 'name,notes\n"Ann","a;b;c"\n"Bo","d;e"\n', 'csv', ','],
    ['tab, with commas in the text', 'city\tpop\nParis, France\t2100000\nRome, Italy\t2800000\n', 'tsv', '\t'],
  ])('finds %s', (_, text, format, delimiter) => {
    const result = parseText(text);
    expect(result.format).toBe(format);
    expect(result.delimiter).toBe(delimiter);
    expect(result.ragged).toBeUndefined();
  });

  it('reads a one-column file', () => {
    const result = parseText('score\n1\n2\n3\n');
    expect(tableCells(result.table)).toEqual({ score: [1, 2, 3] });
  });

  it('obeys a forced delimiter', () => {
    const result = parseText('a;b,c\n1;2,3\n', { delimiter: ',' });
    expect(result.table.columns.map((c) => c.name)).toEqual(['a;b', 'c']);
  });
});

describe('quoting (RFC 4180)', () => {
  it('keeps delimiters, doubled quotes and line breaks inside quoted fields', () => {
    const text = 'id,text\n1,"Hello, world"\n2,"She said ""hi"""\n3,"two\nlines"\n4,"crlf\r\ninside"\n5,""\n';
    const result = parseText(text);
    expect(tableCells(result.table)).toEqual({
      id: [1, 2, 3, 4, 5],
      text: ['Hello, world', 'She said "hi"', 'two\nlines', 'crlf\r\ninside', null],
    });
  });

  it('reads quoted numbers as numbers and quoted headers as names', () => {
    const result = parseText('"a","b, c"\n"1.5","2"\n"-3","4"\n');
    expect(tableCells(result.table)).toEqual({ a: [1.5, -3], 'b, c': [2, 4] });
  });

  it('keeps a quote in the middle of an unquoted field as it is', () => {
    const result = parseText('size,n\n5" screen,1\n');
    expect(cells(columnNamed(result, 'size'))).toEqual(['5" screen']);
  });
});

describe('line endings', () => {
  const expected = { a: [1, 3], b: ['x', 'y'] };
  it.each([
    ['LF', 'a,b\n1,x\n3,y\n'],
    ['CRLF', 'a,b\r\n1,x\r\n3,y\r\n'],
    ['lone CR', 'a,b\r1,x\r3,y\r'],
    ['no trailing newline', 'a,b\n1,x\n3,y'],
    ['blank lines', '\na,b\n\n1,x\n\r\n\n3,y\n\n\n'],
  ])('%s', (_, text) => {
    expect(tableCells(parseText(text).table)).toEqual(expected);
  });

  it('keeps a trailing empty field at the end of the file', () => {
    expect(tableCells(parseText('a,b\n1,').table)).toEqual({ a: [1], b: [null] });
  });
});

it('skips a UTF-8 byte-order mark, so the first column keeps its name', () => {
  const result = parseText('\uFEFFid,name\n1,Zoé\n');
  expect(result.table.columns.map((c) => c.name)).toEqual(['id', 'name']);
  expect(cells(columnNamed(result, 'name'))).toEqual(['Zoé']);
  expect(result.encoding).toBe('utf-8');
});

describe('values', () => {
  it('tells whole-number columns from decimal ones', () => {
    const result = parseText('i,f,g\n1,1.5,2.0\n-7,2,3\n+3,1e-3,1e3\n');
    const kinds = result.table.columns.map((c) => (c.kind === 'number' ? c.allInteger : c.kind));
    expect(kinds).toEqual([true, false, true]);
    expect(tableCells(result.table)).toEqual({ i: [1, -7, 3], f: [1.5, 2, 0.001], g: [2, 3, 1000] });
  });

  it('reads every number exactly as Number() does', () => {
    const texts: string[] = [];
    for (let k = 0; k < 3000; k++) {
      const x = (Math.sin(k) * 10 ** ((k % 40) - 20)).toPrecision(1 + (k % 17));
      texts.push(k % 5 === 0 ? Number(x).toFixed(k % 6) : k % 7 === 0 ? String(Number(x)) : x);
    }
    const result = parseText('v,w\n' + texts.map((t) => `${t},"${t}"`).join('\n'));
    const expected = texts.map(Number);
    expect(cells(columnNamed(result, 'v'))).toEqual(expected);
    expect(cells(columnNamed(result, 'w'))).toEqual(expected);
  });

  it('tolerates spaces around numbers', () => {
    expect(tableCells(parseText('a,b\n 1 , 2.5\n3,\t4\n').table)).toEqual({ a: [1, 3], b: [2.5, 4] });
  });

  it('reads missing markers as missing in number and text columns', () => {
    const text = 'n,s\n1,a\nNA,N/A\nnull,b\n?,-\n,none\nNaN,nil\n#N/A,\n 2 , NULL \n';
    const result = parseText(text);
    expect(tableCells(result.table)).toEqual({
      n: [1, null, null, null, null, null, null, 2],
      s: ['a', null, 'b', null, null, null, null, null],
    });
    expect(columnNamed(result, 'n').kind).toBe('number');
  });

  it('switches a column to text at its first non-number, keeping earlier values', () => {
    const result = parseText('code\n1\n2.50\n\n7\nA12\n7\nB\n');
    const column = columnNamed(result, 'code');
    expect(column.kind).toBe('string');
    expect(cells(column)).toEqual(['1', '2.5', '7', 'A12', '7', 'B']);
    if (column.kind === 'string') expect(column.dictionary).toEqual(['1', '2.5', '7', 'A12', 'B']);
  });

  it('reads "1,5" in a semicolon file as 1.5 (a decimal comma), and Infinity and hex as text', () => {
    const result = parseText('a;b;c\n1,5;Infinity;0x1F\n', { delimiter: ';' });
    expect(result.table.columns.map((c) => c.kind)).toEqual(['number', 'string', 'string']);
    expect(cells(result.table.columns[0]!)).toEqual([1.5]);
  });

  it('keeps 50,000 distinct values apart, each seen twice', () => {
    const ids = Array.from({ length: 50_000 }, (_, i) => `id-${(i * 7919).toString(36)}${i % 7 === 0 ? '-é' : ''}`);
    const column = columnNamed(parseText('id\n' + [...ids, ...ids].join('\n')), 'id');
    expect(column.kind === 'string' && column.dictionary.length).toBe(50_000);
    expect(cells(column)).toEqual([...ids, ...ids]);
  });

  it('dictionary-encodes repeated text once', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ['red', 'green', 'blue'][i % 3]).join('\n');
    const column = columnNamed(parseText('color\n' + rows), 'color');
    expect(column.kind === 'string' && column.dictionary).toEqual(['red', 'green', 'blue']);
  });
});

it('reads a wide table: 300 columns of text, numbers and gaps', () => {
  const header = Array.from({ length: 300 }, (_, j) => `c${j}`).join(',');
  const row = (r: number) => Array.from({ length: 300 }, (_, j) => (j % 3 === 0 ? `t${r}` : j % 3 === 1 ? '' : String(r + j))).join(',');
  const result = parseText([header, row(1), row(2)].join('\n'));
  expect(result.table.columns).toHaveLength(300);
  expect(cells(columnNamed(result, 'c297'))).toEqual(['t1', 't2']);
  expect(cells(columnNamed(result, 'c298'))).toEqual([null, null]);
  expect(cells(columnNamed(result, 'c299'))).toEqual([300, 301]);
});

describe('headers', () => {
  it('names empty headers by position and numbers duplicates, with one notice', () => {
    const result = parseText('a,,a,b,a,\n1,2,3,4,5,6\n');
    expect(result.table.columns.map((c) => c.name)).toEqual(['a', 'column_2', 'a_2', 'b', 'a_3', 'column_6']);
    const notices = result.notices.filter((n) => n.code === 'renamed-headers');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.message).toContain('column_2');
    expect(notices[0]!.message).toContain('a_3');
  });

  it('does not rename into a name the header already uses', () => {
    const result = parseText('x,x,x_2\n1,2,3\n');
    expect(result.table.columns.map((c) => c.name)).toEqual(['x', 'x_3', 'x_2']);
  });

  it('adds no notice when the names are fine', () => {
    expect(parseText('a,b\n1,2\n').notices).toEqual([]);
  });
});

describe('ragged rows', () => {
  it('skips rows with the wrong number of fields and reports them by data-row number', () => {
    const text = 'a,b,c\n1,2,3\n4,5\n\n6,7,8\n9,10,11,12\n13,14,15\n';
    const result = parseText(text);
    expect(result.table.rowCount).toBe(3);
    expect(tableCells(result.table)).toEqual({ a: [1, 6, 13], b: [2, 7, 14], c: [3, 8, 15] });
    expect(result.ragged).toEqual({
      count: 2,
      expectedFields: 3,
      examples: [
        { row: 2, fields: 2 },
        { row: 4, fields: 4 },
      ],
    });
    const notice = result.notices.find((n) => n.code === 'skipped-ragged-rows');
    expect(notice?.message).toContain('rows 2, 4');
  });

  it('keeps only the first ten examples but counts them all', () => {
    const rows = Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? '1,2' : '1'));
    const result = parseText('a,b\n' + rows.join('\n'));
    expect(result.ragged?.count).toBe(15);
    expect(result.ragged?.examples).toHaveLength(10);
    expect(result.ragged?.examples[0]).toEqual({ row: 2, fields: 1 });
  });

  it('does not let a skipped row turn a number column into text, or whole numbers into decimals', () => {
    const result = parseText('a,b\n1,2\noops\n3,4\n5.5,6.5,7\n8,9\n');
    expect(result.table.columns.map((c) => c.kind === 'number' && c.allInteger)).toEqual([true, true]);
  });
});
