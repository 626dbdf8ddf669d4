import { describe, expect, it } from 'vitest';
import { SweepSpecError } from './sweep-spec';
import { parseSeeds, parseSweepParams } from './sweep-text';

describe('sweep params as typed', () => {
  it('reads lists, ranges, flags, booleans and text; skips blanks and comments', () => {
    expect(parseSweepParams('learningRate = 0.05, 0.1\n\n# a comment\nleaves = 15,63\nsubsample = 0.5..1\nlr = 0.01..0.3 log\nk = 7..127 int log\nflag = true, false\nname = a, "b"')).toEqual({
      learningRate: [0.05, 0.1],
      leaves: [15, 63],
      subsample: { min: 0.5, max: 1 },
      lr: { min: 0.01, max: 0.3, log: true },
      k: { min: 7, max: 127, log: true, integer: true },
      flag: [true, false],
      name: ['a', 'b'],
    });
  });

  it('names the line and says what a line looks like', () => {
    const fails = (text: string, message: RegExp) => expect(() => parseSweepParams(text)).toThrow(message);
    fails('leaves 15, 63', /Line 1 .* has no “=”/);
    fails('a = 1\nleaves =', /Line 2 .*“leaves” has no values/);
    fails('leaves = 1,,2', /empty value between commas/);
    fails('leaves = 1\nleaves = 2', /given twice/);
    fails('9x = 1', /not a param name/);
    fails('', /no params/);
    expect(() => parseSweepParams('leaves =')).toThrow(SweepSpecError);
  });

  it('reads seeds as a list or a count', () => {
    expect(parseSeeds('1, 2, 3')).toEqual([1, 2, 3]);
    expect(parseSeeds('×3')).toEqual([1, 2, 3]);
    expect(parseSeeds('x2')).toEqual([1, 2]);
    expect(() => parseSeeds('1, 2.5')).toThrow(/“2.5” is not a whole number/);
    expect(() => parseSeeds(' ')).toThrow(/at least one seed/);
  });
});
