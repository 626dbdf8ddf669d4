'use client';
import * as Plot from '@observablehq/plot';
import { useCallback, useMemo } from 'react';
import { CHART_COLORS, PlotFigure, finite, formatValue } from './plot-figure';

export interface BestScoreChartProps {
  /** `[elapsedMs, bestScore]` each time the best validation score improved, in time order. */
  readonly points: readonly (readonly [number, number | null])[];
  /** The search metric's label ("ROC AUC"): the y axis. */
  readonly metricLabel: string;
  /** Time the search has run so far: the last best is drawn on to it while a search is live. */
  readonly elapsedMs?: number | undefined;
}

interface Point {
  readonly seconds: number;
  readonly score: number;
}

const HEIGHT = 220;

export function BestScoreChart({ points, metricLabel, elapsedMs }: BestScoreChartProps) {
  const data = useMemo<Point[]>(
    () =>
      points
        .flatMap(([ms, score]) => {
          const t = finite(ms);
          const s = finite(score);
          return t === undefined || s === undefined ? [] : [{ seconds: Math.max(0, t) / 1000, score: s }];
        })
        .sort((a, b) => a.seconds - b.seconds),
    [points],
  );
  const last = data.at(-1);
  const now = Math.max(last?.seconds ?? 0, (finite(elapsedMs) ?? 0) / 1000);

  const spec = useCallback((): Plot.PlotOptions => {
    // The step line runs on from the last improvement to now, so a live chart shows time passing.
    const line = last && now > last.seconds ? [...data, { seconds: now, score: last.score }] : data;
    const scores = data.map((p) => p.score);
    const low = Math.min(...scores);
    const high = Math.max(...scores);
    // One score (or one value) gives an empty domain; pad it so the point sits mid-chart.
    const pad = high > low ? 0 : Math.abs(high) * 0.05 || 0.05;
    return {
      marginLeft: 56,
      marginBottom: 40,
      marginRight: 16,
      // Insets keep the first and last dots whole instead of cut by the frame.
      x: { domain: [0, Math.max(now, 1)], label: 'Elapsed time (s)', labelAnchor: 'center', labelArrow: 'none', grid: true, ticks: 6, insetRight: 6 },
      y: { domain: [low - pad, high + pad], nice: true, insetTop: 6, insetBottom: 6, label: `Best ${metricLabel}`, labelAnchor: 'center', labelArrow: 'none', grid: true, ticks: 5 },
      marks: [
        Plot.line(line, { x: 'seconds', y: 'score', curve: 'step-after', stroke: CHART_COLORS.accent, strokeWidth: 2 }),
        Plot.dot(data, { x: 'seconds', y: 'score', r: 3, fill: CHART_COLORS.surface, stroke: CHART_COLORS.accent, strokeWidth: 1.5 }),
        Plot.tip(data, Plot.pointerX({ x: 'seconds', y: 'score', title: (p: Point) => `${formatValue(p.score)} ${metricLabel}\nafter ${p.seconds.toFixed(1)} s` })),
      ],
    };
  }, [data, last, now, metricLabel]);

  const headline = last ? `Best ${metricLabel} ${formatValue(last.score)} after ${last.seconds.toFixed(1)} s` : `No scored trial yet`;
  return (
    <PlotFigure
      title={`Best ${metricLabel} over time`}
      caption={headline}
      note="Each dot is a trial that beat every trial before it; the line holds the best validation score so far."
      ariaLabel={`Best validation ${metricLabel} over the search: ${headline.toLowerCase()}, ${data.length} improvements.`}
      spec={spec}
      height={HEIGHT}
      empty={data.length === 0 ? 'No scored trial yet: the best score appears here as trials finish.' : undefined}
      summary={<p>{`${headline}; ${data.length} improvements.`}</p>}
    />
  );
}
