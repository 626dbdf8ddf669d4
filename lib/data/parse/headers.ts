/**
 * Column names from a header row (or JSON keys): every column gets a non-empty, unique name.
 */
import type { Notice } from '../types';

export interface ColumnNames {
  readonly names: string[];
  /** A 'renamed-headers' notice when some name was empty or repeated. */
  readonly notice?: Notice;
}

/**
 * Trims each name; an empty one becomes `column_<n>` (1-based position) and a repeated one
 * `name_2`, `name_3`…, skipping names the header already uses, so no rename creates a clash.
 */
export function nameColumns(raw: readonly string[]): ColumnNames {
  const trimmed = raw.map((name) => name.trim());
  const taken = new Set(trimmed);
  const assigned = new Set<string>();
  const changes: string[] = [];
  const names = trimmed.map((name, i) => {
    const base = name === '' ? `column_${i + 1}` : name;
    let final = base;
    if (name === '' ? taken.has(base) || assigned.has(base) : assigned.has(base)) {
      let k = 2;
      while (taken.has(`${base}_${k}`) || assigned.has(`${base}_${k}`)) k++;
      final = `${base}_${k}`;
    }
    assigned.add(final);
    if (name === '') changes.push(`column ${i + 1} had no name → "${final}"`);
    else if (final !== name) changes.push(`column ${i + 1} repeated "${name}" → "${final}"`);
    return final;
  });
  if (changes.length === 0) return { names };
  const shown = changes.slice(0, 10).join('; ') + (changes.length > 10 ? `; and ${changes.length - 10} more` : '');
  const message = `Renamed ${changes.length} ${changes.length === 1 ? 'column' : 'columns'} so that every column has a unique name: ${shown}.`;
  return { names, notice: { code: 'renamed-headers', message } };
}
