'use client';
import * as Plot from '@observablehq/plot';
import { useCallback, useMemo } from 'react';
import { CHART_COLORS, PlotFigure, SERIES_COLORS, finite, formatValue, type LegendItem } from './plot-figure';

export interface CompareCurvesChartProps {
  readonly title: string;
  readonly caption: string;
  readonly note: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** One line per experiment: points [x, y] in x order. */
  readonly series: readonly { readonly name: string; readonly points: readonly (readonly [number, number])[] }[];
  /** Step lines (a best-so-far score) rather than straight segments (a ROC curve). */
  readonly step?: boolean;
  /** A dashed y = x line (ROC: chance). */
  readonly diagonal?: boolean;
}

interface Point {
  readonly name: string;
  readonly x: number;
  readonly y: number;
}

const HEIGHT = 260;

/** Several experiments' curves on one set of axes, one colour each (the compare view). */
export function CompareCurvesChart({ title, caption, note, xLabel, yLabel, series, step = false, diagonal = false }: CompareCurvesChartProps) {
  const names = useMemo(() => series.map((s) => s.name), [series]);
  const colors = names.map((_, i) => SERIES_COLORS[i % SERIES_COLORS.length] ?? CHART_COLORS.accent);
  const data = useMemo<Point[]>(
    () =>
      series.flatMap((s) =>
        s.points.flatMap(([px, py]) => {
          const x = finite(px);
          const y = finite(py);
          return x === undefined || y === undefined ? [] : [{ name: s.name, x, y }];
        }),
      ),
    [series],
  );
  const spec = useCallback(
    (): Plot.PlotOptions => ({
      marginLeft: 56,
      marginBottom: 40,
      marginRight: 16,
      // From zero: curves over time or rates start there, and a trimmed axis exaggerates small gaps.
      x: { domain: [0, Math.max(diagonal ? 1 : 0, ...data.map((p) => p.x))], label: xLabel, labelAnchor: 'center', labelArrow: 'none', grid: true, ticks: 6 },
      y: { label: yLabel, labelAnchor: 'center', labelArrow: 'none', grid: true, nice: true, ticks: 5, insetTop: 6, insetBottom: 6 },
      color: { domain: names, range: colors },
      marks: [
        ...(diagonal ? [Plot.line([[0, 0], [1, 1]], { stroke: CHART_COLORS.reference, strokeDasharray: '4 3' })] : []),
        Plot.line(data, { x: 'x', y: 'y', z: 'name', stroke: 'name', strokeWidth: 2, curve: step ? 'step-after' : 'linear' }),
        ...(step ? [Plot.dot(data, { x: 'x', y: 'y', stroke: 'name', fill: CHART_COLORS.surface, r: 3 })] : []),
        Plot.tip(data, Plot.pointer({ x: 'x', y: 'y', title: (p: Point) => `${p.name}\n${xLabel} ${formatValue(p.x)}: ${formatValue(p.y)}` })),
      ],
    }),
    [data, names, colors, xLabel, yLabel, step, diagonal],
  );
  const legend: LegendItem[] = names.map((label, i) => ({ label, color: colors[i] ?? CHART_COLORS.accent }));
  return (
    <PlotFigure
      title={title}
      caption={caption}
      note={note}
      ariaLabel={`${title}: ${yLabel} against ${xLabel.toLowerCase()} for ${names.join(', ')}.`}
      spec={spec}
      height={HEIGHT}
      legend={legend}
      empty={data.length === 0 ? 'None of these experiments has points to draw here.' : undefined}
      summary={<p>{series.map((s) => `${s.name}: ${s.points.length} points`).join('; ')}</p>}
    />
  );
}
