/**
 * The layering rules of DESIGN.md §3 and STYLE.md, checked on the source itself:
 * lib/ never imports app/, components/, workers/, server/ or cli/; outside lib/react it imports
 * neither react nor next; and no module in lib/ imports itself through a cycle.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LIB = join(ROOT, 'lib');
const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
/** Type-only imports are erased at build time: they cannot form a cycle at run time. */
const TYPE_IMPORT = /(?:import|export)\s+type\s[^'"]*?from\s+['"]([^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function importsOf(file: string, { withTypes = true } = {}): string[] {
  const read = readFileSync(file, 'utf8');
  const text = withTypes ? read : read.replace(TYPE_IMPORT, '');
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? '').filter(Boolean);
}

/** Resolves a relative or `@/` specifier to a file under the repository, if it is one. */
function resolveLocal(from: string, spec: string): string | undefined {
  const base = spec.startsWith('@/') ? join(ROOT, spec.slice(2)) : spec.startsWith('.') ? resolve(dirname(from), spec) : undefined;
  if (!base) return undefined;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // Not this one.
    }
  }
  return undefined;
}

const files = sourceFiles(LIB);

describe('lib/ boundaries', () => {
  it('imports no UI, worker, server or CLI code', () => {
    const offenders = files.flatMap((file) =>
      importsOf(file)
        .map((spec) => resolveLocal(file, spec))
        .filter((target): target is string => target !== undefined && !target.startsWith(LIB))
        .map((target) => `${relative(ROOT, file)} → ${relative(ROOT, target)}`),
    );
    expect(offenders).toEqual([]);
  });

  it('imports react and next only in lib/react', () => {
    const offenders = files
      .filter((file) => !file.startsWith(join(LIB, 'react')))
      .flatMap((file) =>
        importsOf(file)
          .filter((spec) => /^(react|react-dom|next|dexie-react-hooks)(\/|$)/.test(spec))
          .map((spec) => `${relative(ROOT, file)} → ${spec}`),
      );
    expect(offenders).toEqual([]);
  });

  it('has no import cycles', () => {
    const graph = new Map(
      files.map((file) => [file, importsOf(file, { withTypes: false }).map((s) => resolveLocal(file, s)).filter((t) => t !== undefined)]),
    );
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(ROOT, f)).join(' → '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
