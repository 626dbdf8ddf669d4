/**
 * The streaming table parser: CSV, TSV, semicolon- and pipe-delimited text, and JSON tables,
 * from bytes into columns (numbers in Float64Arrays, text dictionary-encoded).
 *
 * Plain TypeScript for Node and a Web Worker: it must not import DOM-only APIs, IndexedDB or React.
 */
export { createParser, parseBytes, parseText } from './parser';
export type { CreateParserOptions, TableParser } from './parser';
export {
  BinaryFileError,
  DelimiterError,
  EmptyFileError,
  HeaderOnlyError,
  JsonShapeError,
  JsonSyntaxError,
  PARSE_ERROR_NAMES,
  ParseError,
  RaggedRowsError,
  TooLargeError,
  Utf16Error,
  isParseError,
} from './errors';
export type { ParseErrorLike, ParseErrorName } from './errors';
