'use client';
import { METRICS } from '@/lib/ml/metrics/registry';
import type { TrialRecord } from '@/lib/ml/search/run';
import { configArtifactId } from '@/lib/store/db';
import type { Experiment } from '@/lib/store/experiments';
import { BestScoreChart } from '@/components/charts';
import { Leaderboard } from '@/components/train/leaderboard';
import { TrainResults } from '@/components/train/train-results';
import { formatDuration } from './experiments-table';
import { configEntries } from './config-entries';
import { ModelActions } from './model-actions';
import { LineageView } from './lineage-view';
import type { Registry } from '@/lib/react/use-registry';

interface ExperimentDetailProps {
  readonly experiment: Experiment;
  readonly trials: readonly TrialRecord[];
  readonly registry: Registry;
  readonly onDeleted: () => void;
}

/** One experiment, opened: who ran what on which data, its config with provenance, results, artifacts and log. */
export function ExperimentDetail({ experiment: e, trials, registry, onDeleted }: ExperimentDetailProps) {
  const metric = e.config?.metric;
  const result = e.result;
  return (
    <section aria-label={`Experiment ${e.name}`} className="card stack experiment-detail">
      <h2>
        {e.name} <span className={`status-badge ${e.status}`}>{e.status}</span>
        {e.imported && <span className="import-badge">imported</span>}
      </h2>
      <dl className="facts-list">
        <dt>Dataset</dt>
        <dd>
          {e.datasetHash ? (
            <>
              {e.datasetName ?? 'dataset'} <code className="muted small">{e.datasetHash.slice(0, 12)}</code>
            </>
          ) : (
            <span className="muted">not recorded in the model.zip</span>
          )}
        </dd>
        {e.imported ? (
          <>
            <dt>Imported</dt>
            <dd>
              from {e.imported.fileName}, {new Date(e.startedAt).toLocaleString()} by {e.startedBy ?? 'someone (not recorded)'}
            </dd>
            <dt>Trained</dt>
            <dd>
              {trainedAt(e.imported.createdAt)} with Loopbook {e.imported.appVersion}
              {e.imported.experimentId ? (
                <>
                  , as experiment <code className="small">{e.imported.experimentId}</code>
                </>
              ) : (
                ' (its experiment was not recorded)'
              )}
            </dd>
          </>
        ) : (
          <>
            <dt>Started</dt>
            <dd>
              {new Date(e.startedAt).toLocaleString()} by {e.startedBy ?? 'someone (not recorded)'}
            </dd>
            <dt>Duration</dt>
            <dd>{e.endedAt !== undefined ? formatDuration(e.endedAt - e.startedAt) : e.status === 'running' ? 'running' : '–'}</dd>
          </>
        )}
        {result && !e.imported && (
          <>
            <dt>Ran on</dt>
            <dd>
              {result.backend}
              {result.adapter ? ` (${result.adapter})` : ''}
              {(result.trialWorkers ?? 1) > 1 ? `, ${result.trialWorkers} workers` : ''}; validation {result.validation.kind}, {result.validation.trainRows} training rows, {result.validation.testRows} held out
            </dd>
          </>
        )}
      </dl>
      <ModelActions experiment={e} registry={registry} onDeleted={onDeleted} />

      <h3>Config</h3>
      <table className="metrics config-table" aria-label="Config">
        <thead>
          <tr>
            <th scope="col">Setting</th>
            <th scope="col">Value</th>
            <th scope="col">From</th>
          </tr>
        </thead>
        <tbody>
          {configEntries(e.config).map((c) => (
            <tr key={c.key}>
              <th scope="row">{c.label}</th>
              <td>{c.value}</td>
              <td className="muted">{e.configSources?.[c.key] ?? 'not recorded'}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {metric && e.bestOverTime.length > 0 && <BestScoreChart points={e.bestOverTime} metricLabel={METRICS[metric].label} />}
      {result && <TrainResults result={result} />}
      {metric && trials.length > 0 && (
        <>
          <h3>Leaderboard ({trials.length} trials)</h3>
          <Leaderboard trials={trials} metric={metric} chosen={result?.chosen ?? []} />
        </>
      )}

      <h3>Artifacts</h3>
      <Artifacts experiment={e} />
      <h3>Lineage</h3>
      <LineageView projectId={e.projectId} artifactId={configArtifactId(e.id)} {...(e.datasetName ? { datasetName: e.datasetName } : {})} {...(e.imported ? { imported: e.imported } : {})} />

      <h3>Log</h3>
      <ol className="log" aria-label="Log">
        <li>
          {new Date(e.startedAt).toLocaleTimeString()} ·{' '}
          {e.imported ? `imported from ${e.imported.fileName} by ${e.startedBy ?? 'someone'}` : `started by ${e.startedBy ?? 'someone'} on ${e.datasetName ?? 'a dataset'}`}
        </li>
        {trials
          .filter((t) => t.status !== 'completed')
          .map((t) => (
            <li key={t.index}>
              trial #{t.index} ({t.learner}) {t.status === 'failed' ? `failed: ${t.error ?? 'no reason given'}` : 'was cut by the time budget'}
            </li>
          ))}
        {(result?.notices ?? []).map((n) => (
          <li key={n}>{n}</li>
        ))}
        {e.endedAt !== undefined && !e.imported && (
          <li>
            {new Date(e.endedAt).toLocaleTimeString()} · {e.status}
            {e.error ? `: ${e.error.message}` : ''}
          </li>
        )}
      </ol>
    </section>
  );
}

/** The manifest's creation time for people; the text as it is when it is not a date. */
function trainedAt(iso: string): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? iso : new Date(at).toLocaleString();
}

function Artifacts({ experiment: e }: { readonly experiment: Experiment }) {
  if (!e.modelHash) return <p className="muted">No artifacts: {e.status === 'running' ? 'the model is stored when the run completes.' : 'the run ended without a model.'}</p>;
  // Exported with the actions above ("Export model.zip"); here: what is stored.
  return (
    <p>
      Trained model <code className="muted small">{e.modelHash.slice(0, 12)}</code>, with its config and everything derived from it in the lineage.
    </p>
  );
}
