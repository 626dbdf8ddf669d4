/**
 * The tunables of the table parser, in one place. Each comment says what the value trades off.
 */

/**
 * Bytes buffered before the format and delimiter are decided. Enough for the binary check (4 KB)
 * and a few dozen rows of a wide table; small enough that the first progress update is immediate.
 */
export const SNIFF_BYTES = 64 * 1024;

/** Bytes looked at for NUL bytes, control characters and UTF-16 patterns. */
export const BINARY_PROBE_BYTES = 4096;

/** Share of control characters (other than tab, CR, LF, FF) above which bytes are not text. */
export const BINARY_CONTROL_SHARE = 0.05;

/** Rows the delimiter sniffer compares; more only costs time, the header row decides most files. */
export const SNIFF_ROWS = 50;

/**
 * JSON is parsed whole with JSON.parse, which needs the text and the parsed objects in memory at
 * once (several times the file size); past this size the tab would run out of memory.
 */
export const JSON_MAX_BYTES = 512 * 1024 * 1024;

/** Ragged rows quoted in the result, enough for the message and a "show me" list. */
export const RAGGED_EXAMPLES = 10;

/**
 * A row still incomplete after a chunk, longer than this, is not rescanned until the buffer has
 * doubled: a huge quoted field spread over many chunks then costs linear, not quadratic, time.
 */
export const RESCAN_MIN_BYTES = 64 * 1024;

/** Rows assumed before the first chunk has been measured. */
export const INITIAL_ROW_CAPACITY = 1024;

/** Rows measured before the columns are sized for the whole file, if the first chunk holds more. */
export const ESTIMATE_MIN_ROWS = 2048;

/** Headroom on the row estimate taken from the first chunk, so a typical file never regrows. */
export const ROW_ESTIMATE_HEADROOM = 1.05;

/** A column whose buffer is this much larger than its rows is copied at finish, not viewed. */
export const MAX_SLACK_FOR_VIEW = 1.25;

/**
 * Bytes of a new chunk joined to the row carried from the last one, to finish it; the rest of the
 * chunk is read in place. A longer row falls back to gathering whole chunks.
 */
export const JOIN_BYTES = 64 * 1024;

/** Bytes the fast path reads per call (see delimited.ts): small enough to return within the first rows. */
export const PLAIN_BLOCK_BYTES = 16 * 1024;

/**
 * Rows in a row the fast path hands back to the general one, reading none itself, before the
 * general path reads the next PLAIN_PAUSE_ROWS alone: for files where most rows need it, the
 * fast path's try is wasted work. Retried after the pause, as files change along the way.
 */
export const PLAIN_MISSES = 8;
export const PLAIN_PAUSE_ROWS = 1024;
