/**
 * A DenseNet as files: `model.json` (what the network is, plus a tfjs-style weights manifest) and
 * `weights.bin` (every kernel and bias, float32 little-endian, in manifest order). Read back
 * through a zod schema, so a foreign or truncated file fails with a named reason.
 */
import { z } from 'zod';
import { TASKS } from '../../data/types';
import type { ModelFiles } from '../types';
import { STOP_REASONS, type DenseLayer, type DenseNet } from './dense-net';

/** Bump when the meaning of a field changes; old files then fail with a clear message. */
export const DENSE_NET_FORMAT_VERSION = 1;
const FORMAT = 'loopbook-dense-net';
const WEIGHTS_FILE = 'weights.bin';

const WeightSpec = z.object({
  name: z.string(),
  shape: z.array(z.number().int().min(1)).min(1).max(2),
  dtype: z.literal('float32'),
});

const ModelJson = z.object({
  format: z.literal(FORMAT),
  version: z.number().int(),
  learner: z.enum(['linear', 'mlp']),
  task: z.enum(TASKS),
  classCount: z.number().int().min(1),
  cols: z.number().int().min(1),
  target: z.object({ mean: z.number(), std: z.number().positive() }),
  training: z.object({
    epochs: z.number().int().min(0),
    bestEpoch: z.number().int().min(0),
    stoppedBy: z.enum(STOP_REASONS),
    monitor: z.enum(['valid', 'train']),
    // JSON has no Infinity: a fit that never finished an epoch stores null.
    bestLoss: z.number().nullable(),
    trainLoss: z.array(z.number()),
    validLoss: z.array(z.number()),
  }),
  weightsManifest: z.array(z.object({ paths: z.tuple([z.literal(WEIGHTS_FILE)]), weights: z.array(WeightSpec) })).length(1),
});

export function encodeDenseNet(net: DenseNet): ModelFiles {
  const weights = net.layers.flatMap((l, i) => [
    { name: `dense_${i}/kernel`, shape: [l.inputs, l.outputs], dtype: 'float32' as const },
    { name: `dense_${i}/bias`, shape: [l.outputs], dtype: 'float32' as const },
  ]);
  const json: z.infer<typeof ModelJson> = {
    format: FORMAT,
    version: DENSE_NET_FORMAT_VERSION,
    learner: net.learner,
    task: net.task,
    classCount: net.classCount,
    cols: net.cols,
    target: net.target,
    training: {
      ...net.training,
      bestLoss: Number.isFinite(net.training.bestLoss) ? net.training.bestLoss : null,
      trainLoss: [...net.training.trainLoss],
      validLoss: [...net.training.validLoss],
    },
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights }],
  };
  const arrays = net.layers.flatMap((l) => [l.kernel, l.bias]);
  const bin = new Uint8Array(arrays.reduce((n, a) => n + a.length * 4, 0));
  const view = new DataView(bin.buffer);
  let offset = 0;
  for (const array of arrays) {
    for (const v of array) {
      view.setFloat32(offset, v, true);
      offset += 4;
    }
  }
  return { 'model.json': new TextEncoder().encode(JSON.stringify(json)), [WEIGHTS_FILE]: bin };
}

/** Reads what `encodeDenseNet` wrote; `learner` is the learner expected to own the files. */
export function decodeDenseNet(files: ModelFiles, learner: DenseNet['learner']): DenseNet {
  const jsonBytes = files['model.json'];
  const bin = files[WEIGHTS_FILE];
  if (!jsonBytes || !bin) throw new Error(`${learner}: model files need model.json and ${WEIGHTS_FILE}.`);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(jsonBytes));
  } catch {
    throw new Error(`${learner}: model.json is not valid JSON.`);
  }
  const parsed = ModelJson.safeParse(raw);
  if (!parsed.success) throw new Error(`${learner}: model.json is not a ${FORMAT} file: ${parsed.error.message}`);
  const json = parsed.data;
  if (json.version !== DENSE_NET_FORMAT_VERSION) {
    throw new Error(`${learner}: model format version ${json.version} is not supported (this build reads ${DENSE_NET_FORMAT_VERSION}).`);
  }
  if (json.learner !== learner) throw new Error(`${learner}: these model files belong to the ${json.learner} learner.`);

  const specs = json.weightsManifest[0]!.weights;
  const view = new DataView(bin.buffer, bin.byteOffset, bin.byteLength);
  let offset = 0;
  const read = (length: number): Float32Array => {
    if (offset + length * 4 > bin.byteLength) throw new Error(`${learner}: ${WEIGHTS_FILE} is truncated.`);
    const out = new Float32Array(length);
    for (let i = 0; i < length; i++) out[i] = view.getFloat32(offset + 4 * i, true);
    offset += length * 4;
    return out;
  };
  const layers: DenseLayer[] = [];
  for (let i = 0; i + 1 < specs.length; i += 2) {
    const [inputs, outputs] = specs[i]!.shape;
    const biasShape = specs[i + 1]!.shape;
    const expectedInputs = i === 0 ? json.cols : layers[layers.length - 1]!.outputs;
    if (outputs === undefined || inputs !== expectedInputs || biasShape[0] !== outputs || biasShape.length !== 1) {
      throw new Error(`${learner}: model.json describes layers whose shapes do not chain.`);
    }
    layers.push({ inputs, outputs, kernel: read(inputs * outputs), bias: read(outputs) });
  }
  if (specs.length % 2 !== 0 || layers.length === 0 || offset !== bin.byteLength) {
    throw new Error(`${learner}: model.json and ${WEIGHTS_FILE} disagree on the weights.`);
  }
  const outputs = layers[layers.length - 1]!.outputs;
  const classCount = json.task === 'binary' ? 2 : json.task === 'regression' ? 1 : json.classCount;
  if (outputs !== (json.task === 'multiclass' ? json.classCount : 1) || classCount !== json.classCount) {
    throw new Error(`${learner}: the output layer does not fit a ${json.task} task.`);
  }
  const { task, cols, target, training } = json;
  return { learner, task, classCount, cols, layers, target, training: { ...training, bestLoss: training.bestLoss ?? Infinity } };
}
