/**
 * Checks rows given at predict time against what the model was trained on, before any row is
 * predicted: missing columns and columns of the wrong type are errors that name the columns and
 * say what was expected; unseen categories and extra columns are notices, since the model still
 * answers (unseen values count as "other", extra columns are ignored).
 */
import type { Table } from '../../data/types';
import { InputMismatchError } from '../errors';
import { findColumn, readDates, readKeys, readNumbers } from './column-values';
import type { ColumnStep, PreprocessPlan } from './plan';

/** Above this share of unreadable values, a column is taken as the wrong type, not as a few typos. */
const MAX_UNREADABLE_SHARE = 0.5;

export function checkInput(plan: PreprocessPlan, table: Table): readonly string[] {
  const missing = plan.steps.filter((s) => !findColumn(table, s.column)).map((s) => s.column);
  if (missing.length > 0) {
    throw new InputMismatchError(
      `The data lacks ${missing.length === 1 ? 'a column' : `${missing.length} columns`} the model needs: ${quoteList(missing)}. Add ${missing.length === 1 ? 'it' : 'them'} (empty values are allowed) and try again.`,
      missing,
    );
  }
  const notices: string[] = [];
  const mistyped: { column: string; expected: string; example: string }[] = [];
  for (const step of plan.steps) {
    const raw = findColumn(table, step.column)!;
    const problem = checkStep(step, raw);
    if (problem?.kind === 'mistyped') mistyped.push({ column: step.column, expected: problem.expected, example: problem.example });
    else if (problem?.kind === 'notice') notices.push(problem.message);
  }
  if (mistyped.length > 0) {
    const detail = mistyped.map((m) => `"${m.column}" should hold ${m.expected} but holds values like "${m.example}"`).join('; ');
    throw new InputMismatchError(`Some columns do not hold what the model expects: ${detail}. Fix those values and try again.`, mistyped.map((m) => m.column));
  }
  const known = new Set([...plan.steps.map((s) => s.column), plan.label.column]);
  const extra = table.columns.map((c) => c.name).filter((n) => !known.has(n));
  if (extra.length > 0) notices.push(`Ignored ${extra.length === 1 ? 'a column' : `${extra.length} columns`} the model does not use: ${quoteList(extra)}.`);
  return notices;
}

type Problem = { kind: 'mistyped'; expected: string; example: string } | { kind: 'notice'; message: string };

function checkStep(step: ColumnStep, raw: NonNullable<ReturnType<typeof findColumn>>): Problem | undefined {
  switch (step.kind) {
    case 'numeric':
    case 'datetime': {
      if (raw.kind === 'number') {
        const message = infiniteNotice(step.column, raw.values);
        return message ? { kind: 'notice', message } : undefined;
      }
      const parsed = step.kind === 'numeric' ? readNumbers(raw) : readDates(raw);
      let present = 0;
      let unreadable = 0;
      let example = '';
      raw.codes.forEach((c, i) => {
        if (c < 0) return;
        present++;
        if (Number.isNaN(parsed[i]!)) {
          unreadable++;
          example ||= raw.dictionary[c] ?? '';
        }
      });
      if (unreadable === 0) return undefined;
      const expected = step.kind === 'numeric' ? 'numbers' : 'dates';
      if (unreadable > present * MAX_UNREADABLE_SHARE) return { kind: 'mistyped', expected, example };
      return { kind: 'notice', message: `"${step.column}": ${unreadable} value${unreadable === 1 ? '' : 's'} that are not ${expected} (like "${example}") were treated as missing.` };
    }
    case 'categorical': {
      const levels = new Set(step.levels);
      const { keys, codes } = readKeys(raw);
      const used = new Set<number>();
      for (const c of codes) if (c >= 0) used.add(c);
      const unseen = [...used].map((c) => keys[c]!).filter((k) => !levels.has(k));
      if (unseen.length === 0) return undefined;
      return {
        kind: 'notice',
        message: `"${step.column}" has ${unseen.length === 1 ? 'a value' : `${unseen.length} values`} the model never saw (${quoteList(unseen.slice(0, 5))}${unseen.length > 5 ? '…' : ''}): treated as an uncommon value.`,
      };
    }
    case 'text':
      return undefined;
  }
}

function quoteList(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(', ');
}

/**
 * A number column's values too large for a number (1e400 reads as ±Infinity): every learner treats
 * them as missing, and the user is told so.
 */
export function infiniteNotice(column: string, values: Float64Array): string | undefined {
  let count = 0;
  for (const v of values) if (v === Infinity || v === -Infinity) count++;
  if (count === 0) return undefined;
  return `"${column}": ${count} value${count === 1 ? ' is' : 's are'} too large to be a number (like 1e400) and ${count === 1 ? 'was' : 'were'} treated as missing.`;
}
