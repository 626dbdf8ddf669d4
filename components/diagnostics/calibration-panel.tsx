'use client';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { neuralBackendFor, treeGpuMinRows, type Calibration } from '@/lib/jobs/calibration';
import { listCalibrations } from '@/lib/store/calibrations';
import { toShownError } from '@/lib/react/error-text';
import { useWorkers } from '@/lib/react/workers-context';

type MeasureState = { readonly type: 'idle' } | { readonly type: 'running' } | { readonly type: 'message'; readonly text: string; readonly error: boolean };

/** What 'Automatic' decides on this device: the kept calibration, and a button to measure again. */
export function CalibrationPanel() {
  const workers = useWorkers();
  const calibrations = useLiveQuery(() => listCalibrations(), []);
  const [state, setState] = useState<MeasureState>({ type: 'idle' });

  async function measure() {
    setState({ type: 'running' });
    try {
      const report = await workers.train().calibrate();
      setState(report.type === 'busy' ? { type: 'message', text: `Not measured now: ${report.reason}.`, error: false } : { type: 'idle' });
    } catch (e) {
      setState({ type: 'message', text: `The calibration failed: ${toShownError(e).message}`, error: true });
    }
  }

  const latest = calibrations?.[0];
  return (
    <section className="card stack" aria-labelledby="calibration-heading">
      <h2 id="calibration-heading">Backend calibration</h2>
      <p className="muted small" style={{ margin: 0 }}>
        “Automatic” picks each learner’s backend from these timings, measured once on this device and kept: a training step of a small
        network on WASM and on WebGPU, and a tree-histogram build on the CPU and on WebGPU.
      </p>
      {calibrations === undefined ? (
        <p className="muted">Reading the calibration…</p>
      ) : latest === undefined ? (
        <p role="status">Not calibrated yet: the first automatic training measures this device, or measure now.</p>
      ) : (
        <CalibrationTables calibration={latest} />
      )}
      <div>
        <button type="button" onClick={() => void measure()} disabled={state.type === 'running'} aria-busy={state.type === 'running'}>
          {latest ? 'Measure again' : 'Measure now'}
        </button>
      </div>
      {state.type === 'running' && (
        <p className="muted" role="status">
          Measuring… (a few seconds; a software adapter takes longer)
        </p>
      )}
      {state.type === 'message' && (
        <p className={state.error ? 'message error' : 'message warn'} role={state.error ? 'alert' : 'status'}>
          {state.text}
        </p>
      )}
    </section>
  );
}

function CalibrationTables({ calibration }: { readonly calibration: Calibration }) {
  const ms = (v: number | null) => (v === null ? '—' : v < 10 ? v.toFixed(2) : v.toFixed(1));
  const minRows = treeGpuMinRows(calibration);
  return (
    <>
      <p style={{ margin: 0 }} aria-label="Calibrated device">
        {calibration.device}, measured {new Date(calibration.measuredAt).toLocaleString('en-GB')}
        {calibration.webgpuSkipped ? `. WebGPU not measured: ${calibration.webgpuSkipped}.` : '.'}
      </p>
      <table className="grid" aria-label="Network step timings">
        <thead>
          <tr>
            <th scope="col" className="num">Batch rows</th>
            <th scope="col" className="num">WASM ms / step</th>
            <th scope="col" className="num">WebGPU ms / step</th>
            <th scope="col">Automatic picks</th>
          </tr>
        </thead>
        <tbody>
          {calibration.mlp.map((m) => (
            <tr key={m.batch}>
              <td className="num">{m.batch}</td>
              <td className="num">{ms(m.wasmMs)}</td>
              <td className="num">{ms(m.webgpuMs)}</td>
              <td>{neuralBackendFor(calibration, m.batch).backend === 'webgpu' ? 'WebGPU' : 'WASM'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="grid" aria-label="Tree histogram timings">
        <thead>
          <tr>
            <th scope="col" className="num">Node rows</th>
            <th scope="col" className="num">CPU ms / histogram</th>
            <th scope="col" className="num">WebGPU ms / histogram</th>
          </tr>
        </thead>
        <tbody>
          {calibration.trees.map((t) => (
            <tr key={t.rows}>
              <td className="num">{t.rows.toLocaleString('en-US')}</td>
              <td className="num">{ms(t.cpuMs)}</td>
              <td className="num">{ms(t.webgpuMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p style={{ margin: 0 }} role="status" aria-label="Tree histograms decision">
        {Number.isFinite(minRows)
          ? `Tree histograms: nodes of ${minRows.toLocaleString('en-US')} rows or more on WebGPU, smaller ones on the CPU.`
          : calibration.softwareAdapter
            ? 'Tree histograms: all on the CPU (a software adapter is never chosen).'
            : 'Tree histograms: all on the CPU (WebGPU was not faster at any measured size).'}
      </p>
    </>
  );
}
