import { describe, expect, it } from 'vitest';
import { EmulatedDevice } from '../ml/gbdt/gpu/test/emulated-device';
import { benchGbdt, benchMlp } from './device-bench';

describe('device bench', () => {
  it('fits the gbdt on the CPU and through a histogram device to the same loss', async () => {
    const cpu = await benchGbdt(undefined, { rows: 8_000, trees: 5 });
    const device = new EmulatedDevice(2_000);
    const gpu = await benchGbdt(device, { rows: 8_000, trees: 5 });
    expect(cpu).toMatchObject({ histograms: 'cpu', rows: 8_000, trees: 5 });
    expect(gpu.histograms).toBe('webgpu');
    expect(device.builds).toBeGreaterThan(0);
    expect(gpu.trainLogLoss).toBeCloseTo(cpu.trainLogLoss, 9);
    expect(cpu.trainLogLoss).toBeLessThan(Math.log(2));
  }, 60_000);

  it('times MLP steps and scales them to epochs of the whole table', async () => {
    const r = await benchMlp('cpu', {}, 0.05);
    expect(r.backend).toBe('cpu');
    expect(r.stepsTimed).toBeGreaterThanOrEqual(16);
    expect(r.epochsPerSecond).toBeCloseTo(r.stepsPerSecond / Math.ceil(200_000 / 256), 9);
  }, 60_000);
});
