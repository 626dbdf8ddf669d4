/**
 * A notebook as a pipeline file, in the graph shape pipeline tools use (issue 7):
 *
 *   { "pipeline_id", "name", "global_inputs": ["registry.production", …],
 *     "nodes": [{ "node_id": "train1", "task_name": "train", "inputs": ["dataset"],
 *                 "input_mappings": { "data1.dataset": "dataset" }, "params": { "label": "y" } }, …],
 *     "edges": [{ "from": "data1", "to": "train1" }, …] }
 *
 * A mapping's key is where the value comes from (`<node_id>.<output>`, or one of `global_inputs`),
 * its value the input it feeds. `task_name` is the cell kind; `params` the cell's settings other
 * than its inputs (a markdown cell's text and a code cell's code are `params.source`). Edges follow from the mappings and
 * are written for tools that draw them; on import they are checked against the mappings.
 *
 * Import refuses, with the node and the reason, an unknown task, a mapping from a node or output
 * that does not exist or into an input the task does not have, an edge that the mappings do not
 * make, and a cycle. Nothing is written until the whole file has passed.
 */
import { z } from 'zod';
import { CellId } from '../ids';
import { CELL_KINDS, cellConfigSchema, type CellConfig, type CellKind, type CellView } from '../sync/project-doc';
import { cellInputs, type InputSource } from './bindings';
import { topologicalOrder, type PipelineGraph } from './graph';
import { CELL_INPUTS, CELL_OUTPUTS } from './ports';

export const PIPELINE_FORMAT = 'loopbook.pipeline/1';

const nodeSchema = z.object({
  node_id: z.string().regex(/^[A-Za-z_][\w-]{0,63}$/, 'a node id is a letter or _ then up to 63 letters, digits, _ or -'),
  task_name: z.string(),
  inputs: z.array(z.string()).default([]),
  input_mappings: z.record(z.string(), z.string()).default({}),
  params: z.record(z.string(), z.unknown()).default({}),
});

export const pipelineFileSchema = z.object({
  format: z.literal(PIPELINE_FORMAT).optional(),
  pipeline_id: z.string().max(200),
  name: z.string().max(500),
  global_inputs: z.array(z.string().max(300)).default([]),
  nodes: z.array(nodeSchema).max(10_000),
  edges: z.array(z.object({ from: z.string(), to: z.string() })).default([]),
});
export type PipelineFile = z.input<typeof pipelineFileSchema>;

/** Why an import was refused: the message names the node (or the file) and what is wrong. */
export class PipelineImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PipelineImportError';
  }
}

/** The settings that are inputs, written as mappings instead of params. */
const INPUT_KEYS = ['sourceCellId', 'model', 'inputSource', 'futureCellId'] as const;
/** Settings that name something in this browser only (the latest run's records), left out. */
const LOCAL_KEYS = ['experimentId', 'artifactId', 'modelArtifactId'] as const;

/** The notebook `cells` as a pipeline file. */
export function exportPipeline(project: { readonly id: string; readonly name: string }, cells: readonly CellView[]): PipelineFile {
  const counts = new Map<CellKind, number>();
  const nodeIds = new Map<CellId, string>();
  for (const cell of cells) {
    const n = (counts.get(cell.kind) ?? 0) + 1;
    counts.set(cell.kind, n);
    nodeIds.set(cell.id, `${cell.kind}${n}`);
  }
  const globals = new Set<string>();
  const edges: { from: string; to: string }[] = [];
  const nodes = cellInputs(cells).map((c, i) => {
    const cell = cells[i]!;
    const mappings: Record<string, string> = {};
    for (const [input, source] of Object.entries(c.inputs)) {
      const key = mappingKey(source, nodeIds);
      if (key === undefined) continue;
      mappings[key] = input;
      const from = key.includes('.') && !isGlobal(key) ? key.slice(0, key.lastIndexOf('.')) : undefined;
      if (from !== undefined) edges.push({ from, to: nodeIds.get(cell.id)! });
      else globals.add(key);
    }
    const params: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(cell.config)) {
      if (!(INPUT_KEYS as readonly string[]).includes(key) && !(LOCAL_KEYS as readonly string[]).includes(key) && value !== undefined) params[key] = value;
    }
    if ((cell.kind === 'markdown' || cell.kind === 'code') && cell.source) params.source = cell.source;
    return { node_id: nodeIds.get(cell.id)!, task_name: cell.kind, inputs: Object.keys(CELL_INPUTS[cell.kind]), input_mappings: mappings, params };
  });
  return { format: PIPELINE_FORMAT, pipeline_id: project.id, name: project.name, global_inputs: [...globals].sort(), nodes, edges };
}

const GLOBAL_PATTERNS = [/^registry\.(production|staging|auto)$/, /^experiment\.[\w-]{1,200}$/, /^(file|row)$/];
const isGlobal = (key: string) => GLOBAL_PATTERNS.some((p) => p.test(key));

function mappingKey(source: InputSource, nodeIds: ReadonlyMap<CellId, string>): string | undefined {
  switch (source.type) {
    case 'cell': {
      const node = nodeIds.get(source.cellId);
      return node && `${node}.${source.output}`;
    }
    case 'registry':
      return `registry.${source.stage}`;
    case 'experiment':
      return `experiment.${source.experimentId}`;
    case 'automatic':
      return 'registry.auto';
    case 'file':
    case 'row':
      return source.type;
    case 'none':
    case 'unused':
      return undefined;
  }
}

export interface ImportedCell {
  readonly id: CellId;
  readonly kind: CellKind;
  readonly config: CellConfig;
  /** A markdown cell's text or a code cell's code. */
  readonly source: string;
}

/**
 * The cells a pipeline file describes, in its node order, with new ids; notices for what was
 * dropped along the way (a setting this version does not know). Throws PipelineImportError.
 */
export function importPipeline(value: unknown): { cells: ImportedCell[]; name: string; notices: string[] } {
  const parsed = pipelineFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PipelineImportError(`This is not a pipeline file: ${issue.message}${issue.path.length ? ` (at ${issue.path.join('.')})` : ''}.`);
  }
  const file = parsed.data;
  const notices: string[] = [];
  const byNode = new Map<string, (typeof file.nodes)[number] & { kind: CellKind }>();
  for (const node of file.nodes) {
    if (byNode.has(node.node_id)) throw new PipelineImportError(`Node ${node.node_id} appears twice. Give every node its own node_id.`);
    const kind = CELL_KINDS.find((k) => k === node.task_name);
    if (!kind) throw new PipelineImportError(`Node ${node.node_id} has the task "${node.task_name}", which Loopbook does not know. The tasks are ${CELL_KINDS.join(', ')}.`);
    byNode.set(node.node_id, { ...node, kind });
  }
  const globals = new Set(file.global_inputs);
  const made = new Set<string>();
  const parents = new Map([...byNode.keys()].map((id) => [id, [] as string[]]));
  for (const node of byNode.values()) {
    const inputs = CELL_INPUTS[node.kind];
    for (const [from, input] of Object.entries(node.input_mappings)) {
      if (!(input in inputs)) throw new PipelineImportError(`Node ${node.node_id} maps ${from} into "${input}", but a ${node.kind} task has ${describeInputs(node.kind)}.`);
      if (isGlobal(from)) {
        if (!globals.has(from)) throw new PipelineImportError(`Node ${node.node_id} reads ${from}, which is not among global_inputs. Add it there or map another source.`);
        if (!globalFits(node.kind, input, from)) throw new PipelineImportError(`Node ${node.node_id} cannot read its ${input} from ${from}: ${GLOBAL_HELP[input] ?? 'map a node\'s output instead'}.`);
        continue;
      }
      const dot = from.lastIndexOf('.');
      const source = dot > 0 ? byNode.get(from.slice(0, dot)) : undefined;
      if (!source) throw new PipelineImportError(`Node ${node.node_id} reads ${from}, but there is no node ${dot > 0 ? from.slice(0, dot) : from}. Map an existing node's output (node_id.output).`);
      const output = from.slice(dot + 1);
      const type = CELL_OUTPUTS[source.kind][output];
      if (!type) throw new PipelineImportError(`Node ${node.node_id} reads ${from}, but a ${source.kind} task has no output "${output}" (it has ${Object.keys(CELL_OUTPUTS[source.kind]).join(', ') || 'none'}).`);
      if (type !== inputs[input]) throw new PipelineImportError(`Node ${node.node_id} feeds its ${input} input (a ${inputs[input]}) from ${from}, which is a ${type}.`);
      made.add(`${source.node_id}→${node.node_id}`);
      parents.get(node.node_id)!.push(source.node_id);
    }
  }
  // The mappings must make a DAG. Today's types already rule a cycle out (only data, which reads
  // nothing, and train produce what others read); this keeps it so as inputs are added.
  const order = topologicalOrder(nodeGraph(byNode, parents));
  if (!order.ok) throw new PipelineImportError(`The nodes ${[...order.cycle, order.cycle[0]].join(' → ')} read from each other in a cycle, so none can run first. Change one mapping to break it.`);
  for (const edge of file.edges) {
    if (!byNode.has(edge.from) || !byNode.has(edge.to)) throw new PipelineImportError(`The edge ${edge.from} → ${edge.to} names a node that does not exist.`);
    if (!made.has(`${edge.from}→${edge.to}`)) throw new PipelineImportError(`The edge ${edge.from} → ${edge.to} is not made by any input mapping of ${edge.to}. Map one of ${edge.from}'s outputs into ${edge.to}, or remove the edge.`);
  }

  // New cells, then their inputs as settings.
  const ids = new Map([...byNode.keys()].map((nodeId) => [nodeId, CellId.create()]));
  const cells: ImportedCell[] = [...byNode.values()].map((node) => {
    const config: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node.params)) {
      if (key === 'source' && (node.kind === 'markdown' || node.kind === 'code')) continue;
      const field = (cellConfigSchema.shape as Record<string, z.ZodType>)[key];
      if (!field || (INPUT_KEYS as readonly string[]).includes(key) || (LOCAL_KEYS as readonly string[]).includes(key)) {
        notices.push(`Node ${node.node_id}: the setting "${key}" is not one Loopbook reads, so it was left out.`);
        continue;
      }
      const checked = field.safeParse(value);
      if (!checked.success) throw new PipelineImportError(`Node ${node.node_id}: the setting "${key}" is not valid (${checked.error.issues[0]!.message}).`);
      config[key] = checked.data;
    }
    for (const [from, input] of Object.entries(node.input_mappings)) Object.assign(config, inputSetting(node.kind, input, from, ids));
    const source = (node.kind === 'markdown' || node.kind === 'code') && typeof node.params.source === 'string' ? node.params.source : '';
    return { id: ids.get(node.node_id)!, kind: node.kind, config: config as CellConfig, source };
  });

  // A train node's model is read as the automatic choice, which follows the nearest train cell above.
  const nodes = [...byNode.values()];
  nodes.forEach((node, i) => {
    for (const [from, input] of Object.entries(node.input_mappings)) {
      if (input !== 'model' || isGlobal(from)) continue;
      const train = from.slice(0, from.lastIndexOf('.'));
      const nearest = nodes.slice(0, i).findLast((n) => n.kind === 'train')?.node_id;
      if (train !== nearest) notices.push(`Node ${node.node_id} reads ${from}, but a ${node.kind} cell uses the production model, else the newest: after a run, that of ${nearest ?? 'the newest experiment'}. Put ${node.node_id} below ${train} to use its model.`);
    }
  });
  return { cells, name: file.name, notices };
}

const GLOBAL_HELP: Readonly<Record<string, string>> = {
  model: 'a model comes from registry.production, registry.staging, registry.auto, experiment.<id> or a train node',
  dataset: 'rows come from a data node, or (predict and evaluate) file, or (predict) row',
};

function globalFits(kind: CellKind, input: string, key: string): boolean {
  if (input === 'model') return key.startsWith('registry.') || key.startsWith('experiment.');
  if (input === 'dataset') return key === 'file' ? kind === 'predict' || kind === 'evaluate' : key === 'row' && kind === 'predict';
  return false;
}

/** The nodes and their mappings as a graph, for the cycle check. */
function nodeGraph(nodes: ReadonlyMap<string, { readonly kind: CellKind }>, parents: ReadonlyMap<string, readonly string[]>): PipelineGraph<string> {
  const children = new Map([...nodes.keys()].map((id) => [id, [] as string[]]));
  for (const [id, ups] of parents) for (const up of new Set(ups)) children.get(up)!.push(id);
  return { cells: [...nodes.keys()], kinds: new Map([...nodes].map(([id, n]) => [id, n.kind])), parents: new Map([...parents].map(([id, ups]) => [id, [...new Set(ups)]])), children };
}

function describeInputs(kind: CellKind): string {
  const names = Object.keys(CELL_INPUTS[kind]);
  return names.length === 0 ? 'no inputs' : `the inputs ${names.join(', ')}`;
}

/** The settings that make `input` read `from`. */
function inputSetting(kind: CellKind, input: string, from: string, ids: ReadonlyMap<string, CellId>): CellConfig {
  if (input === 'model') {
    if (from === 'registry.production' || from === 'registry.staging') return { model: from.slice('registry.'.length) };
    if (from.startsWith('experiment.')) return { model: from.slice('experiment.'.length) };
    // registry.auto, or a train node's model: the automatic choice, after the nearest train cell above.
    return {};
  }
  if (from === 'file' || from === 'row') return kind === 'predict' || kind === 'evaluate' ? { inputSource: from === 'row' && kind === 'predict' ? 'row' : 'file' } : {};
  const node = from.slice(0, from.lastIndexOf('.'));
  const id = ids.get(node);
  if (input === 'future') return id ? { futureCellId: id } : {};
  return id ? { sourceCellId: id, ...(kind === 'predict' || kind === 'evaluate' ? { inputSource: 'cell' as const } : {}) } : {};
}
