/**
 * Text decoding of the parts of a file that are text: header names, dictionary entries and JSON.
 * Numbers and missing markers are ASCII by construction, so only those parts decide the encoding.
 */
import type { TextEncoding } from '../types';

export const LATIN1_NOTICE =
  'The file is not valid UTF-8; it was read as Latin-1. Check accented characters; save as UTF-8 to be sure.';

const utf8 = new TextDecoder('utf-8');

/**
 * windows-1252's characters for bytes 0x80–0x9F, where it differs from ISO-8859-1 ("smart quotes",
 * €, …); undefined bytes map to the C1 control of the same number, as the WHATWG decoder does.
 * Decoded by hand because Node's TextDecoder reads 'windows-1252' as plain ISO-8859-1.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
/** Characters passed to one String.fromCharCode call, well under engines' argument limits. */
const DECODE_BLOCK = 8192;

/** Latin-1 as browsers mean it (windows-1252): exactly one character per byte. */
function decodeLatin1(bytes: Uint8Array): string {
  const units = new Uint16Array(Math.min(bytes.length, DECODE_BLOCK));
  let text = '';
  for (let at = 0; at < bytes.length; at += DECODE_BLOCK) {
    const block = bytes.subarray(at, at + DECODE_BLOCK);
    for (let i = 0; i < block.length; i++) {
      const c = block[i]!;
      units[i] = c >= 0x80 && c < 0xa0 ? CP1252_HIGH[c - 0x80]! : c;
    }
    text += String.fromCharCode(...units.subarray(0, block.length));
  }
  return text;
}

/** Decodes `bytes` in `encoding`; invalid UTF-8 sequences become U+FFFD. */
export function decodeBytes(bytes: Uint8Array, encoding: TextEncoding): string {
  return encoding === 'utf-8' ? utf8.decode(bytes) : decodeLatin1(bytes);
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
