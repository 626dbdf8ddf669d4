/**
 * Limited-memory BFGS with a backtracking (Armijo) line search, on Float64Array vectors.
 * Why not Adam for linear models: their losses are smooth and convex, where a quasi-Newton method
 * reaches the optimum to many digits in tens of full passes, with no learning rate to tune and no
 * shuffling (so nothing random at all).
 */

export interface Evaluation {
  readonly loss: number;
  readonly gradient: Float64Array;
}

export interface LbfgsStep {
  readonly iteration: number;
  readonly weights: Float64Array;
  readonly loss: number;
}

export interface LbfgsOptions {
  readonly maxIterations: number;
  /** Stop when an iteration lowers the loss by less than this fraction of it. */
  readonly tolerance: number;
  /** Called after each accepted iteration; return true to stop. */
  readonly afterIteration: (step: LbfgsStep) => boolean | Promise<boolean>;
}

/** Curvature pairs kept: more costs memory and time per iteration for little gain. */
const HISTORY = 10;
const ARMIJO_C1 = 1e-4;
const MAX_HALVINGS = 30;

/** Minimizes `evaluate` from `start`; returns why it stopped. */
export async function minimizeLbfgs(
  evaluate: (weights: Float64Array) => Promise<Evaluation>,
  start: Float64Array,
  options: LbfgsOptions,
): Promise<'converged' | 'max-iterations' | 'stopped' | 'diverged'> {
  let w = start;
  let current = await evaluate(w);
  if (!Number.isFinite(current.loss)) return 'diverged';
  const ss: Float64Array[] = [];
  const ys: Float64Array[] = [];
  for (let iteration = 1; iteration <= options.maxIterations; iteration++) {
    const direction = twoLoop(current.gradient, ss, ys);
    let slope = dot(direction, current.gradient);
    if (!(slope < 0)) {
      // Not a descent direction (stale curvature): restart from steepest descent.
      ss.length = 0;
      ys.length = 0;
      for (let i = 0; i < direction.length; i++) direction[i] = -current.gradient[i]!;
      slope = dot(direction, current.gradient);
    }
    if (slope === 0) return 'converged';
    // The first step has no curvature yet: scale it to move about one unit.
    let step = ss.length === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    let next: Evaluation | undefined;
    let candidate = w;
    for (let halving = 0; halving < MAX_HALVINGS; halving++) {
      candidate = axpy(step, direction, w);
      const tried = await evaluate(candidate);
      if (Number.isFinite(tried.loss) && tried.loss <= current.loss + ARMIJO_C1 * step * slope) {
        next = tried;
        break;
      }
      step /= 2;
    }
    if (!next) return 'converged'; // no step lowers the loss: we are at float precision
    const s = new Float64Array(w.length);
    const y = new Float64Array(w.length);
    for (let i = 0; i < w.length; i++) {
      s[i] = candidate[i]! - w[i]!;
      y[i] = next.gradient[i]! - current.gradient[i]!;
    }
    if (dot(s, y) > 1e-12) {
      ss.push(s);
      ys.push(y);
      if (ss.length > HISTORY) {
        ss.shift();
        ys.shift();
      }
    }
    const improvement = current.loss - next.loss;
    w = candidate;
    current = next;
    if (await options.afterIteration({ iteration, weights: w, loss: current.loss })) return 'stopped';
    if (improvement <= options.tolerance * Math.max(Math.abs(current.loss), 1e-12)) return 'converged';
  }
  return 'max-iterations';
}

/** The two-loop recursion: −H·g with H the inverse-Hessian estimate from the kept pairs. */
function twoLoop(gradient: Float64Array, ss: readonly Float64Array[], ys: readonly Float64Array[]): Float64Array {
  const q = Float64Array.from(gradient);
  const alphas: number[] = [];
  for (let k = ss.length - 1; k >= 0; k--) {
    const alpha = dot(ss[k]!, q) / dot(ys[k]!, ss[k]!);
    alphas[k] = alpha;
    for (let i = 0; i < q.length; i++) q[i]! -= alpha * ys[k]![i]!;
  }
  if (ss.length > 0) {
    const last = ss.length - 1;
    const gamma = dot(ss[last]!, ys[last]!) / dot(ys[last]!, ys[last]!);
    for (let i = 0; i < q.length; i++) q[i]! *= gamma;
  }
  for (let k = 0; k < ss.length; k++) {
    const beta = dot(ys[k]!, q) / dot(ys[k]!, ss[k]!);
    for (let i = 0; i < q.length; i++) q[i]! += (alphas[k]! - beta) * ss[k]![i]!;
  }
  for (let i = 0; i < q.length; i++) q[i] = -q[i]!;
  return q;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** w + step·d as a new vector. */
function axpy(step: number, d: Float64Array, w: Float64Array): Float64Array {
  const out = new Float64Array(w.length);
  for (let i = 0; i < w.length; i++) out[i] = w[i]! + step * d[i]!;
  return out;
}
