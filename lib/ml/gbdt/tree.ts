/**
 * Leaf-wise (best-first) growth of one tree on binned rows: the leaf whose best split gains most
 * is split next, until `maxLeaves`, `maxDepth` or no gain stops it (LightGBM's policy, XGBoost's
 * `lossguide`).
 *
 * Each leaf owns a contiguous segment of the row-index array; a split partitions that segment in
 * place, stably, so every segment stays in increasing row order. Only the smaller child's
 * histogram is built from rows: the larger one is the parent's minus it (the subtraction trick),
 * computed in the parent's buffer.
 *
 * With a HistogramDevice (a GPU), nodes of at least its `minRows` rows are built there and awaited;
 * its sums are exact integer sums in fixed point (gpu/fixed-point.ts), independent of the order of
 * the additions, so a seed still gives a bit-identical tree, close to the CPU's float64 one. Which
 * nodes go to the device depends only on their row counts, never on timings.
 */
import type { Rng } from '../rng';
import type { BinMapper, BinnedMatrix } from './bins';
import { HISTOGRAM_POOL_BYTES } from './flags';
import type { HistogramDevice, HistogramSession } from './gpu/histogram-device';
import { accumulateAny, accumulateTwo, createHistogramLayout, subtractInto, type HistogramLayout } from './histogram';
import { WASM_HISTOGRAM_MIN_ROWS, WasmHistograms } from './histogram-wasm';
import { createSplit, findBestSplit, type SplitParams } from './split';
import { LeafHeap, type Leaf } from './leaf-heap';

export interface GrowParams extends SplitParams {
  /** Most leaves; 0 for no limit. */
  readonly maxLeaves: number;
  /** Most splits from root to leaf; 0 for no limit. */
  readonly maxDepth: number;
  /** Features drawn (without replacement) from the tree's features for each node; 0 for all. */
  readonly featuresPerNode: number;
  /** A split must gain more than minGain + minGainShare × (node weight + node score). */
  readonly minGain: number;
  readonly minGainShare: number;
}

/**
 * A grown tree. Internal nodes are numbered from 0 (the root, when there is a split); a child
 * reference c ≥ 0 is a node, c < 0 is leaf ~c. Leaf l's rows are rows[leafStart[l]..leafEnd[l]).
 */
export interface GrownTree {
  readonly root: number;
  readonly feature: readonly number[];
  /** Bin threshold: value bins 1..t go left. */
  readonly threshold: readonly number[];
  readonly defaultLeft: readonly boolean[];
  readonly left: readonly number[];
  readonly right: readonly number[];
  readonly gain: readonly number[];
  readonly leafCount: number;
  /** `channels` statistics per leaf, weight last. */
  readonly leafStats: Float64Array;
  readonly leafStart: Int32Array;
  readonly leafEnd: Int32Array;
}

/** Grows trees over one binned matrix; keeps its buffers between trees. Call `dispose` after the last tree. */
export class TreeGrower {
  readonly layout: HistogramLayout;
  private readonly words: Uint32Array;
  private readonly wordsPerRow: number;
  private readonly pool: Float64Array[] = [];
  private allocated = 0;
  private readonly poolLimit: number;
  private readonly scratchHists: [Float64Array, Float64Array];
  private scratchRows = new Uint32Array(0);
  private readonly nodeFeatures: Int32Array;
  private readonly sides = new Uint8Array(256);
  /** The bins again, feature-major: a partition reads one feature of scattered rows, and one feature's bins fit in cache. */
  private readonly columns: Uint8Array;
  /** The fit's rows on the histogram device, if it has one and they fit there. */
  private device: HistogramSession | undefined;
  private readonly deviceMinRows: number;
  /** The current tree's statistics are on the device. */
  private deviceReady = false;
  /** The WebAssembly kernel for nodes of WASM_HISTOGRAM_MIN_ROWS rows or more, where it runs. */
  private wasm: WasmHistograms | undefined;

  constructor(
    private readonly binned: BinnedMatrix,
    private readonly mapper: BinMapper,
    readonly channels: number,
    histograms?: HistogramDevice,
  ) {
    this.layout = createHistogramLayout(mapper, binned.stride, channels);
    this.words = new Uint32Array(binned.bins.buffer, binned.bins.byteOffset, binned.bins.byteLength >>> 2);
    this.wordsPerRow = binned.stride >>> 2;
    this.poolLimit = Math.max(2, Math.floor(HISTOGRAM_POOL_BYTES / (this.layout.size * 8)));
    this.scratchHists = [new Float64Array(this.layout.size), new Float64Array(this.layout.size)];
    this.nodeFeatures = new Int32Array(mapper.cols);
    this.columns = transpose(binned);
    this.device = histograms?.open(binned, this.layout);
    if (channels === 2 && binned.rows >= WASM_HISTOGRAM_MIN_ROWS) this.wasm = WasmHistograms.open(binned, this.layout);
    this.deviceMinRows = histograms?.minRows ?? Infinity;
  }

  /** Frees what the histogram device holds for this fit. */
  dispose(): void {
    this.device?.dispose();
    this.device = undefined;
    this.wasm = undefined;
  }

  /**
   * Grows one tree on rows[0..count) with per-row `stats` (`channels` per row, weight last),
   * splitting only on `features[0..featureCount)`. Reorders `rows` in place.
   */
  async grow(
    rows: Uint32Array,
    count: number,
    stats: Float64Array,
    features: Int32Array,
    featureCount: number,
    params: GrowParams,
    rng: Rng,
  ): Promise<GrownTree> {
    if (this.scratchRows.length < count) this.scratchRows = new Uint32Array(count);
    this.deviceReady = this.device !== undefined && count >= this.deviceMinRows && this.device.setStats(stats, count);
    if (count >= WASM_HISTOGRAM_MIN_ROWS) this.wasm?.setStats(stats);
    const c = this.channels;
    const tree = { feature: [] as number[], threshold: [] as number[], defaultLeft: [] as boolean[], left: [] as number[], right: [] as number[], gain: [] as number[] };
    const finished: Leaf[] = [];
    const heap = new LeafHeap();
    let order = 0;
    let leafCount = 1;
    const canSplit = (leaf: Leaf): boolean =>
      (params.maxLeaves === 0 || leafCount < params.maxLeaves) &&
      (params.maxDepth === 0 || leaf.depth < params.maxDepth) &&
      leaf.end - leaf.start >= 2 &&
      leaf.stats[c - 1]! >= 2 * params.minChildWeight;
    const evaluate = (leaf: Leaf): void => {
      if (leaf.hist && canSplit(leaf) && this.findSplit(leaf, features, featureCount, params, rng)) {
        heap.push(leaf);
        // A scratch histogram is reused by the next build: the leaf will rebuild its children from rows.
        if (this.isScratch(leaf.hist)) leaf.hist = null;
      } else {
        finished.push(leaf);
        this.drop(leaf);
      }
    };

    const rootStats = sumStats(rows, count, stats, c);
    const root: Leaf = { start: 0, end: count, depth: 0, stats: rootStats, hist: null, split: null, slot: -1, order: order++ };
    if (canSplit(root)) {
      root.hist = this.acquire() ?? this.scratchHists[0];
      await this.build(rows, root.start, root.end, stats, root.hist);
    }
    evaluate(root);

    while (params.maxLeaves === 0 || leafCount < params.maxLeaves) {
      const leaf = heap.pop();
      if (!leaf) break;
      const split = leaf.split!;
      const node = tree.feature.length;
      tree.feature.push(split.feature);
      tree.threshold.push(split.threshold);
      tree.defaultLeft.push(split.defaultLeft);
      tree.gain.push(split.gain);
      tree.left.push(0);
      tree.right.push(0);
      attach(tree, leaf.slot, node);
      const mid = this.partition(rows, leaf.start, leaf.end, split.feature, split.threshold, split.defaultLeft);
      const rightStats = new Float64Array(c);
      for (let k = 0; k < c; k++) rightStats[k] = leaf.stats[k]! - split.left[k]!;
      const depth = leaf.depth + 1;
      const l: Leaf = { start: leaf.start, end: mid, depth, stats: Float64Array.from(split.left), hist: null, split: null, slot: 2 * node, order: order++ };
      const r: Leaf = { start: mid, end: leaf.end, depth, stats: rightStats, hist: null, split: null, slot: 2 * node + 1, order: order++ };
      leafCount++;
      await this.childHistograms(leaf, l, r, canSplit(l), canSplit(r), rows, stats);
      evaluate(l);
      evaluate(r);
    }
    for (const leaf of heap.drain()) {
      finished.push(leaf);
      this.drop(leaf);
    }
    // Leaves are numbered in row order, so that leaf l's rows come before leaf l + 1's.
    finished.sort((a, b) => a.start - b.start);

    const leafStats = new Float64Array(finished.length * c);
    const leafStart = new Int32Array(finished.length);
    const leafEnd = new Int32Array(finished.length);
    let rootRef = 0;
    finished.forEach((leaf, i) => {
      leafStats.set(leaf.stats, i * c);
      leafStart[i] = leaf.start;
      leafEnd[i] = leaf.end;
      if (leaf.slot < 0) rootRef = ~i;
      else attach(tree, leaf.slot, ~i);
    });
    return { root: rootRef, ...tree, leafCount: finished.length, leafStats, leafStart, leafEnd };
  }

  /**
   * Histograms for the children that will look for a split: the smaller built from rows, the
   * larger derived from the parent's when the parent kept one, and none for a child that cannot
   * split unless its sibling needs it for the subtraction.
   */
  private async childHistograms(parent: Leaf, l: Leaf, r: Leaf, lNeeds: boolean, rNeeds: boolean, rows: Uint32Array, stats: Float64Array): Promise<void> {
    const smallIsLeft = l.end - l.start <= r.end - r.start;
    const small = smallIsLeft ? l : r;
    const large = smallIsLeft ? r : l;
    const smallNeeds = smallIsLeft ? lNeeds : rNeeds;
    const largeNeeds = smallIsLeft ? rNeeds : lNeeds;
    const parentHist = parent.hist;
    parent.hist = null;
    if (largeNeeds && parentHist) {
      small.hist = this.acquire() ?? this.scratchHists[0];
      await this.build(rows, small.start, small.end, stats, small.hist);
      subtractInto(parentHist, small.hist, this.layout.size);
      large.hist = parentHist;
      if (!smallNeeds) this.drop(small);
      return;
    }
    if (parentHist) this.release(parentHist);
    if (smallNeeds) {
      small.hist = this.acquire() ?? this.scratchHists[0];
      await this.build(rows, small.start, small.end, stats, small.hist);
    }
    if (largeNeeds) {
      large.hist = this.acquire() ?? this.scratchHists[1];
      await this.build(rows, large.start, large.end, stats, large.hist);
    }
  }

  private findSplit(leaf: Leaf, features: Int32Array, featureCount: number, params: GrowParams, rng: Rng): boolean {
    let list = features;
    let n = featureCount;
    if (params.featuresPerNode > 0 && params.featuresPerNode < featureCount) {
      // Partial Fisher–Yates over a copy: the first featuresPerNode entries are the draw.
      list = this.nodeFeatures;
      list.set(features.subarray(0, featureCount));
      n = params.featuresPerNode;
      for (let i = 0; i < n; i++) {
        const j = i + Math.floor(rng.next() * (featureCount - i));
        const t = list[i]!;
        list[i] = list[j]!;
        list[j] = t;
      }
    }
    const split = createSplit(this.channels);
    if (!findBestSplit(leaf.hist!, this.layout, this.mapper.counts, list, n, leaf.stats, params, params.minGain, params.minGainShare, split)) return false;
    leaf.split = split;
    return true;
  }

  /** A promise only when the node goes to the device; a CPU build is done when this returns. */
  private build(rows: Uint32Array, start: number, end: number, stats: Float64Array, hist: Float64Array): Promise<void> | undefined {
    if (this.deviceReady && end - start >= this.deviceMinRows) return this.buildOnDevice(rows, start, end, stats, hist);
    this.buildOnCpu(rows, start, end, stats, hist);
    return undefined;
  }

  private async buildOnDevice(rows: Uint32Array, start: number, end: number, stats: Float64Array, hist: Float64Array): Promise<void> {
    if (await this.device!.build(rows, start, end, hist)) return;
    // The device failed (it says why to its owner): this fit goes on without it.
    this.dispose();
    this.deviceReady = false;
    this.buildOnCpu(rows, start, end, stats, hist);
  }

  private buildOnCpu(rows: Uint32Array, start: number, end: number, stats: Float64Array, hist: Float64Array): void {
    // grow() sent this tree's stats to the kernel only when the tree had that many rows.
    if (this.wasm && end - start >= WASM_HISTOGRAM_MIN_ROWS) {
      this.wasm.build(rows, start, end, hist);
      return;
    }
    hist.fill(0);
    if (this.channels === 2) accumulateTwo(this.words, this.wordsPerRow, stats, rows, start, end, this.layout, hist);
    else accumulateAny(this.binned.bins, this.binned.stride, stats, rows, start, end, this.layout, hist);
  }

  /**
   * Stable in-place partition: left rows are written back over the segment's front, right rows
   * to a scratch buffer then after them. Both writes happen for every row and only the cursors
   * move conditionally, so the loop has no data-dependent branch.
   */
  private partition(rows: Uint32Array, start: number, end: number, feature: number, threshold: number, defaultLeft: boolean): number {
    const n = this.binned.rows;
    const column = this.columns.subarray(feature * n, (feature + 1) * n);
    const scratch = this.scratchRows;
    // Side per bin value (1 = left), so that routing, missing included, is one load and no branch.
    const side = this.sides;
    for (let b = 0; b < 256; b++) side[b] = b === 0 ? (defaultLeft ? 1 : 0) : b <= threshold ? 1 : 0;
    let l = start;
    let k = 0;
    for (let i = start; i < end; i++) {
      const r = rows[i]!;
      const goLeft = side[column[r]!]!;
      rows[l] = r;
      scratch[k] = r;
      l += goLeft;
      k += 1 - goLeft;
    }
    rows.set(scratch.subarray(0, k), l);
    return l;
  }

  private acquire(): Float64Array | null {
    const free = this.pool.pop();
    if (free) return free;
    if (this.allocated >= this.poolLimit) return null;
    this.allocated++;
    return new Float64Array(this.layout.size);
  }

  private isScratch(hist: Float64Array): boolean {
    return hist === this.scratchHists[0] || hist === this.scratchHists[1];
  }

  private release(hist: Float64Array): void {
    if (!this.isScratch(hist)) this.pool.push(hist);
  }

  /** Gives the leaf's histogram back: it will not be split, or its children were built. */
  private drop(leaf: Leaf): void {
    if (leaf.hist) this.release(leaf.hist);
    leaf.hist = null;
  }
}

/**
 * The root's statistics. Kept out of the async `grow`: V8 compiled this loop over every row slower
 * there (measured: grow ~3% slower in all than the synchronous grow was; as a function of its own,
 * no slower).
 */
function sumStats(rows: Uint32Array, count: number, stats: Float64Array, c: number): Float64Array {
  const sums = new Float64Array(c);
  if (c === 2) {
    // gbdt's (g, h) in locals: the generic loop below reloads and stores sums[k] every row.
    let g = 0;
    let h = 0;
    for (let i = 0; i < count; i++) {
      const s = rows[i]! * 2;
      g += stats[s]!;
      h += stats[s + 1]!;
    }
    sums[0] = g;
    sums[1] = h;
    return sums;
  }
  for (let i = 0; i < count; i++) {
    const s = rows[i]! * c;
    for (let k = 0; k < c; k++) sums[k] = sums[k]! + stats[s + k]!;
  }
  return sums;
}

function attach(tree: { left: number[]; right: number[] }, slot: number, ref: number): void {
  if (slot < 0) return;
  if (slot & 1) tree.right[slot >>> 1] = ref;
  else tree.left[slot >>> 1] = ref;
}

function transpose(binned: BinnedMatrix): Uint8Array {
  const { rows, cols, stride, bins } = binned;
  const out = new Uint8Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let f = 0, o = r * stride; f < cols; f++) out[f * rows + r] = bins[o + f]!;
  }
  return out;
}
