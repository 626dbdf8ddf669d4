/**
 * Tunables of the tree learners, each with its default and why (STYLE.md: one place per area).
 */

/**
 * Rows sampled to choose bin boundaries. Quantiles of 200k values are within a fraction of a bin
 * of the full data's, and sorting more costs time that the trees do not win back (LightGBM uses
 * the same count).
 */
export const BIN_SAMPLE_ROWS = 200_000;

/** Most value bins per feature: bins are stored as one byte and bin 0 is kept for missing values. */
export const MAX_BINS = 255;

/**
 * Memory for cached leaf histograms in one tree. Beyond it, a leaf keeps only its best split and
 * its children's histograms are built from rows instead of by subtraction: slower, not wrong.
 */
export const HISTOGRAM_POOL_BYTES = 128 * 1024 * 1024;

/** Smallest hessian a row contributes: a saturated sigmoid would otherwise give 0 and divide by 0. */
export const MIN_HESSIAN = 1e-16;

/** A gbdt split must gain at least this much loss reduction: below it the gain is rounding noise (XGBoost's kRtEps). */
export const GBDT_MIN_SPLIT_GAIN = 1e-6;

/** A forest split must reduce impurity by this share of the node's weight and score: smaller is rounding noise. */
export const RF_MIN_SPLIT_GAIN_SHARE = 1e-9;

/** Class priors and probabilities are clamped here so that logs stay finite. */
export const PROBABILITY_FLOOR = 1e-15;

/**
 * Longest stretch of training without yielding to the event loop: a worker must see a cancel
 * message between trees, and a yield costs about a millisecond.
 */
export const YIELD_INTERVAL_MS = 200;

/**
 * Ensembles whose trees are all at most this deep are scored with the fixed-depth walk (see
 * walk.ts): no per-node leaf test pays off while rows that reach a leaf early waste few steps.
 */
export const FIXED_WALK_MAX_DEPTH = 8;

/**
 * Nodes with at least this many rows build their histogram on the GPU when a fit has one; smaller
 * nodes stay on the CPU kernels. A GPU round trip (send the node's rows, dispatch, map and read
 * back ~100 KB of sums) costs about a millisecond in a browser, while the CPU kernels take ~3 ns
 * a row and feature: at 30 features the GPU wins only past ~16k rows. An estimate from those
 * costs, not yet measured on a hardware adapter; it is a row count, not a time, so that which
 * nodes go to the GPU (and so the model's bits) does not depend on the machine's load.
 */
export const GPU_MIN_ROWS = 16_384;
