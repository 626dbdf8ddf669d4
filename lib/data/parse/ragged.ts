/**
 * Rows with the wrong number of fields: skipped from the table, counted, and quoted in the result
 * so that the UI can ask the user to confirm skipping them.
 */
import type { Notice, RaggedRows } from '../types';
import { RAGGED_EXAMPLES } from './flags';

export class RaggedRowsTracker {
  private count = 0;
  private readonly examples: { row: number; fields: number }[] = [];

  constructor(private readonly expectedFields: number) {}

  /** Notes data row `row` (1-based) with `fields` fields. */
  add(row: number, fields: number): void {
    this.count++;
    if (this.examples.length < RAGGED_EXAMPLES) this.examples.push({ row, fields });
  }

  get any(): boolean {
    return this.count > 0;
  }

  /** The report for the result, or undefined when every row was fine. */
  result(): RaggedRows | undefined {
    if (this.count === 0) return undefined;
    return { count: this.count, examples: this.examples, expectedFields: this.expectedFields };
  }

  /** The most common field count among the examples: what the rows "really" have. */
  typicalFields(): number {
    const counts = new Map<number, number>();
    let best = 0;
    let bestCount = 0;
    for (const { fields } of this.examples) {
      const count = (counts.get(fields) ?? 0) + 1;
      counts.set(fields, count);
      if (count > bestCount) {
        best = fields;
        bestCount = count;
      }
    }
    return best;
  }
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** "2 rows have a different number of fields from the header (3) and were skipped: rows 2, 4." */
export function raggedNotice(ragged: RaggedRows, header = 'the header'): Notice {
  const { count, examples, expectedFields } = ragged;
  const rows = examples.map((x) => x.row).join(', ') + (count > examples.length ? ', …' : '');
  const one = count === 1;
  return {
    code: 'skipped-ragged-rows',
    message:
      `${count} ${one ? 'row has' : 'rows have'} a different number of fields from ${header} (${expectedFields}) ` +
      `and ${one ? 'was' : 'were'} skipped: ${one ? 'row' : 'rows'} ${rows}.`,
  };
}
