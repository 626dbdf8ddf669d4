'use client';
import { useState } from 'react';
import type { DeviceBenchKind, DeviceBenchResult } from '@/lib/jobs/device-bench';
import { toShownError } from '@/lib/react/error-text';
import { useWorkers } from '@/lib/react/workers-context';

const KINDS: readonly { readonly kind: DeviceBenchKind; readonly label: string }[] = [
  { kind: 'gbdt-cpu', label: 'Gradient-boosted trees, histograms on the CPU' },
  { kind: 'gbdt-webgpu', label: 'Gradient-boosted trees, histograms on WebGPU' },
  { kind: 'mlp-wasm', label: 'MLP on WASM' },
  { kind: 'mlp-cpu', label: 'MLP on the TF.js CPU backend' },
  { kind: 'mlp-webgpu', label: 'MLP on WebGPU' },
];

type Row =
  | { readonly kind: DeviceBenchKind; readonly state: 'waiting' }
  | { readonly kind: DeviceBenchKind; readonly state: 'running' } | { readonly kind: DeviceBenchKind; readonly state: 'done'; readonly result: DeviceBenchResult } | { readonly kind: DeviceBenchKind; readonly state: 'failed'; readonly message: string };

/**
 * Training speed per backend on a generated 200,000 × 30 table: what `npm run bench --
 * browser-training` records, and what a user can run to see what this device is worth.
 */
export function SpeedPanel() {
  const workers = useWorkers();
  const [rows, setRows] = useState<readonly Row[] | null>(null);
  const running = rows?.some((r) => r.state === 'running' || r.state === 'waiting') ?? false;

  async function run() {
    let current: Row[] = KINDS.map(({ kind }) => ({ kind, state: 'waiting' }));
    const set = (i: number, row: Row) => {
      current = current.map((r, j) => (j === i ? row : r));
      setRows(current);
    };
    setRows(current);
    for (let i = 0; i < KINDS.length; i++) {
      const { kind } = KINDS[i]!;
      set(i, { kind, state: 'running' });
      try {
        const report = await workers.train().benchmark(kind);
        set(i, report.type === 'busy' ? { kind, state: 'failed', message: report.reason } : { kind, state: 'done', result: report.result });
      } catch (e) {
        set(i, { kind, state: 'failed', message: toShownError(e).message });
      }
    }
  }

  return (
    <section className="card stack" aria-labelledby="speed-heading">
      <h2 id="speed-heading">Training speed</h2>
      <p className="muted small" style={{ margin: 0 }}>
        A generated 200,000 × 30 table: 200 boosted trees of 63 leaves, and training steps of a 64 × 64 network in batches of 256
        (as epochs over the whole table). Takes a minute or more; trainings wait meanwhile.
      </p>
      <div>
        <button type="button" onClick={() => void run()} disabled={running} aria-busy={running}>
          Measure training speed
        </button>
      </div>
      {rows && (
        <table className="grid" aria-label="Training speed per backend">
          <thead>
            <tr>
              <th scope="col">Learner and backend</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              // The measured numbers as data too, for `npm run bench -- browser-training`.
              <tr key={r.kind} data-kind={r.kind} data-result={r.state === 'done' ? JSON.stringify(r.result) : undefined}>
                <th scope="row">{KINDS.find((k) => k.kind === r.kind)!.label}</th>
                <td>{describe(r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function describe(row: Row): string {
  if (row.state === 'waiting') return 'waiting';
  if (row.state === 'running') return 'running…';
  if (row.state === 'failed') return `not measured: ${row.message}`;
  const r = row.result;
  if (r.type === 'unavailable') return `unavailable: ${r.reason}`;
  const on = r.adapter ? ` (${r.adapter})` : '';
  if (r.type === 'gbdt') {
    const scaled = r.gbdt.scaledFrom ? `, timed on ${r.gbdt.scaledFrom} trees and scaled` : '';
    const loss = `training log loss ${r.gbdt.trainLogLoss.toFixed(4)}${r.gbdt.scaledFrom ? ` after ${r.gbdt.scaledFrom} trees` : ''}`;
    const predict = r.gbdt.predictRowsPerSecond ? `; predicts ${Math.round(r.gbdt.predictRowsPerSecond).toLocaleString('en')} rows/s with ${r.gbdt.scaledFrom ?? r.gbdt.trees} trees` : '';
    return `${r.gbdt.seconds.toFixed(1)} s for 200 trees${scaled}; ${loss}${predict}${on}`;
  }
  return `${r.mlp.epochsPerSecond.toFixed(3)} epochs/s (${r.mlp.stepsPerSecond.toFixed(0)} steps/s)${on}`;
}
