/**
 * The shapes of lib/data: a parsed table held column by column, its inferred schema and profile.
 *
 * Plain TypeScript that runs in Node and in the browser: no DOM, no IndexedDB, no React.
 * These types cross the ingest worker's boundary by structured clone, so they hold only
 * plain objects, strings, numbers and typed arrays.
 */

/** A column as parsed, before any type is decided. */
export type RawColumn = NumberColumn | StringColumn;

/** Every non-missing value parsed as a number. Missing values are NaN. */
export interface NumberColumn {
  readonly kind: 'number';
  readonly name: string;
  readonly values: Float64Array;
  /** True when every non-missing value is a whole number. */
  readonly allInteger: boolean;
}

/** Dictionary-encoded text. `codes[i]` indexes `dictionary`; MISSING_CODE marks a missing value. */
export interface StringColumn {
  readonly kind: 'string';
  readonly name: string;
  readonly codes: Int32Array;
  readonly dictionary: readonly string[];
}

/** The code a StringColumn uses for a missing value. */
export const MISSING_CODE = -1;

export interface Table {
  readonly rowCount: number;
  readonly columns: readonly RawColumn[];
}

export const SOURCE_FORMATS = ['csv', 'tsv', 'semicolon', 'json-records', 'json-columns'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

export const TEXT_ENCODINGS = ['utf-8', 'latin-1'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

/** Something the user should know about an import that still succeeded. */
export interface Notice {
  readonly code:
    | 'renamed-headers'
    | 'latin-1'
    | 'skipped-ragged-rows'
    | 'non-numeric-as-missing'
    | 'decimal-comma'
    | 'bom';
  readonly message: string;
}

/** Rows whose field count differs from the header's. Row numbers are 1-based data rows (the header is row 0). */
export interface RaggedRows {
  readonly count: number;
  /** The first few offending rows, for the message. */
  readonly examples: readonly { readonly row: number; readonly fields: number }[];
  readonly expectedFields: number;
}

export interface ParseResult {
  readonly table: Table;
  readonly format: SourceFormat;
  /** The field delimiter for delimited text; absent for JSON. */
  readonly delimiter?: string;
  readonly encoding: TextEncoding;
  readonly notices: readonly Notice[];
  /** Present when some rows had the wrong number of fields. They are not in `table`. */
  readonly ragged?: RaggedRows;
  readonly bytes: number;
}

export interface ParseOptions {
  /** Force a delimiter instead of sniffing it. */
  readonly delimiter?: string;
  /** Force an encoding instead of detecting it. */
  readonly encoding?: TextEncoding;
}

/** Progress while parsing. */
export interface ParseProgress {
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly rows: number;
}

export const COLUMN_TYPES = [
  'integer',
  'float',
  'boolean',
  'categorical',
  'datetime',
  'text',
  'id',
  'constant',
] as const;
/** What a column means for modelling. */
export type ColumnType = (typeof COLUMN_TYPES)[number];

export interface ColumnSchema {
  readonly name: string;
  readonly type: ColumnType;
  /** The type inference chose; `type` differs from it when the user overrode it. */
  readonly inferredType: ColumnType;
  /** False when the user, or inference (id-like, constant), leaves the column out. */
  readonly included: boolean;
  /** One short sentence: why this type. */
  readonly reason: string;
}

export interface HistogramBin {
  readonly start: number;
  readonly end: number;
  readonly count: number;
}

export interface CategoryCount {
  readonly value: string;
  readonly count: number;
}

export interface ColumnProfile {
  readonly name: string;
  readonly type: ColumnType;
  readonly missing: number;
  readonly missingRatio: number;
  readonly distinct: number;
  /** True when `distinct` is an estimate (within about 1%), for columns with very many values. */
  readonly distinctApproximate?: boolean;
  /** Numeric and datetime columns (datetimes in epoch milliseconds). */
  readonly min?: number;
  readonly max?: number;
  readonly mean?: number;
  readonly std?: number;
  readonly histogram?: readonly HistogramBin[];
  /** Categorical, boolean, text and id columns: the most frequent values. */
  readonly top?: readonly CategoryCount[];
}

export interface Profile {
  readonly rowCount: number;
  readonly columnCount: number;
  readonly columns: readonly ColumnProfile[];
}

export const TASKS = ['binary', 'multiclass', 'regression'] as const;
export type Task = (typeof TASKS)[number];

export interface Warning {
  readonly code:
    | 'label-one-class'
    | 'label-rare-classes'
    | 'label-mostly-missing'
    | 'label-unusable-type'
    | 'id-like-column'
    | 'constant-column'
    | 'high-cardinality'
    | 'mostly-numbers';
  readonly column: string;
  readonly message: string;
}

export interface LabelSuggestion {
  /** The suggested label, or null when no column can be one. */
  readonly label: string | null;
  readonly reason: string;
}

export interface TaskInference {
  readonly task: Task | null;
  readonly reason: string;
  readonly classes?: number;
}
