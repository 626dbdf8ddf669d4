/** Charts of training results: plain props in, a captioned, accessible <figure> out. */
export { BestScoreChart } from './best-score-chart';
export type { BestScoreChartProps } from './best-score-chart';
export { ConfusionMatrixChart } from './confusion-matrix-chart';
export type { ConfusionMatrixChartProps } from './confusion-matrix-chart';
export { EvaluationCharts } from './evaluation-charts';
export type { EvaluationChartsProps } from './evaluation-charts';
export { IMPORTANCE_TOP, ImportanceChart } from './importance-chart';
export type { ImportanceChartProps } from './importance-chart';
export { LearningCurveChart } from './learning-curve-chart';
export type { LearningCurveChartProps } from './learning-curve-chart';
export { PrChart } from './pr-chart';
export type { PrChartProps } from './pr-chart';
export { ResidualsChart } from './residuals-chart';
export type { ResidualsChartProps } from './residuals-chart';
export { RocChart } from './roc-chart';
export type { RocChartProps } from './roc-chart';
export { CHART_COLORS, ChartFrame, ChartLegend, PlotFigure, PlotMount, SERIES_COLORS } from './plot-figure';
export type { LegendItem, PlotFigureProps, PlotSpec } from './plot-figure';
