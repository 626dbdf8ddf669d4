'use client';
import * as Plot from '@observablehq/plot';
import { useCallback, useMemo } from 'react';
import type { RocCurve } from '@/lib/ml/evaluate';
import { CHART_COLORS, PlotFigure, finite, formatValue } from './plot-figure';

export interface RocChartProps {
  /** Absent when the held-out rows hold only one class: the chart then says so. */
  readonly roc?: RocCurve | undefined;
  /** The class whose probability is thresholded (class 1). */
  readonly positiveClass?: string | undefined;
}

interface Point {
  readonly fpr: number;
  readonly tpr: number;
  readonly threshold: number | null;
}

/** A square-ish plot reads as a ROC curve should; taller would stretch the diagonal. */
const HEIGHT = 300;

export function RocChart({ roc, positiveClass }: RocChartProps) {
  const points = useMemo<Point[]>(() => {
    if (!roc) return [];
    const out: Point[] = [];
    for (let i = 0; i < Math.min(roc.fpr.length, roc.tpr.length); i++) {
      const fpr = finite(roc.fpr[i]);
      const tpr = finite(roc.tpr[i]);
      if (fpr !== undefined && tpr !== undefined) out.push({ fpr, tpr, threshold: finite(roc.thresholds[i]) ?? null });
    }
    return out;
  }, [roc]);

  const spec = useCallback(
    (): Plot.PlotOptions => ({
      marginLeft: 48,
      marginBottom: 40,
      marginRight: 12,
      x: { domain: [0, 1], label: 'False positive rate', labelAnchor: 'center', labelArrow: 'none', grid: true, ticks: 5 },
      y: { domain: [0, 1], label: 'True positive rate', labelAnchor: 'center', labelArrow: 'none', grid: true, ticks: 5 },
      marks: [
        // The fill first, so that the chance diagonal stays visible through it.
        Plot.areaY(points, { x: 'fpr', y: 'tpr', fill: CHART_COLORS.soft, fillOpacity: 0.7 }),
        Plot.line(
          [
            [0, 0],
            [1, 1],
          ],
          { stroke: CHART_COLORS.reference, strokeDasharray: '4,4' },
        ),
        Plot.line(points, { x: 'fpr', y: 'tpr', stroke: CHART_COLORS.accent, strokeWidth: 2 }),
        Plot.tip(
          points,
          Plot.pointer({
            x: 'fpr',
            y: 'tpr',
            title: (p: Point) =>
              `Threshold ${p.threshold === null ? '(none)' : `≥ ${formatValue(p.threshold)}`}\nTrue positive rate ${formatValue(p.tpr)}\nFalse positive rate ${formatValue(p.fpr)}`,
          }),
        ),
      ],
    }),
    [points],
  );

  const auc = finite(roc?.auc);
  const of = positiveClass ? ` for “${positiveClass}”` : '';
  const aucText = auc === undefined ? 'AUC could not be computed' : `AUC ${formatValue(auc)}`;
  return (
    <PlotFigure
      title="ROC curve"
      caption={`${aucText}${of}`}
      note="Each point is a threshold on the predicted probability. AUC is the chance that a random positive row scores above a random negative one; the dashed diagonal is guessing (0.5)."
      ariaLabel={`ROC curve${of}, ${aucText}.`}
      spec={spec}
      height={HEIGHT}
      legend={[
        { label: 'Model', color: CHART_COLORS.accent },
        { label: 'Chance', color: CHART_COLORS.reference, dashed: true },
      ]}
      summary={<p>{`${aucText}. The curve has ${points.length} points from (0, 0) to (1, 1).`}</p>}
      empty={points.length < 2 ? 'No ROC curve: it needs both classes among the held-out rows.' : undefined}
    />
  );
}
