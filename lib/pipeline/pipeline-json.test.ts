import { describe, expect, it } from 'vitest';
import { cellInputs } from './bindings';
import { buildGraph, topologicalOrder } from './graph';
import { exportPipeline, importPipeline, PipelineImportError, type PipelineFile } from './pipeline-json';
import { notebook } from './test/notebook';

const PROJECT = { id: '01JPROJECT', name: 'Penguins' };

function sample() {
  return notebook([
    ['intro', 'markdown'],
    ['data1', 'data', { fileName: 'penguins.csv', label: 'Species' }],
    ['train1', 'train', { label: 'Species', timeBudgetS: 30, learners: ['gbdt', 'rf'], experimentId: '01JLOCAL' }],
    ['evaluate1', 'evaluate', { model: 'production' }],
    ['predict1', 'predict', { inputSource: 'row', row: { Island: 'Dream' } }],
    ['predict2', 'predict', { model: '01JEXPERIMENT', inputSource: 'file' }],
  ]);
}

function refusal(file: unknown): string {
  try {
    importPipeline(file);
  } catch (error) {
    if (error instanceof PipelineImportError) return error.message;
    throw error;
  }
  throw new Error('imported');
}

describe('pipeline files', () => {
  it('export the notebook as nodes, mappings, global inputs and edges', () => {
    const nb = sample();
    nb.cells[0] = { ...nb.cells[0]!, source: '# Penguins' };
    const file = exportPipeline(PROJECT, nb.cells);
    expect(file).toMatchObject({ pipeline_id: '01JPROJECT', name: 'Penguins', global_inputs: ['experiment.01JEXPERIMENT', 'file', 'registry.auto', 'registry.production', 'row'] });
    const node = (id: string) => file.nodes.find((n) => n.node_id === id);
    expect(node('markdown1')).toEqual({ node_id: 'markdown1', task_name: 'markdown', inputs: [], input_mappings: {}, params: { source: '# Penguins' } });
    expect(node('train1')).toEqual({
      node_id: 'train1',
      task_name: 'train',
      inputs: ['dataset'],
      input_mappings: { 'data1.dataset': 'dataset' },
      // experimentId names this browser's record: not part of the pipeline.
      params: { label: 'Species', timeBudgetS: 30, learners: ['gbdt', 'rf'] },
    });
    expect(node('evaluate1')!.input_mappings).toEqual({ 'registry.production': 'model', 'data1.dataset': 'dataset' });
    expect(node('predict1')!.input_mappings).toEqual({ 'registry.auto': 'model', row: 'dataset' });
    expect(node('predict2')!.input_mappings).toEqual({ 'experiment.01JEXPERIMENT': 'model', file: 'dataset' });
    expect(file.edges).toEqual([
      { from: 'data1', to: 'train1' },
      { from: 'data1', to: 'evaluate1' },
    ]);
  });

  it('import back into the same notebook: kinds, settings, inputs and order', () => {
    const nb = sample();
    const file = JSON.parse(JSON.stringify(exportPipeline(PROJECT, nb.cells))) as unknown;
    const { cells, name, notices } = importPipeline(file);
    expect(name).toBe('Penguins');
    expect(notices).toEqual([]);
    expect(cells.map((c) => c.kind)).toEqual(nb.cells.map((c) => c.kind));
    const views = cells.map((c) => ({ id: c.id, kind: c.kind, collapsed: false, source: c.source, config: c.config }));
    // Every input reads the same place as in the original, by position.
    const position = (list: { id: string }[]) => new Map(list.map((c, i) => [c.id, i]));
    const shape = (inputs: ReturnType<typeof cellInputs>, at: Map<string, number>) =>
      inputs.map((c) => Object.fromEntries(Object.entries(c.inputs).map(([k, s]) => [k, s.type === 'cell' ? `cell ${at.get(s.cellId)}` : s.type === 'automatic' ? `auto ${s.after ? at.get(s.after) : '-'}` : JSON.stringify(s)])));
    expect(shape(cellInputs(views), position(views))).toEqual(shape(cellInputs(nb.cells), position(nb.cells)));
    expect(cells[2]!.config).toMatchObject({ label: 'Species', timeBudgetS: 30, learners: ['gbdt', 'rf'] });
    expect(cells[4]!.config).toMatchObject({ row: { Island: 'Dream' }, inputSource: 'row' });
    expect(topologicalOrder(buildGraph(cellInputs(views))).ok).toBe(true);
  });

  const base = (): PipelineFile => ({
    pipeline_id: 'p',
    name: 'p',
    global_inputs: ['registry.production'],
    nodes: [
      { node_id: 'data1', task_name: 'data', inputs: [], input_mappings: {} },
      { node_id: 'train1', task_name: 'train', inputs: ['dataset'], input_mappings: { 'data1.dataset': 'dataset' } },
      { node_id: 'predict1', task_name: 'predict', inputs: ['model', 'dataset'], input_mappings: { 'registry.production': 'model', 'data1.dataset': 'dataset' } },
    ],
    edges: [
      { from: 'data1', to: 'train1' },
      { from: 'data1', to: 'predict1' },
    ],
  });

  it('refuse an unknown task, naming the node and the tasks there are', () => {
    const file = base();
    file.nodes[1]!.task_name = 'fine_tune';
    expect(refusal(file)).toBe('Node train1 has the task "fine_tune", which Loopbook does not know. The tasks are markdown, data, train, sweep, predict, evaluate, code.');
  });

  it('refuse dangling mappings: a missing node, a missing output, a missing input, an undeclared global, a wrong type', () => {
    const missingNode = base();
    missingNode.nodes[1]!.input_mappings = { 'data9.dataset': 'dataset' };
    expect(refusal(missingNode)).toMatch(/^Node train1 reads data9\.dataset, but there is no node data9\./);
    const missingOutput = base();
    missingOutput.nodes[1]!.input_mappings = { 'data1.rows': 'dataset' };
    expect(refusal(missingOutput)).toMatch(/^Node train1 reads data1\.rows, but a data task has no output "rows" \(it has dataset\)\./);
    const missingInput = base();
    missingInput.nodes[1]!.input_mappings = { 'data1.dataset': 'training_data' };
    expect(refusal(missingInput)).toMatch(/^Node train1 maps data1\.dataset into "training_data", but a train task has the inputs dataset\./);
    const undeclared = base();
    undeclared.global_inputs = [];
    expect(refusal(undeclared)).toMatch(/^Node predict1 reads registry\.production, which is not among global_inputs\./);
    const wrongType = base();
    wrongType.nodes[2]!.input_mappings = { 'data1.dataset': 'model' };
    expect(refusal(wrongType)).toMatch(/^Node predict1 feeds its model input \(a model\) from data1\.dataset, which is a dataset\./);
    const trainFromFile = base();
    trainFromFile.global_inputs = ['file'];
    trainFromFile.nodes[1]!.input_mappings = { file: 'dataset' };
    trainFromFile.edges = [];
    expect(refusal(trainFromFile)).toMatch(/^Node train1 cannot read its dataset from file: rows come from a data node/);
  });

  it('refuse an edge no mapping makes, a repeated node id, and a file that is not a pipeline', () => {
    const stray = base();
    stray.edges!.push({ from: 'train1', to: 'data1' });
    expect(refusal(stray)).toMatch(/^The edge train1 → data1 is not made by any input mapping of data1\./);
    const twice = base();
    twice.nodes.push({ ...twice.nodes[0]! });
    expect(refusal(twice)).toBe('Node data1 appears twice. Give every node its own node_id.');
    expect(refusal({ nodes: 'all of them' })).toMatch(/^This is not a pipeline file: /);
    expect(refusal(null)).toMatch(/^This is not a pipeline file: /);
  });

  it('say what it left out: unknown settings, and a train node\'s model that is not the nearest above', () => {
    const file = base();
    file.nodes[1]!.params = { label: 'Species', colour: 'blue' };
    file.nodes.push({ node_id: 'train2', task_name: 'train', inputs: ['dataset'], input_mappings: { 'data1.dataset': 'dataset' } });
    file.nodes.push({ node_id: 'predict2', task_name: 'predict', inputs: ['model'], input_mappings: { 'train1.model': 'model' } });
    file.edges!.push({ from: 'data1', to: 'train2' }, { from: 'train1', to: 'predict2' });
    const { cells, notices } = importPipeline(file);
    expect(cells[1]!.config).toEqual({ label: 'Species', sourceCellId: cells[0]!.id });
    expect(notices).toEqual([
      'Node train1: the setting "colour" is not one Loopbook reads, so it was left out.',
      'Node predict2 reads train1.model, but a predict cell uses the production model, else the newest: after a run, that of train2. Put predict2 below train1 to use its model.',
    ]);
  });

  it('refuse a setting of the wrong type', () => {
    const file = base();
    file.nodes[1]!.params = { timeBudgetS: -5 };
    expect(refusal(file)).toMatch(/^Node train1: the setting "timeBudgetS" is not valid/);
  });
});
