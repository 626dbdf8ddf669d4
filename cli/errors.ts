/** How the CLI tells apart a mistake in the command (exit 2) from a failure doing it (exit 1). */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
