/** Types for build-if-stale.mjs. */
export function buildIfStale(): void;
