/**
 * What the user reads when a code cell's run stops without a result: what happened, in which
 * step, and what to do. Sandbox refusals (no storage, no network, no page) say that they are the
 * sandbox at work, so nobody hunts for a bug that is a wall.
 */
import type { SandboxFailure, SandboxPhase } from './protocol';

export interface FailureInput {
  readonly failure: SandboxFailure;
  readonly name: string;
  readonly message: string;
  readonly during: SandboxPhase;
  readonly timeLimitS: number;
}

const DURING: Record<SandboxPhase, string> = { starting: 'while starting', 'loading-tf': 'while loading TF.js', training: 'in train', predicting: 'in predict' };

/** Errors that the sandbox's walls raise: storage, network, the page around it. */
const SANDBOX_WALLS = [
  /SecurityError/,
  /access to the Indexed Database API is denied/i,
  /Failed to fetch|Failed to execute 'fetch'|NetworkError|Content Security Policy|connect-src|WebSocket/i,
  /\b(parent|top|document|window|localStorage|sessionStorage|indexedDB|caches) is not defined\b/,
];

export function failureText(input: FailureInput): string {
  const where = DURING[input.during];
  switch (input.failure) {
    case 'time-limit':
      return `Stopped after ${input.timeLimitS} s ${where}: the cell's time limit. If the code needs longer, raise the limit; if it loops forever, fix the loop.`;
    case 'memory-limit':
      return `Stopped ${where}: ${input.message}. Let go of what the code no longer needs (tensor.dispose(), tf.tidy, arrays and objects it keeps) or raise the memory limit.`;
    case 'result':
    case 'crashed':
      return input.message;
    case 'code': {
      const error = `${input.name}: ${input.message}`;
      const wall = SANDBOX_WALLS.some((pattern) => pattern.test(error));
      return wall
        ? `The code was refused ${where}: ${error}. Code cells run in a sandbox with no access to the project's storage, the network or the page; use the data and config the functions receive.`
        : `The code failed ${where}: ${error}`;
    }
  }
}
