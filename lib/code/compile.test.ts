import { describe, expect, it } from 'vitest';
import { CodeSyntaxError, compileCode } from './compile';
import { GUARD_NAME } from './instrument';

describe('compileCode', () => {
  it('strips TypeScript types and turns exports into exports.x, keeping the user line numbers', () => {
    const code = compileCode('// one\nexport function train(config: { epochs: number }, data: unknown): number {\n  return config.epochs;\n}\n', 'typescript');
    expect(code).not.toContain(': number');
    expect(code).toContain('exports.train = train');
    const lines = code.split('\n');
    expect(lines[2]).toContain('return config.epochs');
    // The memory guard's ticks are in: the sandbox passes the guard in by this name.
    expect(code).toContain(`${GUARD_NAME}.p(`);
    const guard = { n: 0, c: 0, p: () => undefined, r: <T>(v: T): T => v };
    const run = new Function('exports', GUARD_NAME, `${code}\nreturn exports.train({ epochs: 7 });`) as (exports: object, g: typeof guard) => number;
    expect(run({}, guard)).toBe(7);
  });

  it('refuses TypeScript syntax in JavaScript, and broken code, naming the line and column', () => {
    expect(() => compileCode('let x: number = 1;', 'javascript')).toThrow(CodeSyntaxError);
    expect(() => compileCode('function train(config, data) {\n  return (;\n}', 'javascript')).toThrow(/^Line 2, column 11: Unexpected token\. Fix the code and run again\.$/);
  });

  it('turns an import into a require call, which the sandbox answers with a clear refusal', () => {
    expect(compileCode("import { x } from 'lodash';\nexport const y = x;", 'javascript')).toContain("require('lodash')");
  });

  it('refuses a name the sandbox keeps for itself, as a syntax error that says so', () => {
    expect(() => compileCode('const __lbGuard = 1;', 'javascript')).toThrow(CodeSyntaxError);
  });
});
