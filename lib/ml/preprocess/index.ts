/** Preprocessing: fitted on training rows, saved with the model, applied the same way everywhere. */
export { fitPreprocessing, type FittedPlan } from './fit';
export { transform, featureLayout, type FeatureGroup, type FeatureLayout } from './transform';
export { checkLearnable, fitLabel, encodeLabel, type EncodedLabel } from './label';
export { checkInput, infiniteNotice } from './check-input';
export { preprocessPlanSchema, PREPROCESS_VERSION, type PreprocessPlan, type LabelEncoding, type ColumnStep } from './plan';
