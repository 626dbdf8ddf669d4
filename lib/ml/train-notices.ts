/**
 * What a training run tells the user about its input, beside the results: rows left out for their
 * label, columns left out (by the analysis, as copies of the label, or by preprocessing), and
 * numbers too large to read. Also finds the columns that copy the label, which training leaves out.
 */
import { countCodes, parseNumberText } from '../data/infer';
import type { ColumnSchema, RawColumn, StringColumn, Table } from '../data/types';
import { infiniteNotice, type EncodedLabel, type PreprocessPlan } from './preprocess';

/** The notes on columns, once preprocessing is fitted (`skipped`: what it could not use, and why). */
export function columnNotices(
  table: Table,
  schema: readonly ColumnSchema[],
  labelName: string,
  copies: readonly string[],
  skipped: readonly { readonly column: string; readonly reason: string }[],
  plan: PreprocessPlan,
): string[] {
  const notices: string[] = [];
  for (const name of copies) notices.push(`"${name}" holds the same values as the label "${labelName}", so it is left out: a model would only learn to copy it.`);
  // Columns the analysis left out on its own (ids, constants, empty ones): the user hears why.
  for (const col of schema) if (!col.included && col.type === col.inferredType && col.name !== labelName && (col.type === 'id' || col.type === 'constant')) notices.push(col.reason);
  for (const s of skipped) notices.push(`"${s.column}" was not used: ${s.reason}.`);
  for (const step of plan.steps) {
    const raw = table.columns.find((c) => c.name === step.column);
    const numeric = step.kind === 'numeric' || step.kind === 'datetime';
    const notice = raw?.kind === 'number' && numeric ? infiniteNotice(step.column, raw.values) : raw?.kind === 'string' && step.kind === 'numeric' ? unreadNumbersNotice(step.column, raw) : undefined;
    if (notice) notices.push(notice);
  }
  return notices;
}

/** A number column read from text ("12", "Infinity", "n.a."): the values that are not finite numbers, which count as missing. */
function unreadNumbersNotice(column: string, raw: StringColumn): string | undefined {
  const { counts } = countCodes(raw);
  let rows = 0;
  let example: string | undefined;
  for (let code = 0; code < counts.length; code++) {
    const n = counts[code] ?? 0;
    const text = raw.dictionary[code] ?? '';
    if (n === 0 || !Number.isNaN(parseNumberText(text))) continue;
    rows += n;
    example ??= text;
  }
  if (rows === 0) return undefined;
  return `"${column}": ${rows} value${rows === 1 ? ' is' : 's are'} not a finite number (like "${example}") and ${rows === 1 ? 'was' : 'were'} treated as missing.`;
}

/**
 * Included columns that repeat the label row for row (a duplicated column, the label under
 * another name): training on one gives a perfect score that says nothing about new rows.
 */
export function labelCopies(table: Table, schema: readonly ColumnSchema[], labelName: string): string[] {
  const label = table.columns.find((c) => c.name === labelName);
  if (!label) return [];
  // Row by row, stopping at the first difference: most columns differ in their first rows.
  const same = (column: RawColumn): boolean => {
    for (let r = 0; r < table.rowCount; r++) if (cellText(label, r) !== cellText(column, r)) return false;
    return true;
  };
  return schema.filter((c) => c.included && c.name !== labelName).flatMap((c) => {
    const column = table.columns.find((x) => x.name === c.name);
    return column && same(column) ? [c.name] : [];
  });
}

/** A cell as it would print, undefined when missing: 5 and "5" are the same value. */
function cellText(column: RawColumn, row: number): string | undefined {
  if (column.kind === 'number') {
    const v = column.values[row]!;
    return Number.isNaN(v) ? undefined : String(v);
  }
  const code = column.codes[row]!;
  return code < 0 ? undefined : column.dictionary[code];
}

/** Rows left out for their label: empty ones, and (regression) ones whose label is not a number. */
export function unlabelledNotices(table: Table, label: EncodedLabel): string[] {
  const column = label.encoding.column;
  const raw = table.columns.find((c) => c.name === column);
  let empty = 0;
  let unreadable = 0;
  let example = '';
  for (let r = 0; r < table.rowCount; r++) {
    if (!Number.isNaN(label.y[r]!)) continue;
    if (raw?.kind === 'string' && raw.codes[r]! >= 0) {
      unreadable++;
      example ||= raw.dictionary[raw.codes[r]!] ?? '';
    } else empty++;
  }
  const rows = (n: number) => `${n} row${n === 1 ? '' : 's'}`;
  return [
    ...(empty > 0 ? [`${rows(empty)} without a value for "${column}" ${empty === 1 ? 'was' : 'were'} left out.`] : []),
    ...(unreadable > 0 ? [`${rows(unreadable)} whose "${column}" is not a number (like "${example}") ${unreadable === 1 ? 'was' : 'were'} left out.`] : []),
  ];
}
