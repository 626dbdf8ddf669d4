/**
 * The tunables of schema inference, profiling, label and task suggestion, in one place.
 * Each value is a judgement call; the comment says what it trades off.
 */

/** Below this many rows a column is unique by chance too often to call it an id. */
export const ID_MIN_ROWS = 20;

/** Ids are short tokens ("A-0012", "u_93f1"); longer unique strings are more likely text. */
export const ID_MAX_LENGTH = 40;

/** Share of non-missing rows that must parse as dates: a few typos should not hide a date column. */
export const DATETIME_MIN_SHARE = 0.95;

/** Share of non-missing rows that must parse as numbers for a text column to be read as numeric. */
export const NUMERIC_MIN_SHARE = 0.98;

/** Mean length (characters) above which high-cardinality strings read as prose, not categories. */
export const TEXT_MIN_MEAN_LENGTH = 30;

/**
 * Words per value that make a value "multi-word" for the text rule. Two: short names and titles
 * ("ford pinto", "toyota corolla 1200") rarely repeat whole, but their words do, and the words
 * carry what one-hot levels seen once cannot (held-out R² on cars 0.824 → 0.851, movies 0.668 →
 * 0.675 with the name/title read as text; XGBoost and HistGB gained alike on the same features).
 */
export const TEXT_MIN_WORDS = 2;

/** Share of rows holding multi-word values for the text rule. */
export const TEXT_MIN_MULTIWORD_SHARE = 0.5;

/** Distinct values as a share of non-missing rows above which strings may be text. */
export const TEXT_MIN_DISTINCT_SHARE = 0.5;

/** Bins of a numeric histogram: enough to see a shape, few enough to draw in a table cell. */
export const HISTOGRAM_BINS = 20;

/** Most frequent values kept per categorical column; the UI derives "other" from rowCount. */
export const TOP_VALUES = 10;

/** An integer label with at most this many values may be classes rather than a quantity. */
export const CLASSIFY_MAX_INTEGER_CLASSES = 10;

/** ...when its distinct values are at most this share of rows (ratings, codes), */
export const CLASSIFY_MAX_DISTINCT_SHARE = 0.05;

/** ...or the table is smaller than this, where the share rule says little. */
export const CLASSIFY_SMALL_TABLE_ROWS = 200;

/** A class with fewer rows than this cannot be in both the training and the validation split. */
export const RARE_CLASS_MIN_ROWS = 2;

/** Rare classes named in a warning; the rest are counted. */
export const RARE_CLASS_NAMES_SHOWN = 5;

/** Above this share of missing labels most of the table cannot be used for training. */
export const LABEL_MAX_MISSING_SHARE = 0.5;

/** A categorical column with more levels than this, and ... */
export const HIGH_CARDINALITY_MIN_DISTINCT = 100;

/** ... more levels than this share of its rows, has too few rows per level to learn from. */
export const HIGH_CARDINALITY_MIN_SHARE = 0.2;

/** A categorical column with at least this share of number values (and MOSTLY_NUMBERS_MIN_DISTINCT of them) is likely a number column with a few bad values. */
export const MOSTLY_NUMBERS_MIN_SHARE = 0.5;
/** Few distinct numbers (sizes 1, 2, 3 and "XL") are codes, not measurements. */
export const MOSTLY_NUMBERS_MIN_DISTINCT = 10;

/**
 * Distinct values of a number column are counted exactly up to this many, and estimated above
 * it (HyperLogLog, within about 1%; marked approximate in the profile), except whole numbers
 * and short decimals over a modest range, which are exact whatever their count. Exact counts of
 * a million different decimals cost most of the profiling time, and beyond this many values
 * nothing downstream depends on the exact number (classes, constants and ids are decided on
 * exact counts).
 */
export const DISTINCT_EXACT_MAX = 65_536;
