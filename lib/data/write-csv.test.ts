import { expect, it } from 'vitest';
import { parseText } from './parse';
import { writeCsvChunks } from './write-csv';

it('writes a table that parses back to the same values', () => {
  const text = 'a,b\n1,"x, y"\n,"say ""hi"""\n2.5,plain\n';
  const { table } = parseText(text);
  const out = [...writeCsvChunks([...table.columns, { kind: 'computed', name: 'p', values: [0.5, 1, Number.NaN] }], table.rowCount, 2)].join('');
  expect(out).toBe('a,b,p\n1,"x, y",0.5\n,"say ""hi""",1\n2.5,plain,\n');
});
