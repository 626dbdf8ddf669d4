import { afterEach, describe, expect, it, vi } from 'vitest';
import { AUTO_TRIAL_WORKERS, resolveTrialWorkers } from './use-trial-workers';

afterEach(() => vi.unstubAllGlobals());

describe('automatic trial workers', () => {
  it('leaves a core for the page and a gigabyte per worker; a number is taken as asked', () => {
    vi.stubGlobal('navigator', { hardwareConcurrency: 2 });
    expect(resolveTrialWorkers(AUTO_TRIAL_WORKERS)).toBe(1);
    vi.stubGlobal('navigator', { hardwareConcurrency: 16, deviceMemory: 8 });
    expect(resolveTrialWorkers(AUTO_TRIAL_WORKERS)).toBe(8);
    vi.stubGlobal('navigator', { hardwareConcurrency: 16, deviceMemory: 4 });
    expect(resolveTrialWorkers(AUTO_TRIAL_WORKERS)).toBe(4);
    vi.stubGlobal('navigator', { hardwareConcurrency: 6 });
    expect(resolveTrialWorkers(AUTO_TRIAL_WORKERS)).toBe(5);
    vi.stubGlobal('navigator', {});
    expect(resolveTrialWorkers(AUTO_TRIAL_WORKERS)).toBe(1);
    expect(resolveTrialWorkers(3)).toBe(3);
  });
});
