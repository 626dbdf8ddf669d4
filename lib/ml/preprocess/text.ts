/**
 * Text columns as features: lower-cased word tokens, the most frequent terms of the training rows,
 * TF-IDF weights (sublinear tf, smoothed idf) normalized per row, so that a review or a title can
 * drive a model the way single words drive sentiment.
 */
import { MAX_TEXT_TERMS, MIN_TERM_DOCUMENTS } from '../flags';

const TOKEN = /[\p{L}\p{N}]+/gu;

export function tokenize(text: string): string[] {
  return text.toLowerCase().match(TOKEN) ?? [];
}

/** Terms and their idf from the training texts. */
export function fitTerms(texts: readonly string[]): { terms: string[]; idf: number[] } {
  const documents = new Map<string, number>();
  for (const text of texts) {
    for (const term of new Set(tokenize(text))) documents.set(term, (documents.get(term) ?? 0) + 1);
  }
  const kept = [...documents]
    .filter(([, n]) => n >= MIN_TERM_DOCUMENTS && n < texts.length)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_TEXT_TERMS);
  const n = texts.length;
  return { terms: kept.map(([t]) => t), idf: kept.map(([, df]) => Math.log((1 + n) / (1 + df)) + 1) };
}

/** Writes the row's TF-IDF vector into out[offset…offset + terms.length). */
export function writeTfidf(text: string, index: ReadonlyMap<string, number>, idf: readonly number[], out: Float32Array, offset: number): void {
  const counts = new Map<number, number>();
  for (const token of tokenize(text)) {
    const t = index.get(token);
    if (t !== undefined) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  let norm = 0;
  for (const [t, count] of counts) {
    const w = (1 + Math.log(count)) * idf[t]!;
    counts.set(t, w);
    norm += w * w;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (const [t, w] of counts) out[offset + t] = w * scale;
}
