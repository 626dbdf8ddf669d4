'use client';
import * as Plot from '@observablehq/plot';
import { useCallback, useMemo } from 'react';
import { CHART_COLORS, PlotFigure, finite, marginForLabels, shorten } from './plot-figure';

export interface ConfusionMatrixChartProps {
  /** `confusion[true][predicted]` counts, as in `Evaluation.confusion`. */
  readonly confusion: readonly (readonly number[])[];
  /** Class names by index: the axes of `confusion`. */
  readonly classes: readonly string[];
  /** What the scored rows are called ("held-out rows" by default). */
  readonly rowsName?: string;
}

interface Cell {
  readonly actual: number;
  readonly predicted: number;
  readonly count: number;
  /** Share of the true class's rows: the colour, so a rare class reads as clearly as a common one. Null when the class has no rows. */
  readonly share: number | null;
}

/** Cells larger than this look empty: a 2×2 matrix does not need the whole cell width. */
const MAX_CELL_PX = 88;
/** Below this a count no longer fits in its cell; the tip and the hidden table still give it. */
const MIN_TEXT_CELL_PX = 24;
/** From this size a cell has room for the share under the count. */
const TWO_LINE_CELL_PX = 44;
const MAX_CLASS_CHARS = 16;
/** Above this share the cell is dark enough to need white text. */
const DARK_SHARE = 0.55;
const MARGIN_TOP = 8;
const MARGIN_RIGHT = 8;

export function ConfusionMatrixChart({ confusion, classes, rowsName = 'held-out rows' }: ConfusionMatrixChartProps) {
  const k = classes.length;
  const cells = useMemo<Cell[]>(() => {
    const out: Cell[] = [];
    for (let t = 0; t < k; t++) {
      const row = classes.map((_, p) => finite(confusion[t]?.[p]) ?? 0);
      const total = row.reduce((a, b) => a + b, 0);
      row.forEach((count, p) => out.push({ actual: t, predicted: p, count, share: total > 0 ? count / total : null }));
    }
    return out;
  }, [confusion, classes, k]);

  const total = cells.reduce((sum, c) => sum + c.count, 0);
  const correct = cells.reduce((sum, c) => sum + (c.actual === c.predicted ? c.count : 0), 0);
  const longest = Math.min(MAX_CLASS_CHARS, Math.max(1, ...classes.map((c) => c.length)));
  const marginLeft = marginForLabels(longest) + 20;
  // A guess for the first paint (a 640 px cell); the chart sets its real height from its width.
  const reserved = layoutFor(640, marginLeft, k, longest).height;

  const spec = useCallback(
    (width: number): Plot.PlotOptions => {
      const { side, rotate, marginBottom, height } = layoutFor(width, marginLeft, k, longest);
      const name = (i: unknown) => shorten(classes[Number(i)] ?? String(i), MAX_CLASS_CHARS);
      const indices = classes.map((_, i) => i);
      return {
        height,
        marginLeft,
        // Square cells: what the matrix does not use of the width is left empty on the right.
        marginRight: Math.max(MARGIN_RIGHT, width - marginLeft - side * k),
        marginTop: MARGIN_TOP,
        marginBottom,
        x: { type: 'band', domain: indices, tickFormat: name, label: 'Predicted class', labelAnchor: 'center', labelOffset: marginBottom - 6, tickRotate: rotate, tickSize: 0, padding: 0 },
        y: { type: 'band', domain: indices, tickFormat: name, label: 'True class', labelAnchor: 'center', tickSize: 0, padding: 0 },
        color: { type: 'linear', domain: [0, 1], range: ['#f4f7fc', CHART_COLORS.accent], unknown: '#fafbfc' },
        marks: [
          Plot.cell(cells, {
            x: 'predicted',
            y: 'actual',
            fill: (c: Cell) => c.share,
            inset: side > 30 ? 1.5 : 0.5,
            rx: 3,
            title: (c: Cell) =>
              `True ${classes[c.actual] ?? c.actual}, predicted ${classes[c.predicted] ?? c.predicted}\n${c.count.toLocaleString('en')} rows${c.share === null ? '' : `, ${(c.share * 100).toFixed(1)}% of this class`}`,
          }),
          side >= MIN_TEXT_CELL_PX
            ? Plot.text(cells, {
                x: 'predicted',
                y: 'actual',
                text: (c: Cell) => (side >= TWO_LINE_CELL_PX && c.share !== null ? `${compact(c.count)}\n${percent(c.share, c.count)}` : compact(c.count)),
                // Zeros are muted so that the counts that matter stand out in a large matrix.
                fill: (c: Cell) => ((c.share ?? 0) > DARK_SHARE ? '#ffffff' : c.count === 0 ? CHART_COLORS.reference : CHART_COLORS.text),
                fontSize: side >= TWO_LINE_CELL_PX ? 12 : 10,
                lineHeight: 1.25,
                fontVariant: 'tabular-nums',
              })
            : null,
        ],
      };
    },
    [cells, classes, k, longest, marginLeft],
  );

  const accuracy = total > 0 ? `${((correct / total) * 100).toFixed(1)}% correct on ${total.toLocaleString('en')} ${rowsName}` : '';
  return (
    <PlotFigure
      title="Confusion matrix"
      caption={accuracy}
      note="Rows are the true class, columns the prediction. The shade is the share of each true class's rows, so a rare class reads as clearly as a common one; the diagonal is correct."
      ariaLabel={`Confusion matrix of ${k} classes: ${accuracy}.`}
      spec={spec}
      height={reserved}
      className="chart-wide"
      empty={k === 0 || total === 0 ? `No confusion matrix: there were no ${rowsName} to score.` : undefined}
      summary={<ConfusionTable classes={classes} cells={cells} />}
    />
  );
}

/**
 * Square cells as large as the width allows, up to MAX_CELL_PX; class names that are wider than
 * their column would overlap, so they are tilted, or stood up when there are many classes.
 */
function layoutFor(width: number, marginLeft: number, k: number, longestName: number) {
  const side = Math.max(4, Math.min(MAX_CELL_PX, (width - marginLeft - MARGIN_RIGHT) / Math.max(1, k)));
  const nameWidth = longestName * 7;
  const rotate = nameWidth <= side * 0.9 ? 0 : k > 5 || nameWidth > side * 2.5 ? -90 : -40;
  const marginBottom = 44 + (rotate === 0 ? 0 : Math.round(nameWidth * (rotate === -90 ? 1 : 0.55)));
  return { side, rotate, marginBottom, height: MARGIN_TOP + marginBottom + side * k };
}

/** A share as a whole percentage, but never "0%" for a cell that has rows. */
function percent(share: number, count: number): string {
  const rounded = Math.round(share * 100);
  return rounded === 0 && count > 0 ? '<1%' : `${rounded}%`;
}

/** 12,345 → 12.3k: a cell holds a few characters at most. */
function compact(count: number): string {
  return count < 10_000 ? count.toLocaleString('en') : `${(count / 1000).toFixed(count < 100_000 ? 1 : 0)}k`;
}

function ConfusionTable({ classes, cells }: { readonly classes: readonly string[]; readonly cells: readonly Cell[] }) {
  return (
    <table>
      <caption>Counts by true class (rows) and predicted class (columns)</caption>
      <thead>
        <tr>
          <th scope="col">True \ predicted</th>
          {classes.map((c, i) => (
            <th key={i} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {classes.map((c, t) => (
          <tr key={t}>
            <th scope="row">{c}</th>
            {cells
              .filter((cell) => cell.actual === t)
              .map((cell) => (
                <td key={cell.predicted}>{cell.count}</td>
              ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
