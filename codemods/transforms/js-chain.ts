/** Small helpers shared by the syntax-only transforms: node spans, generative calls as text, option-bag reading. */
import type { JSCodeshift } from 'jscodeshift';

type Arg = Parameters<JSCodeshift['callExpression']>[1][number];

/** A node's `[start, end)` in the source the tree was parsed from (Babel's offsets). */
export function span(node: unknown): { start: number; end: number } {
  return node as { start: number; end: number };
}

/**
 * Where an argument ends with the parentheses written around it: `(b)` ends after its `)`,
 * so that what follows can be replaced without taking the parenthesis along.
 */
export function outerEnd(source: string, node: unknown): number {
  const n = node as { start: number; end: number; extra?: { parenthesized?: boolean; parenStart?: number } };
  if (!n.extra?.parenthesized || n.extra.parenStart === undefined) return n.end;
  let depth = (source.slice(n.extra.parenStart, n.start).match(/\(/g) ?? []).length;
  let at = n.end;
  while (depth > 0 && at < source.length) {
    if (source[at] === ')') depth--;
    at++;
  }
  return at;
}

/**
 * The whole line around `[start, end)`, with its line break, when nothing but spaces (and,
 * with `comma`, one comma after it) shares that line; undefined otherwise. For a bracket or
 * an options bag that goes with its line, so no blank line is left behind.
 */
export function ownLine(source: string, start: number, end: number, { comma = false } = {}): { start: number; end: number } | undefined {
  const lineStart = source.lastIndexOf('\n', start - 1) + 1;
  if (!/^[ \t]*$/.test(source.slice(lineStart, start))) return undefined;
  const after = (comma ? /^[ \t]*,?[ \t]*(\n|$)/ : /^[ \t]*(\n|$)/).exec(source.slice(end));
  return after ? { start: lineStart, end: end + after[0].length } : undefined;
}

/**
 * Generative calls as text, each with its arguments' text.
 * @example callsText([['orderBy', ['t.c.id']], ['limit', ['5']]]) // '.orderBy(t.c.id).limit(5)'
 */
export function callsText(calls: readonly (readonly [string, readonly string[]])[]): string {
  return calls.map(([m, args]) => `.${m}(${args.join(', ')})`).join('');
}

/** The properties of an object literal by key, or a reason it cannot be read statically. */
export function readOptions(node: unknown, known: readonly string[]): Map<string, Arg> | string {
  const n = node as { type: string; properties?: { type: string; computed?: boolean; key?: { type: string; name?: string; value?: unknown }; value?: Arg; method?: boolean; kind?: string }[] };
  if (n.type !== 'ObjectExpression') return 'the options are not an object literal';
  const out = new Map<string, Arg>();
  for (const p of n.properties ?? []) {
    if ((p.type !== 'Property' && p.type !== 'ObjectProperty') || p.computed || p.method || (p.kind && p.kind !== 'init')) return 'the options have a spread, computed or method property';
    const key = p.key?.type === 'Identifier' ? p.key.name : typeof p.key?.value === 'string' ? (p.key.value as string) : undefined;
    if (!key || !known.includes(key)) return `unknown option ${JSON.stringify(key ?? '?')}`;
    out.set(key, p.value as Arg);
  }
  return out;
}

/** The items of a list option: an array literal's elements, or a single non-identifier expression; null when it may be either. */
export function listItems(value: Arg): Arg[] | null {
  const v = value as { type: string; elements?: (Arg | null)[] };
  if (v.type === 'ArrayExpression') return v.elements?.every((e) => e !== null) ? (v.elements as Arg[]) : null;
  if (v.type === 'CallExpression' || v.type === 'MemberExpression') return [value];
  return null;
}

/** A boolean literal's value, or undefined when the expression is not a boolean literal. */
export function booleanLiteral(value: Arg): boolean | undefined {
  const v = value as { type: string; value?: unknown };
  return (v.type === 'BooleanLiteral' || v.type === 'Literal') && typeof v.value === 'boolean' ? v.value : undefined;
}

/** Whether an expression is `null` or `undefined` written out. */
export function isNullish(value: Arg): boolean {
  const v = value as { type: string; value?: unknown; name?: string };
  return v.type === 'NullLiteral' || (v.type === 'Literal' && v.value === null) || (v.type === 'Identifier' && v.name === 'undefined');
}
