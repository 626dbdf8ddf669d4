/** `loopbook predict model.zip data.csv [-o out.csv]`: the input columns plus the predictions. */
import { predictTable } from '../../lib/ml/model';
import { predictionColumns } from '../../lib/ml/prediction-columns';
import { parseCommand } from '../args';
import { UsageError } from '../errors';
import { checkOutputPath, readTable, writeCsv } from '../io';
import { loadModel } from './model-file';

export const PREDICT_USAGE = `Usage: loopbook predict model.zip data.csv [-o out.csv]

Writes the input columns plus "prediction" (and "prob_<class>" per class for a classifier)
to out.csv, or to stdout without -o.`;

export async function predict(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, { out: { type: 'string', short: 'o' } }, PREDICT_USAGE);
  if (positionals.length !== 2) throw new UsageError(`Give a model.zip and a data file.\n\n${PREDICT_USAGE}`);
  const [modelPath, dataPath] = positionals as [string, string];
  if (values.out) await checkOutputPath(values.out, '-o');
  const bundle = await loadModel(modelPath);
  const { table } = await readTable(dataPath);
  const { predictions, notices } = await predictTable(bundle.model, table);
  for (const n of notices) process.stderr.write(`note: ${n}\n`);
  await writeCsv(values.out, [...table.columns, ...predictionColumns(bundle.model.plan.label, predictions)], table.rowCount);
  if (values.out) process.stderr.write(`Wrote ${table.rowCount.toLocaleString('en')} predictions to ${values.out}.\n`);
  return 0;
}
