import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalJson, hashJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null } })).toBe('{"a":{"c":null,"d":[3,1]},"b":1}');
    expect(canonicalJson({ a: { c: null, d: [3, 1] }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: [3, 1], c: null } }));
  });

  it('writes numbers in one form: 1 = 1.0, -0 = 0, 1e21 as JSON does, 0.1 + 0.2 ≠ 0.3', () => {
    expect(canonicalJson({ x: 1.0 })).toBe(canonicalJson({ x: 1 }));
    expect(canonicalJson({ x: -0 })).toBe('{"x":0}');
    expect(canonicalJson([-0])).toBe('[0]');
    expect(canonicalJson(1e21)).toBe('1e+21');
    expect(canonicalJson(0.1 + 0.2)).not.toBe(canonicalJson(0.3));
  });

  it('refuses NaN and Infinity, naming where they are, instead of writing null', () => {
    expect(() => canonicalJson({ params: { lr: NaN } })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ params: { lr: NaN } })).toThrow('$.params.lr is NaN');
    expect(() => canonicalJson([1, Infinity])).toThrow('$[1] is Infinity');
    expect(() => canonicalJson(-Infinity)).toThrow('finite');
    expect(() => canonicalJson(new Float64Array([1, NaN]))).toThrow('$[1] is NaN');
  });

  it('refuses cycles and non-JSON values, but not the same object twice', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => canonicalJson(loop)).toThrow('cycle');
    expect(() => canonicalJson({ n: 1n })).toThrow('bigint');
    const shared = { a: 1 };
    expect(canonicalJson({ x: shared, y: shared })).toBe('{"x":{"a":1},"y":{"a":1}}');
  });

  it('drops undefined members and writes Dates through toJSON', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
    expect(canonicalJson({ at: new Date(0) })).toBe('{"at":"1970-01-01T00:00:00.000Z"}');
  });

  it('hashes the canonical text with SHA-256', async () => {
    // sha256('{}'), a well-known value.
    expect(await hashJson({})).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
    expect(await hashJson({ b: 1, a: 2 })).toBe(await hashJson({ a: 2, b: 1 }));
  });
});
