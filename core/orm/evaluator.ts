/**
 * The "evaluate" strategy of ORM-enabled UPDATE/DELETE: a WHERE clause and SET values
 * turned into JavaScript functions over an object's loaded attributes, so the objects in
 * the Session can be updated (or marked deleted) without asking the database. Only simple
 * expressions are understood (columns of the target table, values, comparisons, AND/OR/NOT,
 * IS NULL, IN lists, BETWEEN, arithmetic); anything else is "not evaluable" and the
 * "auto" strategy falls back to "fetch". SQL's three-valued logic is kept: `null` is UNKNOWN.
 */
import type { Column } from '../schema/column';
import type { Table } from '../schema/table';
import { BinaryExpression, BindParameter, BooleanConstant, Between, ClauseList, ColumnElement, Grouping, InExpression, Literal, Null, UnaryExpression } from '../sql/elements';
import type { Node } from '../sql/node';
import { ColumnRef } from '../sql/selectable';

/** Thrown while compiling an expression the evaluator does not understand. */
export class NotEvaluable extends Error {}

/** Thrown while evaluating when an object lacks an attribute the expression reads. */
export class AttributeNotLoaded extends Error {}

export type Evaluate = (dict: Record<string, unknown>) => unknown;

/** What compiling found: whether strings are compared (their collation is the database's). */
export interface EvaluatorInfo {
  comparesStrings: boolean;
}

/** Compiles `expr` (over `table`'s columns) to a function of an object's attribute values. */
export function compileEvaluator(expr: Node, table: Table<any, any>, info: EvaluatorInfo = { comparesStrings: false }): Evaluate {
  const ev = (n: Node): Evaluate => {
    if (n instanceof ColumnRef) {
      if (n.table !== (table as unknown)) throw new NotEvaluable(`column ${n.name} of another table`);
      const key = (n as unknown as Column<unknown>).key;
      return (d) => {
        if (!(key in d)) throw new AttributeNotLoaded(key);
        return d[key];
      };
    }
    if (n instanceof BindParameter) {
      if (n.value === undefined) throw new NotEvaluable('a parameter given at execution');
      const v = n.value;
      return () => v;
    }
    if (n instanceof Literal) {
      const v = n.value;
      return () => v;
    }
    if (n instanceof Null) return () => null;
    if (n instanceof BooleanConstant) {
      const v = n.value;
      return () => v;
    }
    if (n instanceof Grouping) return ev(n.element);
    if (n instanceof ClauseList) {
      const parts = n.clauses.map(ev);
      if (n.separator === 'AND') return (d) => and3(parts.map((p) => p(d)));
      if (n.separator === 'OR') return (d) => or3(parts.map((p) => p(d)));
      throw new NotEvaluable(`clause list ${n.separator}`);
    }
    if (n instanceof UnaryExpression) {
      const inner = ev(n.operand);
      if (n.operator === 'IS NULL') return (d) => inner(d) === null;
      if (n.operator === 'IS NOT NULL') return (d) => inner(d) !== null;
      if (n.operator === 'NOT') return (d) => not3(inner(d));
      if (n.operator === '-') return (d) => nullOr(inner(d), (v) => -(v as number));
      throw new NotEvaluable(`operator ${n.operator}`);
    }
    if (n instanceof BinaryExpression) {
      const l = ev(n.left);
      const r = ev(n.right);
      if (isStringish(n.left) || isStringish(n.right as ColumnElement<unknown>)) info.comparesStrings = true;
      const cmp = COMPARE[n.operator];
      if (cmp) return (d) => compare3(l(d), r(d), cmp);
      const op = ARITH[n.operator];
      if (op) return (d) => nullOr2(l(d), r(d), op);
      throw new NotEvaluable(`operator ${n.operator}`);
    }
    if (n instanceof InExpression) {
      const l = ev(n.left);
      const t = n.target;
      let items: Evaluate[];
      if (t instanceof BindParameter && t.expanding && Array.isArray(t.value)) items = (t.value as unknown[]).map((v) => () => v);
      else if (t instanceof ClauseList) items = t.clauses.map(ev);
      else throw new NotEvaluable('IN with a subquery');
      if (isStringish(n.left)) info.comparesStrings = true;
      return (d) => {
        const v = l(d);
        if (v === null) return null;
        let unknown = false;
        for (const it of items) {
          const x = it(d);
          if (x === null) unknown = true;
          else if (compareValues(v, x) === 0) return !n.negated;
        }
        return unknown ? null : n.negated;
      };
    }
    if (n instanceof Between) {
      const e = ev(n.expr);
      const lo = ev(n.lower);
      const hi = ev(n.upper);
      return (d) => and3([compare3(e(d), lo(d), (c) => c >= 0), compare3(e(d), hi(d), (c) => c <= 0)]);
    }
    throw new NotEvaluable(`a ${n.kind} expression`);
  };
  return ev(expr);
}

function isStringish(e: ColumnElement<unknown> | undefined): boolean {
  const k = e?.type?.kind;
  return k === 'string' || k === 'text' || k === 'enum' || k === 'uuid';
}

const COMPARE: Record<string, (c: number) => boolean> = {
  '=': (c) => c === 0,
  '<>': (c) => c !== 0,
  '!=': (c) => c !== 0,
  '<': (c) => c < 0,
  '<=': (c) => c <= 0,
  '>': (c) => c > 0,
  '>=': (c) => c >= 0,
};

const ARITH: Record<string, (a: any, b: any) => unknown> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
};

function compareValues(a: unknown, b: unknown): number {
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return Buffer.compare(a, b);
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    const x = BigInt(a as never);
    const y = BigInt(b as never);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'object' || typeof b === 'object') throw new NotEvaluable('comparing structured values');
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

function compare3(a: unknown, b: unknown, test: (c: number) => boolean): boolean | null {
  if (a === null || b === null || a === undefined || b === undefined) return null;
  return test(compareValues(a, b));
}
function nullOr(a: unknown, f: (a: unknown) => unknown): unknown {
  return a === null ? null : f(a);
}
function nullOr2(a: unknown, b: unknown, f: (a: unknown, b: unknown) => unknown): unknown {
  return a === null || b === null ? null : f(a, b);
}
function and3(vs: unknown[]): boolean | null {
  let unknown = false;
  for (const v of vs) {
    if (v === false) return false;
    if (v === null) unknown = true;
  }
  return unknown ? null : true;
}
function or3(vs: unknown[]): boolean | null {
  let unknown = false;
  for (const v of vs) {
    if (v === true) return true;
    if (v === null) unknown = true;
  }
  return unknown ? null : false;
}
function not3(v: unknown): boolean | null {
  return v === null ? null : !v;
}
