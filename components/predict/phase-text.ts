import type { PredictProgress } from '@/lib/jobs/predict-protocol';

/** What the progress line says in each phase of a predict or evaluate job. */
export const PHASE_TEXT: Record<PredictProgress['phase'], string> = {
  'loading-model': 'Loading the model…',
  'loading-data': 'Reading the rows…',
  predicting: 'Predicting…',
  evaluating: 'Scoring the model and measuring feature importance…',
  writing: 'Writing the results…',
};
