/**
 * The data cell's column overrides (a type per column, or the column left out) as stored: in the
 * project document, and with each experiment so that a later change marks its model stale.
 */
import { z } from 'zod';
import type { ColumnOverrides } from './analyze';
import { COLUMN_TYPES } from './types';

export const columnOverridesSchema = z.record(
  z.string(),
  z.object({ type: z.enum(COLUMN_TYPES).optional(), included: z.boolean().optional() }),
);

/**
 * The same overrides in one spelling: columns sorted, entries that change nothing dropped, so that
 * two records of the same choice compare equal whatever order the user made it in.
 */
export function canonicalOverrides(overrides: ColumnOverrides): ColumnOverrides {
  const out: Record<string, { type?: (typeof COLUMN_TYPES)[number]; included?: boolean }> = {};
  for (const name of Object.keys(overrides).sort()) {
    const { type, included } = overrides[name]!;
    if (type === undefined && included === undefined) continue;
    out[name] = { ...(type !== undefined ? { type } : {}), ...(included !== undefined ? { included } : {}) };
  }
  return out;
}

/** "island: categorical · id: left out", or "as inferred" when there are none. */
export function overridesText(overrides: ColumnOverrides): string {
  const parts = Object.entries(canonicalOverrides(overrides)).map(([name, o]) => {
    if (o.included === false) return `${name}: left out`;
    return `${name}: ${[o.type, o.included ? 'kept' : undefined].filter(Boolean).join(', ')}`;
  });
  return parts.length > 0 ? parts.join(' · ') : 'as inferred';
}
