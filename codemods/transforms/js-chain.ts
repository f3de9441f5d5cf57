/** Small builders shared by the syntax-only transforms: generative call chains and option-bag reading. */
import type { JSCodeshift } from 'jscodeshift';

type Expr = Parameters<JSCodeshift['callExpression']>[0];
type Arg = Parameters<JSCodeshift['callExpression']>[1][number];

/** `base.m1(a…).m2(b…)…` */
export function chain(j: JSCodeshift, base: Expr, calls: readonly (readonly [string, readonly Arg[]])[]): Expr {
  let e = base;
  for (const [m, args] of calls) e = j.callExpression(j.memberExpression(e, j.identifier(m)), [...args]);
  return e;
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

/**
 * A new string literal printed in single quotes (recast prints new literals in double quotes
 * otherwise), the quotes most TypeScript code bases and Retort's own examples use.
 */
export function singleQuoted(j: JSCodeshift, value: string): Arg {
  // A `Literal` (not a `StringLiteral`), because recast prints a Literal's raw text when it has one.
  const lit = j.literal(value) as ReturnType<JSCodeshift['literal']> & { extra?: unknown };
  lit.extra = { raw: `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`, rawValue: value };
  return lit as Arg;
}
