/** `loopbook evaluate model.zip labeled.csv [--json out.json]`: the model's metrics on labelled rows. */
import { writeFile } from 'node:fs/promises';
import { evaluateTable } from '../../lib/ml/evaluate-table';
import { numberOption, parseCommand } from '../args';
import { UsageError } from '../errors';
import { confusionText, importanceText, metricsText } from '../format';
import { checkOutputPath, readTable } from '../io';
import { loadModel } from './model-file';

export const EVALUATE_USAGE = `Usage: loopbook evaluate model.zip labeled.csv [--json report.json]`;

export async function evaluate(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, { json: { type: 'string' }, seed: { type: 'string' } }, EVALUATE_USAGE);
  if (positionals.length !== 2) throw new UsageError(`Give a model.zip and a labelled data file.\n\n${EVALUATE_USAGE}`);
  const [modelPath, dataPath] = positionals as [string, string];
  const seed = numberOption(values.seed, 'seed', Number.isInteger, 'a whole number') ?? 42;
  if (values.json) await checkOutputPath(values.json, '--json');
  const bundle = await loadModel(modelPath);
  const { table } = await readTable(dataPath);
  const { evaluation, notices, rows, unlabelled } = await evaluateTable(bundle.model, table, { metric: bundle.manifest.metric, seed });
  for (const n of notices) process.stderr.write(`note: ${n}\n`);
  const { plan } = bundle.model;
  const lines = [
    `${bundle.manifest.learner} for "${plan.label.column}" (${plan.label.task}) on ${rows.length.toLocaleString('en')} labelled rows of ${dataPath}${unlabelled ? ` (${unlabelled} without a label left out)` : ''}:`,
    // Rows the model may have trained on: not called held-out here.
    metricsText(evaluation, 'value'),
    confusionText(evaluation) ?? '',
    '',
    'Permutation importance:',
    importanceText(evaluation),
  ];
  process.stdout.write(`${lines.join('\n').replace(/\n{3,}/g, '\n\n')}\n`);
  if (values.json) await writeFile(values.json, `${JSON.stringify(evaluation, null, 2)}\n`);
  return 0;
}
