/**
 * Builds a Learner around a DenseNet fit: the linear and MLP learners share prediction, model
 * files and param parsing, and differ in their params and in how they fit.
 */
import type { FeatureEncoding, FitContext, Learner, Params, TrainData } from '../types';
import { predictDenseNet, type DenseNet } from './dense-net';
import { decodeDenseNet, encodeDenseNet } from './model-files';
import { parseNumberParams, type NumberParamSpecs } from '../params';

export interface DenseLearnerSpec<P extends Params> {
  readonly name: DenseNet['learner'];
  readonly params: NumberParamSpecs<keyof P & string>;
  fit(data: TrainData, params: P, ctx: FitContext): Promise<DenseNet>;
}

const ENCODING: FeatureEncoding = 'dense';

export function createDenseLearner<P extends Params>(spec: DenseLearnerSpec<P>): Learner<P, DenseNet> {
  return {
    name: spec.name,
    encoding: ENCODING,
    parseParams(input) {
      // Every key of P is a number param with a spec, so the parsed record is a P.
      return parseNumberParams(spec.name, spec.params, input) as P;
    },
    fit: (data, params, ctx) => spec.fit(data, params, ctx),
    predict: predictDenseNet,
    learningCurve: ({ training }) => ({
      xLabel: 'Epoch',
      series: [
        { name: 'Training loss', values: [...training.trainLoss] },
        ...(training.validLoss.length > 0 ? [{ name: 'Validation loss', values: [...training.validLoss] }] : []),
      ],
    }),
    async serialize(model) {
      return encodeDenseNet(model);
    },
    async deserialize(files) {
      return decodeDenseNet(files, spec.name);
    },
  };
}
