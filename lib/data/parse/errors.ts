/**
 * The errors the parser throws for input it cannot read. Each one's `name` carries its meaning,
 * because only `name`, `message` and `stack` survive the ingest worker's boundary; each message
 * says what is wrong and what the user can do.
 */

export const PARSE_ERROR_NAMES = [
  'ParseError',
  'EmptyFileError',
  'HeaderOnlyError',
  'BinaryFileError',
  'Utf16Error',
  'JsonShapeError',
  'JsonSyntaxError',
  'TooLargeError',
  'RaggedRowsError',
  'DelimiterError',
] as const;
export type ParseErrorName = (typeof PARSE_ERROR_NAMES)[number];

/** The base of every error the parser throws for bad input. */
export class ParseError extends Error {
  override name: ParseErrorName = 'ParseError';
}

export class EmptyFileError extends ParseError {
  override name = 'EmptyFileError' as const;
  constructor(message = 'The file is empty: it holds no text. Check that you picked the right file, or export the table again.') {
    super(message);
  }
}

export class HeaderOnlyError extends ParseError {
  override name = 'HeaderOnlyError' as const;
  constructor(message = 'The file has a header row but no data rows. Export the table again with its rows.') {
    super(message);
  }
}

export class BinaryFileError extends ParseError {
  override name = 'BinaryFileError' as const;
  constructor(message = 'This file is not text (it holds binary data). Import a CSV, TSV or JSON file.') {
    super(message);
  }
}

export class Utf16Error extends ParseError {
  override name = 'Utf16Error' as const;
  constructor(message = 'The file is UTF-16 text; save it as UTF-8 and import again.') {
    super(message);
  }
}

export class JsonShapeError extends ParseError {
  override name = 'JsonShapeError' as const;
}

export class JsonSyntaxError extends ParseError {
  override name = 'JsonSyntaxError' as const;
}

export class TooLargeError extends ParseError {
  override name = 'TooLargeError' as const;
}

export class RaggedRowsError extends ParseError {
  override name = 'RaggedRowsError' as const;
}

/** An unusable `delimiter` option. */
export class DelimiterError extends ParseError {
  override name = 'DelimiterError' as const;
}

/** The shape a parse error keeps after crossing a worker boundary. */
export interface ParseErrorLike {
  readonly name: ParseErrorName;
  readonly message: string;
}

/** True for a ParseError, or an error that was one before crossing a worker boundary. */
export function isParseError(e: unknown): e is ParseErrorLike {
  if (e instanceof ParseError) return true;
  if (typeof e !== 'object' || e === null || !('name' in e) || !('message' in e)) return false;
  const { name, message } = e;
  return typeof message === 'string' && PARSE_ERROR_NAMES.some((n) => n === name);
}
