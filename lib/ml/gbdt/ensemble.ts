/**
 * Trees as flat typed arrays, scored on raw floats: the layout a fitted model keeps, predicts
 * with and serializes. No object per node, so prediction walks a few small arrays that stay in
 * cache while a block of rows passes through every tree.
 *
 * Node n sends a row left when `value <= threshold[n]`, right when `value > threshold[n]`, and a
 * missing value (NaN, which compares false both ways) to the side `defaultLeft[n]` names. A child
 * or root reference c ≥ 0 is a node, c < 0 is leaf ~c with `leafWidth` values at
 * `leafValues[~c * leafWidth]`.
 */
import type { BinMapper } from './bins';
import type { GrownTree } from './tree';

export interface TreeEnsemble {
  readonly cols: number;
  readonly leafWidth: number;
  /** Per tree: its root reference. */
  readonly roots: Int32Array;
  /** Per tree: the output column its leaf values add to (gbdt's class); 0 for a forest. */
  readonly outputs: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly defaultLeft: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly leafValues: Float64Array;
}

/** Collects grown trees into a TreeEnsemble, turning bin thresholds into raw cut values. */
export class EnsembleBuilder {
  private readonly roots: number[] = [];
  private readonly outputs: number[] = [];
  private readonly feature: number[] = [];
  private readonly threshold: number[] = [];
  private readonly defaultLeft: number[] = [];
  private readonly left: number[] = [];
  private readonly right: number[] = [];
  private readonly leafValues: number[] = [];
  /** Node and leaf counts after each tree, to cut the ensemble at any tree. */
  private readonly nodeEnds: number[] = [];
  private readonly leafEnds: number[] = [];

  constructor(
    private readonly mapper: BinMapper,
    readonly leafWidth: number,
  ) {}

  get treeCount(): number {
    return this.roots.length;
  }

  /** Appends `tree` with `values` (leafWidth per leaf) adding to output column `output`. */
  add(tree: GrownTree, values: Float64Array, output: number): void {
    const nodeBase = this.feature.length;
    const leafBase = this.leafValues.length / this.leafWidth;
    const ref = (c: number): number => (c >= 0 ? c + nodeBase : ~(~c + leafBase));
    for (let n = 0; n < tree.feature.length; n++) {
      const f = tree.feature[n]!;
      const t = tree.threshold[n]!;
      const cuts = this.mapper.cuts[f]!;
      this.feature.push(f);
      // t = bin count means "every present value left".
      this.threshold.push(t <= cuts.length ? cuts[t - 1]! : Infinity);
      this.defaultLeft.push(tree.defaultLeft[n]! ? 1 : 0);
      this.left.push(ref(tree.left[n]!));
      this.right.push(ref(tree.right[n]!));
    }
    for (const v of values) this.leafValues.push(v);
    this.roots.push(ref(tree.root));
    this.outputs.push(output);
    this.nodeEnds.push(this.feature.length);
    this.leafEnds.push(this.leafValues.length / this.leafWidth);
  }

  /** Keeps the first `trees` trees (early stopping's best iteration); their nodes come first. */
  finish(trees = this.roots.length): TreeEnsemble {
    const nodes = trees > 0 ? this.nodeEnds[trees - 1]! : 0;
    const leaves = trees > 0 ? this.leafEnds[trees - 1]! : 0;
    return {
      cols: this.mapper.cols,
      leafWidth: this.leafWidth,
      roots: Int32Array.from(this.roots.slice(0, trees)),
      outputs: Int32Array.from(this.outputs.slice(0, trees)),
      feature: Int32Array.from(this.feature.slice(0, nodes)),
      threshold: Float64Array.from(this.threshold.slice(0, nodes)),
      defaultLeft: Uint8Array.from(this.defaultLeft.slice(0, nodes)),
      left: Int32Array.from(this.left.slice(0, nodes)),
      right: Int32Array.from(this.right.slice(0, nodes)),
      leafValues: Float64Array.from(this.leafValues.slice(0, leaves * this.leafWidth)),
    };
  }
}
