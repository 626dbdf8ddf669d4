/**
 * Tunables of lib/ml in one place, each with its default and why (STYLE.md: tfjs flags_webgpu.ts).
 */

/** Categorical levels kept as their own feature; rarer ones pool into "other". Beyond ~50, one-hot columns mostly add noise. */
export const MAX_CATEGORY_LEVELS = 50;

/** A level seen fewer times than this in the training rows pools into "other": too rare to learn from. */
export const MIN_CATEGORY_COUNT = 2;

/** TF-IDF terms kept per text column: enough for sentiment-style signals, small next to the rows. */
export const MAX_TEXT_TERMS = 200;

/** A term must appear in this many training rows to be kept. */
export const MIN_TERM_DOCUMENTS = 2;

/** Share of rows held out for the final, honest evaluation when no test file is given. */
export const TEST_FRACTION = 0.2;

/** Share of the training rows used to validate trials and early-stop. */
export const VALID_FRACTION = 0.2;

/**
 * Below this many training rows, trials are scored by k-fold cross-validation instead of one
 * holdout. A holdout of a few hundred rows is noisy enough that the search and the ensemble
 * weights fit its noise (movies, 2,500 training rows: held-out R² 0.657 with a holdout, 0.668 with
 * 5 folds at seed 42); below a few thousand rows five folds are also cheap.
 */
export const KFOLD_BELOW_ROWS = 5000;

/** Folds of that cross-validation. */
export const KFOLD_FOLDS = 5;

/** Rows needed to train at all: fewer cannot be split into train, validation and test. */
export const MIN_TRAIN_ROWS = 10;

/**
 * Most weights a dense network (linear, MLP) may have. Training holds each weight four times
 * (value, gradient, Adam's two moments) in TF.js's WASM memory: past this an 8 × 4096 MLP ran for
 * a minute and died with "memory access out of bounds". The search's widest MLP (4 × 256) has
 * about 0.2 million.
 */
export const MAX_DENSE_WEIGHTS = 20_000_000;
