import { describe, expect, it } from 'vitest';
import { CodeSyntaxError, compileCode } from './compile';

describe('compileCode', () => {
  it('strips TypeScript types and turns exports into exports.x, keeping the user line numbers', () => {
    const code = compileCode('// one\nexport function train(config: { epochs: number }, data: unknown): number {\n  return config.epochs;\n}\n', 'typescript');
    expect(code).not.toContain(': number');
    expect(code).toContain('exports.train = train');
    const lines = code.split('\n');
    expect(lines[2]).toContain('return config.epochs');
    const run = new Function('exports', `${code}\nreturn exports.train({ epochs: 7 });`) as (exports: object) => number;
    expect(run({})).toBe(7);
  });

  it('refuses TypeScript syntax in JavaScript, and broken code, naming the line and column', () => {
    expect(() => compileCode('let x: number = 1;', 'javascript')).toThrow(CodeSyntaxError);
    expect(() => compileCode('function train(config, data) {\n  return (;\n}', 'javascript')).toThrow(/^Line 2, column 11: Unexpected token\. Fix the code and run again\.$/);
  });

  it('turns an import into a require call, which the sandbox answers with a clear refusal', () => {
    expect(compileCode("import { x } from 'lodash';\nexport const y = x;", 'javascript')).toContain("require('lodash')");
  });
});
