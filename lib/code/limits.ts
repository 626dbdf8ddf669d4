/**
 * The bounds a code cell runs within (DESIGN.md §7): user code is untrusted, so every run has a
 * time limit, a memory guard and caps on what it may hand back.
 */

/** Seconds a run (train and predict together) may take before its worker is stopped. */
export const DEFAULT_TIME_LIMIT_S = 60;
export const MAX_TIME_LIMIT_S = 3_600;

/** Memory the guard lets the code hold (tensors, arrays, objects, strings), in MiB. */
export const DEFAULT_MEMORY_LIMIT_MB = 1_024;
export const MIN_MEMORY_LIMIT_MB = 16;
export const MAX_MEMORY_LIMIT_MB = 8_192;

/**
 * JavaScript objects the code may hold (the heap guard walks them to measure: past this many, the
 * walk itself would take seconds and hundreds of MiB). Numbers belong in typed arrays or tensors.
 */
export const MAX_HELD_OBJECTS = 6_000_000;

/** Arrays and buffers below this size are not counted one by one (counting them would cost more than they hold). */
export const TRACKED_ALLOCATION_BYTES = 1 << 20;

/** The model `train` returns, as JSON text. */
export const MAX_MODEL_BYTES = 64 * 1024 * 1024;

/** Columns `predict` may return. */
export const MAX_PREDICTION_COLUMNS = 200;

/** Lines of console output kept per run, and characters per line. */
export const MAX_LOG_LINES = 200;
export const MAX_LOG_LINE_CHARS = 2_000;

/** Seconds the sandbox may take to start (its frame to answer) before the run is given up. */
export const SANDBOX_START_TIMEOUT_S = 15;

/** Seconds the host waits past the time limit for the frame to report before it removes the frame. */
export const HARD_STOP_GRACE_S = 3;
