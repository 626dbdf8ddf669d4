'use client';
/**
 * The frame every chart shares: a <figure> whose <figcaption> holds the title and its headline
 * number, an Observable Plot SVG drawn at the width the cell gives it, an optional legend, a short
 * note on how to read it, and an optional visually hidden summary for screen readers. The note sits
 * below the plot so that charts side by side start their plots at the same height.
 *
 * Plot builds DOM imperatively, so it is rendered in an effect into a div React leaves empty: the
 * previous SVG is replaced on every change and removed on unmount. Nothing runs on the server.
 */
import * as Plot from '@observablehq/plot';
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';

/** The app's palette (app/globals.css), so charts sit calmly beside the rest of the page. */
export const CHART_COLORS = {
  accent: '#1f4b99',
  point: '#5b7fc4',
  soft: '#e6edf9',
  surface: '#ffffff',
  text: '#1d2330',
  muted: '#5b6472',
  /** Reference lines (chance, y = x, zero): visible but clearly not data. */
  reference: '#7b8594',
  grid: '#e8ebf0',
} as const;

/** Series colours: the accent first, then hues that stay apart for colour-blind readers. */
export const SERIES_COLORS = ['#1f4b99', '#d9822b', '#2a9d8f', '#8e5bb5', '#c2413b', '#6b7a8f'] as const;

/** 12 px: Plot's 10 px default is too small to read in a notebook cell. */
const PLOT_STYLE = {
  fontSize: '12px',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  color: CHART_COLORS.text,
  background: 'transparent',
  overflow: 'visible',
} as const;

/** What a chart asks Plot to draw, at the width its container has; it may set its own height. */
export type PlotSpec = (width: number) => Plot.PlotOptions;

export interface LegendItem {
  readonly label: string;
  readonly color: string;
  /** A dashed swatch, for reference lines. */
  readonly dashed?: boolean;
}

/**
 * A Plot chart sized to its container. `spec` should be memoised (useCallback): a new function
 * redraws the chart.
 */
export function PlotMount({ spec, ariaLabel, height }: { readonly spec: PlotSpec; readonly ariaLabel: string; readonly height: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState<number | null>(null);

  useEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const observer = new ResizeObserver((entries) => {
      const measured = Math.floor(entries[0]?.contentRect.width ?? 0);
      // Ignore 0 (a hidden tab or a collapsed cell): keep the last drawing rather than a 0-px one.
      if (measured > 0) setWidth((previous) => (previous === measured ? previous : measured));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = ref.current;
    if (!element || width === null) return undefined;
    let chart: Element | undefined;
    // Each chart draws in a task of its own: a results panel mounts several at once, and drawing
    // them in one effect pass made one main-thread task of ~60 ms.
    const timer = setTimeout(() => {
      try {
        chart = Plot.plot({ height, ...spec(width), width, ariaLabel, style: PLOT_STYLE, figure: false });
        chart.setAttribute('role', 'img');
      } catch (error) {
        // A chart that cannot be drawn (odd data Plot rejects) must not take the notebook down with it.
        console.error('A chart could not be drawn.', error);
        chart = Object.assign(document.createElement('p'), { className: 'chart-empty', textContent: 'This chart could not be drawn.' });
      }
      element.replaceChildren(chart);
      // The reserved height was a guess for the first paint; from now on the SVG sets it.
      element.style.minHeight = '';
    }, 0);
    return () => {
      clearTimeout(timer);
      chart?.remove();
    };
  }, [spec, width, height, ariaLabel]);

  // The reserved height keeps the page from jumping when the SVG arrives after the first paint.
  return <div ref={ref} className="chart-plot" style={{ minHeight: height }} />;
}

export interface PlotFigureProps {
  readonly title: string;
  /** The headline, read with the title as the figure's name: "AUC 0.91 for “yes”". */
  readonly caption?: ReactNode;
  /** How to read the chart (what the marks, lines and colours mean), shown below it. */
  readonly note?: ReactNode;
  /** The SVG's aria-label: the chart in one sentence, with its headline number. */
  readonly ariaLabel: string;
  readonly spec: PlotSpec;
  readonly height: number;
  readonly legend?: readonly LegendItem[];
  /** Read to screen readers only: the data as a small table or a sentence. */
  readonly summary?: ReactNode;
  /** Shown instead of the chart when there is nothing to draw, saying why. */
  readonly empty?: string;
  readonly className?: string;
}

export function PlotFigure({ title, caption, note, ariaLabel, spec, height, legend, summary, empty, className }: PlotFigureProps) {
  if (empty !== undefined) {
    return (
      <ChartFrame title={title} className={className}>
        <p className="chart-empty">{empty}</p>
      </ChartFrame>
    );
  }
  return (
    <ChartFrame title={title} caption={caption} note={note} className={className}>
      <PlotMount spec={spec} ariaLabel={ariaLabel} height={height} />
      {legend && legend.length > 0 && <ChartLegend items={legend} />}
      {summary !== undefined && <div className="visually-hidden">{summary}</div>}
    </ChartFrame>
  );
}

/** The figure and its caption, for charts made of more than one plot (residuals). */
export function ChartFrame({
  title,
  caption,
  note,
  className,
  children,
}: {
  readonly title: string;
  readonly caption?: ReactNode;
  readonly note?: ReactNode;
  readonly className?: string | undefined;
  readonly children: ReactNode;
}) {
  return (
    <figure className={className ? `chart ${className}` : 'chart'}>
      <figcaption className="chart-caption">
        <span className="chart-title">{title}</span>{' '}
        {caption !== undefined && <span className="chart-headline">{caption}</span>}
      </figcaption>
      {children}
      {note !== undefined && <p className="chart-note">{note}</p>}
    </figure>
  );
}

export function ChartLegend({ items }: { readonly items: readonly LegendItem[] }) {
  return (
    <ul className="chart-legend" aria-label="Legend">
      {items.map((item) => (
        <li key={item.label}>
          <span className="chart-swatch" style={{ borderTopColor: item.color, borderTopStyle: item.dashed ? 'dashed' : 'solid' }} aria-hidden="true" />
          {item.label}
        </li>
      ))}
    </ul>
  );
}

/** A metric value at chart precision: 3 significant digits, "—" for a missing one. */
export function formatValue(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e5 || magnitude < 1e-3) return value.toExponential(2);
  return Number(value.toPrecision(3)).toLocaleString('en', { maximumFractionDigits: 6 });
}

/** A finite number or undefined: charts skip what they cannot place (NaN, null, ±Infinity). */
export function finite(value: number | null | undefined): number | undefined {
  return value !== null && value !== undefined && Number.isFinite(value) ? value : undefined;
}

/** Long names would push a chart off its cell: keep the start and mark the cut. */
export function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

/** Left margin for tick labels of about `chars` characters at 12 px. */
export function marginForLabels(chars: number): number {
  return Math.min(200, Math.max(40, Math.round(chars * 6.8) + 14));
}
