'use client';
import { localNumberSetting } from './local-setting';

/** A browser-wide setting: how many trainings run at once (the others wait their turn). */
export const MAX_TRAIN_CONCURRENCY = 4;

const setting = localNumberSetting('loopbook:train-concurrency', 1, (n) => n >= 1 && n <= MAX_TRAIN_CONCURRENCY);

export const readTrainConcurrency = setting.read;

/** The setting and its setter; every train cell of every open project follows it. */
export const useTrainConcurrency = setting.useSetting;
