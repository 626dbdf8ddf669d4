/**
 * All of a network's weights in one flat vector, [kernel0, bias0, kernel1, bias1, ...].
 * Why: tfjs's Adam spends about a dozen ops per variable per step, and each op costs ~10 µs of
 * engine overhead on WASM, more than the math of a small layer. One variable makes that a dozen
 * ops in all; the layers are views split off it inside each step's tidy.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../rng';
import type { DenseLayer, LayerTensors } from './dense-net';

export interface WeightLayout {
  /** Layer widths, input first: [cols, ...hidden, outputs]. */
  readonly widths: readonly number[];
  /** Element counts of kernel0, bias0, kernel1, ... (what tf.split takes). */
  readonly sizes: readonly number[];
  readonly total: number;
}

export function weightLayout(widths: readonly number[]): WeightLayout {
  const sizes: number[] = [];
  for (let i = 0; i + 1 < widths.length; i++) sizes.push(widths[i]! * widths[i + 1]!, widths[i + 1]!);
  return { widths, sizes, total: sizes.reduce((a, b) => a + b, 0) };
}

/** He-uniform for ReLU layers, Glorot-uniform for the output, zero biases: drawn from our RNG. */
export function initialWeights(layout: WeightLayout, rng: Rng): Float32Array {
  const flat = new Float32Array(layout.total);
  const { widths } = layout;
  let offset = 0;
  for (let i = 0; i + 1 < widths.length; i++) {
    const inputs = widths[i]!;
    const outputs = widths[i + 1]!;
    const last = i + 2 === widths.length;
    const limit = Math.sqrt(6 / (last ? inputs + outputs : inputs));
    for (let j = 0; j < inputs * outputs; j++) flat[offset + j] = (2 * rng.next() - 1) * limit;
    offset += inputs * outputs + outputs;
  }
  return flat;
}

/** `l2` on every kernel weight and 0 on biases: the flat vector's weight-decay coefficients. */
export function decayCoefficients(layout: WeightLayout, l2: number): Float32Array {
  const out = new Float32Array(layout.total);
  let offset = 0;
  layout.sizes.forEach((size, i) => {
    if (i % 2 === 0) out.fill(l2, offset, offset + size);
    offset += size;
  });
  return out;
}

/** The layers as tensors viewing `flat`; call inside tf.tidy. */
export function splitWeights(flat: tf.Tensor1D, layout: WeightLayout): LayerTensors[] {
  const parts = tf.split(flat, [...layout.sizes]);
  const layers: LayerTensors[] = [];
  for (let i = 0; i + 1 < layout.widths.length; i++) {
    layers.push({
      kernel: tf.reshape(parts[2 * i]!, [layout.widths[i]!, layout.widths[i + 1]!]),
      bias: parts[2 * i + 1]! as tf.Tensor1D,
    });
  }
  return layers;
}

/** Per-layer gradients flattened back into the vector's order; call inside tf.tidy. */
export function concatGradients(grads: readonly tf.Tensor[]): tf.Tensor1D {
  return tf.concat(grads.map((g) => tf.reshape(g, [-1]) as tf.Tensor1D));
}

/** Copies a downloaded flat vector into plain layers. */
export function unpackLayers(flat: Float32Array, layout: WeightLayout): DenseLayer[] {
  const layers: DenseLayer[] = [];
  let offset = 0;
  for (let i = 0; i + 1 < layout.widths.length; i++) {
    const inputs = layout.widths[i]!;
    const outputs = layout.widths[i + 1]!;
    const kernel = flat.slice(offset, offset + inputs * outputs);
    offset += inputs * outputs;
    layers.push({ inputs, outputs, kernel, bias: flat.slice(offset, offset + outputs) });
    offset += outputs;
  }
  return layers;
}
