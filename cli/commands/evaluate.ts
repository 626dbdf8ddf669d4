/** `loopbook evaluate model.zip labeled.csv [--json out.json]`: the model's metrics on labelled rows. */
import { writeFile } from 'node:fs/promises';
import { evaluateModel } from '../../lib/ml/evaluate';
import { combinedFeatures } from '../../lib/ml/features';
import { learnerOf } from '../../lib/ml/learners';
import { predictMembers } from '../../lib/ml/model';
import { checkInput, encodeLabel } from '../../lib/ml/preprocess';
import { parseCommand } from '../args';
import { UsageError } from '../errors';
import { confusionText, importanceText, metricsText } from '../format';
import { readTable } from '../io';
import { loadModel } from './model-file';

export const EVALUATE_USAGE = `Usage: loopbook evaluate model.zip labeled.csv [--json report.json]`;

export async function evaluate(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, { json: { type: 'string' }, seed: { type: 'string' } }, EVALUATE_USAGE);
  if (positionals.length !== 2) throw new UsageError(`Give a model.zip and a labelled data file.\n\n${EVALUATE_USAGE}`);
  const [modelPath, dataPath] = positionals as [string, string];
  const bundle = await loadModel(modelPath);
  const { table } = await readTable(dataPath);
  const { plan } = bundle.model;
  const label = encodeLabel(table, plan.label);
  if (label.rows.length === 0) throw new Error(`${dataPath} has no rows with a value for "${plan.label.column}", the label the model predicts.`);
  for (const n of checkInput(plan, table)) process.stderr.write(`note: ${n}\n`);
  const features = combinedFeatures(plan, [...new Set(bundle.model.members.map((m) => learnerOf(m.learner).encoding))]);
  const evaluation = await evaluateModel({
    task: plan.label.task,
    x: features.build(table, label.rows),
    y: Float64Array.from(label.rows, (r) => label.y[r]!),
    predict: (x) => predictMembers(bundle.model.members, (e) => features.part(x, e)),
    featureGroups: features.groups,
    seed: Number(values.seed ?? 42),
    metric: bundle.manifest.metric,
    classes: plan.label.task === 'regression' ? undefined : plan.label.classes,
  });
  const dropped = table.rowCount - label.rows.length;
  const lines = [
    `${bundle.manifest.learner} for "${plan.label.column}" (${plan.label.task}) on ${label.rows.length.toLocaleString('en')} labelled rows of ${dataPath}${dropped ? ` (${dropped} without a label left out)` : ''}:`,
    metricsText(evaluation),
    confusionText(evaluation) ?? '',
    '',
    'Permutation importance:',
    importanceText(evaluation),
  ];
  process.stdout.write(`${lines.join('\n').replace(/\n{3,}/g, '\n\n')}\n`);
  if (values.json) await writeFile(values.json, `${JSON.stringify(evaluation, null, 2)}\n`);
  return 0;
}
