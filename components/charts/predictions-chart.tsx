'use client';
import * as Plot from '@observablehq/plot';
import { useCallback } from 'react';
import type { PredictionSummary } from '@/lib/jobs/predict-protocol';
import { CHART_COLORS, PlotFigure, formatValue } from './plot-figure';

export interface PredictionsChartProps {
  readonly summary: PredictionSummary;
  /** The label's name: "Predicted Species". */
  readonly label: string;
}

const BAR_HEIGHT = 26;

/** What the model predicted over all rows: rows per class, or the predicted values' histogram. */
export function PredictionsChart({ summary, label }: PredictionsChartProps) {
  const total = summary.task === 'regression' ? summary.histogram.counts.reduce((a, b) => a + b, 0) : summary.classes.reduce((n, c) => n + c.count, 0);
  const spec = useCallback((): Plot.PlotOptions => {
    if (summary.task !== 'regression') {
      return {
        marginLeft: 110,
        marginRight: 48,
        x: { label: 'Rows', labelAnchor: 'center', labelArrow: 'none', grid: true, nice: true },
        y: { label: null, domain: summary.classes.map((c) => c.name) },
        marks: [
          Plot.barX(summary.classes, { x: 'count', y: 'name', fill: CHART_COLORS.point }),
          Plot.text(summary.classes, { x: 'count', y: 'name', text: (c: { count: number }) => share(c.count, total), textAnchor: 'start', dx: 4, fill: CHART_COLORS.muted }),
          Plot.ruleX([0], { stroke: CHART_COLORS.reference }),
        ],
      };
    }
    const { edges, counts } = summary.histogram;
    const bins = counts.map((count, i) => ({ x1: edges[i]!, x2: edges[i + 1]!, count }));
    return {
      marginLeft: 56,
      marginBottom: 40,
      x: { label: `Predicted ${label}`, labelAnchor: 'center', labelArrow: 'none', grid: true },
      y: { label: 'Rows', labelAnchor: 'center', labelArrow: 'none', grid: true, nice: true },
      marks: [Plot.rectY(bins, { x1: 'x1', x2: 'x2', y: 'count', fill: CHART_COLORS.point, inset: 0.5 }), Plot.ruleY([0], { stroke: CHART_COLORS.reference })],
    };
  }, [summary, total, label]);

  if (total === 0) return <PlotFigure title={`Predicted ${label}`} ariaLabel="" spec={spec} height={120} empty="No rows were predicted." />;
  if (summary.task !== 'regression') {
    const top = summary.classes.reduce((a, b) => (b.count > a.count ? b : a));
    return (
      <PlotFigure
        title={`Predicted ${label}`}
        caption={`Most rows: ${top.name} (${share(top.count, total)} of ${total.toLocaleString('en')})`}
        ariaLabel={`Rows per predicted class: ${summary.classes.map((c) => `${c.name} ${c.count}`).join(', ')}.`}
        note="Each bar counts the rows whose most probable class it is."
        spec={spec}
        height={Math.max(90, 40 + summary.classes.length * BAR_HEIGHT)}
      />
    );
  }
  return (
    <PlotFigure
      title={`Predicted ${label}`}
      caption={`Mean ${formatValue(summary.mean)} over ${total.toLocaleString('en')} rows`}
      ariaLabel={`Histogram of the predicted ${label} over ${total} rows, mean ${formatValue(summary.mean)}.`}
      note="How the predicted values spread: the height of each bar is the number of rows in its range."
      spec={spec}
      height={220}
    />
  );
}

function share(count: number, total: number): string {
  return total > 0 ? `${((100 * count) / total).toFixed(count === total || count === 0 ? 0 : 1)}%` : '';
}
