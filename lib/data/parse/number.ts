/**
 * Numbers and missing markers read straight from bytes, without building a string in the common
 * case. The hot path of the parser: every field of a numeric column goes through
 * `parseNumberBytes`.
 */

/** 10^0 … 10^22: every one is exact in a double, which makes the fast path below exact. */
export const POW10 = [
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
  1e19, 1e20, 1e21, 1e22,
];
export const MAX_EXACT_POW = 22;
/** Integers below 2^53 are exact in a double. */
export const TWO_53 = 9007199254740992;
/** Exponent digits kept; past it Number() decides (0 or Infinity) in the slow path anyway. */
const MAX_EXPONENT_ACCUMULATOR = 100000;

const SPACE = 32;
const TAB = 9;
const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const LOWER_E = 101;
const UPPER_E = 69;

/**
 * The number that bytes [start, end) spell, or NaN when they are not a plain decimal number:
 * optional sign, digits with an optional '.', optional exponent, spaces or tabs around.
 * "1e5", "-0.5", ".5", "5." and "+3" are numbers; "1,5", "Infinity", "0x1F" and "" are not.
 * The result equals `Number(text)` exactly.
 */
export function parseNumberBytes(b: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end && (b[i] === SPACE || b[i] === TAB)) i++;
  while (end > i && (b[end - 1] === SPACE || b[end - 1] === TAB)) end--;
  if (i === end) return NaN;
  const first = i;
  let negative = false;
  if (b[i] === MINUS) {
    negative = true;
    i++;
  } else if (b[i] === PLUS) {
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let exponent = 0;
  while (i < end) {
    const d = b[i]! - ZERO;
    if (d < 0 || d > 9) break;
    mantissa = mantissa * 10 + d;
    digits++;
    i++;
  }
  if (i < end && b[i] === DOT) {
    i++;
    while (i < end) {
      const d = b[i]! - ZERO;
      if (d < 0 || d > 9) break;
      mantissa = mantissa * 10 + d;
      digits++;
      exponent--;
      i++;
    }
  }
  if (digits === 0) return NaN;
  if (i < end) {
    const c = b[i];
    if (c !== LOWER_E && c !== UPPER_E) return NaN;
    i++;
    let expNegative = false;
    if (b[i] === MINUS) {
      expNegative = true;
      i++;
    } else if (b[i] === PLUS) {
      i++;
    }
    const expStart = i;
    let e = 0;
    while (i < end) {
      const d = b[i]! - ZERO;
      if (d < 0 || d > 9) return NaN;
      if (e < MAX_EXPONENT_ACCUMULATOR) e = e * 10 + d;
      i++;
    }
    if (i === expStart) return NaN;
    exponent += expNegative ? -e : e;
  }
  // Clinger's fast path: an exact integer mantissa times or over an exact power of ten is one
  // correctly rounded operation, so it equals the correctly rounded Number(text). The strict `<`
  // also rejects a mantissa that rounded while it was accumulated.
  if (mantissa < TWO_53 && exponent >= -MAX_EXACT_POW && exponent <= MAX_EXACT_POW) {
    const v = exponent < 0 ? mantissa / POW10[-exponent]! : mantissa * POW10[exponent]!;
    return negative ? -v : v;
  }
  return Number(asciiText(b, first, end));
}

function asciiText(b: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(b[i]!);
  return s;
}

/** Packed lower-case bytes of each missing marker, by length. */
const MISSING_KEYS: readonly (readonly number[])[] = [
  [],
  ['?', '-'].map(packAscii),
  ['na'].map(packAscii),
  ['n/a', 'nan', 'nil'].map(packAscii),
  ['null', 'none', '#n/a'].map(packAscii),
];

function packAscii(text: string): number {
  let key = 0;
  for (let i = 0; i < text.length; i++) key = key * 256 + text.charCodeAt(i);
  return key;
}

/** 1 for the bytes a marker may start with, spaces and tabs included. */
const MARKER_START = new Uint8Array(256);
for (const c of '?-nN# \t') MARKER_START[c.charCodeAt(0)] = 1;

/**
 * True when bytes [start, end) are a missing-value marker once spaces are trimmed, ignoring case:
 * empty, NA, N/A, null, NaN, ?, -, none, nil or #N/A.
 */
export function isMissingBytes(b: Uint8Array, start: number, end: number): boolean {
  // Most text is no marker: every marker starts, after any spaces, with one of "?-nN#".
  if (start < end && MARKER_START[b[start]!] === 0) return false;
  while (start < end && (b[start] === SPACE || b[start] === TAB)) start++;
  while (end > start && (b[end - 1] === SPACE || b[end - 1] === TAB)) end--;
  const length = end - start;
  if (length === 0) return true;
  const keys = MISSING_KEYS[length];
  if (keys === undefined) return false;
  let key = 0;
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    // Upper-case ASCII letters to lower case; the markers hold no other letters.
    key = key * 256 + (c >= 65 && c <= 90 ? c | 0x20 : c);
  }
  return keys.includes(key);
}

/** Scratch for the text versions: text values are short, and longer ones are rarely numbers. */
let scratch = new Uint8Array(64);

/** Copies ASCII `text` into the scratch buffer; -1 when it holds a non-ASCII character. */
function toScratch(text: string): number {
  if (text.length > scratch.length) scratch = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 127) return -1;
    scratch[i] = c;
  }
  return text.length;
}

/** `parseNumberBytes` for a string (JSON values, tests). */
export function parseNumberText(text: string): number {
  const length = toScratch(text);
  return length < 0 ? NaN : parseNumberBytes(scratch, 0, length);
}

/** `isMissingBytes` for a string. */
export function isMissingText(text: string): boolean {
  const length = toScratch(text);
  return length >= 0 && isMissingBytes(scratch, 0, length);
}
