/** Types for find-chromium.mjs, which Playwright's config imports. */
export function findChromium(): string | undefined;
export function findOrInstallChromium(): string;
export const CHROMIUM_ARGS: string[];
