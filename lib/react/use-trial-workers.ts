'use client';
import { localNumberSetting } from './local-setting';

/**
 * A browser-wide setting: how many workers one training's search spreads its trials over (and a
 * sweep its runs). 0 is automatic: the cores the browser reports, less one for the page (so 1, no
 * extra worker, on a two-core machine), and no more than the gigabytes of memory it reports —
 * each worker holds its own copy of the data and of TF.js. A number is taken as asked, up to
 * MAX_TRIAL_WORKERS.
 */
export const AUTO_TRIAL_WORKERS = 0;
export const MAX_TRIAL_WORKERS = 16;

const setting = localNumberSetting('loopbook:trial-workers', AUTO_TRIAL_WORKERS, (n) => n >= 0 && n <= MAX_TRIAL_WORKERS);

export const useTrialWorkers = setting.useSetting;

/** The cores the browser reports (1 where it says nothing). */
export function reportedCores(): number {
  return globalThis.navigator?.hardwareConcurrency || 1;
}

/** Gigabytes of memory the browser reports (navigator.deviceMemory, Chromium: at most 8); 8 where it says nothing. */
function reportedMemoryGb(): number {
  const memory = (globalThis.navigator as { deviceMemory?: number } | undefined)?.deviceMemory;
  return typeof memory === 'number' && memory > 0 ? memory : 8;
}

/** Workers for the next training: the setting, with automatic resolved on this device. */
export function resolveTrialWorkers(value: number = setting.read()): number {
  if (value !== AUTO_TRIAL_WORKERS) return value;
  return Math.max(1, Math.min(MAX_TRIAL_WORKERS, reportedCores() - 1, Math.floor(reportedMemoryGb())));
}
