import { describe, expect, it } from 'vitest';
import type { DenseNet } from './dense-net';
import { decodeDenseNet, encodeDenseNet } from './model-files';

const NET: DenseNet = {
  learner: 'mlp',
  task: 'regression',
  classCount: 1,
  cols: 2,
  layers: [
    { inputs: 2, outputs: 3, kernel: Float32Array.from([0.1, -0.2, 0.3, 1e-8, 5, -7]), bias: Float32Array.from([0, 1, 2]) },
    { inputs: 3, outputs: 1, kernel: Float32Array.from([1, 2, 3]), bias: Float32Array.from([0.5]) },
  ],
  target: { mean: 12.345678901234, std: 0.1 },
  training: { epochs: 0, bestEpoch: 0, stoppedBy: 'deadline', monitor: 'train', bestLoss: Infinity, trainLoss: [], validLoss: [] },
};

describe('DenseNet model files', () => {
  it('round-trips every weight and field exactly', () => {
    expect(decodeDenseNet(encodeDenseNet(NET), 'mlp')).toEqual(NET);
  });

  it('names what is wrong with damaged files', () => {
    const files = encodeDenseNet(NET);
    expect(() => decodeDenseNet({ 'model.json': files['model.json']! }, 'mlp')).toThrow('need model.json and weights.bin');
    expect(() => decodeDenseNet({ ...files, 'weights.bin': files['weights.bin']!.slice(0, 20) }, 'mlp')).toThrow('truncated');
    const future = new TextEncoder().encode(new TextDecoder().decode(files['model.json']).replace('"version":1', '"version":9'));
    expect(() => decodeDenseNet({ ...files, 'model.json': future }, 'mlp')).toThrow('format version 9 is not supported');
    expect(() => decodeDenseNet({ ...files, 'model.json': new TextEncoder().encode('{}') }, 'mlp')).toThrow('not a loopbook-dense-net file');
  });
});
