/**
 * The k most frequent entries of a stream of (key, count) pairs, most frequent first, ties by
 * smaller key. A small sorted array: a million distinct values cost one pass, not a sort.
 */
export class TopK {
  readonly keys: number[] = [];
  readonly counts: number[] = [];
  private readonly k: number;
  private readonly bounded: boolean;

  constructor(k: number) {
    this.k = k;
    this.bounded = Number.isFinite(k);
  }

  offer(key: number, count: number): void {
    const { keys, counts } = this;
    if (!this.bounded) {
      keys.push(key);
      counts.push(count);
      return;
    }
    if (this.k <= 0) return;
    let at = keys.length;
    while (at > 0 && before(count, key, counts[at - 1] as number, keys[at - 1] as number)) at--;
    if (at >= this.k) return;
    keys.splice(at, 0, key);
    counts.splice(at, 0, count);
    if (keys.length > this.k) {
      keys.pop();
      counts.pop();
    }
  }

  /** Pairs in order. */
  entries(): { key: number; count: number }[] {
    const out = this.keys.map((key, i) => ({ key, count: this.counts[i] as number }));
    if (!this.bounded) out.sort((a, b) => b.count - a.count || a.key - b.key);
    return out;
  }
}

function before(count: number, key: number, otherCount: number, otherKey: number): boolean {
  return count > otherCount || (count === otherCount && key < otherKey);
}
