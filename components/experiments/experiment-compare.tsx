'use client';
import { useState } from 'react';
import { METRICS, METRIC_NAMES } from '@/lib/ml/metrics/registry';
import type { Experiment } from '@/lib/store/experiments';
import { CompareCurvesChart } from '@/components/charts';
import { formatMetric } from '@/components/train/metrics-table';
import { configEntries, CONFIG_KEYS } from './config-entries';

/** Two or more experiments side by side: held-out metrics, the config diff, overlaid curves. */
export function ExperimentCompare({ experiments }: { readonly experiments: readonly Experiment[] }) {
  const [onlyDiffs, setOnlyDiffs] = useState(false);
  const metrics = METRIC_NAMES.filter((m) => experiments.some((e) => typeof e.result?.evaluation.metrics[m] === 'number'));
  const configs = experiments.map((e) => configEntries(e.config));
  const rows = CONFIG_KEYS.map((key, k) => {
    const values = configs.map((c) => c[k]!.value);
    return { key, label: configs[0]![k]!.label, values, differs: new Set(values).size > 1 };
  });
  const binary = experiments.filter((e) => e.result?.evaluation.roc);
  // One search metric for all: its name labels the axis; mixed metrics cannot share one.
  const searchMetrics = new Set(experiments.map((e) => e.config?.metric));
  const searchMetric = searchMetrics.size === 1 ? [...searchMetrics][0] : undefined;
  return (
    <section aria-label="Compare experiments" className="card stack">
      <h2>Comparing {experiments.map((e) => e.name).join(', ')}</h2>
      <h3>Held-out metrics</h3>
      {metrics.length === 0 ? (
        <p className="muted">None of these experiments has completed with held-out metrics yet.</p>
      ) : (
        <table className="metrics compare-table" aria-label="Metrics side by side">
          <thead>
            <tr>
              <th scope="col">Metric</th>
              {experiments.map((e) => (
                <th key={e.id} scope="col" className="num">
                  {e.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {metrics.map((m) => {
              const values = experiments.map((e) => e.result?.evaluation.metrics[m]);
              const scored = values.filter((v): v is number => typeof v === 'number');
              const best = scored.length > 1 ? (METRICS[m].higherIsBetter ? Math.max(...scored) : Math.min(...scored)) : undefined;
              return (
                <tr key={m}>
                  <th scope="row">{METRICS[m].label}</th>
                  {values.map((v, i) => (
                    <td key={experiments[i]!.id} className={`num${v === best ? ' best' : ''}`}>
                      {formatMetric(v)}
                      {v === best ? <span className="visually-hidden"> (best)</span> : null}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      <div className="row">
        <h3 style={{ margin: 0 }}>Config</h3>
        <label className="check small">
          <input type="checkbox" checked={onlyDiffs} onChange={(e) => setOnlyDiffs(e.target.checked)} /> Only settings that differ
        </label>
      </div>
      <table className="metrics compare-table" aria-label="Config diff">
        <thead>
          <tr>
            <th scope="col">Setting</th>
            {experiments.map((e) => (
              <th key={e.id} scope="col">
                {e.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows
            .filter((r) => !onlyDiffs || r.differs)
            .map((r) => (
              <tr key={r.key} className={r.differs ? 'differs' : 'same'}>
                <th scope="row">
                  {r.label}
                  {r.differs ? <span className="diff-mark"> differs</span> : null}
                </th>
                {r.values.map((v, i) => (
                  <td key={experiments[i]!.id}>{v}</td>
                ))}
              </tr>
            ))}
        </tbody>
      </table>
      {onlyDiffs && rows.every((r) => !r.differs) && <p className="muted">Every setting is the same: the runs differ only by chance or by their data.</p>}

      <div className="chart-grid">
        <CompareCurvesChart
          title="Best validation score over time"
          caption={experiments.map((e) => e.name).join(' · ')}
          note={`Each line holds an experiment's best validation score so far, against the seconds its search had run${searchMetric ? (METRICS[searchMetric].higherIsBetter ? '; higher is better.' : '; lower is better.') : '.'}`}
          xLabel="Elapsed time (s)"
          yLabel={searchMetric ? `Best ${METRICS[searchMetric].label} (validation)` : 'Best validation score (metrics differ)'}
          step
          series={experiments.map((e) => ({ name: e.name, points: e.bestOverTime.map(([ms, s]) => [ms / 1000, s] as const) }))}
        />
        {binary.length > 0 && (
          <CompareCurvesChart
            title="ROC curves"
            caption={binary.map((e) => `${e.name} AUC ${formatMetric(e.result?.evaluation.roc?.auc)}`).join(' · ')}
            note="Held-out rows. The dashed line is chance; a curve further up and left separates the classes better."
            xLabel="False positive rate"
            yLabel="True positive rate"
            diagonal
            series={binary.map((e) => {
              const roc = e.result!.evaluation.roc!;
              return { name: e.name, points: roc.fpr.map((x, i) => [x, roc.tpr[i] ?? Number.NaN] as const) };
            })}
          />
        )}
      </div>
    </section>
  );
}
