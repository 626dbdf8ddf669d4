/** Held-out evaluation of a final model: metrics, charts and permutation importance. */
export { evaluateModel } from './evaluate-model';
export type { EvaluateModelOptions, Evaluation, ImportanceEntry } from './evaluate-model';
export { confusionMatrix } from './confusion';
export { CURVE_MAX_POINTS, prCurve, rocCurve } from './curves';
export type { PrCurve, RocCurve } from './curves';
export { RESIDUAL_HISTOGRAM_BINS, RESIDUAL_MAX_POINTS, histogramOf, residualsOf } from './residuals';
export type { Histogram, Residuals } from './residuals';
export { IMPORTANCE_MAX_ROWS, IMPORTANCE_REPEATS, permutationImportance, subsampleRows } from './importance';
export type { FeatureGroup, FeatureImportance, PermutationImportanceOptions } from './importance';
export { downsampleIndices, finiteOrNull } from './plain';
