/**
 * The open leaves of a tree being grown, best split first: a binary max-heap on gain, ties going
 * to the older leaf so growth never depends on anything but the data and the seed.
 */
import type { Split } from './split';

export interface Leaf {
  readonly start: number;
  readonly end: number;
  readonly depth: number;
  /** Sums of the rows' statistics, weight last. */
  readonly stats: Float64Array;
  /** The leaf's histogram while it waits to be split; null once dropped or never kept. */
  hist: Float64Array | null;
  split: Split | null;
  /** Where the parent points at this leaf: 2 × node (+1 for the right child), or -1 for the root. */
  readonly slot: number;
  /** Creation order, the tie-break. */
  readonly order: number;
}

export class LeafHeap {
  private readonly items: Leaf[] = [];

  get size(): number {
    return this.items.length;
  }

  push(leaf: Leaf): void {
    const items = this.items;
    let i = items.push(leaf) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!above(leaf, items[parent]!)) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = leaf;
  }

  pop(): Leaf | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (!top || !last || items.length === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= items.length) break;
      const r = l + 1;
      const child = r < items.length && above(items[r]!, items[l]!) ? r : l;
      if (!above(items[child]!, last)) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
    return top;
  }

  /** Empties the heap, oldest first is not promised: callers only release the leaves. */
  drain(): Leaf[] {
    return this.items.splice(0, this.items.length);
  }
}

function above(a: Leaf, b: Leaf): boolean {
  const ga = a.split!.gain;
  const gb = b.split!.gain;
  return ga > gb || (ga === gb && a.order < b.order);
}
