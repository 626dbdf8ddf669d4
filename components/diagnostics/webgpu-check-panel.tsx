'use client';
import { useEffect, useState } from 'react';
import type { WebGpuCheck } from '@/lib/jobs/train-protocol';
import { readGpuAdapter, type WebGpuAdapter } from '@/lib/ml/gbdt/gpu/adapter';
import { toShownError } from '@/lib/react/error-text';
import { useWorkers } from '@/lib/react/workers-context';

type CheckState = { readonly type: 'idle' } | { readonly type: 'running' } | { readonly type: 'done'; readonly check: WebGpuCheck } | { readonly type: 'failed'; readonly message: string };

/** The WebGPU adapter, and a check that WebGPU computes what the CPU does (run in the train worker). */
export function WebGpuCheckPanel() {
  const workers = useWorkers();
  const [adapter, setAdapter] = useState<WebGpuAdapter | null>(null);
  const [state, setState] = useState<CheckState>({ type: 'idle' });

  useEffect(() => {
    let live = true;
    void readGpuAdapter().then((a) => live && setAdapter(a));
    return () => {
      live = false;
    };
  }, []);

  async function run() {
    setState({ type: 'running' });
    try {
      setState({ type: 'done', check: await workers.train().checkWebGpu() });
    } catch (e) {
      setState({ type: 'failed', message: toShownError(e).message });
    }
  }

  return (
    <section className="card stack" aria-labelledby="webgpu-heading">
      <h2 id="webgpu-heading">WebGPU</h2>
      <p style={{ margin: 0 }} aria-label="WebGPU adapter">
        {adapter === null
          ? 'Looking for a WebGPU adapter…'
          : adapter.type === 'adapter'
            ? `Adapter: ${adapter.description}${adapter.fallback ? ' — a software adapter: correct but slow, so “Automatic” never picks it.' : ''}`
            : `No WebGPU adapter: ${adapter.reason}.`}
      </p>
      <p className="muted small" style={{ margin: 0 }}>
        The check builds gradient-boosted-tree histograms of a synthetic table and runs a small network with fixed weights, once on
        WebGPU and once on the CPU, in the worker that trains, and compares the results.
      </p>
      <div>
        <button type="button" className="primary" onClick={() => void run()} disabled={state.type === 'running'} aria-busy={state.type === 'running'}>
          Check WebGPU against CPU
        </button>
      </div>
      {state.type === 'running' && <p className="muted" role="status">Checking… (a software adapter takes a few seconds)</p>}
      {state.type === 'failed' && (
        <p className="message error" role="alert">
          The check failed: {state.message}
        </p>
      )}
      {state.type === 'done' && <CheckResult check={state.check} />}
    </section>
  );
}

function CheckResult({ check }: { readonly check: WebGpuCheck }) {
  if (check.type !== 'checked') {
    return (
      <p className="message warn" role="status">
        {check.type === 'busy' ? 'Not checked now' : 'WebGPU could not be checked'}: {check.reason}.
      </p>
    );
  }
  const { histograms, mlp } = check;
  const rows = [
    {
      name: 'Tree histograms',
      what: `${histograms.rows.toLocaleString('en-US')} rows and a subset of ${histograms.subsetRows.toLocaleString('en-US')}, ${histograms.features} features`,
      measure: 'max relative difference',
      value: histograms.maxRelativeDifference,
      tolerance: histograms.tolerance,
    },
    { name: 'MLP outputs', what: `${mlp.rows} rows, class probabilities`, measure: 'max absolute difference', value: mlp.maxAbsoluteDifference, tolerance: mlp.tolerance },
  ];
  return (
    <>
      <table className="grid" aria-label="WebGPU against CPU">
        <thead>
          <tr>
            <th scope="col">Compared</th>
            <th scope="col">On</th>
            <th scope="col">Measure</th>
            <th scope="col" className="num">
              Difference
            </th>
            <th scope="col" className="num">
              Tolerance
            </th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name}>
              <th scope="row">{r.name}</th>
              <td>{r.what}</td>
              <td>{r.measure}</td>
              <td className="num">{r.value.toExponential(2)}</td>
              <td className="num">{r.tolerance.toExponential(0)}</td>
              <td>{r.value <= r.tolerance ? 'within' : 'outside'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className={check.pass ? 'message info' : 'message error'} role="status">
        {check.pass
          ? `Pass: WebGPU (${check.adapter}) agrees with the CPU within both tolerances.`
          : `Fail: WebGPU (${check.adapter}) differs from the CPU beyond a tolerance; train on WASM or CPU on this device.`}
      </p>
    </>
  );
}
