/**
 * Numeric hyperparameters of every learner: defaults, ranges, and one parser whose errors name the
 * param and the range it accepts, for users who typed `--params '{"units":0}'`.
 */

export interface NumberParamSpec {
  readonly default: number;
  readonly min: number;
  readonly max: number;
  /** Whether `min` itself is excluded (a learning rate of 0 would never move). */
  readonly minExclusive?: boolean;
  readonly integer?: boolean;
  /** Shown in errors: what a special value means ("0 = no limit"). */
  readonly note?: string;
}

export type NumberParamSpecs<K extends string> = Readonly<Record<K, NumberParamSpec>>;

/**
 * Merges `input` over the defaults of `specs`. Numeric strings are accepted because params typed
 * on a command line arrive as text. Throws an Error naming the first unknown or bad param.
 */
export function parseNumberParams<K extends string>(
  learner: string,
  specs: NumberParamSpecs<K>,
  input: Readonly<Record<string, unknown>>,
): Readonly<Record<K, number>> {
  const names = Object.keys(specs) as K[];
  for (const key of Object.keys(input)) {
    if (!(names as string[]).includes(key)) {
      throw new Error(`${learner}: unknown param "${key}"; known params are ${names.join(', ')}.`);
    }
  }
  const out = {} as Record<K, number>;
  for (const name of names) {
    const spec = specs[name];
    const raw = input[name];
    out[name] = raw === undefined ? spec.default : checkValue(learner, name, spec, raw);
  }
  return out;
}

/** "an integer from 1 to 8", "a number above 0 and at most 1": the message's range phrase. */
export function describeRange(spec: NumberParamSpec): string {
  const kind = spec.integer ? 'an integer' : 'a number';
  const range = spec.minExclusive ? `${kind} above ${spec.min} and at most ${spec.max}` : `${kind} from ${spec.min} to ${spec.max}`;
  return spec.note ? `${range}, ${spec.note}` : range;
}

function checkValue(learner: string, name: string, spec: NumberParamSpec, raw: unknown): number {
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  const inRange =
    Number.isFinite(value) &&
    (spec.minExclusive ? value > spec.min : value >= spec.min) &&
    value <= spec.max &&
    (!spec.integer || Number.isInteger(value));
  if (!inRange) {
    throw new Error(`${learner}: param "${name}" must be ${describeRange(spec)} (got ${typeof raw === 'string' ? JSON.stringify(raw) : String(raw)}).`);
  }
  return value;
}
