/** `loopbook train data.csv --label y …`: AutoML from the command line. */
import { writeFile } from 'node:fs/promises';
import { writeModelZip } from '../../lib/bundle';
import { TASKS, type Task } from '../../lib/data/types';
import { defaultMetric, isMetricName, metricAppliesTo, METRIC_NAMES } from '../../lib/ml/metrics';
import { learnerOf } from '../../lib/ml/learners';
import { trainAutoML, type AutoMLConfig } from '../../lib/ml/train';
import { LEARNER_NAMES, type LearnerName } from '../../lib/ml/types';
import { numberOption, parseCommand } from '../args';
import { UsageError } from '../errors';
import { confusionText, formatNumber, importanceText, leaderboardText, metricsText } from '../format';
import { analyze, checkOutputPath, readTable, writeBytes } from '../io';
import { ProgressLine } from '../progress';

export const TRAIN_USAGE = `Usage: loopbook train data.csv --label COLUMN [options]

  --label COLUMN       the column to predict (default: the suggested label)
  --task TASK          binary | multiclass | regression (default: inferred)
  --metric METRIC      ${METRIC_NAMES.join(' | ')}
  --time SECONDS       time budget (default 60)
  --seed N             random seed (default 42)
  --learners LIST      comma-separated: ${LEARNER_NAMES.join(',')} (default: all)
  --params JSON        with one learner: fit exactly these params, no search
  --trials N           stop after N trials
  --no-ensemble        keep the best single trial
  --test FILE          score the final model on this labelled file instead of a split
  -o, --out FILE       write the model (default model.zip)
  --json FILE          write a JSON report`;

export async function train(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      label: { type: 'string' },
      task: { type: 'string' },
      metric: { type: 'string' },
      time: { type: 'string' },
      seed: { type: 'string' },
      learners: { type: 'string' },
      params: { type: 'string' },
      trials: { type: 'string' },
      'no-ensemble': { type: 'boolean' },
      test: { type: 'string' },
      out: { type: 'string', short: 'o' },
      json: { type: 'string' },
    },
    TRAIN_USAGE,
  );
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError(`Give exactly one data file.\n\n${TRAIN_USAGE}`);
  const time = numberOption(values.time, 'time', (n) => n > 0 && n <= 86_400, 'a number of seconds above 0') ?? 60;
  const seed = numberOption(values.seed, 'seed', Number.isInteger, 'a whole number') ?? 42;
  const trials = numberOption(values.trials, 'trials', (n) => Number.isInteger(n) && n > 0, 'a whole number above 0');
  const learners = parseLearners(values.learners);
  const fixed = values.params !== undefined ? parseFixed(values.params, learners) : undefined;
  const out = values.out ?? 'model.zip';
  await checkOutputPath(out, '-o');
  if (values.json) await checkOutputPath(values.json, '--json');

  const { table, notices } = await readTable(file);
  const analysis = analyze(table, values.label);
  const label = values.label ?? analysis.label;
  if (!label) throw new UsageError(`No column looks like a label in ${file}. Name one with --label.`);
  if (!table.columns.some((c) => c.name === label)) {
    throw new UsageError(`There is no column "${label}" in ${file}. The columns are: ${table.columns.map((c) => c.name).join(', ')}.`);
  }
  const task = parseTask(values.task) ?? analysis.task.task;
  // The analysis counts classes only for a classification label; regression stays a valid choice.
  const { classes, task: fits } = analysis.task;
  if (values.task && classes !== undefined && task !== 'regression' && task !== fits) {
    throw new UsageError(`--task ${task} does not fit "${label}": it has ${classes} classes, so the task is ${fits}. Give --task ${fits}, or leave --task out.`);
  }
  // The analysis places every label that has something to predict; what it refuses (no values,
  // one value, ids, free text) --task would not make learnable.
  if (!task) throw new UsageError(`Cannot train on "${label}": ${analysis.task.reason}${/nothing to predict/.test(analysis.task.reason) ? ' Choose another label.' : ''}`);
  const metric = values.metric ?? defaultMetric(task);
  if (!isMetricName(metric)) throw new UsageError(`--metric must be one of ${METRIC_NAMES.join(', ')}; got "${metric}".`);
  if (!metricAppliesTo(metric, task)) {
    throw new UsageError(`The metric ${metric} does not apply to a ${task} task. Use one of: ${METRIC_NAMES.filter((m) => metricAppliesTo(m, task)).join(', ')}.`);
  }
  if (fixed) {
    try {
      learnerOf(fixed.learner).parseParams(fixed.params, task);
    } catch (error) {
      throw new UsageError(`--params: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const test = values.test ? (await readTable(values.test)).table : undefined;
  if (test && values.test) {
    // Checked before training: a test file that cannot be scored would waste the whole budget.
    const has = new Set(test.columns.map((c) => c.name));
    const used = analysis.schema.filter((c) => c.included || c.name === label).map((c) => c.name);
    const lacking = used.filter((n) => !has.has(n));
    if (lacking.length > 0) {
      throw new UsageError(`The --test file ${values.test} lacks ${lacking.length === 1 ? 'the column' : 'the columns'} ${lacking.map((n) => `"${n}"`).join(', ')}${lacking.includes(label) ? ' (the label)' : ''}. Give a test file with the same columns as ${file}.`);
    }
  }

  for (const n of notices) process.stderr.write(`note: ${n}\n`);
  // Columns the analysis keeps but doubts (the app shows these beside the label picker); ids and
  // constants it leaves out are told with the training's own notes.
  for (const w of analysis.warnings) if (w.code === 'mostly-numbers' || w.code === 'high-cardinality') process.stderr.write(`note: ${w.message}\n`);
  const config: AutoMLConfig = { label, task, metric, timeBudgetS: time, seed, learners, ensemble: !values['no-ensemble'], ...(trials ? { maxTrials: trials } : {}), ...(fixed ? { fixed } : {}) };
  process.stderr.write(`Training a ${task} model for "${label}" on ${table.rowCount.toLocaleString('en')} rows (${metric}, ${time} s budget)…\n`);
  const bar = new ProgressLine();
  const result = await trainAutoML({
    table,
    schema: analysis.schema,
    config,
    ...(test ? { test } : {}),
    hooks: {
      onProgress: (p) => {
        const what = p.phase === 'evaluate' ? 'evaluating the best model' : p.fitting ? `fitting ${p.fitting}` : 'searching';
        bar.update(p.elapsedMs / p.budgetMs, `${p.trials} trials, best ${formatNumber(p.bestScore)} (${p.bestLearner ?? '–'}); ${what}`);
      },
    },
  });
  bar.done();
  await writeBytes(out, await writeModelZip({ model: result.model, config, evaluation: result.evaluation }));

  for (const n of result.notices) process.stderr.write(`note: ${n}\n`);
  const lines = [
    `Leaderboard (${result.trials.length} trials, ${result.validation.kind === 'kfold' ? '5-fold cross-validation' : result.validation.kind === 'holdout' ? 'holdout validation' : 'no validation'}):`,
    leaderboardText(result.trials, metric),
    '',
    `${result.ensemble ? `Chosen: an ensemble of trials ${Object.keys(result.ensemble).map((k) => `#${k}`).join(', ')}` : `Chosen: trial ${bestIndex(result)}`} (validation ${formatNumber(result.validScore)})${result.refit ? ', refitted on all training rows' : ''}`,
    '',
    `Held-out evaluation (${test ? values.test : `${result.validation.testRows} rows never used in training`}):`,
    metricsText(result.evaluation),
    confusionText(result.evaluation) ?? '',
    '',
    'Permutation importance (held-out):',
    importanceText(result.evaluation),
    '',
    `Model written to ${out} in ${(result.elapsedMs / 1000).toFixed(1)} s.`,
  ];
  process.stdout.write(`${lines.join('\n').replace(/\n{3,}/g, '\n\n')}\n`);
  if (values.json) {
    const report = { config, trials: result.trials, validScore: result.validScore, ensemble: result.ensemble ?? null, validation: result.validation, evaluation: result.evaluation, notices: result.notices, elapsedMs: Math.round(result.elapsedMs), model: out };
    await writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
  }
  return 0;
}

function bestIndex(result: Awaited<ReturnType<typeof trainAutoML>>): string {
  const best = result.chosen[0];
  return best ? `#${best} (${result.trials[best - 1]?.learner ?? ''})` : '';
}

function parseLearners(value: string | undefined): LearnerName[] {
  if (value === undefined) return [...LEARNER_NAMES];
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(LEARNER_NAMES as readonly string[]).includes(n));
  if (names.length === 0 || unknown.length > 0) {
    throw new UsageError(`--learners takes a comma-separated list of ${LEARNER_NAMES.join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}.`);
  }
  return LEARNER_NAMES.filter((n) => names.includes(n));
}

function parseTask(value: string | undefined): Task | undefined {
  if (value === undefined) return undefined;
  const task = TASKS.find((t) => t === value);
  if (!task) throw new UsageError(`--task must be one of ${TASKS.join(', ')}; got "${value}".`);
  return task;
}

function parseFixed(text: string, learners: readonly LearnerName[]): AutoMLConfig['fixed'] {
  if (learners.length !== 1) throw new UsageError('--params needs exactly one learner, for example --learners gbdt --params \'{"trees":200}\'.');
  let params: unknown;
  try {
    params = JSON.parse(text);
  } catch {
    throw new UsageError(`--params must be a JSON object, for example '{"trees":200,"leaves":63}'; got ${text}.`);
  }
  if (typeof params !== 'object' || params === null || Array.isArray(params)) throw new UsageError('--params must be a JSON object.');
  return { learner: learners[0]!, params: Object.fromEntries(Object.entries(params)) };
}
