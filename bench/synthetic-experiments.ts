/**
 * A seeded project's worth of experiment records, shaped like what the app stores (StoredExperiment
 * and StoredExperimentResult in lib/store/db.ts, with configs, snapshots and results that pass the
 * zod schemas of lib/jobs/train-records.ts), for the experiments benchmark. Most runs completed,
 * with a result the size a real one has (a confusion matrix, 8 feature importances, ~100-point
 * ROC and PR curves or a residual sample); some failed or were canceled.
 */
import type { StoredExperiment, StoredExperimentResult } from '../lib/store/db';
import { createRng } from '../lib/ml/rng';

interface SyntheticDataset {
  readonly name: string;
  readonly task: 'binary' | 'multiclass' | 'regression';
  readonly label: string;
  readonly metric: 'roc_auc' | 'log_loss' | 'accuracy' | 'macro_f1' | 'rmse' | 'r2';
  readonly classes?: readonly string[];
}

const DATASETS: readonly SyntheticDataset[] = [
  { name: 'penguins.csv', task: 'multiclass', label: 'species', metric: 'accuracy', classes: ['Adelie', 'Chinstrap', 'Gentoo'] },
  { name: 'seattle-weather.csv', task: 'multiclass', label: 'weather', metric: 'macro_f1', classes: ['drizzle', 'fog', 'rain', 'snow', 'sun'] },
  { name: 'churn.csv', task: 'binary', label: 'churned', metric: 'roc_auc', classes: ['no', 'yes'] },
  { name: 'credit-default.parquet', task: 'binary', label: 'default', metric: 'log_loss', classes: ['0', '1'] },
  { name: 'house-prices.csv', task: 'regression', label: 'price', metric: 'rmse' },
  { name: 'bike-sharing.csv', task: 'regression', label: 'count', metric: 'r2' },
];
const PEOPLE = ['Ada', 'Grace', 'Linus', 'Margaret', 'Alan'];
const LEARNERS = ['gbdt', 'rf', 'linear', 'mlp'] as const;
const FEATURES = ['age', 'income', 'tenure_months', 'region', 'plan', 'monthly_charges', 'support_calls', 'last_login_days'];
const CURVE_POINTS = 100;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export interface SyntheticExperiments {
  readonly experiments: StoredExperiment[];
  readonly results: StoredExperimentResult[];
}

/** `count` experiments numbered 1..count in project `projectId`, started 90 s apart. */
export function syntheticExperiments(projectId: string, count: number, seed = 20261123): SyntheticExperiments {
  const rng = createRng(seed);
  const random = () => rng.next();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] ?? (list[0] as T);
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  const ulidAt = (ms: number) => {
    let time = '';
    for (let t = ms, i = 0; i < 10; i++, t = Math.floor(t / 32)) time = (CROCKFORD[t % 32] ?? '0') + time;
    return time + Array.from({ length: 16 }, () => pick([...CROCKFORD])).join('');
  };
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  const datasetHashes = DATASETS.map(() => [hex(64), hex(64)]);
  const cellIds = Array.from({ length: 12 }, () => ulidAt(Date.UTC(2026, 0, 1)));
  const startOfAll = Date.UTC(2026, 0, 1);
  const experiments: StoredExperiment[] = [];
  const results: StoredExperimentResult[] = [];

  for (let number = 1; number <= count; number++) {
    const d = random();
    const datasetIndex = Math.floor(random() * DATASETS.length);
    const dataset = DATASETS[datasetIndex] ?? DATASETS[0];
    if (!dataset) throw new Error('No datasets.');
    const status: StoredExperiment['status'] = d < 0.9 ? 'completed' : d < 0.96 ? 'failed' : 'canceled';
    const learners = LEARNERS.filter(() => random() < 0.7);
    const config = {
      label: dataset.label,
      task: dataset.task,
      metric: dataset.metric,
      timeBudgetS: pick([30, 60, 120, 300]),
      seed: Math.floor(random() * 1000),
      learners: learners.length > 0 ? learners : ['gbdt'],
      ensemble: random() < 0.6,
      backend: pick(['auto', 'auto', 'wasm', 'webgpu'] as const),
    };
    const startedAt = startOfAll + number * 90_000;
    const elapsedMs = Math.round(config.timeBudgetS * 1000 * (status === 'completed' ? 0.85 + random() * 0.15 : random()));
    const higherIsBetter = dataset.metric !== 'log_loss' && dataset.metric !== 'rmse';
    const score = round(higherIsBetter ? 0.7 + random() * 0.28 : 0.05 + random() * 0.6);
    const trials = 5 + Math.floor(random() * 80);
    const bestLearner = pick(config.learners);
    const id = ulidAt(startedAt);
    const points = 4 + Math.floor(random() * 4);
    const bestOverTime = Array.from({ length: points }, (_, i) => {
      const t = Math.round((elapsedMs * (i + 1)) / points);
      const s = round(higherIsBetter ? score * (0.9 + (0.1 * (i + 1)) / points) : score * (1.1 - (0.1 * (i + 1)) / points));
      return [t, s] as const;
    });
    const ended = {
      id,
      projectId,
      number,
      cellId: pick(cellIds),
      datasetHash: pick(datasetHashes[datasetIndex] ?? [hex(64)]),
      status,
      config,
      configSources: { label: 'data cell', task: 'data cell', metric: 'default', timeBudgetS: 'cell', seed: 'project', learners: 'default', ensemble: 'default', backend: 'project' },
      startedAt,
      heartbeatAt: startedAt + elapsedMs,
      endedAt: startedAt + elapsedMs,
      snapshot: {
        status: status === 'completed' ? 'completed' : status,
        phase: status === 'completed' ? 'saving' : 'search',
        elapsedMs,
        budgetMs: config.timeBudgetS * 1000,
        trials,
        bestScore: status === 'failed' ? null : score,
        bestLearner: status === 'failed' ? null : bestLearner,
        fitting: null,
        running: 0,
      },
      bestOverTime: status === 'failed' ? [] : bestOverTime,
      datasetName: dataset.name,
      startedBy: pick(PEOPLE),
    } satisfies StoredExperiment;
    if (status !== 'completed') {
      experiments.push({
        ...ended,
        error: status === 'failed' ? { name: 'TrainError', message: `The label column “${dataset.label}” has a single value in the training rows.` } : { name: 'AbortError', message: 'Canceled.' },
      });
      continue;
    }
    const chosen = Array.from({ length: config.ensemble ? 3 : 1 }, () => Math.floor(random() * trials));
    experiments.push({
      ...ended,
      heldOut: { metric: dataset.metric, score, learners: [...new Set(chosen.map(() => pick(config.learners)))].join('+') },
      modelHash: hex(64),
    });
    results.push({ experimentId: id, result: syntheticResult(dataset, score, chosen, elapsedMs, random) });
  }
  return { experiments, results };
}

function syntheticResult(dataset: SyntheticDataset, score: number, chosen: readonly number[], elapsedMs: number, random: () => number): unknown {
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  const rows = 60 + Math.floor(random() * 400);
  const importance = FEATURES.map((name) => ({ name, mean: round(random() * 0.2), std: round(random() * 0.03) }));
  const curve = (f: (x: number) => number) => {
    const xs = Array.from({ length: CURVE_POINTS }, (_, i) => round(i / (CURVE_POINTS - 1)));
    return { xs, ys: xs.map((x) => round(Math.min(1, f(x)))), thresholds: xs.map((x) => round(1 - x)) };
  };
  const classes = dataset.classes;
  const evaluation =
    classes === undefined
      ? {
          task: 'regression' as const,
          metric: dataset.metric,
          rows,
          metrics: { r2: round(0.6 + random() * 0.35), rmse: round(random() * 40), mae: round(random() * 30), mape: round(random() * 0.3) },
          residuals: (() => {
            const predicted = Array.from({ length: Math.min(rows, 500) }, () => round(random() * 500));
            const residual = predicted.map(() => round((random() - 0.5) * 60));
            return { predicted, residual, histogram: { edges: Array.from({ length: 21 }, (_, i) => -30 + i * 3), counts: Array.from({ length: 20 }, () => Math.floor(random() * 40)) }, skipped: 0 };
          })(),
          importance,
        }
      : {
          task: dataset.task,
          metric: dataset.metric,
          rows,
          metrics: { accuracy: round(0.7 + random() * 0.28), balanced_accuracy: round(0.7 + random() * 0.28), macro_f1: round(0.65 + random() * 0.3), log_loss: round(0.05 + random() * 0.5), roc_auc: classes.length === 2 ? score : null },
          classes: [...classes],
          confusion: classes.map((_, i) => classes.map((__, j) => (i === j ? 20 + Math.floor(random() * 80) : Math.floor(random() * 6)))),
          ...(classes.length === 2
            ? (() => {
                const roc = curve((x) => Math.sqrt(x) * 1.05);
                const pr = curve((x) => 1 - 0.4 * x * x);
                return {
                  roc: { fpr: roc.xs, tpr: roc.ys, thresholds: roc.thresholds, auc: score },
                  pr: { recall: pr.xs, precision: pr.ys, thresholds: pr.thresholds, averagePrecision: round(0.6 + random() * 0.35) },
                };
              })()
            : {}),
          importance,
        };
  return {
    chosen: [...chosen],
    validScore: score,
    evaluation,
    learningCurve: { trial: chosen[0] ?? 0, xLabel: 'trees', series: [{ name: 'train', values: Array.from({ length: 50 }, () => round(random())) }, { name: 'validation', values: Array.from({ length: 50 }, () => round(random())) }] },
    validation: { kind: 'holdout', trainRows: rows * 4, testRows: rows },
    notices: random() < 0.2 ? ['2 rows with a missing label were left out.'] : [],
    backend: 'wasm',
    trialWorkers: 1,
    elapsedMs,
  };
}

/**
 * Runs in the page (pass it to page.evaluate): writes experiment records and their results
 * straight into the app's IndexedDB database, as the app stores them, schema untouched.
 */
export async function putExperimentRecords({ experiments, results }: { readonly experiments: readonly StoredExperiment[]; readonly results: readonly StoredExperimentResult[] }): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('loopbook');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(['experiments', 'experimentResults'], 'readwrite');
    for (const e of experiments) tx.objectStore('experiments').put(e);
    for (const r of results) tx.objectStore('experimentResults').put(r);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}
