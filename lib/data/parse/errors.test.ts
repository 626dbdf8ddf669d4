import { describe, expect, it } from 'vitest';
import { createParser, isParseError, parseBytes, parseText } from './index';

function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (e) {
    if (e instanceof Error) return e;
    throw new Error(`threw a non-error: ${String(e)}`);
  }
  throw new Error('did not throw');
}

describe('files that are not tables', () => {
  it.each([
    ['no bytes', ''],
    ['only whitespace', '  \n\r\n\t \n'],
    ['only a byte-order mark', '\uFEFF'],
  ])('an empty file (%s) says it is empty', (_, text) => {
    const e = thrown(() => parseText(text));
    expect(e.name).toBe('EmptyFileError');
    expect(e.message).toMatch(/^The file is empty/);
  });

  it('a header with no rows says so', () => {
    for (const text of ['a,b,c', 'a,b,c\n', 'a,b,c\r\n\r\n\n']) {
      const e = thrown(() => parseText(text));
      expect(e.name).toBe('HeaderOnlyError');
      expect(e.message).toContain('no data rows');
    }
  });

  it.each([
    ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], /image/],
    ['JPEG', [0xff, 0xd8, 0xff, 0xe0, 0, 16], /image/],
    ['GIF', [...'GIF89a'].map((c) => c.charCodeAt(0)), /image/],
    ['zip / xlsx', [0x50, 0x4b, 0x03, 0x04, 20, 0, 6, 0], /Excel or zip file, not CSV\. Export it as CSV \(File → Save as → CSV\)/],
    ['legacy xls', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0], /Excel/],
    ['PDF', [...'%PDF-1.7\n'].map((c) => c.charCodeAt(0)), /PDF/],
    ['gzip', [0x1f, 0x8b, 8, 0, 0, 0], /compressed.*unzip it first/],
    ['parquet', [...'PAR1'].map((c) => c.charCodeAt(0)).concat([0x15, 0]), /Parquet/],
  ])('%s bytes are refused with what the file is', (_, bytes, message) => {
    const e = thrown(() => parseBytes(Uint8Array.from(bytes)));
    expect(e.name).toBe('BinaryFileError');
    expect(e.message).toMatch(message);
  });

  it('random bytes with NULs are refused as binary', () => {
    const bytes = new Uint8Array(5000);
    let seed = 12345;
    for (let i = 0; i < bytes.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      bytes[i] = seed >>> 24;
    }
    bytes[100] = 0;
    const e = thrown(() => parseBytes(bytes));
    expect(e.name).toBe('BinaryFileError');
    expect(e.message).toContain('not text');
  });

  it('refuses a binary file on its first chunk, before the rest is read', () => {
    const parser = createParser({ totalBytes: 1e9 });
    const png = new Uint8Array(70_000);
    png.set([0x89, 0x50, 0x4e, 0x47]);
    expect(() => parser.push(png)).toThrow(expect.objectContaining({ name: 'BinaryFileError' }));
  });
});

describe('JSON too large to parse', () => {
  it('is refused on its first chunk, with the limit and the way out', () => {
    const parser = createParser({ totalBytes: 600 * 1024 * 1024 });
    const e = thrown(() => parser.push(new TextEncoder().encode('[{"a": 1}' + ' '.repeat(70_000))));
    expect(e.name).toBe('TooLargeError');
    expect(e.message).toContain('600 MB');
    expect(e.message).toContain('512 MB');
    expect(e.message).toContain('CSV');
  });
});

describe('wrong delimiter', () => {
  it('is an error when every row is ragged, naming the likely cause', () => {
    const e = thrown(() => parseText('a,b,c\n1;2;3\n4;5;6\n', { delimiter: ',' }));
    expect(e.name).toBe('RaggedRowsError');
    expect(e.message).toContain('No data row has the 3 fields of the header when split on commas: the rows have 1 field.');
    expect(e.message).toContain('delimiter is probably wrong');
  });

  it('refuses an unusable forced delimiter', () => {
    expect(thrown(() => parseText('a\n1\n', { delimiter: '::' })).name).toBe('DelimiterError');
    expect(thrown(() => parseText('a\n1\n', { delimiter: '"' })).name).toBe('DelimiterError');
  });
});

describe('isParseError', () => {
  it('recognises parse errors, also after they cross a worker boundary as plain objects', () => {
    const e = thrown(() => parseText(''));
    expect(isParseError(e)).toBe(true);
    // Comlink sends only name, message and stack (structuredClone would even turn the name into "Error").
    const crossed: unknown = { name: e.name, message: e.message, stack: e.stack };
    expect(isParseError(crossed)).toBe(true);
  });

  it('rejects other errors', () => {
    expect(isParseError(new TypeError('x'))).toBe(false);
    expect(isParseError({ name: 'Error', message: 'x' })).toBe(false);
    expect(isParseError('EmptyFileError')).toBe(false);
    expect(isParseError(null)).toBe(false);
  });
});
