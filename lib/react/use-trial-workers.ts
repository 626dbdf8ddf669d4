'use client';
import { localNumberSetting } from './local-setting';

/**
 * A browser-wide setting: how many workers one training's search spreads its trials over. 0 is
 * automatic: the cores the browser reports, less one for the page (so 1, no extra worker, on a
 * two-core machine). A number is taken as asked, up to MAX_TRIAL_WORKERS.
 */
export const AUTO_TRIAL_WORKERS = 0;
export const MAX_TRIAL_WORKERS = 16;

const setting = localNumberSetting('loopbook:trial-workers', AUTO_TRIAL_WORKERS, (n) => n >= 0 && n <= MAX_TRIAL_WORKERS);

export const useTrialWorkers = setting.useSetting;

/** The cores the browser reports (1 where it says nothing). */
export function reportedCores(): number {
  return globalThis.navigator?.hardwareConcurrency || 1;
}

/** Workers for the next training: the setting, with automatic resolved on this device. */
export function resolveTrialWorkers(value: number = setting.read()): number {
  return value === AUTO_TRIAL_WORKERS ? Math.max(1, Math.min(MAX_TRIAL_WORKERS, reportedCores() - 1)) : value;
}
