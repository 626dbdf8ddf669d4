/**
 * Experiment names. Numbers are given in one browser's transaction, so two collaborators who
 * start experiments offline can both make `exp-007`. Both records stay (their ids differ); the
 * one started first keeps the plain name and the others get a letter: `exp-007-b`, `exp-007-c`.
 */

export function experimentName(number: number): string {
  return `exp-${String(number).padStart(3, '0')}`;
}

interface Named {
  readonly id: string;
  readonly number: number;
  readonly startedAt: number;
}

/** The display name of each record, by id (ties in start time go by id, the same everywhere). */
export function experimentDisplayNames(records: readonly Named[]): Map<string, string> {
  const byNumber = new Map<number, Named[]>();
  for (const r of records) byNumber.set(r.number, [...(byNumber.get(r.number) ?? []), r]);
  const names = new Map<string, string>();
  for (const [number, group] of byNumber) {
    group.sort((a, b) => a.startedAt - b.startedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    group.forEach((r, i) => names.set(r.id, i === 0 ? experimentName(number) : `${experimentName(number)}-${suffix(i)}`));
  }
  return names;
}

/** 1 → b, 2 → c, … 25 → z, 26 → ba: letters after the plain name's implicit "a". */
function suffix(i: number): string {
  let n = i;
  let out = '';
  do {
    out = String.fromCharCode(97 + (n % 26)) + out;
    n = Math.floor(n / 26);
  } while (n > 0);
  return out;
}
