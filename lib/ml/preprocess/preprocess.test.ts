import { describe, expect, it } from 'vitest';
import { inferSchema } from '../../data/infer';
import { parseText } from '../../data/parse';
import type { ColumnSchema, Table } from '../../data/types';
import { InputMismatchError, TrainingInputError } from '../errors';
import { checkInput, checkLearnable, featureLayout, fitLabel, fitPreprocessing, preprocessPlanSchema, transform } from '.';

const CSV = [
  'size,color,when,note,label',
  '1,red,2024-01-01,great good,yes',
  '2,blue,2024-02-03,bad awful,no',
  ',red,2024-03-05,good fine,yes',
  '4,green,2024-04-07,awful bad,no',
  '5,red,,good,yes',
  '6,blue,2024-06-11,bad,no',
].join('\n');

function table(csv: string): Table {
  return parseText(csv).table;
}

function schemaOf(t: Table, types: Record<string, ColumnSchema['type']> = {}): ColumnSchema[] {
  return inferSchema(t).map((c) => (types[c.name] ? { ...c, type: types[c.name]!, included: true } : c));
}

const ALL = Int32Array.from([0, 1, 2, 3, 4, 5]);

describe('preprocessing', () => {
  const t = table(CSV);
  const schema = schemaOf(t, { note: 'text', when: 'datetime', color: 'categorical', size: 'float' });
  const label = fitLabel(t, 'label', 'binary');
  const { plan } = fitPreprocessing(t, schema, label, Int32Array.from([0, 1, 2, 3, 5]));

  it('encodes classes in a stable order', () => {
    expect(label.encoding).toEqual({ task: 'binary', column: 'label', classes: ['no', 'yes'] });
    expect(Array.from(label.y)).toEqual([1, 0, 1, 0, 1, 0]);
  });

  it('fits on the training rows only', () => {
    const size = plan.steps.find((s) => s.column === 'size');
    // Training rows hold 1, 2, missing, 4, 6: the median and mean ignore row 4 (5).
    expect(size).toMatchObject({ kind: 'numeric', median: 3, missingIndicator: true });
    expect(size?.kind === 'numeric' && size.mean).toBeCloseTo(13 / 4);
    const color = plan.steps.find((s) => s.column === 'color');
    // green is seen once in training: too rare, pooled into "other".
    expect(color).toMatchObject({ kind: 'categorical', levels: ['blue', 'red'], hasOther: true });
  });

  it('orders binary levels by mean target, so one threshold splits them', () => {
    const color = plan.steps.find((s) => s.column === 'color');
    expect(color?.kind === 'categorical' && color.levels).toEqual(['blue', 'red']);
  });

  it('writes the trees encoding with missing kept', () => {
    const x = transform(plan, t, 'trees', ALL);
    const names = featureLayout(plan, 'trees').names;
    expect(x.cols).toBe(names.length);
    const size = names.indexOf('size');
    const color = names.indexOf('color');
    expect(Number.isNaN(x.values[2 * x.cols + size]!)).toBe(true);
    expect(x.values[0 * x.cols + color]).toBe(1); // red
    expect(x.values[3 * x.cols + color]).toBe(2); // green → other
  });

  it('writes the dense encoding imputed, one-hot and standardized', () => {
    const x = transform(plan, t, 'dense', ALL);
    const names = featureLayout(plan, 'dense').names;
    expect(names).toContain('color=other');
    expect(names).toContain('size missing');
    expect(names).toContain('when.month');
    expect(names.some((n) => n.startsWith('note:'))).toBe(true);
    expect(x.values.every((v) => Number.isFinite(v))).toBe(true);
    const row2 = x.values.subarray(2 * x.cols, 3 * x.cols);
    expect(row2[names.indexOf('size missing')]).toBe(1);
    expect(row2[names.indexOf('color=red')]).toBe(1);
    expect(row2[names.indexOf('color=blue')]).toBe(0);
  });

  it('writes any rows, in any order, across blocks, as the same rows of the whole table', () => {
    // 2,500 rows: more than one block of the transform, with every kind of column.
    const big = table([CSV.split('\n')[0], ...Array.from({ length: 2500 }, (_, i) => CSV.split('\n')[1 + (i % 6)])].join('\n'));
    const picked = Int32Array.from({ length: 2500 }, (_, i) => (i * 7919) % 2500);
    for (const encoding of ['trees', 'dense'] as const) {
      const whole = transform(plan, big, encoding);
      const some = transform(plan, big, encoding, picked);
      expect(whole.cols).toBe(featureLayout(plan, encoding).names.length);
      const expected = new Float32Array(some.values.length);
      picked.forEach((r, i) => expected.set(whole.values.subarray(r * whole.cols, (r + 1) * whole.cols), i * whole.cols));
      expect(some.values).toEqual(expected);
    }
  });

  it('survives a JSON round trip through its schema', () => {
    expect(preprocessPlanSchema.parse(JSON.parse(JSON.stringify(plan)))).toEqual(plan);
  });

  it('names the missing columns at predict time', () => {
    const other = table('size,note\n1,good');
    expect(() => checkInput(plan, other)).toThrow(InputMismatchError);
    expect(() => checkInput(plan, other)).toThrow(/"color", "when"/);
  });

  it('names a mistyped column and what it expected', () => {
    const bad = table('size,color,when,note\nbig,red,2024-01-01,good\nsmall,red,2024-01-02,bad');
    expect(() => checkInput(plan, bad)).toThrow(/"size" should hold numbers but holds values like "big"/);
  });

  it('notes numbers too large to read (1e400 is Infinity) and predicts them as missing', () => {
    const huge = table('size,color,when,note\n1e400,red,2024-01-01,good\n-1e400,red,2024-01-02,bad\n2,red,2024-01-03,ok');
    expect(checkInput(plan, huge)).toContainEqual('"size": 2 values are too large to be a number (like 1e400) and were treated as missing.');
    const x = transform(plan, huge, 'trees');
    const missing = transform(plan, table('size,color,when,note\n,red,2024-01-01,good'), 'trees');
    expect(Array.from(x.values.subarray(0, x.cols))).toEqual(Array.from(missing.values.subarray(0, missing.cols)));
  });

  it('notes unseen categories and extra columns, and still predicts', () => {
    const novel = table('size,color,when,note,extra\n3,purple,2024-01-01,good,1');
    const notices = checkInput(plan, novel);
    expect(notices.join(' ')).toMatch(/"purple"/);
    expect(notices.join(' ')).toMatch(/"extra"/);
    const x = transform(plan, novel, 'dense');
    const names = featureLayout(plan, 'dense').names;
    expect(x.values[names.indexOf('color=other')]).toBe(1);
  });
});

describe('labels', () => {
  it('refuses a label that does not exist, with the columns there are', () => {
    expect(() => fitLabel(table('a,b\n1,2'), 'y', 'binary')).toThrow(/no column "y".*a, b/);
  });

  it('refuses a label with one class', () => {
    expect(() => fitLabel(table('a,y\n1,x\n2,x'), 'y', 'binary')).toThrow(/only one class \("x"\)/);
  });

  it('refuses, for training, a regression label with one value and a class label that is an id', () => {
    expect(() => checkLearnable(fitLabel(table('a,y\n1,5\n2,5\n3,'), 'y', 'regression'))).toThrow(/"y" is 5 in every row: there is nothing to predict/);
    const ids = table(`a,y\n${Array.from({ length: 30 }, (_, i) => `${i},id${i}`).join('\n')}\n1,id0`);
    expect(() => checkLearnable(fitLabel(ids, 'y', 'multiclass'))).toThrow(/appears in one row only \(30 classes\)/);
    expect(() => checkLearnable(fitLabel(table('a,y\n1,x\n2,x\n3,z\n4,z\n5,q'), 'y', 'multiclass'))).not.toThrow();
    expect(() => checkLearnable(fitLabel(table('a,y\n1,1.5\n2,2.5'), 'y', 'regression'))).not.toThrow();
  });

  it('refuses a label column with no values, whatever the task', () => {
    expect(() => fitLabel(table('a,y\n1,\n2,'), 'y', 'regression')).toThrow(/"y" has no values/);
  });

  it('refuses a non-numeric regression label', () => {
    expect(() => fitLabel(table('a,y\n1,x\n2,z'), 'y', 'regression')).toThrow(TrainingInputError);
  });

  it('sorts numeric classes numerically and leaves out rows without a label', () => {
    const label = fitLabel(table('a,y\n1,10\n2,9\n3,\n4,10\n5,2'), 'y', 'multiclass');
    expect(label.encoding).toMatchObject({ classes: ['2', '9', '10'] });
    expect(Array.from(label.rows)).toEqual([0, 1, 3, 4]);
  });

  it('refuses features that are all missing', () => {
    const t = table('a,y\n,x\n,z\n,x');
    expect(() => fitPreprocessing(t, schemaOf(t, { a: 'float' }), fitLabel(t, 'y', 'binary'), Int32Array.from([0, 1, 2]))).toThrow(
      /No column can be used to predict "y" \(a: no values/,
    );
  });
});
