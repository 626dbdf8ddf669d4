'use client';
import { useState } from 'react';
import { METRICS, type MetricName } from '@/lib/ml/metrics/registry';
import type { TrialRecord } from '@/lib/ml/search/run';
import { LEARNER_LABELS } from './train-form';

type SortKey = 'index' | 'learner' | 'score' | 'fitMs';

interface LeaderboardProps {
  readonly trials: readonly TrialRecord[];
  readonly metric: MetricName;
  /** Trials the model is made of. */
  readonly chosen: readonly number[];
}

/** Every trial of an experiment; sorted by score (best first) until a header is clicked. */
export function Leaderboard({ trials, metric, chosen }: LeaderboardProps) {
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({ key: 'score', ascending: !METRICS[metric].higherIsBetter });
  const sorted = [...trials].sort((a, b) => (sort.key === 'score' ? unscoredLast(a, b) : 0) || compare(a, b, sort.key) * (sort.ascending ? 1 : -1) || a.index - b.index);
  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.ascending ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="link" onClick={() => setSort((s) => ({ key, ascending: s.key === key ? !s.ascending : key !== 'score' || !METRICS[metric].higherIsBetter }))}>
        {label}
        {sort.key === key ? (sort.ascending ? ' ↑' : ' ↓') : ''}
      </button>
    </th>
  );
  return (
    <table className="leaderboard" aria-label="Leaderboard">
      <thead>
        <tr>
          {header('index', 'Trial')}
          {header('learner', 'Learner')}
          {header('score', `${METRICS[metric].label} (validation)`)}
          {header('fitMs', 'Fit time')}
          <th scope="col">Params</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((t) => (
          <tr key={t.index} className={chosen.includes(t.index) ? 'chosen' : undefined}>
            <td className="num">
              #{t.index}
              {chosen.includes(t.index) ? ' ★' : ''}
            </td>
            <td>{LEARNER_LABELS[t.learner]}</td>
            <td className="num">{t.score === null ? (t.status === 'failed' ? 'failed' : '–') : t.score.toFixed(4)}</td>
            <td className="num">{(t.fitMs / 1000).toFixed(1)} s</td>
            <td className="params">
              {t.status === 'cut' ? '(cut by the time budget) ' : ''}
              {t.error ?? Object.entries(t.params).map(([k, v]) => `${k}=${String(v)}`).join(' ')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function compare(a: TrialRecord, b: TrialRecord, key: SortKey): number {
  switch (key) {
    case 'index':
      return a.index - b.index;
    case 'learner':
      return a.learner.localeCompare(b.learner);
    case 'fitMs':
      return a.fitMs - b.fitMs;
    case 'score':
      return (a.score ?? 0) - (b.score ?? 0);
  }
}

/** Unscored trials (failed, cut before a score) sort last whichever the direction. */
function unscoredLast(a: TrialRecord, b: TrialRecord): number {
  return Number(a.score === null) - Number(b.score === null);
}
