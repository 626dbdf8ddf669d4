/**
 * Messages between the app and a code cell's sandbox (workers/sandbox). What the app sends is
 * typed; what comes back passed through user code's worker and is validated here before use.
 */
import { z } from 'zod';
import { MAX_LOG_LINE_CHARS, MAX_MODEL_BYTES } from './limits';
import type { CodeTable } from './table';

/** One run: the compiled code, its config, the rows to train on and (optionally) to predict. */
export interface SandboxRun {
  readonly code: string;
  /** The config as the user's functions receive it: the cell's JSON plus label and task. */
  readonly config: unknown;
  readonly data: CodeTable;
  readonly future: CodeTable | null;
  readonly timeLimitMs: number;
  readonly memoryLimitBytes: number;
}

export const SANDBOX_PHASES = ['starting', 'loading-tf', 'training', 'predicting'] as const;
export type SandboxPhase = (typeof SANDBOX_PHASES)[number];

/** Why a run stopped without a result. */
export const SANDBOX_FAILURES = ['code', 'time-limit', 'memory-limit', 'crashed', 'result'] as const;
export type SandboxFailure = (typeof SANDBOX_FAILURES)[number];

export const sandboxMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('phase'), phase: z.enum(SANDBOX_PHASES) }),
  z.object({ type: z.literal('log'), level: z.enum(['log', 'info', 'warn', 'error']), text: z.string().max(MAX_LOG_LINE_CHARS + 20) }),
  z.object({
    type: z.literal('done'),
    /** The model as JSON text: what is stored, and what predict received. */
    model: z.string().max(MAX_MODEL_BYTES),
    /** predict's return value, read by lib/code/table; null when there were no rows to predict. */
    predictions: z.unknown(),
    trainMs: z.number().nonnegative(),
    predictMs: z.number().nonnegative(),
  }),
  z.object({ type: z.literal('failed'), failure: z.enum(SANDBOX_FAILURES), name: z.string().max(200), message: z.string().max(5_000), during: z.enum(SANDBOX_PHASES) }),
]);
export type SandboxMessage = z.infer<typeof sandboxMessageSchema>;
