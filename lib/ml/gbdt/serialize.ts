/**
 * Tree models as files: `model.json` (what the model is: learner, task, objective, base score,
 * array lengths, training summary) and `trees.bin` (the ensemble's arrays, little-endian:
 * thresholds and leaf values as float64, then int32 roots, outputs, features, left and right
 * children, then one byte per node for the missing-value side). Thresholds are raw feature
 * values, so a loaded model predicts on raw floats without the bins it was trained with.
 *
 * Read back through a zod schema and bounds checks: a foreign, truncated or corrupted file fails
 * with a named reason instead of predicting garbage or looping (every child comes after its parent).
 */
import { z } from 'zod';
import { TASKS } from '../../data/types';
import type { ModelFiles } from '../types';
import { GBDT_STOP_REASONS, type GbdtModel } from './booster';
import type { TreeEnsemble } from './ensemble';
import type { RfModel } from './forest';
import { OBJECTIVE_NAMES } from './objectives';

/** Bump when the meaning of a field changes; old files then fail with a clear message. */
export const TREES_FORMAT_VERSION = 1;
const FORMAT = 'loopbook-trees';
const JSON_FILE = 'model.json';
const BIN_FILE = 'trees.bin';

const Shape = z.object({
  cols: z.number().int().min(1),
  leafWidth: z.number().int().min(1),
  trees: z.number().int().min(0),
  nodes: z.number().int().min(0),
  leaves: z.number().int().min(0),
});

const Header = z.object({
  format: z.literal(FORMAT),
  version: z.number().int(),
  learner: z.enum(['gbdt', 'rf']),
  task: z.enum(TASKS),
  classCount: z.number().int().min(1),
  shape: Shape,
  importance: z.array(z.number()),
  gbdt: z
    .object({
      objective: z.enum(OBJECTIVE_NAMES),
      baseScore: z.array(z.number()).min(1),
      rounds: z.number().int().min(0),
      roundsTrained: z.number().int().min(0),
      stoppedBy: z.enum(GBDT_STOP_REASONS),
      // JSON has no NaN or Infinity: a diverged loss is stored as null.
      validLoss: z.array(z.number().nullable()),
    })
    .optional(),
});
type Header = z.infer<typeof Header>;

export function encodeGbdt(model: GbdtModel): ModelFiles {
  return encode(model.ensemble, {
    learner: 'gbdt',
    task: model.task,
    classCount: model.classCount,
    importance: Array.from(model.importance),
    gbdt: {
      objective: model.objective,
      baseScore: Array.from(model.baseScore),
      rounds: model.rounds,
      roundsTrained: model.roundsTrained,
      stoppedBy: model.stoppedBy,
      validLoss: model.validLoss.map((v) => (Number.isFinite(v) ? v : null)),
    },
  });
}

export function decodeGbdt(files: ModelFiles): GbdtModel {
  const { header, ensemble } = decode(files, 'gbdt');
  const g = header.gbdt;
  if (!g) throw new Error('gbdt: model.json has no boosting section.');
  const width = g.objective === 'multiclass' ? header.classCount : 1;
  if (g.baseScore.length !== width || ensemble.leafWidth !== 1) throw new Error('gbdt: model.json does not match its objective.');
  return {
    learner: 'gbdt',
    task: header.task,
    objective: g.objective,
    classCount: header.classCount,
    baseScore: Float64Array.from(g.baseScore),
    ensemble,
    rounds: g.rounds,
    roundsTrained: g.roundsTrained,
    stoppedBy: g.stoppedBy,
    validLoss: g.validLoss.map((v) => v ?? NaN),
    importance: Float64Array.from(header.importance),
  };
}

export function encodeRf(model: RfModel): ModelFiles {
  return encode(model.ensemble, { learner: 'rf', task: model.task, classCount: model.classCount, importance: Array.from(model.importance) });
}

export function decodeRf(files: ModelFiles): RfModel {
  const { header, ensemble } = decode(files, 'rf');
  const width = header.task === 'regression' ? 1 : header.classCount;
  if (ensemble.leafWidth !== width) throw new Error('rf: trees.bin leaves do not match the task.');
  return { learner: 'rf', task: header.task, classCount: header.classCount, ensemble, importance: Float64Array.from(header.importance) };
}

function encode(e: TreeEnsemble, rest: Omit<Header, 'format' | 'version' | 'shape'>): ModelFiles {
  const nodes = e.feature.length;
  const header: Header = {
    format: FORMAT,
    version: TREES_FORMAT_VERSION,
    ...rest,
    shape: { cols: e.cols, leafWidth: e.leafWidth, trees: e.roots.length, nodes, leaves: e.leafValues.length / e.leafWidth },
  };
  const bin = new Uint8Array(binaryLength(header.shape));
  const view = new DataView(bin.buffer);
  let o = 0;
  for (const a of [e.threshold, e.leafValues]) for (let i = 0; i < a.length; i++, o += 8) view.setFloat64(o, a[i]!, true);
  for (const a of [e.roots, e.outputs, e.feature, e.left, e.right]) for (let i = 0; i < a.length; i++, o += 4) view.setInt32(o, a[i]!, true);
  bin.set(e.defaultLeft, o);
  return { [JSON_FILE]: new TextEncoder().encode(JSON.stringify(header)), [BIN_FILE]: bin };
}

function binaryLength(s: z.infer<typeof Shape>): number {
  return 8 * (s.nodes + s.leaves * s.leafWidth) + 4 * (2 * s.trees + 3 * s.nodes) + s.nodes;
}

function decode(files: ModelFiles, learner: 'gbdt' | 'rf'): { header: Header; ensemble: TreeEnsemble } {
  const jsonBytes = files[JSON_FILE];
  const bin = files[BIN_FILE];
  if (!jsonBytes || !bin) throw new Error(`${learner}: model files need ${JSON_FILE} and ${BIN_FILE}.`);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(jsonBytes));
  } catch {
    throw new Error(`${learner}: ${JSON_FILE} is not valid JSON.`);
  }
  const parsed = Header.safeParse(raw);
  if (!parsed.success) throw new Error(`${learner}: ${JSON_FILE} is not a tree model (${parsed.error.issues[0]?.message ?? 'bad shape'}).`);
  const header = parsed.data;
  if (header.version !== TREES_FORMAT_VERSION) throw new Error(`${learner}: model format version ${header.version} is not supported (this build reads ${TREES_FORMAT_VERSION}).`);
  if (header.learner !== learner) throw new Error(`${learner}: these files hold a ${header.learner} model.`);
  const s = header.shape;
  if (bin.length !== binaryLength(s)) throw new Error(`${learner}: ${BIN_FILE} has ${bin.length} bytes, expected ${binaryLength(s)}.`);
  if (header.importance.length !== s.cols) throw new Error(`${learner}: importance does not match the column count.`);
  const view = new DataView(bin.buffer, bin.byteOffset, bin.byteLength);
  let o = 0;
  const f64 = (n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => view.getFloat64(o + 8 * i, true));
  const i32 = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => view.getInt32(o + 4 * i, true));
  const threshold = f64(s.nodes);
  o += 8 * s.nodes;
  const leafValues = f64(s.leaves * s.leafWidth);
  o += 8 * s.leaves * s.leafWidth;
  const [roots, outputs, feature, left, right] = [s.trees, s.trees, s.nodes, s.nodes, s.nodes].map((n) => {
    const a = i32(n);
    o += 4 * n;
    return a;
  }) as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
  const defaultLeft = bin.slice(o, o + s.nodes);
  const ensemble: TreeEnsemble = { cols: s.cols, leafWidth: s.leafWidth, roots, outputs, feature, threshold, defaultLeft, left, right, leafValues };
  checkReferences(learner, ensemble, header);
  return { header, ensemble };
}

function checkReferences(learner: string, e: TreeEnsemble, header: Header): void {
  const nodes = e.feature.length;
  const leaves = e.leafValues.length / e.leafWidth;
  const outputsWidth = header.gbdt?.objective === 'multiclass' ? header.classCount : 1;
  const ok = (ref: number, after: number): boolean => (ref >= 0 ? ref > after && ref < nodes : ~ref < leaves);
  for (let t = 0; t < e.roots.length; t++) {
    if (!ok(e.roots[t]!, -1) || e.outputs[t]! < 0 || e.outputs[t]! >= outputsWidth) throw new Error(`${learner}: tree ${t} in ${BIN_FILE} is corrupt.`);
  }
  for (let n = 0; n < nodes; n++) {
    if (!ok(e.left[n]!, n) || !ok(e.right[n]!, n) || e.feature[n]! < 0 || e.feature[n]! >= e.cols || e.defaultLeft[n]! > 1) {
      throw new Error(`${learner}: node ${n} in ${BIN_FILE} is corrupt.`);
    }
  }
}
