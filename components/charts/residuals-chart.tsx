'use client';
import * as Plot from '@observablehq/plot';
import { useCallback, useMemo } from 'react';
import type { Residuals } from '@/lib/ml/evaluate';
import { CHART_COLORS, ChartFrame, PlotMount, finite, formatValue } from './plot-figure';

export interface ResidualsChartProps {
  readonly residuals?: Residuals | undefined;
  /** The label column's name, for the axes ("Predicted price"); "value" when not given. */
  readonly targetLabel?: string | undefined;
  /** What the scored rows are called ("held-out rows" by default). */
  readonly rowsName?: string;
}

interface Point {
  readonly predicted: number;
  readonly actual: number;
  readonly residual: number;
}

const HEIGHT = 260;
/** Thousands of points overlap: translucent dots show where they crowd. */
const DOT_OPACITY = 0.45;

export function ResidualsChart({ residuals, targetLabel, rowsName = 'held-out rows' }: ResidualsChartProps) {
  const points = useMemo<Point[]>(() => {
    if (!residuals) return [];
    const out: Point[] = [];
    for (let i = 0; i < Math.min(residuals.predicted.length, residuals.residual.length); i++) {
      const predicted = finite(residuals.predicted[i]);
      const residual = finite(residuals.residual[i]);
      // Residual = actual − predicted, so the actual value is recovered from the two.
      if (predicted !== undefined && residual !== undefined) out.push({ predicted, residual, actual: predicted + residual });
    }
    return out;
  }, [residuals]);

  const what = targetLabel ?? 'value';
  const dotRadius = points.length > 500 ? 1.8 : 2.6;
  // One domain for both axes of the first plot, so y = x is the 45° diagonal.
  const extent = useMemo<[number, number]>(() => {
    let min = Infinity;
    let max = -Infinity;
    for (const p of points) {
      min = Math.min(min, p.predicted, p.actual);
      max = Math.max(max, p.predicted, p.actual);
    }
    if (!Number.isFinite(min)) return [0, 1];
    const pad = (max - min) * 0.03 || Math.abs(min) * 0.05 || 1;
    return [min - pad, max + pad];
  }, [points]);

  const actualSpec = useCallback(
    (): Plot.PlotOptions => ({
      marginLeft: 56,
      marginBottom: 40,
      marginRight: 12,
      x: { domain: extent, label: `Predicted ${what}`, labelAnchor: 'center', labelArrow: 'none', grid: true, ticks: 5 },
      y: { domain: extent, label: `Actual ${what}`, labelAnchor: 'center', labelArrow: 'none', grid: true, ticks: 5 },
      marks: [
        Plot.line(extent.map((v) => [v, v]), { stroke: CHART_COLORS.reference, strokeDasharray: '4,4' }),
        Plot.dot(points, { x: 'predicted', y: 'actual', r: dotRadius, fill: CHART_COLORS.point, fillOpacity: DOT_OPACITY }),
        Plot.tip(points, Plot.pointer({ x: 'predicted', y: 'actual', title: (p: Point) => `Predicted ${formatValue(p.predicted)}\nActual ${formatValue(p.actual)}` })),
      ],
    }),
    [points, extent, what, dotRadius],
  );

  const residualSpec = useCallback(
    (): Plot.PlotOptions => ({
      marginLeft: 56,
      marginBottom: 40,
      marginRight: 12,
      x: { domain: extent, label: `Predicted ${what}`, labelAnchor: 'center', labelArrow: 'none', grid: true, ticks: 5 },
      // Insets keep the outermost dots whole instead of cut by the frame.
      y: { label: 'Residual (actual − predicted)', labelAnchor: 'center', labelArrow: 'none', grid: true, nice: true, ticks: 5, insetTop: 4, insetBottom: 4 },
      marks: [
        Plot.ruleY([0], { stroke: CHART_COLORS.reference, strokeDasharray: '4,4' }),
        Plot.dot(points, { x: 'predicted', y: 'residual', r: dotRadius, fill: CHART_COLORS.point, fillOpacity: DOT_OPACITY }),
        Plot.tip(points, Plot.pointer({ x: 'predicted', y: 'residual', title: (p: Point) => `Predicted ${formatValue(p.predicted)}\nResidual ${formatValue(p.residual)}` })),
      ],
    }),
    [points, extent, what, dotRadius],
  );

  const skipped = residuals?.skipped ?? 0;
  const shown = `${points.length.toLocaleString('en')} ${rowsName}${skipped > 0 ? ` (${skipped.toLocaleString('en')} left out: a value was not finite)` : ''}`;
  const spread = rootMeanSquare(points.map((p) => p.residual));
  if (points.length === 0) {
    return (
      <ChartFrame title="Predictions and residuals" className="chart-wide">
        <p className="chart-empty">No residuals to draw: none of the {rowsName} had a finite prediction and target.</p>
      </ChartFrame>
    );
  }
  return (
    <ChartFrame
      title="Predictions and residuals"
      caption={`Root mean square residual ${formatValue(spread)} on ${shown}`}
      note="In the first plot, points on the dashed diagonal are exact predictions. In the second, residual = actual − predicted: a curve or a funnel around the dashed zero line means the model misses something systematic."
      className="chart-wide"
    >
      <div className="chart-pair">
        <PlotMount spec={actualSpec} height={HEIGHT} ariaLabel={`Actual against predicted ${what} for ${points.length} ${rowsName}, with the line y = x.`} />
        <PlotMount spec={residualSpec} height={HEIGHT} ariaLabel={`Residuals against predicted ${what}, with the zero line; root mean square residual ${formatValue(spread)}.`} />
      </div>
    </ChartFrame>
  );
}

function rootMeanSquare(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return Math.sqrt(values.reduce((sum, v) => sum + v * v, 0) / values.length);
}
