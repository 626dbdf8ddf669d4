/** What a user sees of an error: its name (our classes carry meaning there) and message. */
export interface ShownError {
  readonly name: string;
  readonly message: string;
}

/** Errors from a worker arrive as {name, message} only (that is what Comlink carries). */
export function toShownError(error: unknown): ShownError {
  if (error instanceof Error) return { name: error.name, message: error.message };
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') {
    const name = 'name' in error && typeof error.name === 'string' ? error.name : 'Error';
    return { name, message: error.message };
  }
  return { name: 'Error', message: String(error) };
}
