/**
 * `func`: SQL function calls, typed for the common ones; any other name works too.
 *
 * @example
 * select(func.count(), func.max(users.c.age))    // [number, number | null]
 * func.coalesce(users.c.nickname, users.c.name)  // string
 * func.rowNumber().over({ orderBy: [users.c.id] })
 */
import { ArgumentError } from '../errors';
import { coerce, ColumnElement, FunctionCall, Star } from './elements';
import { datetime, float, integer, SqlType, string, unknownType } from './types';

type Arg<T> = ColumnElement<T> | T;
type V<A> = A extends ColumnElement<infer T> ? T : A;

function call<T>(name: string, type: SqlType<unknown> | undefined, args: readonly unknown[], distinct = false): FunctionCall<T> {
  const elems = args.map((a) => coerce(a));
  return new FunctionCall<T>(name, elems, type ?? elems[0]?.type ?? unknownType, distinct);
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());

interface KnownFunctions {
  /** `count(*)`, or `count(expr)`. */
  count(expr?: ColumnElement<unknown>): FunctionCall<number>;
  /** `count(DISTINCT expr)`. */
  countDistinct(expr: ColumnElement<unknown>): FunctionCall<number>;
  sum<T>(expr: ColumnElement<T>): FunctionCall<NonNullable<T> | null>;
  avg(expr: ColumnElement<unknown>): FunctionCall<number | null>;
  min<T>(expr: ColumnElement<T>): FunctionCall<NonNullable<T> | null>;
  max<T>(expr: ColumnElement<T>): FunctionCall<NonNullable<T> | null>;
  /** The first non-null argument. Typed non-null when the last argument is. */
  coalesce<A extends readonly Arg<unknown>[]>(...args: A): FunctionCall<V<A[number]>>;
  lower<T extends string | null>(expr: ColumnElement<T>): FunctionCall<T>;
  upper<T extends string | null>(expr: ColumnElement<T>): FunctionCall<T>;
  length(expr: ColumnElement<string | null>): FunctionCall<number>;
  abs<T>(expr: ColumnElement<T>): FunctionCall<T>;
  round<T>(expr: ColumnElement<T>, digits?: number): FunctionCall<T>;
  /** The current timestamp (`CURRENT_TIMESTAMP` where `now()` does not exist). */
  now(): FunctionCall<Date>;
  currentTimestamp(): FunctionCall<Date>;
  currentDate(): FunctionCall<string>;
  concat(...args: Arg<string | null>[]): FunctionCall<string>;
  rowNumber(): FunctionCall<number>;
  rank(): FunctionCall<number>;
  denseRank(): FunctionCall<number>;
  lag<T>(expr: ColumnElement<T>, offset?: number): FunctionCall<T | null>;
  lead<T>(expr: ColumnElement<T>, offset?: number): FunctionCall<T | null>;
  firstValue<T>(expr: ColumnElement<T>): FunctionCall<T>;
  lastValue<T>(expr: ColumnElement<T>): FunctionCall<T>;
  /** Any function with an explicit result type: `func.call('json_extract', text(), col, '$.a')`. */
  call<T>(name: string, type: SqlType<T>, ...args: unknown[]): FunctionCall<T>;
}

/** Any other function by name, returning an untyped value. */
type OtherFunctions = { [name: string]: (...args: unknown[]) => FunctionCall<unknown> };

const known: KnownFunctions = {
  count: (expr) => new FunctionCall<number>('count', [expr ?? new Star()], integer()),
  countDistinct: (expr) => new FunctionCall<number>('count', [expr], integer(), true),
  sum: (e) => call('sum', undefined, [e]),
  avg: (e) => call('avg', float(), [e]),
  min: (e) => call('min', undefined, [e]),
  max: (e) => call('max', undefined, [e]),
  coalesce: (...args) => {
    if (args.length === 0) throw new ArgumentError('coalesce() needs at least one argument');
    const elems = args.map((a) => coerce(a));
    const t = elems.find((e) => e.type.kind !== 'unknown' && e.type.kind !== 'null')?.type ?? unknownType;
    return new FunctionCall('coalesce', args.map((a) => coerce(a, t)), t);
  },
  lower: (e) => call('lower', undefined, [e]),
  upper: (e) => call('upper', undefined, [e]),
  length: (e) => call('length', integer(), [e]),
  abs: (e) => call('abs', undefined, [e]),
  round: (e, digits) => call('round', undefined, digits === undefined ? [e] : [e, digits]),
  now: () => new FunctionCall<Date>('now', [], datetime({ timezone: true })),
  currentTimestamp: () => new FunctionCall<Date>('current_timestamp', [], datetime({ timezone: true })),
  currentDate: () => new FunctionCall<string>('current_date', [], new SqlType('date')),
  concat: (...args) => call('concat', string(), args),
  rowNumber: () => new FunctionCall<number>('row_number', [], integer()),
  rank: () => new FunctionCall<number>('rank', [], integer()),
  denseRank: () => new FunctionCall<number>('dense_rank', [], integer()),
  lag: (e, offset) => call('lag', undefined, offset === undefined ? [e] : [e, offset]),
  lead: (e, offset) => call('lead', undefined, offset === undefined ? [e] : [e, offset]),
  firstValue: (e) => call('first_value', undefined, [e]),
  lastValue: (e) => call('last_value', undefined, [e]),
  call: (name, type, ...args) => {
    if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name)) throw new ArgumentError(`func.call(): bad function name ${JSON.stringify(name)}`);
    if (!(type instanceof SqlType)) throw new ArgumentError('func.call() needs a result type as its second argument');
    return call(name, type, args);
  },
};

/** SQL functions; see the module doc. */
export const func: KnownFunctions & OtherFunctions = new Proxy(known as KnownFunctions & OtherFunctions, {
  get(target, prop) {
    if (typeof prop !== 'string') return undefined;
    if (prop in target) return (target as unknown as Record<string, unknown>)[prop];
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(prop)) return undefined;
    return (...args: unknown[]) => call(snake(prop), unknownType, args);
  },
});
