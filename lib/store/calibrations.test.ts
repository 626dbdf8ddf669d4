import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { CALIBRATION_VERSION, deviceKey, type Calibration } from '@/lib/jobs/calibration';
import { listCalibrations, readCalibration, saveCalibration } from './calibrations';
import { db } from './db';
import { resetStore } from './test/fixtures';

beforeEach(resetStore);

const calibration = (device: string, measuredAt: number): Calibration => ({
  version: CALIBRATION_VERSION,
  device,
  measuredAt,
  mlp: [{ batch: 32, wasmMs: 0.4, webgpuMs: 1.5 }],
  trees: [{ rows: 20_000, cpuMs: 2, webgpuMs: null }],
});

describe('calibrations', () => {
  it('keeps one calibration per device, the latest', async () => {
    const gpu = deviceKey('nvidia h100', 16);
    await saveCalibration(calibration(gpu, 1));
    await saveCalibration(calibration(gpu, 2));
    await saveCalibration(calibration(deviceKey(undefined, 2), 3));
    expect((await readCalibration(gpu))?.measuredAt).toBe(2);
    expect((await listCalibrations()).map((c) => c.measuredAt)).toEqual([3, 2]);
  });

  it('keeps a device where WASM could not start', async () => {
    const noWasm = { ...calibration('d', 1), mlp: [{ batch: 32, wasmMs: null, webgpuMs: 1.5 }] };
    await saveCalibration(noWasm);
    expect(await readCalibration('d')).toEqual(noWasm);
  });

  it('reads a record an older app wrote as absent, to be measured again', async () => {
    await db.calibrations.put({ device: 'd', calibration: { version: 0, probe: 'old' } });
    expect(await readCalibration('d')).toBeUndefined();
    expect(await listCalibrations()).toEqual([]);
  });
});
