import { describe, expect, it } from 'vitest';
import { createRng } from '../../rng';
import type { FitContext, TrainData } from '../../types';
import { applyBins, fitBins } from '../bins';
import { accumulateAny, createHistogramLayout } from '../histogram';
import { gbdtLearner, rfLearner } from '../index';
import { generateBinary } from '../synth';
import { checkHistogramAgreement, HISTOGRAM_TOLERANCE } from './agreement';
import type { HistogramDevice } from './histogram-device';
import { EmulatedDevice } from './test/emulated-device';

const synth = generateBinary(4000, 16, 5);
const DATA: TrainData = { x: synth.x, y: synth.y, task: 'binary', classCount: 2 };
const PARAMS = gbdtLearner.parseParams({ trees: 25, leaves: 15, subsample: 0.8 }, 'binary');
const fit = (ctx: Partial<FitContext> = {}) => gbdtLearner.fit(DATA, PARAMS, { seed: 3, ...ctx });

describe('gbdt with a histogram device (the GPU path, its arithmetic emulated)', () => {
  it('gives a bit-identical model whatever order the device adds in', async () => {
    const first = new EmulatedDevice(500, createRng(1));
    const a = await fit({ histograms: first });
    const b = await fit({ histograms: new EmulatedDevice(500, createRng(2)) });
    expect(first.builds).toBeGreaterThan(25);
    expect(b.ensemble).toEqual(a.ensemble);
  });

  it('grows the CPU’s splits and predicts the CPU’s values within rounding', async () => {
    const cpu = await fit();
    const device = await fit({ histograms: new EmulatedDevice(500) });
    // Where a node had no missing values, either default side gains the same: rounding may pick
    // the other one, which no training row takes.
    for (const key of ['roots', 'feature', 'threshold', 'left', 'right'] as const) expect(device.ensemble[key]).toEqual(cpu.ensemble[key]);
    const [p, q] = await Promise.all([gbdtLearner.predict(device, DATA.x), gbdtLearner.predict(cpu, DATA.x)]);
    for (let i = 0; i < p.values.length; i++) expect(Math.abs(p.values[i]! - q.values[i]!)).toBeLessThan(1e-12);
  });

  it('leaves nodes below minRows to the CPU: with a threshold above every node, the CPU’s model exactly', async () => {
    const device = new EmulatedDevice(DATA.x.rows + 1);
    expect(await fit({ histograms: device })).toEqual(await fit());
    expect(device.builds).toBe(0);
  });

  it('finishes on the CPU when the device fails', async () => {
    const failing: HistogramDevice = {
      minRows: 1,
      open: () => ({ setStats: () => true, build: async () => false, dispose: () => undefined }),
    };
    expect(await fit({ histograms: failing })).toEqual(await fit());
  });

  it('agrees with the CPU kernels within tolerance on the agreement table', async () => {
    const agreement = await checkHistogramAgreement(new EmulatedDevice(1), { rows: 3000, cols: 16, seed: 9 });
    expect(agreement.subsetRows).toBeGreaterThan(900);
    expect(agreement.subsetRows).toBeLessThan(agreement.rows);
    expect(agreement.maxRelativeDifference).toBeLessThan(HISTOGRAM_TOLERANCE);
  });

  it('sums any number of channels (a forest’s class weights) into the CPU layout', async () => {
    const x = generateBinary(600, 16, 8).x;
    const mapper = fitBins(x, 255, 1);
    const binned = applyBins(x, mapper);
    const layout = createHistogramLayout(mapper, binned.stride, 4);
    const rng = createRng(4);
    const stats = Float64Array.from({ length: 600 * 4 }, (_, i) => (i % 4 === 3 ? 1 + rng.int(3) : rng.int(2) * 2));
    const rows = Uint32Array.from({ length: 600 }, (_, i) => i).filter((r) => r % 3 !== 0);
    const session = new EmulatedDevice(1).open(binned, layout);
    expect(session.setStats(stats, rows.length)).toBe(true);
    const built = new Float64Array(layout.size);
    expect(await session.build(rows, 0, rows.length, built)).toBe(true);
    const cpu = new Float64Array(layout.size);
    accumulateAny(binned.bins, binned.stride, stats, rows, 0, rows.length, layout, cpu);
    // Integer weights are exact in fixed point: the histograms are equal, padding rooms aside.
    for (let f = 0; f < x.cols; f++) {
      const o = layout.offsets[f]!;
      expect(built.subarray(o, o + (mapper.counts[f]! + 1) * 4)).toEqual(cpu.subarray(o, o + (mapper.counts[f]! + 1) * 4));
    }
  });

  it('grows a random forest through the device too, with the CPU’s trees', async () => {
    const labels = Float64Array.from(DATA.y, (v, i) => (v === 1 ? (i % 3 === 0 ? 2 : 1) : 0));
    const multi: TrainData = { ...DATA, y: labels, task: 'multiclass', classCount: 3 };
    const params = rfLearner.parseParams({ trees: 6 }, 'multiclass');
    const device = new EmulatedDevice(500, createRng(4));
    const onDevice = await rfLearner.fit(multi, params, { seed: 2, histograms: device });
    const onCpu = await rfLearner.fit(multi, params, { seed: 2 });
    expect(device.builds).toBeGreaterThan(6);
    for (const key of ['roots', 'feature', 'threshold'] as const) expect(onDevice.ensemble[key]).toEqual(onCpu.ensemble[key]);
  });
});
