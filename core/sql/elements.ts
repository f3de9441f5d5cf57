/**
 * Column expressions: everything that has a SQL type and can appear in a SELECT list or a
 * WHERE clause — columns, bound parameters, operators, functions, CASE, CAST, labels.
 */
import { ArgumentError } from '../errors';
import { CacheKeyBuilder, Node } from './node';
import {
  booleanType,
  integerType,
  nullType,
  SqlType,
  typeOfValue,
  unknownType,
} from './types';

/** A value, or an expression of a compatible type, accepted where a `T` is expected. */
export type Operand<T> = NonNullable<T> | ColumnElement<NonNullable<T>> | ColumnElement<NonNullable<T> | null>;

/** Anything that can stand on the right of a comparison with a `T` expression. */
export type Comparable<T> = Operand<T> | null;

type Num = number | bigint | string | null;

/**
 * Base of every typed SQL expression. `T` is the JavaScript type of its value.
 *
 * @example
 * users.c.name.eq('ada')            // users.name = ?
 * users.c.age.between(18, 65)       // users.age BETWEEN ? AND ?
 * users.c.email.isNull()            // users.email IS NULL
 */
export abstract class ColumnElement<T> extends Node {
  /** Phantom member carrying the JavaScript type; never set at run time. */
  declare readonly __js: T;
  abstract readonly type: SqlType<unknown>;

  /** The key this expression has in a result row, when it has a natural one. @internal */
  get _resultName(): string | undefined {
    return undefined;
  }

  /** `=`; comparing with `null` renders `IS NULL`. */
  eq(other: Comparable<T>): ColumnElement<boolean> {
    return other === null ? new UnaryExpression(this, 'IS NULL', 'postfix', booleanType) : compare(this, '=', other);
  }
  /** `<>` (`!=`); comparing with `null` renders `IS NOT NULL`. */
  ne(other: Comparable<T>): ColumnElement<boolean> {
    return other === null ? new UnaryExpression(this, 'IS NOT NULL', 'postfix', booleanType) : compare(this, '<>', other);
  }
  lt(other: Operand<T>): ColumnElement<boolean> {
    return compare(this, '<', other);
  }
  le(other: Operand<T>): ColumnElement<boolean> {
    return compare(this, '<=', other);
  }
  gt(other: Operand<T>): ColumnElement<boolean> {
    return compare(this, '>', other);
  }
  ge(other: Operand<T>): ColumnElement<boolean> {
    return compare(this, '>=', other);
  }
  /** `IS NULL`. */
  isNull(): ColumnElement<boolean> {
    return new UnaryExpression(this, 'IS NULL', 'postfix', booleanType);
  }
  /** `IS NOT NULL`. */
  isNotNull(): ColumnElement<boolean> {
    return new UnaryExpression(this, 'IS NOT NULL', 'postfix', booleanType);
  }
  /** `IS DISTINCT FROM` (null-safe inequality; `<=>` negated on MySQL). */
  isDistinctFrom(other: Comparable<T>): ColumnElement<boolean> {
    return compare(this, 'IS DISTINCT FROM', other);
  }
  /** `IS NOT DISTINCT FROM` (null-safe equality; `<=>` on MySQL). */
  isNotDistinctFrom(other: Comparable<T>): ColumnElement<boolean> {
    return compare(this, 'IS NOT DISTINCT FROM', other);
  }
  /**
   * `IN`: a list of values (sent as one bound parameter per value, expanded at execution,
   * so the compiled statement is cached whatever the length; an empty list is false), a
   * named expanding `bindparam`, or a subquery.
   */
  in(values: readonly Operand<T>[] | BindParameter<readonly NonNullable<T>[]> | SelectLike): ColumnElement<boolean> {
    return new InExpression(this, toInTarget(this, values, 'in'), false);
  }
  /** `NOT IN`; an empty list is true. */
  notIn(values: readonly Operand<T>[] | BindParameter<readonly NonNullable<T>[]> | SelectLike): ColumnElement<boolean> {
    return new InExpression(this, toInTarget(this, values, 'notIn'), true);
  }
  /** `BETWEEN lower AND upper`. */
  between(lower: Operand<T>, upper: Operand<T>, opts: { symmetric?: boolean } = {}): ColumnElement<boolean> {
    return new Between(this, coerce(lower, this.type), coerce(upper, this.type), false, !!opts.symmetric);
  }
  notBetween(lower: Operand<T>, upper: Operand<T>): ColumnElement<boolean> {
    return new Between(this, coerce(lower, this.type), coerce(upper, this.type), true, false);
  }
  /** `LIKE pattern [ESCAPE 'c']`. */
  like(this: ColumnElement<string | null>, pattern: Operand<string>, opts: { escape?: string } = {}): ColumnElement<boolean> {
    return likeOp(this, 'LIKE', pattern, opts.escape);
  }
  notLike(this: ColumnElement<string | null>, pattern: Operand<string>, opts: { escape?: string } = {}): ColumnElement<boolean> {
    return likeOp(this, 'NOT LIKE', pattern, opts.escape);
  }
  /** Case-insensitive LIKE (`ILIKE` on PostgreSQL, `lower(x) LIKE lower(y)` elsewhere). */
  ilike(this: ColumnElement<string | null>, pattern: Operand<string>, opts: { escape?: string } = {}): ColumnElement<boolean> {
    return likeOp(this, 'ILIKE', pattern, opts.escape);
  }
  notIlike(this: ColumnElement<string | null>, pattern: Operand<string>, opts: { escape?: string } = {}): ColumnElement<boolean> {
    return likeOp(this, 'NOT ILIKE', pattern, opts.escape);
  }
  /** `LIKE 'prefix%'` with `%` and `_` in the prefix escaped. */
  startsWith(this: ColumnElement<string | null>, prefix: string): ColumnElement<boolean> {
    return likeOp(this, 'LIKE', escapeLike(prefix) + '%', '\\');
  }
  endsWith(this: ColumnElement<string | null>, suffix: string): ColumnElement<boolean> {
    return likeOp(this, 'LIKE', '%' + escapeLike(suffix), '\\');
  }
  contains(this: ColumnElement<string | null>, part: string): ColumnElement<boolean> {
    return likeOp(this, 'LIKE', '%' + escapeLike(part) + '%', '\\');
  }
  /** String concatenation (`||`, `concat()` on MySQL). */
  concat(this: ColumnElement<string | null>, other: Operand<string>): ColumnElement<string> {
    return new BinaryExpression(this, '||', coerce(other, this.type), this.type as SqlType<unknown>);
  }
  add(this: ColumnElement<Num>, other: Operand<T>): ColumnElement<NonNullable<T>> {
    return arith(this, '+', other);
  }
  sub(this: ColumnElement<Num>, other: Operand<T>): ColumnElement<NonNullable<T>> {
    return arith(this, '-', other);
  }
  mul(this: ColumnElement<Num>, other: Operand<T>): ColumnElement<NonNullable<T>> {
    return arith(this, '*', other);
  }
  div(this: ColumnElement<Num>, other: Operand<T>): ColumnElement<NonNullable<T>> {
    return arith(this, '/', other);
  }
  mod(this: ColumnElement<Num>, other: Operand<T>): ColumnElement<NonNullable<T>> {
    return arith(this, '%', other);
  }
  neg(this: ColumnElement<Num>): ColumnElement<T> {
    return new UnaryExpression(this, '-', 'prefix', this.type);
  }
  /** Any binary operator the database has, e.g. `col.op('@>', ['a'])` on PostgreSQL. */
  op<R = boolean>(operator: string, other: unknown, resultType?: SqlType<R>): ColumnElement<R> {
    if (!/^[^\s;'"]+$/.test(operator) && !/^[A-Za-z ]+$/.test(operator)) {
      throw new ArgumentError(`op(): ${JSON.stringify(operator)} is not an operator`);
    }
    return new BinaryExpression(this, operator, coerce(other, this.type), (resultType ?? booleanType) as SqlType<unknown>);
  }
  /** `ORDER BY … ASC`. */
  asc(): OrderByExpression {
    return new OrderByExpression(this, 'ASC', undefined);
  }
  /** `ORDER BY … DESC`. */
  desc(): OrderByExpression {
    return new OrderByExpression(this, 'DESC', undefined);
  }
  nullsFirst(): OrderByExpression {
    return new OrderByExpression(this, undefined, 'FIRST');
  }
  nullsLast(): OrderByExpression {
    return new OrderByExpression(this, undefined, 'LAST');
  }
  /** `expr AS name`: names the expression in the SELECT list and the result row. */
  label<const N extends string>(name: N): Label<T, N> {
    return new Label(this, name);
  }
  /** `CAST(expr AS type)`. */
  cast<U>(type: SqlType<U>): ColumnElement<U> {
    return new Cast(this, type);
  }
  /** `expr COLLATE name`. */
  collate(collation: string): ColumnElement<T> {
    if (!/^[A-Za-z0-9_."-]+$/.test(collation)) throw new ArgumentError(`collate(): bad collation name ${JSON.stringify(collation)}`);
    return new BinaryExpression(this, 'COLLATE', new Keyword(collation), this.type) as ColumnElement<T>;
  }
  /** Logical NOT of this (boolean) expression. */
  not(this: ColumnElement<boolean | null>): ColumnElement<boolean> {
    return not(this);
  }
}

/** A SELECT that can be used where a set of values is expected (IN, EXISTS). */
export interface SelectLike extends Node {
  readonly kind: 'select' | 'compoundSelect';
}

function isSelectLike(v: unknown): v is SelectLike {
  return v instanceof Node && (v.kind === 'select' || v.kind === 'compoundSelect');
}

/** Turns a JavaScript value into a bound parameter of the given type; expressions pass through. */
export function coerce(value: unknown, type: SqlType<unknown> = unknownType): ColumnElement<unknown> {
  if (value instanceof ColumnElement) return value;
  if (value instanceof Node) {
    if (isSelectLike(value)) return new ScalarSubquery(value);
    throw new ArgumentError(`a ${value.kind} cannot be used as a value here`);
  }
  if (value === undefined) throw new ArgumentError('undefined is not a SQL value (use null for NULL)');
  if (typeof value === 'function' || typeof value === 'symbol') {
    throw new ArgumentError(`a ${typeof value} is not a SQL value`);
  }
  if (value === null) return new Null();
  const t = type.kind === 'unknown' || type.kind === 'null' ? typeOfValue(value) : type;
  return new BindParameter(undefined, value, t, false);
}

function compare(left: ColumnElement<unknown>, op: string, right: unknown): ColumnElement<boolean> {
  return new BinaryExpression(left, op, coerce(right, left.type), booleanType);
}

function arith<T>(left: ColumnElement<unknown>, op: string, right: unknown): ColumnElement<T> {
  return new BinaryExpression(left, op, coerce(right, left.type), left.type) as ColumnElement<T>;
}

function likeOp(left: ColumnElement<unknown>, op: string, pattern: unknown, escape: string | undefined): ColumnElement<boolean> {
  if (escape !== undefined && (typeof escape !== 'string' || [...escape].length !== 1)) {
    throw new ArgumentError(`LIKE escape must be a single character, got ${JSON.stringify(escape)}`);
  }
  return new BinaryExpression(left, op, coerce(pattern, left.type), booleanType, escape);
}

/** Escapes `%`, `_` and `\` so a string matches literally inside a LIKE pattern (escape `\`). */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

function toInTarget(left: ColumnElement<unknown>, values: unknown, fn: string): Node {
  if (isSelectLike(values)) return values;
  if (values instanceof BindParameter) {
    return new BindParameter(values.key, values.value, left.type, true);
  }
  if (!Array.isArray(values)) throw new ArgumentError(`${fn}() needs an array, an expanding bindparam or a select`);
  if (values.some((v) => v instanceof Node)) {
    return new ClauseList(values.map((v) => coerce(v, left.type)), ', ');
  }
  if (values.some((v) => v === null || v === undefined)) {
    throw new ArgumentError(`${fn}() list contains null/undefined; NULL never matches IN — use isNull() instead`);
  }
  return new BindParameter(undefined, values, left.type, true);
}

/**
 * A bound parameter: a value sent to the database separately from the SQL text.
 * A *named* bindparam without a value takes its value from the execution parameters.
 *
 * @example
 * const byId = select(users).where(users.c.id.eq(bindparam('id', integer())));
 * await conn.execute(byId, { id: 7 });
 */
export class BindParameter<T> extends ColumnElement<T> {
  readonly kind = 'bind';
  constructor(
    /** Name for execution-time lookup; anonymous binds have none. */
    readonly key: string | undefined,
    readonly value: unknown,
    readonly type: SqlType<unknown>,
    /** An expanding bind holds a list rendered as `(?, ?, …)` at execution time. */
    readonly expanding: boolean,
  ) {
    super();
  }
  _key(k: CacheKeyBuilder): void {
    // A value bound in a statement built per call is a new BindParameter each time: its part,
    // `?:<type kind>`, is made once per kind rather than per statement.
    let part = this.key === undefined && !this.expanding ? ANONYMOUS_BIND_KEYS.get(this.type.kind) : undefined;
    if (part === undefined) {
      part = `?${this.key ?? ''}${this.expanding ? '*' : ''}:${this.type.kind}`;
      if (this.key === undefined && !this.expanding) ANONYMOUS_BIND_KEYS.set(this.type.kind, part);
    }
    k.push(part);
    k.bind(this as BindParameter<unknown>);
  }
}

/** Cache-key parts of anonymous, non-expanding binds, by type kind (a short, fixed set). */
const ANONYMOUS_BIND_KEYS = new Map<string, string>();

/**
 * A named bound parameter whose value is given when the statement runs.
 * @example users.c.id.eq(bindparam('id'))
 */
export function bindparam<T = unknown>(key: string, type?: SqlType<T>): BindParameter<T>;
export function bindparam<T>(key: string, type: SqlType<T> | undefined, value: T): BindParameter<T>;
export function bindparam<T>(key: string, type?: SqlType<T>, ...rest: [T?]): BindParameter<T> {
  if (typeof key !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
    throw new ArgumentError(`bindparam(): key must be an identifier, got ${JSON.stringify(key)}`);
  }
  return new BindParameter<T>(key, rest.length ? rest[0] : undefined, (type ?? unknownType) as SqlType<unknown>, false);
}

/**
 * A value rendered inline into SQL. Only for values you control: prefer bound parameters.
 * @example literal(5) // renders 5, not ?
 */
export function literal(value: number): ColumnElement<number>;
export function literal(value: string): ColumnElement<string>;
export function literal(value: boolean): ColumnElement<boolean>;
export function literal(value: bigint): ColumnElement<bigint>;
export function literal(value: null): ColumnElement<null>;
export function literal(value: string | number | boolean | bigint | null): ColumnElement<unknown> {
  return new Literal(value);
}

export class Literal<T> extends ColumnElement<T> {
  readonly kind = 'literal';
  readonly type: SqlType<unknown>;
  constructor(readonly value: unknown) {
    super();
    const ok = value === null || ['string', 'number', 'boolean', 'bigint'].includes(typeof value);
    if (!ok) throw new ArgumentError(`literal() takes a string, number, boolean, bigint or null`);
    if (typeof value === 'number' && !Number.isFinite(value)) throw new ArgumentError(`literal(): ${value} has no SQL form`);
    this.type = typeOfValue(value);
  }
  _key(k: CacheKeyBuilder): void {
    // Strings are quoted: written bare, `literal('a b')` could spell the key of two literals.
    k.push(`L${typeof this.value}:${typeof this.value === 'string' ? JSON.stringify(this.value) : String(this.value)}`);
  }
}

/** A bare keyword or identifier-like token (NULL, TRUE, DEFAULT, a collation). @internal */
export class Keyword extends ColumnElement<unknown> {
  readonly kind = 'keyword';
  readonly type = unknownType;
  constructor(readonly word: string) {
    super();
  }
  _key(k: CacheKeyBuilder): void {
    k.push(`K${this.word}`);
  }
}

/** SQL `NULL`. */
export class Null extends ColumnElement<null> {
  readonly kind = 'keyword';
  readonly type = nullType;
  readonly word = 'NULL';
  _key(k: CacheKeyBuilder): void {
    k.push('NULL');
  }
}

export const null_ = (): ColumnElement<null> => new Null();
/** SQL `TRUE` (`1` where the database has no boolean literal). */
export const true_ = (): ColumnElement<boolean> => new BooleanConstant(true);
/** SQL `FALSE` (`0` where the database has no boolean literal). */
export const false_ = (): ColumnElement<boolean> => new BooleanConstant(false);

export class BooleanConstant extends ColumnElement<boolean> {
  readonly kind = 'keyword';
  readonly type = booleanType;
  readonly word: string;
  constructor(readonly value: boolean) {
    super();
    this.word = value ? 'TRUE' : 'FALSE';
  }
  _key(k: CacheKeyBuilder): void {
    k.push(this.word);
  }
}

export class BinaryExpression<T> extends ColumnElement<T> {
  readonly kind = 'binary';
  constructor(
    readonly left: ColumnElement<unknown>,
    readonly operator: string,
    readonly right: ColumnElement<unknown> | Node,
    readonly type: SqlType<unknown>,
    readonly escape?: string,
  ) {
    super();
  }
  _key(k: CacheKeyBuilder): void {
    k.push('(');
    this.left._key(k);
    k.push(this.operator + (this.escape === undefined ? '' : ` ESC${this.escape}`));
    this.right._key(k);
    k.push(')');
  }
  override _children(): readonly Node[] {
    return [this.left, this.right];
  }
}

export class UnaryExpression<T> extends ColumnElement<T> {
  readonly kind = 'unary';
  constructor(
    readonly operand: ColumnElement<unknown>,
    readonly operator: string,
    readonly position: 'prefix' | 'postfix',
    readonly type: SqlType<unknown>,
  ) {
    super();
  }
  _key(k: CacheKeyBuilder): void {
    k.push(`U${this.position[1]}${this.operator}(`);
    this.operand._key(k);
    k.push(')');
  }
  override _children(): readonly Node[] {
    return [this.operand];
  }
}

/** A list of clauses joined by a separator: AND, OR, or a comma. */
export class ClauseList extends ColumnElement<boolean> {
  readonly kind = 'clauseList';
  readonly type = booleanType;
  constructor(
    readonly clauses: readonly ColumnElement<unknown>[],
    readonly separator: string,
  ) {
    super();
  }
  _key(k: CacheKeyBuilder): void {
    k.push(`[${this.separator}`);
    for (const c of this.clauses) c._key(k);
    k.push(']');
  }
  override _children(): readonly Node[] {
    return this.clauses;
  }
}

/** Parentheses around an expression. */
export class Grouping<T> extends ColumnElement<T> {
  readonly kind = 'grouping';
  constructor(readonly element: ColumnElement<T>) {
    super();
  }
  get type(): SqlType<unknown> {
    return this.element.type;
  }
  _key(k: CacheKeyBuilder): void {
    k.push('G(');
    this.element._key(k);
    k.push(')');
  }
  override _children(): readonly Node[] {
    return [this.element];
  }
}

type BoolArg = ColumnElement<boolean> | ColumnElement<boolean | null> | undefined;

/**
 * `a AND b AND …`; `undefined` arguments are skipped, so optional filters compose.
 * @example and(users.c.age.gt(18), name ? users.c.name.eq(name) : undefined)
 */
export function and(...clauses: BoolArg[]): ColumnElement<boolean> {
  return boolList(clauses, 'AND');
}
/** `a OR b OR …`; `undefined` arguments are skipped. */
export function or(...clauses: BoolArg[]): ColumnElement<boolean> {
  return boolList(clauses, 'OR');
}
function boolList(clauses: BoolArg[], op: 'AND' | 'OR'): ColumnElement<boolean> {
  const present = clauses.filter((c): c is ColumnElement<boolean> => c !== undefined);
  for (const c of present) {
    if (!(c instanceof ColumnElement)) throw new ArgumentError(`${op.toLowerCase()}() takes SQL expressions, got ${typeof c}`);
  }
  if (present.length === 1) return present[0];
  if (present.length === 0) return new BooleanConstant(op === 'AND');
  return new ClauseList(present, op);
}
/** `NOT expr`. */
export function not(clause: ColumnElement<boolean> | ColumnElement<boolean | null>): ColumnElement<boolean> {
  if (!(clause instanceof ColumnElement)) throw new ArgumentError('not() takes a SQL expression');
  return new UnaryExpression(clause, 'NOT', 'prefix', booleanType);
}

export class InExpression extends ColumnElement<boolean> {
  readonly kind = 'in';
  readonly type = booleanType;
  constructor(
    readonly left: ColumnElement<unknown>,
    /** An expanding bind, a list of expressions, or a select. */
    readonly target: Node,
    readonly negated: boolean,
  ) {
    super();
  }
  _key(k: CacheKeyBuilder): void {
    k.push(this.negated ? 'NOTIN(' : 'IN(');
    this.left._key(k);
    this.target._key(k);
    k.push(')');
  }
  override _children(): readonly Node[] {
    return [this.left, this.target];
  }
}

export class Between extends ColumnElement<boolean> {
  readonly kind = 'between';
  readonly type = booleanType;
  constructor(
    readonly expr: ColumnElement<unknown>,
    readonly lower: ColumnElement<unknown>,
    readonly upper: ColumnElement<unknown>,
    readonly negated: boolean,
    readonly symmetric: boolean,
  ) {
    super();
  }
  _key(k: CacheKeyBuilder): void {
    k.push(`BETWEEN${this.negated ? '!' : ''}${this.symmetric ? 'S' : ''}(`);
    this.expr._key(k);
    this.lower._key(k);
    this.upper._key(k);
    k.push(')');
  }
  override _children(): readonly Node[] {
    return [this.expr, this.lower, this.upper];
  }
}

/** A SQL function call; see `func`. */
export class FunctionCall<T> extends ColumnElement<T> {
  readonly kind = 'function';
  constructor(
    readonly name: string,
    readonly args: readonly ColumnElement<unknown>[],
    readonly type: SqlType<unknown>,
    readonly distinct = false,
    readonly filter?: ColumnElement<boolean>,
  ) {
    super();
  }
  override get _resultName(): string | undefined {
    return this.name.toLowerCase();
  }
  _key(k: CacheKeyBuilder): void {
    k.push(`F${this.name}${this.distinct ? 'D' : ''}(`);
    for (const a of this.args) a._key(k);
    if (this.filter) {
      k.push('FILTER');
      this.filter._key(k);
    }
    k.push(')');
  }
  override _children(): readonly Node[] {
    return this.filter ? [...this.args, this.filter] : this.args;
  }
  /** `fn(...) FILTER (WHERE cond)` (PostgreSQL and SQLite). */
  filterWhere(cond: ColumnElement<boolean>): FunctionCall<T> {
    return new FunctionCall(this.name, this.args, this.type, this.distinct, cond);
  }
  /**
   * A window function call: `fn(...) OVER (PARTITION BY … ORDER BY … frame)`.
   * @example func.rowNumber().over({ partitionBy: [t.c.dept], orderBy: [t.c.salary.desc()] })
   */
  over(window: WindowSpec = {}): ColumnElement<T> {
    return new Over(this, window);
  }
}

/** A frame bound: a number of rows/range units (negative = PRECEDING), `null` = UNBOUNDED, 0 = CURRENT ROW. */
export type FrameBound = number | null;

export interface WindowSpec {
  partitionBy?: readonly ColumnElement<unknown>[];
  orderBy?: readonly (ColumnElement<unknown> | OrderByExpression)[];
  rows?: readonly [FrameBound, FrameBound];
  range?: readonly [FrameBound, FrameBound];
}

export class Over<T> extends ColumnElement<T> {
  readonly kind = 'over';
  constructor(
    readonly fn: FunctionCall<T>,
    readonly window: WindowSpec,
  ) {
    super();
    for (const b of [...(window.rows ?? []), ...(window.range ?? [])]) {
      if (b !== null && !Number.isInteger(b)) throw new ArgumentError(`window frame bounds must be integers or null, got ${String(b)}`);
    }
    if (window.rows && window.range) throw new ArgumentError('a window frame is either rows or range, not both');
  }
  get type(): SqlType<unknown> {
    return this.fn.type;
  }
  override get _resultName(): string | undefined {
    return this.fn._resultName;
  }
  _key(k: CacheKeyBuilder): void {
    k.push('OVER(');
    this.fn._key(k);
    k.push('P');
    for (const p of this.window.partitionBy ?? []) p._key(k);
    k.push('O');
    for (const o of this.window.orderBy ?? []) o._key(k);
    k.push(`R${JSON.stringify(this.window.rows ?? null)}G${JSON.stringify(this.window.range ?? null)})`);
  }
  override _children(): readonly Node[] {
    return [this.fn, ...(this.window.partitionBy ?? []), ...(this.window.orderBy ?? [])];
  }
}

export class Cast<T> extends ColumnElement<T> {
  readonly kind = 'cast';
  constructor(
    readonly expr: ColumnElement<unknown>,
    readonly type: SqlType<unknown>,
  ) {
    super();
    if (!(type instanceof SqlType)) throw new ArgumentError('cast() needs a SQL type such as integer()');
  }
  override get _resultName(): string | undefined {
    return this.expr._resultName;
  }
  _key(k: CacheKeyBuilder): void {
    k.push(`CAST(`);
    this.expr._key(k);
    k.push(`${this.type.describe()})`);
  }
  override _children(): readonly Node[] {
    return [this.expr];
  }
}

/** `CAST(expr AS type)`. */
export function cast<U>(expr: unknown, type: SqlType<U>): ColumnElement<U> {
  return new Cast(coerce(expr), type);
}

/** `CASE WHEN … THEN … [ELSE …] END`. */
export class Case<T> extends ColumnElement<T> {
  readonly kind = 'case';
  constructor(
    readonly whens: readonly (readonly [ColumnElement<unknown>, ColumnElement<unknown>])[],
    readonly else_: ColumnElement<unknown> | undefined,
    readonly value: ColumnElement<unknown> | undefined,
    readonly type: SqlType<unknown>,
  ) {
    super();
  }
  _key(k: CacheKeyBuilder): void {
    k.push('CASE(');
    if (this.value) this.value._key(k);
    for (const [w, t] of this.whens) {
      k.push('W');
      w._key(k);
      t._key(k);
    }
    if (this.else_) {
      k.push('E');
      this.else_._key(k);
    }
    k.push(')');
  }
  override _children(): readonly Node[] {
    return [...(this.value ? [this.value] : []), ...this.whens.flat(), ...(this.else_ ? [this.else_] : [])];
  }
}

type CaseResult<W extends readonly (readonly [unknown, unknown])[]> = W[number][1] extends infer R
  ? R extends ColumnElement<infer U>
    ? U
    : R
  : never;

/**
 * `CASE WHEN cond THEN value … ELSE value END`; with `{ value }`, the simple form
 * `CASE value WHEN x THEN …`.
 *
 * @example
 * case_([users.c.age.lt(18), 'minor'], [users.c.age.lt(65), 'adult'], { else: 'senior' })
 */
export function case_<const W extends readonly (readonly [unknown, unknown])[]>(
  ...args: [...W, { else?: unknown; value?: unknown }] | W
): ColumnElement<CaseResult<W>> {
  const last = args[args.length - 1];
  const opts = last && !Array.isArray(last) ? (last as { else?: unknown; value?: unknown }) : {};
  const whens = (opts === last ? args.slice(0, -1) : args) as unknown as (readonly [unknown, unknown])[];
  if (whens.length === 0) throw new ArgumentError('case_() needs at least one [when, then] pair');
  const value = opts.value === undefined ? undefined : coerce(opts.value);
  const pairs = whens.map((pair) => {
    if (!Array.isArray(pair) || pair.length !== 2) throw new ArgumentError('case_() takes [when, then] pairs');
    const when = value ? coerce(pair[0], value.type) : coerce(pair[0]);
    return [when, coerce(pair[1])] as const;
  });
  const resultType = pairs.find(([, t]) => t.type.kind !== 'unknown' && t.type.kind !== 'null')?.[1].type ?? unknownType;
  const typed = pairs.map(([w, t]) => [w, t instanceof BindParameter && t.type.kind === 'unknown' ? coerce(t.value, resultType) : t] as const);
  const else_ = opts.else === undefined ? undefined : coerce(opts.else, resultType);
  return new Case(typed, else_, value, resultType);
}

/** An expression with a name: `expr AS name`. */
export class Label<T, N extends string = string> extends ColumnElement<T> {
  readonly kind = 'label';
  constructor(
    readonly element: ColumnElement<unknown>,
    readonly name: N,
  ) {
    super();
    if (typeof name !== 'string' || name.length === 0) throw new ArgumentError('label() needs a non-empty name');
  }
  get type(): SqlType<unknown> {
    return this.element.type;
  }
  override get _resultName(): string {
    return this.name;
  }
  _key(k: CacheKeyBuilder): void {
    k.push(`LBL(${JSON.stringify(this.name)}`);
    this.element._key(k);
    k.push(')');
  }
  override _children(): readonly Node[] {
    return [this.element];
  }
}

/** An ORDER BY term: an expression with a direction and NULLS placement. */
export class OrderByExpression extends Node {
  readonly kind = 'orderBy';
  constructor(
    readonly element: ColumnElement<unknown>,
    readonly direction: 'ASC' | 'DESC' | undefined,
    readonly nulls: 'FIRST' | 'LAST' | undefined,
  ) {
    super();
  }
  nullsFirst(): OrderByExpression {
    return new OrderByExpression(this.element, this.direction, 'FIRST');
  }
  nullsLast(): OrderByExpression {
    return new OrderByExpression(this.element, this.direction, 'LAST');
  }
  _key(k: CacheKeyBuilder): void {
    k.push(`OB${this.direction ?? ''}${this.nulls ?? ''}(`);
    this.element._key(k);
    k.push(')');
  }
  override _children(): readonly Node[] {
    return [this.element];
  }
}

/** A SELECT used as a single value: `(SELECT …)`. */
export class ScalarSubquery<T> extends ColumnElement<T> {
  readonly kind = 'scalarSubquery';
  constructor(readonly select: SelectLike & { _selectedColumns?: readonly ColumnElement<unknown>[] }) {
    super();
  }
  get type(): SqlType<unknown> {
    return this.select._selectedColumns?.[0]?.type ?? unknownType;
  }
  _key(k: CacheKeyBuilder): void {
    k.push('SS(');
    this.select._key(k);
    k.push(')');
  }
  override _children(): readonly Node[] {
    return [this.select];
  }
}

/** `EXISTS (SELECT …)`. */
export class Exists extends ColumnElement<boolean> {
  readonly kind = 'exists';
  readonly type = booleanType;
  constructor(readonly select: SelectLike) {
    super();
  }
  _key(k: CacheKeyBuilder): void {
    k.push('EXISTS(');
    this.select._key(k);
    k.push(')');
  }
  override _children(): readonly Node[] {
    return [this.select];
  }
}

/** `EXISTS (subquery)`. */
export function exists(select: SelectLike): ColumnElement<boolean> {
  if (!isSelectLike(select)) throw new ArgumentError('exists() takes a select()');
  return new Exists(select);
}

/** `*`, optionally qualified by a table. */
export class Star extends ColumnElement<unknown> {
  readonly kind = 'star';
  readonly type = unknownType;
  constructor(readonly from?: Node & { _fromKey(k: CacheKeyBuilder): void }) {
    super();
  }
  _key(k: CacheKeyBuilder): void {
    k.push('*');
    if (this.from) this.from._fromKey(k);
  }
}

export { integerType, booleanType };
