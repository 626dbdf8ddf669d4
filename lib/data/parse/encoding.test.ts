import { describe, expect, it } from 'vitest';
import { parseBytes, parseText } from './index';
import { cells, columnNamed, parseInChunks } from './test/table-values';

/** Bytes of `text` with one byte per character, as a Latin-1 (windows-1252) editor saves it. */
function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

function utf16le(text: string, bom: boolean): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const view = new DataView(out.buffer);
  if (bom) view.setUint16(0, 0xfeff, true);
  for (let i = 0; i < text.length; i++) view.setUint16((i + (bom ? 1 : 0)) * 2, text.charCodeAt(i), true);
  return out;
}

describe('encoding', () => {
  it('reads UTF-8 text as it is, with no notice', () => {
    const result = parseText('ville,n\nMontréal,1\nKöln,2\n東京,3\n');
    expect(result.encoding).toBe('utf-8');
    expect(result.notices).toEqual([]);
    expect(cells(columnNamed(result, 'ville'))).toEqual(['Montréal', 'Köln', '東京']);
  });

  it('reads a Latin-1 file as Latin-1, header included, and says so', () => {
    const result = parseBytes(latin1('Größe,café\nmédium,é\nklein,ü\n'));
    expect(result.encoding).toBe('latin-1');
    expect(result.table.columns.map((c) => c.name)).toEqual(['Größe', 'café']);
    expect(cells(columnNamed(result, 'café'))).toEqual(['é', 'ü']);
    const notice = result.notices.find((n) => n.code === 'latin-1');
    expect(notice?.message).toBe(
      'The file is not valid UTF-8; it was read as Latin-1. Check accented characters; save as UTF-8 to be sure.',
    );
  });

  it('reads the whole file as Latin-1 when the first invalid byte comes late, values before it included', () => {
    // Bytes C3 A9 are "é" in UTF-8 but "Ã©" in Latin-1; the E9 far below shows the file is Latin-1.
    const rows = ['name,n', 'Ã©cole,0'];
    for (let i = 1; i < 5000; i++) rows.push(`row${i % 50},${i}`);
    rows.push('caf\xe9,5000');
    const result = parseInChunks(latin1(rows.join('\n')), [4096], 65536);
    expect(result.encoding).toBe('latin-1');
    const names = cells(columnNamed(result, 'name'));
    expect(names[0]).toBe('Ã©cole');
    expect(names[5000]).toBe('café');
  });

  it('maps windows-1252 punctuation in the 0x80–0x9F range', () => {
    const result = parseBytes(latin1('q\n\x93quoted\x94 \x80\n'));
    expect(cells(columnNamed(result, 'q'))).toEqual(['“quoted” €']);
  });

  it('obeys a forced encoding, without a notice', () => {
    const asLatin1 = parseText('a\nÉté\n', { encoding: 'latin-1' });
    expect(cells(columnNamed(asLatin1, 'a'))).toEqual(['Ã‰tÃ©']);
    expect(asLatin1.notices).toEqual([]);
    const asUtf8 = parseBytes(latin1('a\ncaf\xe9\ncaf\xe8\nx\n'), { encoding: 'utf-8' });
    expect(asUtf8.encoding).toBe('utf-8');
    // Both invalid spellings read as the same text, so they are one category.
    const column = columnNamed(asUtf8, 'a');
    expect(cells(column)).toEqual(['caf\uFFFD', 'caf\uFFFD', 'x']);
    expect(column.kind === 'string' && column.dictionary).toEqual(['caf\uFFFD', 'x']);
  });

  it.each([
    ['little-endian with BOM', utf16le('a,b\n1,2\n', true)],
    ['big-endian with BOM', Uint8Array.from([0xfe, 0xff, 0, 0x61, 0, 0x2c, 0, 0x62, 0, 0x0a])],
    ['without BOM', utf16le('name,value\nalpha,1\nbeta,2\n', false)],
  ])('refuses UTF-16 (%s) and says how to fix it', (_, bytes) => {
    expect(() => parseBytes(bytes)).toThrow(
      expect.objectContaining({ name: 'Utf16Error', message: 'The file is UTF-16 text; save it as UTF-8 and import again.' }),
    );
  });
});
