/**
 * User code to plain JavaScript the sandbox can run: TypeScript types stripped, `export` and
 * `import` turned into `exports.x = …` and `require(…)` (the sandbox offers no modules; TF.js is
 * there as `tf`). Sucrase does this in milliseconds without a type checker: the cell runs what the
 * user wrote, types are theirs to keep right. Then the memory guard's ticks and counts go in
 * (instrument.ts).
 */
import { transform } from 'sucrase';
import { instrumentCode, ReservedNameError } from './instrument';
import type { CodeLanguage } from './languages';

/** The code does not parse: says where, in the user's lines. */
export class CodeSyntaxError extends Error {
  override name = 'CodeSyntaxError';
}

export function compileCode(source: string, language: CodeLanguage): string {
  let plain: string;
  try {
    plain = transform(source, {
      transforms: language === 'typescript' ? ['typescript', 'imports'] : ['imports'],
      // Keep the user's line numbers, so an error in the sandbox points at their line.
      preserveDynamicImport: false,
      production: true,
    }).code;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Sucrase says "Unexpected token (3:7)": line and column, both counted from 1.
    const at = /\((\d+):(\d+)\)\s*$/.exec(message);
    const what = message.replace(/\s*\(\d+:\d+\)\s*$/, '');
    throw new CodeSyntaxError(
      at ? `Line ${at[1]}, column ${at[2]}: ${what}. Fix the code and run again.` : `The code does not parse: ${what}. Fix it and run again.`,
    );
  }
  try {
    return instrumentCode(plain);
  } catch (error) {
    if (error instanceof ReservedNameError) throw new CodeSyntaxError(error.message);
    // What sucrase let through and acorn does not: acorn says "Unexpected token (3:7)", column from 0.
    const message = error instanceof Error ? error.message : String(error);
    throw new CodeSyntaxError(`The code does not parse: ${message}. Fix it and run again.`);
  }
}
