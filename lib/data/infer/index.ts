/**
 * Schema inference, profiling, label and task suggestion, and warnings for a parsed Table.
 * Plain TypeScript for Node and a Web Worker: no DOM, no IndexedDB, and nothing from ./parse,
 * so inference can be tested with hand-built tables.
 *
 * @example
 * const schema = withOverrides(table, inferSchema(table), overrides);
 * const profile = profileTable(table, schema);
 * const { label } = suggestLabel(table, schema, profile);
 * const task = inferTask(table, schema, profile, label);
 * const warnings = collectWarnings(table, schema, profile, label);
 */

export { inferSchema } from './schema';
export { withOverrides } from './overrides';
export type { ColumnOverride, SchemaOverrides } from './overrides';
export { profileTable } from './profile';
export { suggestLabel, isUsableLabel } from './label';
export { inferTask } from './task';
export { collectWarnings } from './warnings';
export { parseDateTime } from './datetime';
export { parseNumberText } from './number-text';
export { countCodes } from './typed-values';
