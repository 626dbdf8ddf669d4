/**
 * JSON with object keys sorted at every level, so that equal values always give equal text: the
 * input of config hashes and run ids (lib/experiments/fingerprint.ts).
 *
 * Stricter than JSON.stringify where that would make two different inputs hash alike or one input
 * hash two ways: NaN and ±Infinity throw (JSON.stringify writes them as `null`, so `{lr: NaN}` and
 * `{lr: null}` would collide), -0 is written as 0, a cycle throws instead of overflowing the
 * stack, and a value with `toJSON` (a Date) is written as what it returns. Arrays keep their order;
 * `undefined` object members are dropped (as JSON.stringify does) and `undefined` array items become
 * `null`. Numbers use JavaScript's shortest round-trip form: 1 and 1.0 are the same number, `1e21`
 * is written `1e+21`, and 0.1 + 0.2 stays distinct from 0.3.
 */

/** Thrown for a value that has no canonical JSON form; the message names where it is. */
export class CanonicalJsonError extends Error {
  override name = 'CanonicalJsonError';
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalize(value, '$', new Set()));
}

function normalize(value: unknown, path: string, open: Set<object>): unknown {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new CanonicalJsonError(`${path} is ${String(value)}: hashes and ids need finite numbers (JSON would write it as null).`);
    }
    return value === 0 ? 0 : value; // -0 → 0
  }
  if (typeof value === 'bigint' || typeof value === 'function' || typeof value === 'symbol') {
    throw new CanonicalJsonError(`${path} is a ${typeof value}, which has no JSON form.`);
  }
  if (value === null || typeof value !== 'object') return value;
  if (hasToJson(value)) return normalize(value.toJSON(), path, open);
  if (open.has(value)) throw new CanonicalJsonError(`${path} refers back to itself (a cycle has no JSON form).`);
  open.add(value);
  try {
    if (Array.isArray(value)) return value.map((item: unknown, i) => normalize(item, `${path}[${i}]`, open));
    // Typed arrays keep JSON.stringify's form (`{"0":…,"1":…}`, index order), items checked like numbers.
    if (ArrayBuffer.isView(value)) {
      if (!(value instanceof DataView)) Array.prototype.forEach.call(value, (item: unknown, i: number) => normalize(item, `${path}[${i}]`, open));
      return value;
    }
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, normalize(v, `${path}.${k}`, open)]),
    );
  } finally {
    // Only ancestors count: the same object twice side by side is not a cycle.
    open.delete(value);
  }
}

function hasToJson(value: object): value is { toJSON(): unknown } {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

/** SHA-256 of the canonical JSON, as hex (WebCrypto: Node 20 and every supported browser have it). */
export async function hashJson(value: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson(value));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
