'use client';
import * as Plot from '@observablehq/plot';
import { useCallback, useMemo } from 'react';
import { CHART_COLORS, PlotFigure, formatValue } from './plot-figure';

export interface SweepChartProps {
  readonly param: string;
  readonly metricLabel: string;
  readonly higherIsBetter: boolean;
  /** Every completed run: its value of `param` and its score. */
  readonly runs: readonly { readonly x: number | string; readonly score: number }[];
}

interface Mean {
  readonly x: number | string;
  readonly mean: number;
  readonly low: number;
  readonly high: number;
  readonly n: number;
}

const HEIGHT = 260;

/** A sweep's metric against one param: each run a dot, the mean over runs a line with ± one standard deviation. */
export function SweepChart({ param, metricLabel, higherIsBetter, runs }: SweepChartProps) {
  const numeric = runs.every((r) => typeof r.x === 'number');
  const means = useMemo<Mean[]>(() => {
    const groups = new Map<string, { x: number | string; scores: number[] }>();
    for (const r of runs) {
      const key = `${typeof r.x}:${r.x}`;
      const g = groups.get(key) ?? { x: r.x, scores: [] };
      g.scores.push(r.score);
      groups.set(key, g);
    }
    return [...groups.values()]
      .map(({ x, scores }) => {
        const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
        const std = scores.length > 1 ? Math.sqrt(scores.reduce((a, s) => a + (s - mean) ** 2, 0) / (scores.length - 1)) : 0;
        return { x, mean, low: mean - std, high: mean + std, n: scores.length };
      })
      .sort((a, b) => (typeof a.x === 'number' && typeof b.x === 'number' ? a.x - b.x : String(a.x).localeCompare(String(b.x))));
  }, [runs]);
  const best = means.reduce<Mean | undefined>((b, m) => (!b || (higherIsBetter ? m.mean > b.mean : m.mean < b.mean) ? m : b), undefined);

  const spec = useCallback(
    (): Plot.PlotOptions => ({
      marginLeft: 56,
      marginBottom: 40,
      marginRight: 16,
      x: numeric
        ? { label: param, labelAnchor: 'center', labelArrow: 'none', grid: true, insetLeft: 16, insetRight: 16, ...(means.length <= 8 ? { ticks: means.map((m) => Number(m.x)) } : { ticks: 8 }), ...(runs.every((r) => Number.isInteger(r.x)) ? { tickFormat: 'd' } : {}) }
        : { type: 'point', label: param, labelAnchor: 'center', labelArrow: 'none', padding: 0.5 },
      y: { label: metricLabel, labelAnchor: 'center', labelArrow: 'none', grid: true, nice: true, ticks: 5, insetTop: 6, insetBottom: 6 },
      marks: [
        Plot.dot(runs, { x: 'x', y: 'score', r: 2.5, fill: CHART_COLORS.point, fillOpacity: 0.45 }),
        Plot.ruleX(means, { x: 'x', y1: 'low', y2: 'high', stroke: CHART_COLORS.accent, strokeWidth: 1.5 }),
        Plot.line(means, { x: 'x', y: 'mean', stroke: CHART_COLORS.accent, strokeWidth: 2 }),
        Plot.dot(means, { x: 'x', y: 'mean', r: 4, fill: CHART_COLORS.surface, stroke: CHART_COLORS.accent, strokeWidth: 2 }),
        Plot.tip(means, Plot.pointerX({ x: 'x', y: 'mean', title: (m: Mean) => `${param} = ${String(m.x)}\nmean ${formatValue(m.mean)} (${m.n} runs)\n± ${formatValue(m.high - m.mean)}` })),
      ],
    }),
    [runs, means, numeric, param, metricLabel],
  );
  const headline = best ? `Best mean ${metricLabel} ${formatValue(best.mean)} at ${param} = ${String(best.x)}` : 'No completed run yet';
  return (
    <PlotFigure
      title={`${metricLabel} against ${param}`}
      caption={headline}
      note={`Each small dot is a run; the line joins the means over seeds and the other params, with ± one standard deviation. ${higherIsBetter ? 'Higher' : 'Lower'} is better.`}
      ariaLabel={`Held-out ${metricLabel} by ${param}: ${headline.toLowerCase()}, ${runs.length} runs.`}
      spec={spec}
      height={HEIGHT}
      empty={runs.length === 0 ? 'No completed run yet: the chart fills in as runs finish.' : undefined}
      summary={<p>{means.map((m) => `${param} ${String(m.x)}: mean ${formatValue(m.mean)} over ${m.n}`).join('; ')}</p>}
    />
  );
}
