/**
 * knex's WHERE forms as Retort conditions: object, `(col, value)`, `(col, op, value)`,
 * grouped callbacks, `whereIn`, `whereNull`, `whereBetween`, `whereLike` and their `or…` and
 * `…Not` variants, combined as knex's SQL text would be (AND binds tighter than OR).
 */
import { AstNode, propertyName, stringValue } from './ast';
import { splitChain } from './chain';
import type { ChainContext } from './context';
import { Skip } from './skip';

/** A column resolved in the statement's tables: its Retort code (`users.c.fullName`). */
export type ColumnResolver = (node: AstNode | string) => string;

/** One WHERE call: how it joins the previous ones, and its conditions (ANDed; an object gives one per key). */
export interface Term {
  readonly bool: 'and' | 'or';
  readonly codes: readonly string[];
}

const WHERE_FORMS = new Set(['where', 'whereNot', 'whereIn', 'whereNotIn', 'whereNull', 'whereNotNull', 'whereBetween', 'whereNotBetween', 'whereLike', 'whereILike']);

/** `orWhereIn` → `{ bool: 'or', form: 'whereIn' }`; undefined when the method is no WHERE form. */
export function whereForm(method: string): { bool: 'and' | 'or'; form: string } | undefined {
  let bool: 'and' | 'or' = 'and';
  let rest = method;
  if (/^or[A-Z]/.test(method)) {
    bool = 'or';
    rest = method[2].toLowerCase() + method.slice(3);
  } else if (/^and[A-Z]/.test(method)) {
    rest = method[3].toLowerCase() + method.slice(4);
  }
  return WHERE_FORMS.has(rest) ? { bool, form: rest } : undefined;
}

const OPERATORS: Record<string, string> = {
  '=': 'eq', '!=': 'ne', '<>': 'ne', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge',
  like: 'like', 'not like': 'notLike', ilike: 'ilike', 'not ilike': 'notIlike', in: 'in', 'not in': 'notIn',
};

/** One WHERE call as terms: one, except `orWhereNot({ a, b })`, which knex writes as `or not a or not b`. */
export function whereTerms(method: string, args: readonly AstNode[], ctx: ChainContext, col: ColumnResolver): Term[] {
  const f = whereForm(method)!;
  const codes = conditions(f.form, args, ctx, col, method);
  if (f.bool === 'or' && f.form === 'whereNot' && args[0]?.type === 'ObjectExpression') return codes.map((c) => ({ bool: 'or', codes: [c] }));
  return [{ bool: f.bool, codes }];
}

function conditions(form: string, args: readonly AstNode[], ctx: ChainContext, col: ColumnResolver, method: string): string[] {
  if ((form === 'where' || form === 'whereNot') && args.length === 1 && args[0].type === 'ObjectExpression') return objectConditions(args[0], ctx, col, form === 'whereNot');
  return [condition(form, args, ctx, col, method)];
}

function condition(form: string, args: readonly AstNode[], ctx: ChainContext, col: ColumnResolver, method: string): string {
  const not = (c: string) => `${ctx.retort('not')}(${c})`;
  switch (form) {
    case 'where':
    case 'whereNot': {
      const negate = form === 'whereNot';
      if (args.length === 1 && isCallback(args[0])) {
        const group = callbackGroup(args[0], ctx, col);
        return negate ? not(group) : group;
      }
      if (args.length === 2) {
        const c = comparison(col(args[0]), '=', args[1], ctx);
        return negate ? not(c) : c;
      }
      if (args.length === 3) {
        const op = stringValue(args[1])?.toLowerCase();
        if (op === undefined || !(op in OPERATORS)) throw new Skip('dynamic-argument', `.${method}() with an operator that is not a known literal (${ctx.source.slice(args[1].start!, args[1].end!)})`);
        const c = comparison(col(args[0]), op, args[2], ctx);
        return negate ? not(c) : c;
      }
      if (args.length === 1) throw new Skip('dynamic-argument', `.${method}() of an object that is not a literal (its keys cannot be checked against the table)`);
      throw new Skip('dynamic-argument', `.${method}() with ${args.length} arguments`);
    }
    case 'whereIn':
    case 'whereNotIn': {
      if (args.length !== 2 || args[0].type === 'ArrayExpression') throw new Skip('dynamic-argument', `.${method}() over several columns or without a list`);
      if (isCallback(args[1])) throw new Skip('callback', `.${method}() with a subquery callback`);
      return `${col(args[0])}.${form === 'whereIn' ? 'in' : 'notIn'}(${ctx.value(args[1])})`;
    }
    case 'whereNull':
    case 'whereNotNull':
      if (args.length !== 1) throw new Skip('dynamic-argument', `.${method}() takes one column`);
      return `${col(args[0])}.${form === 'whereNull' ? 'isNull' : 'isNotNull'}()`;
    case 'whereBetween':
    case 'whereNotBetween': {
      const range = args[1];
      if (args.length !== 2 || range?.type !== 'ArrayExpression' || range.elements.length !== 2 || range.elements.some((e: AstNode | null) => !e || e.type === 'SpreadElement')) {
        throw new Skip('dynamic-argument', `.${method}() needs a literal [low, high] pair`);
      }
      return `${col(args[0])}.${form === 'whereBetween' ? 'between' : 'notBetween'}(${ctx.value(range.elements[0])}, ${ctx.value(range.elements[1])})`;
    }
    case 'whereLike':
    case 'whereILike':
      if (args.length !== 2) throw new Skip('dynamic-argument', `.${method}() takes a column and a pattern`);
      return `${col(args[0])}.${form === 'whereLike' ? 'like' : 'ilike'}(${ctx.value(args[1])})`;
  }
  throw new Skip('unsupported-method', `.${method}()`);
}

function comparison(column: string, op: string, valueNode: AstNode, ctx: ChainContext): string {
  if (valueNode.type === 'NullLiteral') {
    // knex turns `where(col, null)` into IS NULL; an operator with a null literal is not that.
    if (op !== '=') throw new Skip('dynamic-argument', `a comparison "${op}" with a null literal`);
    return `${column}.isNull()`;
  }
  if (valueNode.type === 'Identifier' && valueNode.name === 'undefined') throw new Skip('dynamic-argument', 'a comparison with undefined (knex refuses it)');
  if (isCallback(valueNode)) throw new Skip('callback', 'a subquery callback as a value');
  return `${column}.${OPERATORS[op]}(${ctx.value(valueNode)})`;
}

/** `{ a: 1, b: null }`: each key compared (IS NULL for a null literal), negated per key for whereNot; knex ANDs them in one term. */
function objectConditions(obj: AstNode, ctx: ChainContext, col: ColumnResolver, negate: boolean): string[] {
  const parts: string[] = [];
  for (const prop of obj.properties as AstNode[]) {
    const name = prop.type === 'ObjectProperty' ? propertyName(prop) : undefined;
    if (name === undefined) throw new Skip('dynamic-argument', 'a where() object with spread or computed keys');
    const c = comparison(col(name), '=', prop.value, ctx);
    parts.push(negate ? `${ctx.retort('not')}(${c})` : c);
  }
  if (parts.length === 0) throw new Skip('dynamic-argument', 'an empty where() object');
  return parts;
}

export function isCallback(node: AstNode | undefined): boolean {
  return node?.type === 'ArrowFunctionExpression' || node?.type === 'FunctionExpression';
}

/**
 * `where(function () { this.where(…).orWhere(…) })` or `where((qb) => qb.where(…))`: the
 * WHERE calls in the callback, combined into one parenthesised condition. Anything else in
 * the callback (an `if`, a loop, a variable) makes the site one to leave alone.
 */
function callbackGroup(fn: AstNode, ctx: ChainContext, col: ColumnResolver): string {
  const param = fn.params[0] as AstNode | undefined;
  if (fn.params.length > 1 || (param && param.type !== 'Identifier')) throw new Skip('callback', 'a where() callback with unusual parameters');
  const self = (n: AstNode) => (param ? n.type === 'Identifier' && n.name === param.name : fn.type === 'FunctionExpression' && n.type === 'ThisExpression');
  const chains: AstNode[] = [];
  if (fn.body.type === 'BlockStatement') {
    for (const stmt of fn.body.body as AstNode[]) {
      if (stmt.type !== 'ExpressionStatement') throw new Skip('callback', 'a where() callback that does more than call where methods');
      chains.push(stmt.expression);
    }
  } else {
    chains.push(fn.body);
  }
  const terms: Term[] = [];
  for (const chain of chains) {
    const { base, links } = splitChain(chain);
    if (!self(base) || links.length === 0) throw new Skip('callback', 'a where() callback that does more than call where methods on its builder');
    for (const link of links) {
      if (!whereForm(link.name)) throw new Skip('callback', `.${link.name}() inside a where() callback`);
      terms.push(...whereTerms(link.name, link.args, ctx, col));
    }
  }
  if (terms.length === 0) throw new Skip('callback', 'an empty where() callback');
  return combine(terms, ctx);
}

/** Terms as knex's SQL text reads them: AND groups joined by OR. */
export function groups(terms: readonly Term[]): string[][] {
  const out: string[][] = [];
  for (const t of terms) {
    if (t.bool === 'or' || out.length === 0) out.push([...t.codes]);
    else out[out.length - 1].push(...t.codes);
  }
  return out;
}

/** Terms as one condition. */
export function combine(terms: readonly Term[], ctx: ChainContext): string {
  const gs = groups(terms).map((g) => (g.length === 1 ? g[0] : `${ctx.retort('and')}(${g.join(', ')})`));
  return gs.length === 1 ? gs[0] : `${ctx.retort('or')}(${gs.join(', ')})`;
}

/** Terms as the arguments of `.where(…)`: several conditions when there is no OR, else one. */
export function whereArgs(terms: readonly Term[], ctx: ChainContext): string[] {
  const gs = groups(terms);
  return gs.length === 1 ? gs[0] : [combine(terms, ctx)];
}
