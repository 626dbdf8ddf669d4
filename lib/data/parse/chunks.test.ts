import { describe, expect, it } from 'vitest';
import { generateCsvChunks } from '../synth';
import { createParser, parseBytes } from './index';
import { parseInChunks, summary } from './test/table-values';

const encode = (text: string) => new TextEncoder().encode(text);

/** Every hazard a chunk boundary can cut: quotes, doubled quotes, CRLF, lone CR, multi-byte characters, numbers. */
const TRICKY =
  '\uFEFFid,name,score,note\r\n' +
  '1,"Zoé, ""the"" best",3.25,"multi\r\nline"\r\n' +
  '2,Ünïcödé 日本 🎉,-0.5,plain\r' +
  '3,"",1e5,"a""b"\n' +
  '\n' +
  '4,short,NA,"x"\r\n' +
  '5,ragged\r\n' +
  '6,"end",12345678901234567890,last';

describe('chunk boundaries anywhere', () => {
  const bytes = encode(TRICKY);
  const whole = summary(parseBytes(bytes));

  it('give the same table for every split point', () => {
    for (let at = 0; at <= bytes.length; at++) {
      expect(summary(parseInChunks(bytes, [at, bytes.length])), `split at ${at}`).toEqual(whole);
    }
  });

  it('give the same table in 1-byte chunks, and in 2- and 3-byte chunks', () => {
    expect(summary(parseInChunks(bytes, [1]))).toEqual(whole);
    expect(summary(parseInChunks(bytes, [2]))).toEqual(whole);
    expect(summary(parseInChunks(bytes, [3]))).toEqual(whole);
  });

  it('give the same table for a Latin-1 file split anywhere', () => {
    const latin1 = Uint8Array.from('name,n\ncaf\xe9,1\nna\xefve,2\n', (c) => c.charCodeAt(0));
    const one = summary(parseBytes(latin1));
    for (let at = 0; at <= latin1.length; at++) expect(summary(parseInChunks(latin1, [at, latin1.length]))).toEqual(one);
  });

  it('read the benchmark table the same in random chunk sizes as in one piece', () => {
    const text = [...generateCsvChunks({ rows: 3000, seed: 5, chunkRows: 700 })].join('');
    const csv = encode(text);
    const one = parseBytes(csv);
    expect(one.table.rowCount).toBe(3000);
    expect(one.table.columns.map((c) => c.kind)).toEqual([...Array<string>(18).fill('number'), 'string', 'string']);
    const sizes = [1, 7, 4096, 13, 65536, 100, 3, 9999];
    expect(summary(parseInChunks(csv, sizes, 65536))).toEqual(summary(one));
  });

  it('read a huge quoted field spread over many chunks', () => {
    const big = 'x'.repeat(300_000) + '\n"quoted"' + 'y'.repeat(300_000);
    const csv = encode(`a,b\n1,"${big.replaceAll('"', '""')}"\n2,z\n`);
    const result = parseInChunks(csv, [1000]);
    const column = result.table.columns[1]!;
    expect(result.table.rowCount).toBe(2);
    expect(column.kind === 'string' && column.dictionary).toEqual([big, 'z']);
  });

  it('report progress in rows as chunks arrive', () => {
    const text = [...generateCsvChunks({ rows: 2000, seed: 1 })].join('');
    const csv = encode(text);
    const seen: number[] = [];
    const parser = createParser({ totalBytes: csv.length, onRows: (rows) => seen.push(rows) });
    for (let at = 0; at < csv.length; at += 20_000) parser.push(csv.subarray(at, at + 20_000));
    expect(parser.rows).toBeGreaterThan(1900);
    expect(parser.finish().table.rowCount).toBe(2000);
    expect(seen.length).toBeGreaterThan(3);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });
});
