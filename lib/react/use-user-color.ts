'use client';
import { localSetting } from './local-setting';

/** Colours a collaborator can choose: distinct from each other, readable with white text. */
export const PRESENCE_COLORS = ['#2563eb', '#db2777', '#059669', '#d97706', '#7c3aed', '#dc2626', '#0891b2', '#4b5563'] as const;

const setting = localSetting<string>('loopbook:user-color', PRESENCE_COLORS[0], (raw) => ((PRESENCE_COLORS as readonly string[]).includes(raw) ? raw : undefined));

/** The colour this browser's user shows as to collaborators. */
export const useUserColor = setting.useSetting;
