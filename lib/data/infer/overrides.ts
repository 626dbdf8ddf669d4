/**
 * The user's corrections to an inferred schema. Profiling reads each column under the chosen
 * type (see typed-values.ts), so an override changes the numbers the user sees, not just a label.
 */

import type { ColumnSchema, ColumnType, Table } from '../types';
import { summarizeNumbers } from './number-stats';
import { isIncludedByDefault } from './schema';
import { countCodes, readAs } from './typed-values';
import { countOf, typePhrase } from './wording';

export interface ColumnOverride {
  readonly type?: ColumnType;
  readonly included?: boolean;
}

export type SchemaOverrides = Readonly<Record<string, ColumnOverride>>;

/**
 * Applies overrides, by column name, to the output of `inferSchema`. A changed type without an
 * `included` choice includes the column unless the new type is id or constant.
 *
 * @example withOverrides(table, inferSchema(table), { Year: { type: 'categorical' } })
 */
export function withOverrides(
  table: Table,
  inferred: readonly ColumnSchema[],
  overrides: SchemaOverrides,
): ColumnSchema[] {
  return inferred.map((column) => {
    const override = Object.hasOwn(overrides, column.name) ? overrides[column.name] : undefined;
    if (override === undefined) return column;
    const type = override.type ?? column.type;
    const retyped = type !== column.inferredType;
    const included = override.included ?? (retyped ? isIncludedByDefault(type) : column.included);
    const reason = retyped ? overrideReason(table, column, type) : column.reason;
    return { ...column, type, included, reason };
  });
}

function overrideReason(table: Table, column: ColumnSchema, type: ColumnType): string {
  const chosen = `You set ${column.name} to ${typePhrase(type)}; it looked like ${typePhrase(column.inferredType)}`;
  const raw = table.columns.find((c) => c.name === column.name);
  if (raw === undefined || raw.kind !== 'string') return `${chosen}.`;
  const typed = readAs(raw, type);
  if (typed.kind !== 'numbers') return `${chosen}.`;
  const unreadable = summarizeNumbers(typed.values).missing - countCodes(raw).missing;
  if (unreadable === 0) return `${chosen}.`;
  const what = type === 'datetime' ? 'dates' : 'numbers';
  const verb = unreadable === 1 ? 'is' : 'are';
  return `${chosen}. ${countOf(unreadable, 'value')} that ${verb} not ${what} will be treated as missing.`;
}
