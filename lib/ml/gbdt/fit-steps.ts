/**
 * What gbdt and rf share around their trees: input checks, the between-trees duties of a fit
 * (cancel, deadline, progress, yielding), feature sampling, and scoring a just-grown tree on
 * binned rows.
 */
import { TrainingInputError } from '../errors';
import type { Rng } from '../rng';
import { FitCanceledError, type FitContext, type TrainData } from '../types';
import type { BinnedMatrix } from './bins';
import { YIELD_INTERVAL_MS } from './flags';
import type { GrownTree } from './tree';

/** Throws a TrainingInputError naming what makes `data` untrainable. */
export function checkTrainData(learner: string, data: TrainData): void {
  const { x, y, task, classCount } = data;
  if (x.values.length !== x.rows * x.cols) throw new TrainingInputError(`${learner}: the feature matrix holds ${x.values.length} values, not ${x.rows} × ${x.cols}.`);
  if (y.length !== x.rows) throw new TrainingInputError(`${learner}: ${y.length} labels for ${x.rows} rows.`);
  if (x.rows === 0) throw new TrainingInputError(`${learner}: no training rows.`);
  if (x.cols === 0) throw new TrainingInputError(`${learner}: no feature columns.`);
  if (task === 'regression') {
    for (let i = 0; i < y.length; i++) {
      if (!Number.isFinite(y[i]!)) throw new TrainingInputError(`${learner}: the target of row ${i + 1} is not a finite number.`);
    }
    return;
  }
  if (!Number.isInteger(classCount) || classCount < 2) throw new TrainingInputError(`${learner}: classification needs at least 2 classes, got ${classCount}.`);
  if (task === 'binary' && classCount !== 2) throw new TrainingInputError(`${learner}: a binary task has 2 classes, got ${classCount}.`);
  for (let i = 0; i < y.length; i++) {
    const c = y[i]!;
    if (!Number.isInteger(c) || c < 0 || c >= classCount) throw new TrainingInputError(`${learner}: the label of row ${i + 1} is ${c}, not a class index from 0 to ${classCount - 1}.`);
  }
}

/** Cancel, deadline, progress and yielding between the trees of a fit. */
export class FitClock {
  private lastYield = performance.now();

  constructor(private readonly ctx: FitContext) {}

  /** Throws FitCanceledError when the fit was canceled. */
  checkCanceled(): void {
    if (this.ctx.isCanceled?.()) throw new FitCanceledError();
  }

  pastDeadline(): boolean {
    return this.ctx.deadline !== undefined && performance.now() >= this.ctx.deadline;
  }

  /** Reports progress and lets the event loop run now and then, so a cancel message can land. */
  async step(fraction: number): Promise<void> {
    this.ctx.onProgress?.(Math.min(1, fraction));
    if (performance.now() - this.lastYield > YIELD_INTERVAL_MS) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      this.lastYield = performance.now();
    }
    this.checkCanceled();
  }
}

/** Draws `count` of `cols` features without replacement into `out`, in increasing order. */
export function sampleFeatures(cols: number, count: number, rng: Rng, out: Int32Array): number {
  for (let f = 0; f < cols; f++) out[f] = f;
  if (count >= cols) return cols;
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rng.next() * (cols - i));
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  out.subarray(0, count).sort();
  return count;
}

/** The leaf (index) that binned row `r` reaches in `tree`. */
export function binnedLeaf(tree: GrownTree, binned: BinnedMatrix, r: number): number {
  const { bins, stride } = binned;
  let n = tree.root;
  while (n >= 0) {
    const lo = tree.defaultLeft[n]! ? 0 : 1;
    const b = bins[r * stride + tree.feature[n]!]!;
    n = ((b - lo) >>> 0) <= tree.threshold[n]! - lo ? tree.left[n]! : tree.right[n]!;
  }
  return ~n;
}
