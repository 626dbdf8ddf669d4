/**
 * A seeded synthetic table for speed and scale tests: the ingest benchmark's 20-column CSV
 * (18 numeric columns mixing integers and floats, 2 categoricals of 10 levels, ~2% empty cells,
 * about 150 bytes a row). The same seed gives the same bytes everywhere.
 *
 * Plain TypeScript: no Node or DOM APIs, so tests, benchmarks and the app can all use it.
 */

/** mulberry32: a tiny, fast 32-bit PRNG; plenty for test data, not for anything secret. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Share of cells left empty, as in a real export with gaps. */
const EMPTY_SHARE = 0.02;
const NUMERIC_COLUMNS = 18;
const CAT_1 = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliett'];
const CAT_2 = ['red', 'orange', 'yellow', 'green', 'blue', 'indigo', 'violet', 'black', 'white', 'gray'];

interface NumericSpec {
  /** 0 for an integer column, else decimals written (1–4). */
  readonly decimals: number;
  readonly scale: number;
  readonly signed: boolean;
}

/** Every third column holds integers; the others floats with 1–4 decimals; some go negative. */
const SPECS: readonly NumericSpec[] = Array.from({ length: NUMERIC_COLUMNS }, (_, i) => ({
  decimals: i % 3 === 0 ? 0 : 1 + (i % 4),
  scale: [1000, 10000, 100000, 1000000][i % 4]!,
  signed: i % 5 === 2,
}));

export const SYNTH_HEADER = [
  ...SPECS.map((_, i) => `num_${i + 1}`),
  'cat_1',
  'cat_2',
].join(',');

/**
 * The benchmark CSV, header first, as text chunks of `chunkRows` rows (default 10,000) each
 * ending in a newline.
 *
 * @example
 * for (const chunk of generateCsvChunks({ rows: 1_000_000, seed: 1 })) out.write(chunk);
 */
export function* generateCsvChunks(opts: { rows: number; seed: number; chunkRows?: number }): Generator<string> {
  const random = mulberry32(opts.seed);
  const chunkRows = Math.max(1, opts.chunkRows ?? 10_000);
  const cell = (text: () => string): string => (random() < EMPTY_SHARE ? '' : text());
  let lines: string[] = [SYNTH_HEADER];
  for (let r = 0; r < opts.rows; r++) {
    const fields = SPECS.map((spec) =>
      cell(() => {
        const magnitude = random() * spec.scale;
        const value = spec.signed ? magnitude - spec.scale / 2 : magnitude;
        return spec.decimals === 0 ? String(Math.round(value)) : value.toFixed(spec.decimals);
      }),
    );
    // Skewed levels, as real categories are: the first few are the most frequent.
    fields.push(cell(() => CAT_1[Math.floor(random() * random() * CAT_1.length)]!));
    fields.push(cell(() => CAT_2[Math.floor(random() * CAT_2.length)]!));
    lines.push(fields.join(','));
    if (lines.length >= chunkRows) {
      yield lines.join('\n') + '\n';
      lines = [];
    }
  }
  if (lines.length > 0) yield lines.join('\n') + '\n';
}
