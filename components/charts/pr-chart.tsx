'use client';
import * as Plot from '@observablehq/plot';
import { useCallback, useMemo } from 'react';
import type { PrCurve } from '@/lib/ml/evaluate';
import { CHART_COLORS, PlotFigure, finite, formatValue } from './plot-figure';

export interface PrChartProps {
  /** Absent when the held-out rows hold no positive row: the chart then says so. */
  readonly pr?: PrCurve | undefined;
  /** The class whose probability is thresholded (class 1). */
  readonly positiveClass?: string | undefined;
  /**
   * Share of positive rows: the precision of guessing. Defaults to the curve's last point, where
   * every row is called positive and precision is exactly that share.
   */
  readonly baseRate?: number | null | undefined;
}

interface Point {
  readonly recall: number;
  readonly precision: number;
  readonly threshold: number | null;
}

const HEIGHT = 300;

export function PrChart({ pr, positiveClass, baseRate }: PrChartProps) {
  const points = useMemo<Point[]>(() => {
    if (!pr) return [];
    const out: Point[] = [];
    for (let i = 0; i < Math.min(pr.recall.length, pr.precision.length); i++) {
      const recall = finite(pr.recall[i]);
      const precision = finite(pr.precision[i]);
      if (recall !== undefined && precision !== undefined) out.push({ recall, precision, threshold: finite(pr.thresholds[i]) ?? null });
    }
    return out;
  }, [pr]);
  const base = finite(baseRate) ?? points.at(-1)?.precision;

  const spec = useCallback(
    (): Plot.PlotOptions => ({
      marginLeft: 48,
      marginBottom: 40,
      marginRight: 12,
      x: { domain: [0, 1], label: 'Recall', labelAnchor: 'center', labelArrow: 'none', grid: true, ticks: 5 },
      y: { domain: [0, 1], label: 'Precision', labelAnchor: 'center', labelArrow: 'none', grid: true, ticks: 5 },
      marks: [
        // step-before: average precision weighs each recall step by the precision at its end.
        Plot.areaY(points, { x: 'recall', y: 'precision', curve: 'step-before', fill: CHART_COLORS.soft, fillOpacity: 0.7 }),
        base === undefined ? null : Plot.ruleY([base], { stroke: CHART_COLORS.reference, strokeDasharray: '4,4' }),
        Plot.line(points, { x: 'recall', y: 'precision', curve: 'step-before', stroke: CHART_COLORS.accent, strokeWidth: 2 }),
        Plot.tip(
          points,
          Plot.pointer({
            x: 'recall',
            y: 'precision',
            title: (p: Point) =>
              `Threshold ${p.threshold === null ? '(none)' : `≥ ${formatValue(p.threshold)}`}\nPrecision ${formatValue(p.precision)}\nRecall ${formatValue(p.recall)}`,
          }),
        ),
      ],
    }),
    [points, base],
  );

  const ap = finite(pr?.averagePrecision);
  const of = positiveClass ? ` for “${positiveClass}”` : '';
  const apText = ap === undefined ? 'Average precision could not be computed' : `Average precision ${formatValue(ap)}`;
  const baseText = base === undefined ? '' : ` The dashed line is the positive rate (${formatValue(base)}), the precision of guessing.`;
  return (
    <PlotFigure
      title="Precision–recall curve"
      caption={`${apText}${of}`}
      note={`Each point is a threshold: the share of flagged rows that are positive (precision) against the share of positives found (recall).${baseText}`}
      ariaLabel={`Precision–recall curve${of}, ${apText.toLowerCase()}.`}
      spec={spec}
      height={HEIGHT}
      legend={[
        { label: 'Model', color: CHART_COLORS.accent },
        ...(base === undefined ? [] : [{ label: `Positive rate (${formatValue(base)})`, color: CHART_COLORS.reference, dashed: true }]),
      ]}
      summary={<p>{`${apText}.${baseText} The curve has ${points.length} points.`}</p>}
      empty={points.length < 2 ? 'No precision–recall curve: it needs positive rows among the held-out rows.' : undefined}
    />
  );
}
