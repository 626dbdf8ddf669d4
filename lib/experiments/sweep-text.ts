/**
 * The sweep cell's params as people type them, one param per line:
 *
 *   learningRate = 0.05, 0.1
 *   leaves = 15, 63
 *   subsample = 0.5..1            (random mode: a range)
 *   learningRate = 0.01..0.3 log  (log-uniform)
 *   leaves = 7..127 int           (whole numbers)
 *
 * Values are numbers where they read as numbers, true/false, else text. Blank lines and lines
 * starting with # are ignored. Errors name the line and say what a line looks like.
 */
import type { SweepChoice } from './sweep-spec';
import { SweepSpecError } from './sweep-spec';
import type { ParamValue } from './types';

const RANGE = /^(-?[\d.e+-]+)\s*\.\.\s*(-?[\d.e+-]+)((?:\s+(?:log|int))*)$/i;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function parseSweepParams(text: string): Record<string, SweepChoice> {
  const params: Record<string, SweepChoice> = {};
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `Line ${i + 1} (“${line.slice(0, 40)}”)`;
    const eq = line.indexOf('=');
    if (eq < 0) throw new SweepSpecError(`${where} has no “=”: write a param, “=”, then its values, like “leaves = 15, 63”.`);
    const name = line.slice(0, eq).trim();
    const rest = line.slice(eq + 1).trim();
    if (!NAME.test(name)) throw new SweepSpecError(`${where}: “${name}” is not a param name (letters, digits and _).`);
    if (name in params) throw new SweepSpecError(`${where}: “${name}” is given twice; put all its values on one line.`, name);
    if (rest === '') throw new SweepSpecError(`${where}: “${name}” has no values; list them after “=”, separated by commas.`, name);
    const range = RANGE.exec(rest);
    if (range) {
      const min = Number(range[1]);
      const max = Number(range[2]);
      if (!Number.isFinite(min) || !Number.isFinite(max)) throw new SweepSpecError(`${where}: the range of “${name}” needs two numbers, like “0.01..0.3”.`, name);
      const flags = (range[3] ?? '').toLowerCase();
      params[name] = { min, max, ...(flags.includes('log') ? { log: true } : {}), ...(flags.includes('int') ? { integer: true } : {}) };
      return;
    }
    const values = rest.split(',').map((v) => v.trim());
    if (values.some((v) => v === '')) throw new SweepSpecError(`${where}: “${name}” has an empty value between commas.`, name);
    params[name] = values.map(valueOf);
  });
  if (Object.keys(params).length === 0) throw new SweepSpecError('The sweep has no params: add a line such as “leaves = 15, 63”.');
  return params;
}

/** Seeds as typed: “1, 2, 3” or a count “×3” (1, 2, 3). */
export function parseSeeds(text: string): number[] {
  const trimmed = text.trim();
  const count = /^[x×]\s*(\d+)$/i.exec(trimmed);
  if (count) return Array.from({ length: Number(count[1]) }, (_, i) => i + 1);
  const parts = trimmed.split(',').map((s) => s.trim()).filter(Boolean);
  if (parts.length === 0) throw new SweepSpecError('Give at least one seed, like “1, 2, 3”.');
  return parts.map((p) => {
    const n = Number(p);
    if (!Number.isInteger(n)) throw new SweepSpecError(`The seed “${p}” is not a whole number; seeds look like “1, 2, 3”.`);
    return n;
  });
}

function valueOf(text: string): ParamValue {
  if (text === 'true') return true;
  if (text === 'false') return false;
  const n = Number(text);
  return text !== '' && Number.isFinite(n) ? n : text.replace(/^["']|["']$/g, '');
}
