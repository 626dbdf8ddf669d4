'use client';
import * as Plot from '@observablehq/plot';
import { useCallback, useMemo } from 'react';
import type { ImportanceEntry } from '@/lib/ml/evaluate';
import { CHART_COLORS, PlotFigure, finite, formatValue, marginForLabels, shorten } from './plot-figure';

export interface ImportanceChartProps {
  /** Permutation importance, as in `Evaluation.importance`: mean and std of the loss increase. */
  readonly importance: readonly ImportanceEntry[];
  /** The metric it was measured with ("ROC AUC"), which gives the bars their units. */
  readonly metricLabel: string;
  /** Words the axis as a drop (higher is better) or a rise (lower is better) of the metric. */
  readonly higherIsBetter?: boolean | undefined;
  /** Bars shown, most important first. */
  readonly limit?: number | undefined;
}

interface Bar {
  readonly rank: number;
  readonly name: string;
  readonly mean: number;
  readonly std: number | undefined;
}

/** Fifteen bars fit a cell without scrolling; the rest matter less by construction. */
export const IMPORTANCE_TOP = 15;
const BAR_PX = 22;
const MAX_NAME_CHARS = 24;

export function ImportanceChart({ importance, metricLabel, higherIsBetter, limit = IMPORTANCE_TOP }: ImportanceChartProps) {
  const bars = useMemo<Bar[]>(
    () =>
      importance
        .flatMap((entry) => {
          const mean = finite(entry.mean);
          return mean === undefined ? [] : [{ name: entry.name, mean, std: finite(entry.std) }];
        })
        .sort((a, b) => b.mean - a.mean)
        .slice(0, Math.max(1, limit))
        .map((bar, rank) => ({ ...bar, rank })),
    [importance, limit],
  );
  const unscored = importance.length - importance.filter((e) => finite(e.mean) !== undefined).length;

  const axis =
    higherIsBetter === undefined ? `Worsening in ${metricLabel}` : higherIsBetter ? `Drop in ${metricLabel}` : `Rise in ${metricLabel}`;
  const longest = Math.min(MAX_NAME_CHARS, Math.max(4, ...bars.map((b) => b.name.length)));
  const height = bars.length * BAR_PX + 48;

  const spec = useCallback((width: number): Plot.PlotOptions => {
    // Names take at most 40% of the width; on a phone they are cut shorter.
    const chars = Math.max(4, Math.min(longest, Math.floor((width * 0.4 - 14) / 6.8)));
    const marginLeft = marginForLabels(chars);
    return {
      marginLeft,
      marginRight: 16,
      marginBottom: 40,
      marginTop: 8,
      // About one tick per 70 px, so that labels such as 0.125 never touch.
      x: { label: axis, labelAnchor: 'center', labelArrow: 'none', grid: true, nice: true, ticks: Math.max(2, Math.floor((width - marginLeft) / 70)), zero: true },
      y: {
        type: 'band',
        domain: bars.map((b) => b.rank),
        tickFormat: (rank: number) => shorten(bars[rank]?.name ?? '', chars),
        label: null,
        tickSize: 0,
        padding: 0.25,
      },
      marks: [
        Plot.barX(bars, {
          x: 'mean',
          y: 'rank',
          // A negative importance means shuffling helped: noise, drawn in grey so it does not read as signal.
          fill: (b: Bar) => (b.mean > 0 ? CHART_COLORS.point : CHART_COLORS.reference),
          fillOpacity: 0.85,
        }),
        Plot.ruleY(
          bars.filter((b) => b.std !== undefined && b.std > 0),
          { y: 'rank', x1: (b: Bar) => b.mean - (b.std ?? 0), x2: (b: Bar) => b.mean + (b.std ?? 0), stroke: CHART_COLORS.text, strokeWidth: 1.5 },
        ),
        Plot.ruleX([0], { stroke: CHART_COLORS.muted }),
        Plot.tip(
          bars,
          Plot.pointerY({
            x: 'mean',
            y: 'rank',
            title: (b: Bar) => `${b.name}\n${axis.replace('', '')}: ${formatValue(b.mean)}${b.std === undefined ? '' : ` ± ${formatValue(b.std)}`}`,
          }),
        ),
      ],
    };
  }, [bars, axis, longest]);

  const shown = importance.length > bars.length ? ` The top ${bars.length} of ${importance.length} columns are shown.` : '';
  const missing = unscored > 0 ? ` ${unscored} column${unscored === 1 ? '' : 's'} could not be scored.` : '';
  return (
    <PlotFigure
      title="Permutation importance"
      caption={`How much worse the model gets when this column is shuffled, in ${metricLabel}`}
      note={`The black line is ± one standard deviation over repeated shuffles. Near zero: the model barely uses the column; below zero: noise.${shown}${missing}`}
      ariaLabel={`Permutation importance in ${metricLabel}; most important: ${bars
        .slice(0, 3)
        .map((b) => `${b.name} ${formatValue(b.mean)}`)
        .join(', ')}.`}
      spec={spec}
      height={height}
      className="chart-wide"
      empty={
        bars.length > 0
          ? undefined
          : importance.length === 0
            ? 'No importance was computed for this model.'
            : `No importance to show: ${metricLabel} could not be computed on the held-out rows.`
      }
      summary={
        <table>
          <caption>{`Permutation importance (${axis.replace('', '')})`}</caption>
          <tbody>
            {bars.map((b) => (
              <tr key={b.rank}>
                <th scope="row">{b.name}</th>
                <td>{`${formatValue(b.mean)}${b.std === undefined ? '' : ` ± ${formatValue(b.std)}`}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
