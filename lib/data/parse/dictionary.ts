/**
 * Dictionaries that give each distinct text value of a column a code.
 *
 * `ByteDictionary` (delimited text) is keyed by raw bytes: a repeated value costs a hash and a
 * compare, never a string. Its strings are decoded once, at finish, when the file's encoding is
 * known; that is how a file found not to be UTF-8 halfway through still decodes as Latin-1 from
 * its first value, with no second read. `StringDictionary` (JSON) is keyed by decoded strings.
 */
import type { TextEncoding } from '../types';
import { decodeBytes, isValidUtf8, utf16Length } from './decode';

/** What a column needs from a dictionary to turn earlier numbers into text. */
export interface Dictionary {
  /** The code of an ASCII value, adding it when new. */
  codeOfAscii(text: string): number;
}

/** Decoded strings, and where two byte keys decoded to the same string, a map from old to new codes. */
export interface DecodedDictionary {
  readonly strings: string[];
  readonly remap: Int32Array | null;
}

/**
 * The hash of a key: FNV-1a over its bytes four at a time (little-endian words, the last one
 * padded with zeros), then its length and MurmurHash3's final mix, so that the low bits used for
 * the slot depend on every byte. Defined word by word on purpose: the parser's fast path hashes a
 * field while it scans it, gathering each word a byte at a time (see plain-rows.ts).
 */
export const HASH_SEED = 0x811c9dc5 | 0;

/** h with the next word of the key mixed in. */
export function hashWord(h: number, word: number): number {
  h = Math.imul(h ^ word, 0x01000193);
  return h ^ (h >>> 13);
}

export function hashFinish(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

export function hashBytes(b: Uint8Array, start: number, end: number): number {
  let h = HASH_SEED;
  let i = start;
  for (const end4 = end - 3; i < end4; i += 4) h = hashWord(h, b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24));
  if (i < end) {
    let word = 0;
    for (let shift = 0; i < end; i++, shift += 8) word |= b[i]! << shift;
    h = hashWord(h, word);
  }
  return hashFinish(h, end - start);
}

export class ByteDictionary implements Dictionary {
  size = 0;
  private pool = new Uint8Array(1024);
  private poolLength = 0;
  private starts = new Int32Array(16);
  private lengths = new Int32Array(16);
  private hashes = new Int32Array(16);
  /** Open addressing, linear probing: code + 1, 0 for a free slot. Kept under half full. */
  private slots = new Int32Array(32);
  private nonAscii = false;

  /** The code of bytes [start, end), adding them when new. */
  codeOf(b: Uint8Array, start: number, end: number): number {
    return this.codeOfHashed(b, start, end, hashBytes(b, start, end));
  }

  /** `codeOf` for bytes whose `hashBytes` is already known. */
  codeOfHashed(b: Uint8Array, start: number, end: number, h: number): number {
    const length = end - start;
    const slots = this.slots;
    const mask = slots.length - 1;
    let slot = h & mask;
    for (;;) {
      const entry = slots[slot]!;
      if (entry === 0) break;
      const code = entry - 1;
      if (this.hashes[code] === h && this.lengths[code] === length && this.equals(code, b, start, length)) return code;
      slot = (slot + 1) & mask;
    }
    // A byte with its high bit set marks text that needs a real decode.
    for (let i = start; i < end; i++) if (b[i]! >= 0x80) this.nonAscii = true;
    return this.insert(b, start, length, h, slot);
  }

  codeOfAscii(text: string): number {
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return this.codeOf(bytes, 0, bytes.length);
  }

  /** False when some entry is not UTF-8, so the file must be read as Latin-1. */
  isValidUtf8(): boolean {
    if (!this.nonAscii) return true;
    for (let code = 0; code < this.size; code++) {
      const start = this.starts[code]!;
      if (!isValidUtf8(this.pool, start, start + this.lengths[code]!)) return false;
    }
    return true;
  }

  /** The strings, decoded in `encoding`. Call once, at finish. */
  decode(encoding: TextEncoding): DecodedDictionary {
    const strings = new Array<string>(this.size);
    const pool = this.pool.subarray(0, this.poolLength);
    if (!this.nonAscii || encoding === 'latin-1') {
      // One character per byte: decode the pool once and slice it.
      const text = decodeBytes(pool, this.nonAscii ? 'latin-1' : 'utf-8');
      for (let code = 0; code < this.size; code++) {
        const start = this.starts[code]!;
        strings[code] = text.slice(start, start + this.lengths[code]!);
      }
      return { strings, remap: null };
    }
    if (this.isValidUtf8()) {
      // Entries are contiguous and each is whole, so the pool decodes at once; offsets follow.
      const text = decodeBytes(pool, 'utf-8');
      let offset = 0;
      for (let code = 0; code < this.size; code++) {
        const start = this.starts[code]!;
        const units = utf16Length(pool, start, start + this.lengths[code]!);
        strings[code] = text.slice(offset, offset + units);
        offset += units;
      }
      return { strings, remap: null };
    }
    // UTF-8 forced on bytes that are not: different bytes may decode to the same "\uFFFD" text.
    for (let code = 0; code < this.size; code++) {
      const start = this.starts[code]!;
      strings[code] = decodeBytes(pool.subarray(start, start + this.lengths[code]!), 'utf-8');
    }
    return mergeDuplicates(strings);
  }

  private equals(code: number, b: Uint8Array, start: number, length: number): boolean {
    const pool = this.pool;
    const at = this.starts[code]!;
    for (let k = 0; k < length; k++) if (pool[at + k] !== b[start + k]) return false;
    return true;
  }

  private insert(b: Uint8Array, start: number, length: number, hash: number, slot: number): number {
    const code = this.size++;
    if (code === this.starts.length) {
      this.starts = grow32(this.starts, code * 2);
      this.lengths = grow32(this.lengths, code * 2);
      this.hashes = grow32(this.hashes, code * 2);
    }
    if (this.poolLength + length > this.pool.length) {
      const pool = new Uint8Array(Math.max(this.pool.length * 2, this.poolLength + length));
      pool.set(this.pool.subarray(0, this.poolLength));
      this.pool = pool;
    }
    const pool = this.pool;
    const at = this.poolLength;
    // A loop, not pool.set(b.subarray()): a view per distinct value is garbage the GC must chase.
    for (let k = 0; k < length; k++) pool[at + k] = b[start + k]!;
    this.starts[code] = this.poolLength;
    this.lengths[code] = length;
    this.hashes[code] = hash;
    this.poolLength += length;
    this.slots[slot] = code + 1;
    if (this.size * 2 > this.slots.length) this.rehash();
    return code;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let code = 0; code < this.size; code++) {
      const h = this.hashes[code]!;
      let slot = h & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = code + 1;
    }
    this.slots = slots;
  }
}

function grow32(a: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(length);
  next.set(a);
  return next;
}

function mergeDuplicates(decoded: string[]): DecodedDictionary {
  const codes = new Map<string, number>();
  const strings: string[] = [];
  const remap = new Int32Array(decoded.length);
  let merged = false;
  decoded.forEach((s, old) => {
    let code = codes.get(s);
    if (code === undefined) {
      code = strings.length;
      codes.set(s, code);
      strings.push(s);
    } else merged = true;
    remap[old] = code;
  });
  return merged ? { strings, remap } : { strings: decoded, remap: null };
}

/** Keyed by decoded strings, for JSON, whose text is decoded whole before parsing. */
export class StringDictionary implements Dictionary {
  readonly strings: string[] = [];
  private readonly codes = new Map<string, number>();

  codeOf(text: string): number {
    let code = this.codes.get(text);
    if (code === undefined) {
      code = this.strings.length;
      this.codes.set(text, code);
      this.strings.push(text);
    }
    return code;
  }

  codeOfAscii(text: string): number {
    return this.codeOf(text);
  }
}
