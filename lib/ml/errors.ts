/**
 * Errors a user can act on. Their `name` says what kind of problem it is and their message says
 * what is wrong and what to do; both cross worker boundaries and reach the CLI's stderr as they are.
 */

/** The data or the request cannot train a model: a missing label, one class, too few rows… */
export class TrainingInputError extends Error {
  override name = 'TrainingInputError';
}

/** The rows given to a model do not match what it was trained on (missing or mistyped columns). */
export class InputMismatchError extends Error {
  override name = 'InputMismatchError';
  constructor(
    message: string,
    /** The columns at fault, for a UI that wants to point at them. */
    readonly columns: readonly string[],
  ) {
    super(message);
  }
}
