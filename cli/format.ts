/** Plain-text tables for the terminal. */
import type { Evaluation } from '../lib/ml/evaluate';
import { METRICS, metricsForTask } from '../lib/ml/metrics';
import type { TrialRecord } from '../lib/ml/search/run';
import type { MetricName } from '../lib/ml/metrics';

export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function formatNumber(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e5 || a < 1e-3) ? v.toExponential(3) : v.toFixed(4).replace(/\.?0+$/, '') || '0';
}

export function leaderboardText(trials: readonly TrialRecord[], metric: MetricName, limit = 15): string {
  const better = METRICS[metric].higherIsBetter ? -1 : 1;
  const sorted = [...trials].sort((a, b) => {
    if (a.score === null || b.score === null) return a.score === null ? (b.score === null ? a.index - b.index : 1) : -1;
    return better * (a.score - b.score) || a.index - b.index;
  });
  const rows = sorted.slice(0, limit).map((t, rank) => [
    String(rank + 1),
    `#${t.index}`,
    t.learner,
    formatNumber(t.score),
    `${(t.fitMs / 1000).toFixed(1)} s`,
    t.status === 'completed' ? '' : t.status === 'cut' ? 'cut by the time budget' : `failed: ${t.error ?? ''}`.slice(0, 60),
    paramsText(t.params),
  ]);
  const more = sorted.length > limit ? `\n… and ${sorted.length - limit} more trials` : '';
  return textTable(['rank', 'trial', 'learner', METRICS[metric].label, 'fit', 'note', 'params'], rows) + more;
}

function paramsText(params: Readonly<Record<string, unknown>>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? formatNumber(v) : String(v)}`)
    .join(' ');
}

export function metricsText(evaluation: Evaluation, heading = 'held-out'): string {
  const rows = metricsForTask(evaluation.task).map((m) => [METRICS[m].label, formatNumber(evaluation.metrics[m])]);
  return textTable(['metric', `${heading} (${evaluation.rows} rows)`], rows);
}

/** Classes past which the confusion matrix is not printed. */
const MAX_PRINTED_CLASSES = 20;

export function confusionText(evaluation: Evaluation): string | undefined {
  const { confusion, classes } = evaluation;
  if (!confusion || !classes) return undefined;
  // Past a screen's width a matrix is noise on a terminal; the --json report keeps it whole.
  if (classes.length > MAX_PRINTED_CLASSES) return `Confusion matrix: ${classes.length} classes, too many to print (the --json report holds it).`;
  return textTable(['true \\ predicted', ...classes], confusion.map((row, i) => [classes[i] ?? String(i), ...row.map(String)]));
}

export function importanceText(evaluation: Evaluation, limit = 10): string {
  const rows = evaluation.importance.slice(0, limit).map((e) => [e.name, formatNumber(e.mean), formatNumber(e.std)]);
  return textTable(['feature', 'importance', '± std'], rows);
}
