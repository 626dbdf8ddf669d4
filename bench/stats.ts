/** What the benchmarks share to read their options and summarize their runs. */

/** `--name <positive number>` from the command line, else `fallback`. */
export function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** The middle value (the upper one of an even count); NaN for none. */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;

export const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;
