'use client';
import * as Plot from '@observablehq/plot';
import { useCallback, useMemo } from 'react';
import { CHART_COLORS, PlotFigure, SERIES_COLORS, finite, formatValue } from './plot-figure';
import type { LegendItem } from './plot-figure';

export interface LearningCurveChartProps {
  /** One line each, e.g. "Training" and "Validation"; `values[i]` is the loss after epoch/round i + 1. */
  readonly series: readonly { readonly name: string; readonly values: readonly number[] }[];
  /** "Epoch", "Boosting round". */
  readonly xLabel: string;
  /** "Log loss", "RMSE". */
  readonly yLabel: string;
  readonly title?: string | undefined;
}

interface Point {
  readonly name: string;
  readonly step: number;
  /** NaN where the learner reported no finite loss: the line breaks there. */
  readonly loss: number;
}

const HEIGHT = 240;

/** The losses' range, padded when it is a single value (one epoch, or a flat loss) so the axis has ticks. */
function lossDomain(losses: readonly number[]): [number, number] {
  const low = Math.min(...losses);
  const high = Math.max(...losses);
  if (!Number.isFinite(low)) return [0, 1];
  const pad = high > low ? 0 : Math.abs(high) * 0.1 || 0.1;
  return [low - pad, high + pad];
}
/** Integer ticks only: there is no epoch 2.5. */
const MAX_TICKS = 8;

export function LearningCurveChart({ series, xLabel, yLabel, title = 'Learning curve' }: LearningCurveChartProps) {
  const names = useMemo(() => series.map((s) => s.name), [series]);
  const data = useMemo<Point[]>(
    () => series.flatMap((s) => s.values.map((v, i) => ({ name: s.name, step: i + 1, loss: finite(v) ?? NaN }))),
    [series],
  );
  const steps = Math.max(0, ...series.map((s) => s.values.length));
  const finitePoints = data.filter((p) => Number.isFinite(p.loss));
  const colors = names.map((_, i) => SERIES_COLORS[i % SERIES_COLORS.length] ?? CHART_COLORS.accent);

  const spec = useCallback((): Plot.PlotOptions => {
    const every = Math.max(1, Math.ceil(steps / MAX_TICKS));
    const ticks = Array.from({ length: Math.floor(steps / every) + 1 }, (_, i) => Math.max(1, i * every));
    return {
      marginLeft: 56,
      marginBottom: 40,
      marginRight: 16,
      x: { domain: [1, Math.max(2, steps)], label: `${xLabel}`, labelAnchor: 'center', labelArrow: 'none', ticks: [...new Set(ticks)], tickFormat: 'd', grid: true },
      y: { domain: lossDomain(finitePoints.map((p) => p.loss)), label: yLabel, labelAnchor: 'center', labelArrow: 'none', grid: true, nice: true, ticks: 5 },
      color: { domain: names, range: colors },
      marks: [
        Plot.line(data, { x: 'step', y: 'loss', z: 'name', stroke: 'name', strokeWidth: 2 }),
        // A series of one value has no line to draw: a dot shows it.
        Plot.dot(
          data.filter((p) => steps === 1 && Number.isFinite(p.loss)),
          { x: 'step', y: 'loss', fill: 'name', r: 3 },
        ),
        Plot.tip(finitePoints, Plot.pointer({ x: 'step', y: 'loss', title: (p: Point) => `${p.name}\n${xLabel} ${p.step}: ${formatValue(p.loss)}` })),
      ],
    };
  }, [data, finitePoints, names, colors, steps, xLabel, yLabel]);

  const legend: LegendItem[] = names.length > 1 ? names.map((name, i) => ({ label: name, color: colors[i] ?? CHART_COLORS.accent })) : [];
  const lastOf = series.map((s) => {
    const last = [...s.values].reverse().find((v) => Number.isFinite(v));
    return `${s.name} ${formatValue(last)}`;
  });
  return (
    <PlotFigure
      title={title}
      caption={`${yLabel} after each ${xLabel.toLowerCase()}`}
      note={names.length > 1 ? 'Lower is better. Training loss falling while validation loss rises means the model has begun to overfit.' : 'Lower is better.'}
      ariaLabel={`${title}: ${yLabel} by ${xLabel.toLowerCase()} over ${steps} steps; last values ${lastOf.join(', ')}.`}
      spec={spec}
      height={HEIGHT}
      legend={legend}
      empty={finitePoints.length === 0 ? 'No losses reported yet.' : undefined}
      summary={<p>{`Last ${yLabel}: ${lastOf.join('; ')}.`}</p>}
    />
  );
}
