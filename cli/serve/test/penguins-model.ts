/**
 * A small multiclass model for the serve tests: 20 trees of gbdt on the penguins sample, fitted
 * with fixed params (no search), about a second. Returned as a model.zip and as read back from it,
 * the way `loopbook serve` sees it.
 */
import { readFileSync } from 'node:fs';
import { readModelZip, writeModelZip, type ModelBundle } from '../../../lib/bundle';
import { analyzeTable } from '../../../lib/data/analyze';
import { parseText } from '../../../lib/data/parse';
import type { Table } from '../../../lib/data/types';
import { trainAutoML } from '../../../lib/ml/train';

export const PENGUINS_CSV = readFileSync(new URL('../../../public/samples/penguins.csv', import.meta.url), 'utf8');

export async function penguinsModel(): Promise<{ zip: Uint8Array; bundle: ModelBundle; table: Table }> {
  const { table } = parseText(PENGUINS_CSV);
  const { schema } = analyzeTable(table, {}, 'Species');
  const result = await trainAutoML({
    table,
    schema,
    config: { label: 'Species', task: 'multiclass', metric: 'log_loss', timeBudgetS: 60, seed: 1, learners: ['gbdt'], ensemble: false, fixed: { learner: 'gbdt', params: { trees: 20 } } },
  });
  const zip = await writeModelZip({ model: result.model, config: result.config, evaluation: result.evaluation, createdAt: new Date(0) });
  return { zip, bundle: await readModelZip(zip), table };
}
