/** `loopbook predict model.zip data.csv [-o out.csv]`: the input columns plus the predictions. */
import type { CsvColumn } from '../../lib/data/write-csv';
import { predictTable } from '../../lib/ml/model';
import { parseCommand } from '../args';
import { UsageError } from '../errors';
import { readTable, writeCsv } from '../io';
import { loadModel } from './model-file';

export const PREDICT_USAGE = `Usage: loopbook predict model.zip data.csv [-o out.csv]

Writes the input columns plus "prediction" (and "prob_<class>" per class for a classifier)
to out.csv, or to stdout without -o.`;

export async function predict(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, { out: { type: 'string', short: 'o' } }, PREDICT_USAGE);
  if (positionals.length !== 2) throw new UsageError(`Give a model.zip and a data file.\n\n${PREDICT_USAGE}`);
  const [modelPath, dataPath] = positionals as [string, string];
  const bundle = await loadModel(modelPath);
  const { table } = await readTable(dataPath);
  const { predictions, notices } = await predictTable(bundle.model, table);
  for (const n of notices) process.stderr.write(`note: ${n}\n`);
  await writeCsv(values.out, [...table.columns, ...predictionColumns(bundle.model.plan.label, predictions)], table.rowCount);
  if (values.out) process.stderr.write(`Wrote ${table.rowCount.toLocaleString('en')} predictions to ${values.out}.\n`);
  return 0;
}

/** `prediction`, then `prob_<class>` for each class of a classifier. */
export function predictionColumns(
  label: { task: 'regression' } | { task: 'binary' | 'multiclass'; classes: readonly string[] },
  p: { rows: number; width: number; values: Float64Array },
): CsvColumn[] {
  if (label.task === 'regression') return [{ kind: 'computed', name: 'prediction', values: p.values }];
  const classes = label.classes;
  const predicted: string[] = [];
  const probs = classes.map(() => new Float64Array(p.rows));
  for (let r = 0; r < p.rows; r++) {
    let best = 0;
    for (let k = 0; k < p.width; k++) {
      const v = p.values[r * p.width + k]!;
      probs[k]![r] = v;
      if (v > p.values[r * p.width + best]!) best = k;
    }
    predicted.push(classes[best]!);
  }
  return [{ kind: 'computed', name: 'prediction', values: predicted }, ...classes.map((c, k) => ({ kind: 'computed' as const, name: `prob_${c}`, values: probs[k]! }))];
}
