/**
 * Text decoding of the parts of a file that are text: header names, dictionary entries and JSON.
 * Numbers and missing markers are ASCII by construction, so only those parts decide the encoding.
 */
import type { TextEncoding } from '../types';

export const LATIN1_NOTICE =
  'The file is not valid UTF-8; it was read as Latin-1. Check accented characters; save as UTF-8 to be sure.';

const utf8 = new TextDecoder('utf-8');
let latin1: TextDecoder | null = null;

/** Latin-1 as browsers mean it (windows-1252): one character per byte, “smart quotes” included. */
function latin1Decoder(): TextDecoder {
  latin1 ??= new TextDecoder('windows-1252');
  return latin1;
}

/** Decodes `bytes` in `encoding`; invalid UTF-8 sequences become U+FFFD. */
export function decodeBytes(bytes: Uint8Array, encoding: TextEncoding): string {
  return (encoding === 'utf-8' ? utf8 : latin1Decoder()).decode(bytes);
}

/**
 * True when bytes [start, end) are well-formed UTF-8 as the WHATWG fatal decoder means it:
 * no stray continuation bytes, no overlong forms, no surrogates, nothing above U+10FFFF.
 */
export function isValidUtf8(b: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lower = 0xa0;
      if (c === 0xed) upper = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lower = 0x90;
      if (c === 0xf4) upper = 0x8f;
    } else return false;
    if (i + need >= end) return false;
    const second = b[i + 1]!;
    if (second < lower || second > upper) return false;
    for (let k = 2; k <= need; k++) {
      const cont = b[i + k]!;
      if (cont < 0x80 || cont > 0xbf) return false;
    }
    i += need + 1;
  }
  return true;
}

/** UTF-16 code units that valid UTF-8 bytes [start, end) decode to. */
export function utf16Length(b: Uint8Array, start: number, end: number): number {
  let units = 0;
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    if ((c & 0xc0) !== 0x80) units += c >= 0xf0 ? 2 : 1;
  }
  return units;
}
