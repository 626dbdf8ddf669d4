'use client';
import { useMemo, useState } from 'react';
import { aggregateRuns } from '@/lib/experiments/aggregate-runs';
import { METRICS, type MetricName } from '@/lib/ml/metrics/registry';
import type { ShownRun } from '@/lib/react/use-sweep-cell';
import { SweepChart } from '@/components/charts';
import { formatMetric } from '@/components/train/metrics-table';

interface SweepResultsProps {
  readonly runs: readonly ShownRun[];
  readonly metric: MetricName;
}

/** The sweep's runs aggregated over seeds (mean ± std), grouped by the params chosen, and the metric against one param. */
export function SweepResults({ runs, metric }: SweepResultsProps) {
  const params = useMemo(() => {
    const values = new Map<string, Set<string>>();
    for (const r of runs) for (const [k, v] of Object.entries(r.params)) values.set(k, (values.get(k) ?? new Set()).add(String(v)));
    const all = [...values.keys()].sort();
    return { all, varying: all.filter((k) => (values.get(k)?.size ?? 0) > 1) };
  }, [runs]);
  const [groupBy, setGroupBy] = useState<readonly string[] | null>(null);
  const grouping = groupBy ?? params.varying;
  const [chartParam, setChartParam] = useState<string | null>(null);
  const plotted = chartParam && params.all.includes(chartParam) ? chartParam : (params.varying[0] ?? params.all[0]);
  const scored = runs.map((r) => ({ params: r.params, seed: r.seed, score: r.score, status: r.shownStatus }));
  // In the order of their values (runs are stored by id, which is a hash).
  const groups = aggregateRuns(scored, grouping).sort((a, b) => {
    for (const p of grouping) {
      const x = a.key[p] ?? null;
      const y = b.key[p] ?? null;
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      if (c !== 0) return c;
    }
    return 0;
  });
  const higher = METRICS[metric].higherIsBetter;
  const bestMean = groups.reduce<number | null>((b, g) => (g.mean === null ? b : b === null || (higher ? g.mean > b : g.mean < b) ? g.mean : b), null);
  // Memoized on the runs: the chart redraws when they change, not on every progress render.
  const chartRuns = useMemo(
    () => runs.flatMap((r) => (r.shownStatus === 'completed' && r.score !== null && plotted !== undefined && r.params[plotted] !== undefined ? [{ x: asAxis(r.params[plotted]!), score: r.score }] : [])),
    [runs, plotted],
  );
  return (
    <section aria-label="Sweep results" className="stack">
      <div className="row small">
        <span className="muted">Group by</span>
        {params.all.map((p) => (
          <label key={p} className="check">
            <input type="checkbox" checked={grouping.includes(p)} onChange={(e) => setGroupBy(e.target.checked ? [...grouping, p] : grouping.filter((g) => g !== p))} /> {p}
          </label>
        ))}
      </div>
      <table className="metrics sweep-table" aria-label="Sweep results by params">
        <thead>
          <tr>
            {grouping.map((p) => (
              <th key={p} scope="col">
                {p}
              </th>
            ))}
            <th scope="col" className="num">
              {METRICS[metric].label} (mean ± std)
            </th>
            <th scope="col" className="num">
              Runs
            </th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={JSON.stringify(g.key)} className={g.mean !== null && g.mean === bestMean ? 'chosen' : undefined}>
              {grouping.map((p) => (
                <td key={p}>{g.key[p] === null ? '–' : String(g.key[p])}</td>
              ))}
              <td className="num">
                {formatMetric(g.mean)}
                {g.std !== null && g.n > 1 ? ` ± ${g.std.toFixed(4)}` : ''}
              </td>
              <td className="num">
                {g.n} of {g.total}
                {g.failed > 0 ? ` (${g.failed} failed)` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {params.all.length > 0 && (
        <label className="row small">
          Plot against
          <select aria-label="Plot against param" value={plotted ?? ''} onChange={(e) => setChartParam(e.target.value)}>
            {params.all.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
      )}
      {plotted && <SweepChart param={plotted} metricLabel={METRICS[metric].label} higherIsBetter={higher} runs={chartRuns} />}
    </section>
  );
}

/** Booleans on an axis read as their words. */
function asAxis(v: number | string | boolean): number | string {
  return typeof v === 'boolean' ? String(v) : v;
}
