'use client';
import { localSetting } from './local-setting';

/**
 * The name this browser's user goes by in records others may see: who started an experiment, who
 * promoted a model. Chosen by the user; "Anonymous" until then.
 */
export const ANONYMOUS = 'Anonymous';
export const MAX_USER_NAME_LENGTH = 60;

const setting = localSetting('loopbook:user-name', ANONYMOUS, (raw) => {
  const name = raw.trim().replace(/\s+/g, ' ');
  return name.length > 0 && name.length <= MAX_USER_NAME_LENGTH ? name : undefined;
});

export const readUserName = setting.read;
export const useUserName = setting.useSetting;
