/**
 * The memory guard's eyes inside the user's code. A worker cannot read its own heap, and when it
 * exhausts it Chromium takes the whole tab down; so the compiled code is rewritten to report on
 * itself, through one object the sandbox passes in (GUARD_NAME, workers/sandbox/heap-guard):
 *
 * - at the top of every function body, a tick: `if (--G.n < 0) G.p(free, a, b…)`, and in every
 *   loop body the same on a countdown of the function's own. Every so many ticks the guard
 *   checks the clock and what was allocated, and now and then
 *   measures what the code holds by walking from the values it was handed: the function's own
 *   names that are surely initialized there (`a, b…`, and `this`), passed as arguments so that
 *   they stay in registers, and through `free`, a closure made only when the guard looks, the
 *   outer names the function already uses (already captured, so capturing them costs nothing);
 * - at object and array literals, `new`, string building with literals and `push`/`set`/`add`, the bytes they
 *   take are added to `G.c`, so that a burst of allocation brings the next measurement forward;
 *   calls that return new arrays or strings (`slice`, `map`, `split`…) go through `G.r`, which
 *   counts what came back.
 *
 * Insertions add no line breaks: an error still points at the user's line. Nothing is rewritten
 * inside an optional chain (`a?.b.push(x)`), where wrapping would change what short-circuits.
 */
import { parse, type AnyNode, type ArrowFunctionExpression, type FunctionDeclaration, type FunctionExpression, type Pattern, type Program } from 'acorn';

/** The parameter name the guard object is passed in as; user code may not use names with this start. */
export const GUARD_NAME = '__lbGuard';
const RESERVED_PREFIX = '__lb';
/** Each function's own countdown for its loops: every LOOP_TICKS iterations, one call to the guard. */
const LOOP_COUNTER = '__lbN';
const LOOP_TICKS = 256;

/** Methods whose result is a new array or string: `G.r` counts its size. */
const RESULT_METHODS = new Set([
  'slice', 'map', 'filter', 'concat', 'flat', 'flatMap', 'from', 'split', 'keys', 'values', 'entries',
  'repeat', 'padStart', 'padEnd', 'join', 'parse', 'stringify', 'replace', 'replaceAll',
  'toSorted', 'toReversed', 'toSpliced', 'with',
]);
/** Methods that grow what they are called on by about a slot per argument. */
const GROWTH_METHODS = new Set(['push', 'unshift', 'set', 'add']);
/** Constructors the worker's bulk guard already counts (tensor memory, `Array(n)`). */
const BULK_CONSTRUCTORS = new Set([
  'ArrayBuffer', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
  'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array', 'Array',
]);

/** Rough V8 sizes, in bytes: enough to tell a burst of allocation, not to account exactly. */
const SIZE = { object: 24, property: 8, array: 32, element: 8, instance: 64, spread: 64, string: 24 } as const;

export class ReservedNameError extends Error {
  override name = 'ReservedNameError';
}

interface Edit {
  readonly pos: number;
  readonly text: string;
  /** Opening text goes outside-in, closing text inside-out; closings before openings at one place. */
  readonly closing: boolean;
  readonly depth: number;
}

/** A name and where its declaration ends: before that, a let, const or class is in its dead zone (-1: never). */
interface Binding {
  readonly name: string;
  readonly readyAt: number;
}

interface Scope {
  readonly bindings: readonly Binding[];
  /** The scope of a function's parameters and body (or the program's): a tick reads no further out. */
  readonly fn?: FunctionInfo;
}

interface FunctionInfo {
  /** Outer names the function (or a function inside it) uses: the guard reads them through a closure. */
  readonly free: readonly string[];
  /** Whether `this` can be read at its ticks (not in arrows, not in constructors, which may not have called super yet). */
  readonly hasThis: boolean;
}

type FunctionLike = FunctionDeclaration | FunctionExpression | ArrowFunctionExpression;

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function isFunction(node: AnyNode): node is FunctionLike {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

function children(node: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc') continue;
    if (Array.isArray(value)) for (const item of value) { if (isNode(item)) out.push(item); }
    else if (isNode(value)) out.push(value);
  }
  return out;
}

function patternNames(pattern: Pattern | null | undefined, into: string[]): void {
  if (!pattern) return;
  switch (pattern.type) {
    case 'Identifier':
      into.push(pattern.name);
      break;
    case 'ObjectPattern':
      for (const p of pattern.properties) patternNames(p.type === 'RestElement' ? p.argument : p.value, into);
      break;
    case 'ArrayPattern':
      for (const e of pattern.elements) patternNames(e, into);
      break;
    case 'RestElement':
      patternNames(pattern.argument, into);
      break;
    case 'AssignmentPattern':
      patternNames(pattern.left, into);
      break;
    default:
      break;
  }
}

/**
 * A loop that can neither allocate nor run forever by its own say: it has a test that is not a
 * constant, and its body (head included) calls nothing, makes no object, array, function, class
 * or string from a literal, and awaits or yields nothing. Such loops (the hot inner loops of
 * numeric code) get no tick: the guard's call inside them would cost more than their work, and
 * they cannot grow what the code holds beyond what the ticks around them see.
 */
function isPureLoop(loop: AnyNode): boolean {
  const test = loop.type === 'ForStatement' || loop.type === 'WhileStatement' || loop.type === 'DoWhileStatement' ? loop.test : undefined;
  const bounded = loop.type === 'ForInStatement' || loop.type === 'ForOfStatement' || (test !== null && test !== undefined && test.type !== 'Literal');
  if (!bounded) return false;
  const impure = (node: AnyNode): boolean => {
    switch (node.type) {
      case 'CallExpression':
      case 'NewExpression':
      case 'ObjectExpression':
      case 'ArrayExpression':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
      case 'FunctionDeclaration':
      case 'ClassExpression':
      case 'ClassDeclaration':
      case 'TemplateLiteral':
      case 'TaggedTemplateExpression':
      case 'AwaitExpression':
      case 'YieldExpression':
        return true;
      case 'BinaryExpression':
      case 'AssignmentExpression':
        if ((node.operator === '+' || node.operator === '+=') && [node.left, node.right].some((side) => side.type === 'Literal' && typeof side.value === 'string')) return true;
        break;
      default:
        break;
    }
    return children(node).some(impure);
  };
  return !impure(loop);
}

const ready = (names: readonly string[], readyAt: number): Binding[] => names.map((name) => ({ name, readyAt }));

/**
 * A function's (or the program's) `var` names, from anywhere in it but its inner functions, and
 * the functions declared at its top level. (One declared in a block belongs to the block: in
 * strict code, which compiled code is, it is not defined outside it.)
 */
function hoistedNames(body: AnyNode & { body: readonly AnyNode[] }): string[] {
  const into: string[] = [];
  const visit = (node: AnyNode): void => {
    if (node.type === 'VariableDeclaration' && node.kind === 'var') for (const d of node.declarations) patternNames(d.id, into);
    if (isFunction(node)) return;
    for (const child of children(node)) visit(child);
  };
  for (const statement of body.body) {
    if (statement.type === 'FunctionDeclaration' && statement.id) into.push(statement.id.name);
    visit(statement);
  }
  return into;
}

/** let, const and class bindings declared directly in a list of statements, each ready at its declaration's end. */
function lexicalBindings(statements: readonly AnyNode[]): Binding[] {
  const out: Binding[] = [];
  for (const s of statements) {
    const names: string[] = [];
    if (s.type === 'VariableDeclaration' && s.kind !== 'var') for (const d of s.declarations) patternNames(d.id, names);
    if (s.type === 'ClassDeclaration' && s.id) names.push(s.id.name);
    out.push(...ready(names, s.end));
  }
  return out;
}

/** Every name declared anywhere in a function, not counting inner functions' own. */
function declaredIn(fn: FunctionLike | Program): Set<string> {
  const names: string[] = [];
  if (fn.type !== 'Program') for (const p of fn.params) patternNames(p, names);
  const visit = (node: AnyNode): void => {
    if (node.type === 'VariableDeclaration') for (const d of node.declarations) patternNames(d.id, names);
    if ((node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') && node.id) names.push(node.id.name);
    if (node.type === 'CatchClause') patternNames(node.param, names);
    if (isFunction(node)) return;
    for (const child of children(node)) visit(child);
  };
  const body = fn.type === 'Program' ? fn : fn.body;
  if (body.type === 'BlockStatement' || body.type === 'Program') for (const child of children(body)) visit(child);
  return new Set(names);
}

/** Names a subtree reads or writes (property names, keys and labels are not names). */
function referencedIn(node: AnyNode, into: Set<string>): void {
  switch (node.type) {
    case 'Identifier':
      into.add(node.name);
      return;
    case 'MemberExpression':
      referencedIn(node.object, into);
      if (node.computed) referencedIn(node.property, into);
      return;
    case 'Property':
    case 'MethodDefinition':
    case 'PropertyDefinition':
      if (node.computed) referencedIn(node.key, into);
      if (node.value) referencedIn(node.value, into);
      return;
    case 'LabeledStatement':
      referencedIn(node.body, into);
      return;
    case 'BreakStatement':
    case 'ContinueStatement':
    case 'MetaProperty':
      return;
    default:
      for (const child of children(node)) referencedIn(child, into);
  }
}

const tickArgs = (fn: FunctionInfo, locals: readonly string[]): string => {
  // A captured outer name may still be in its dead zone when this runs: the try skips it.
  const free = fn.free.length > 0 ? `(__lbR) => {${fn.free.map((n) => `try{__lbR.push(${n})}catch{}`).join('')}}` : '0';
  return [free, ...locals, ...(fn.hasThis ? ['this'] : [])].join(', ');
};

/**
 * Rewrites compiled user code (plain JavaScript, a function body: `return` allowed at the top)
 * with the guard's ticks and counts. Throws ReservedNameError when the code uses a `__lb` name.
 */
export function instrumentCode(code: string): string {
  const program: Program = parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true });
  const edits: Edit[] = [];
  const open = (pos: number, text: string, depth: number): void => void edits.push({ pos, text, closing: false, depth });
  const close = (pos: number, text: string, depth: number): void => void edits.push({ pos, text, closing: true, depth });
  /** Where an expression statement of a statement list starts: an opening "(" there gets a ";" first. */
  const listStatementStarts = new Set<number>();
  const markList = (statements: readonly AnyNode[]): void => {
    for (const s of statements) if (s.type === 'ExpressionStatement' && s.directive === undefined) listStatementStarts.add(s.start);
  };
  const count = (node: AnyNode, bytes: number, depth: number): void => {
    open(node.start, `(${GUARD_NAME}.c += ${bytes}, `, depth);
    close(node.end, ')', depth);
  };

  /** The function's own names that are surely initialized at `pos`: its scopes, inside out, up to its own. */
  const localsAt = (scopes: readonly Scope[], pos: number): { fn: FunctionInfo; names: string[] } => {
    const seen = new Set<string>();
    for (let i = scopes.length - 1; i >= 0; i--) {
      const scope = scopes[i]!;
      for (const b of scope.bindings) if (b.readyAt <= pos && !b.name.startsWith(RESERVED_PREFIX)) seen.add(b.name);
      if (scope.fn) return { fn: scope.fn, names: [...seen] };
    }
    throw new Error('no function scope');
  };
  const tickStatement = (scopes: readonly Scope[], pos: number): string => {
    const { fn, names } = localsAt(scopes, pos);
    return `if (--${GUARD_NAME}.n < 0) ${GUARD_NAME}.p(${tickArgs(fn, names)});`;
  };
  // A loop counts down a counter of its function's own (a register, not the shared guard's
  // property), so that a tight loop pays next to nothing between looks.
  const loopTick = (scopes: readonly Scope[], pos: number): string => {
    const { fn, names } = localsAt(scopes, pos);
    return `if (--${LOOP_COUNTER} < 0) { ${LOOP_COUNTER} = ${LOOP_TICKS}; ${GUARD_NAME}.p(${tickArgs(fn, names)}); }`;
  };
  const counterDeclaration = `let ${LOOP_COUNTER} = ${LOOP_TICKS};`;
  const tickExpression = (scopes: readonly Scope[], pos: number): string => {
    const { fn, names } = localsAt(scopes, pos);
    return `(--${GUARD_NAME}.n < 0 && ${GUARD_NAME}.p(${tickArgs(fn, names)}), `;
  };

  /** Every name a user scope declares, for telling outer names from globals (Math, console, tf). */
  const userNames = (scopes: readonly Scope[]): Set<string> => new Set(scopes.flatMap((s) => s.bindings.map((b) => b.name)));

  const walk = (node: AnyNode, scopes: readonly Scope[], depth: number, inChain: boolean): void => {
    if (node.type === 'Identifier' && node.name.startsWith(RESERVED_PREFIX)) {
      throw new ReservedNameError(`Names that start with ${RESERVED_PREFIX} are kept for the sandbox (\`${node.name}\`). Rename it and run again.`);
    }
    const into = (child: AnyNode | null | undefined, s: readonly Scope[] = scopes, chain = inChain): void => {
      if (child) walk(child, s, depth + 1, chain);
    };

    if (isFunction(node)) {
      walkFunction(node, scopes, depth, false);
      return;
    }
    if (node.type === 'MethodDefinition') {
      if (node.computed) into(node.key);
      walkFunction(node.value, scopes, depth + 1, node.kind === 'constructor');
      return;
    }
    if (node.type === 'ForStatement' || node.type === 'ForInStatement' || node.type === 'ForOfStatement' || node.type === 'WhileStatement' || node.type === 'DoWhileStatement') {
      const head: string[] = [];
      const init = node.type === 'ForStatement' ? node.init : node.type === 'ForInStatement' || node.type === 'ForOfStatement' ? node.left : null;
      if (init?.type === 'VariableDeclaration' && init.kind !== 'var') for (const d of init.declarations) patternNames(d.id, head);
      const inner: Scope[] = [...scopes, { bindings: ready(head, init?.end ?? -1) }];
      for (const child of children(node)) if (child !== node.body) into(child, inner);
      const body = node.body;
      if (isPureLoop(node)) {
        into(body, inner);
      } else if (body.type === 'BlockStatement') {
        markList(body.body);
        const block: Scope[] = [...inner, { bindings: lexicalBindings(body.body) }];
        open(body.start + 1, loopTick(block, body.start), depth + 1);
        for (const s of body.body) walk(s, block, depth + 2, false);
      } else {
        open(body.start, `{${loopTick(inner, body.start)} `, depth + 1);
        close(body.end, '}', depth + 1);
        into(body, inner);
      }
      return;
    }
    if (node.type === 'SwitchCase') markList(node.consequent);
    if (node.type === 'BlockStatement' || node.type === 'StaticBlock') {
      markList(node.body);
      // Function declarations in a block are set up when the block is entered.
      const functions = node.body.flatMap((s) => (s.type === 'FunctionDeclaration' && s.id ? [s.id.name] : []));
      const block: Scope[] = [...scopes, { bindings: [...ready(functions, -1), ...lexicalBindings(node.body)] }];
      for (const s of node.body) into(s, block);
      return;
    }
    if (node.type === 'SwitchStatement') {
      // A case may be jumped into past another's declarations: none of them is surely initialized.
      const cases = lexicalBindings(node.cases.flatMap((c) => c.consequent)).map((b) => ({ name: b.name, readyAt: Infinity }));
      for (const child of children(node)) into(child, [...scopes, { bindings: cases }]);
      return;
    }
    if (node.type === 'CatchClause') {
      const names: string[] = [];
      patternNames(node.param, names);
      into(node.body, [...scopes, { bindings: ready(names, -1) }]);
      return;
    }
    if (node.type === 'ChainExpression') {
      into(node.expression, scopes, true);
      return;
    }

    if (!inChain) {
      if (node.type === 'ObjectExpression') {
        const spreads = node.properties.filter((p) => p.type === 'SpreadElement').length;
        count(node, SIZE.object + SIZE.property * (node.properties.length - spreads) + SIZE.spread * spreads, depth);
      } else if (node.type === 'ArrayExpression') {
        count(node, SIZE.array + SIZE.element * node.elements.length + SIZE.spread * node.elements.filter((e) => e?.type === 'SpreadElement').length, depth);
      } else if (node.type === 'NewExpression' && !(node.callee.type === 'Identifier' && BULK_CONSTRUCTORS.has(node.callee.name))) {
        count(node, SIZE.instance + SIZE.element * node.arguments.length, depth);
      } else if (node.type === 'TemplateLiteral' && node.expressions.length > 0) {
        count(node, SIZE.string, depth);
      } else if (node.type === 'BinaryExpression' && node.operator === '+' && [node.left, node.right].some((side) => side.type === 'TemplateLiteral' || (side.type === 'Literal' && typeof side.value === 'string'))) {
        count(node, SIZE.string, depth);
      } else if (node.type === 'AssignmentExpression' && node.operator === '+=' && (node.right.type === 'TemplateLiteral' || (node.right.type === 'Literal' && typeof node.right.value === 'string'))) {
        // `s += 'piece'` grows a string. (`sum += x` is left alone: mostly numbers, in hot loops.)
        count(node, SIZE.string, depth);
      } else if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && !node.callee.computed && node.callee.property.type === 'Identifier') {
        const method = node.callee.property.name;
        if (GROWTH_METHODS.has(method)) {
          count(node, SIZE.element * Math.max(1, node.arguments.length) + SIZE.spread * node.arguments.filter((a) => a.type === 'SpreadElement').length, depth);
        } else if (RESULT_METHODS.has(method)) {
          open(node.start, `${GUARD_NAME}.r(`, depth);
          close(node.end, ')', depth);
        }
      }
    }
    for (const child of children(node)) into(child);
  };

  const walkFunction = (fn: FunctionLike, scopes: readonly Scope[], depth: number, isConstructor: boolean): void => {
    const params: string[] = [];
    for (const p of fn.params) patternNames(p, params);
    const body = fn.body;
    const hoisted = body.type === 'BlockStatement' ? hoistedNames(body) : [];
    const lexical = body.type === 'BlockStatement' ? lexicalBindings(body.body) : [];
    const referenced = new Set<string>();
    referencedIn(body, referenced);
    for (const p of fn.params) referencedIn(p, referenced);
    const own = declaredIn(fn);
    const outer = userNames(scopes);
    const free = [...referenced].filter((n) => !own.has(n) && outer.has(n) && !n.startsWith(RESERVED_PREFIX));
    const info: FunctionInfo = { free, hasThis: fn.type !== 'ArrowFunctionExpression' && !isConstructor };
    const inner: Scope[] = [...scopes, { bindings: [...ready(params, -1), ...ready(hoisted, -1), ...lexical], fn: info }];
    for (const p of fn.params) walk(p, inner, depth + 1, false);
    if (body.type === 'BlockStatement') {
      // After the directive prologue ("use strict"), which must stay first.
      let at = body.start + 1;
      for (const s of body.body) {
        if (s.type === 'ExpressionStatement' && s.directive !== undefined) at = s.end;
        else break;
      }
      open(at, counterDeclaration + tickStatement(inner, at), depth + 1);
      markList(body.body);
      for (const s of body.body) walk(s, inner, depth + 2, false);
    } else {
      open(body.start, tickExpression(inner, body.start), depth + 1);
      close(body.end, ')', depth + 1);
      walk(body, inner, depth + 2, false);
    }
  };

  const top: Scope[] = [{ bindings: [...ready(hoistedNames(program), -1), ...lexicalBindings(program.body)], fn: { free: [], hasThis: false } }];
  let programStart = 0;
  for (const s of program.body) {
    if (s.type === 'ExpressionStatement' && s.directive !== undefined) programStart = s.end;
    else break;
  }
  open(programStart, counterDeclaration, -1);
  markList(program.body);
  for (const s of program.body) walk(s, top, 0, false);
  // Without it, `a = b` on the line before would call b with the statement (no semicolon, no ASI).
  for (const pos of new Set(edits.filter((e) => !e.closing && e.text.startsWith('(') && listStatementStarts.has(e.pos)).map((e) => e.pos))) {
    edits.push({ pos, text: ';', closing: false, depth: -1 });
  }
  return applyEdits(code, edits);
}

function applyEdits(code: string, edits: Edit[]): string {
  const ordered = [...edits].sort((a, b) => {
    if (a.pos !== b.pos) return a.pos - b.pos;
    if (a.closing !== b.closing) return a.closing ? -1 : 1;
    return a.closing ? b.depth - a.depth : a.depth - b.depth;
  });
  let out = '';
  let from = 0;
  for (const edit of ordered) {
    out += code.slice(from, edit.pos) + edit.text;
    from = edit.pos;
  }
  return out + code.slice(from);
}
