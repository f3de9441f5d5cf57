/**
 * A compiled statement: SQL text with placeholders, where each placeholder's value comes
 * from, and how result columns are converted. It is built once per statement shape and
 * reused for every statement of that shape (see the compiled cache in the engine).
 */
import { ArgumentError } from '../errors';
import type { RunOptions } from '../dialects/dialect';
import type { RowClass } from '../engine/row';
import type { BindParameter } from '../sql/elements';
import type { SqlType } from '../sql/types';
import { ManyValuesForm, ManyValuesTemplate, SqlPart, VALUES_CLOSE, VALUES_OPEN } from './many-values';

export type Processor = (value: any) => unknown;

/** Where one placeholder's value comes from. */
export interface ParamSlot {
  /** Index into the statement's cache-key bind list, or -1 for named-only / default slots. */
  readonly bindIndex: number;
  /** Execution parameters may supply the value under this key. */
  readonly key: string | undefined;
  readonly type: SqlType<unknown>;
  readonly processor: Processor | undefined;
  /** Holds a list rendered as `(?, ?, …)` at execution. */
  readonly expanding: boolean;
  /** What an empty expanding list renders as (the whole `x IN (…)` predicate). */
  readonly emptyIn?: { readonly negated: boolean; readonly sql: string };
  /** A client-side default evaluated per row when the parameters do not give a value. */
  readonly defaultValue?: () => unknown;
}

export interface ResultColumn {
  readonly name: string;
  readonly type: SqlType<unknown>;
  readonly processor: Processor | undefined;
}

/** Marker placed in SQL text where a placeholder goes while compiling. @internal */
export const SLOT_MARK = '\u0000';

export class CompiledStatement {
  /** The SQL text (placeholders in the dialect's style); with expanding lists, the form for one value each. */
  readonly sql: string;
  readonly slots: readonly ParamSlot[];
  readonly resultColumns: readonly ResultColumn[];
  /** Whether executing returns rows (SELECT, or DML with RETURNING). */
  readonly returnsRows: boolean;
  readonly hasExpanding: boolean;
  /** Whether a result column holds 64-bit integers (SQLite then reads integers as BigInt). */
  readonly wantsBigInt: boolean;
  /** Row keys of the result, with the positions of names that occur more than once. */
  readonly fieldNames: readonly string[];
  /** The result columns' processors, in column order (made once, not per execution). @internal */
  readonly resultProcessors: readonly (Processor | undefined)[];
  /** What the driver is told on each run, made once (drivers only read it). @internal */
  readonly runOptions: RunOptions;
  /** The row class for this result shape, made on first use. @internal */
  rowClass?: RowClass;
  /** How long compiling took, whether it was cached, whether the echo log showed it. @internal */
  compileMs = 0;
  cacheable = true;
  logged = false;
  /** The compile time, for the echo log's cache badge. */
  readonly compiledAt = Date.now();
  private readonly chunks: readonly string[];
  /** For an INSERT whose row comes from executemany parameters: its batches as multi-row VALUES. @internal */
  readonly manyValues?: ManyValuesTemplate;

  constructor(
    markedSql: string,
    slotsById: readonly ParamSlot[],
    resultColumns: readonly ResultColumn[],
    returnsRows: boolean,
    private readonly placeholder: (n: number) => string,
    readonly statementKind: string,
    /** The most bound parameters the database takes in one statement (the dialect's limit). */
    readonly maxParams = Infinity,
    manyValuesForm?: ManyValuesForm,
  ) {
    const open = markedSql.indexOf(VALUES_OPEN);
    if (open >= 0) {
      const close = markedSql.indexOf(VALUES_CLOSE, open);
      const part = (text: string) => splitSlots(text, slotsById);
      const head = part(markedSql.slice(0, open));
      const row = part(markedSql.slice(open + 1, close));
      const tail = part(markedSql.slice(close + 1));
      if (manyValuesForm && row.slots.length > 0 && !row.slots.some((s) => s.expanding) && ![...head.slots, ...tail.slots].some((s) => s.expanding)) {
        this.manyValues = new ManyValuesTemplate(head, row, tail, placeholder, manyValuesForm);
      }
      markedSql = markedSql.slice(0, open) + markedSql.slice(open + 1, close) + markedSql.slice(close + 1);
    }
    const pieces = markedSql.split(SLOT_MARK);
    const chunks: string[] = [];
    const slots: ParamSlot[] = [];
    for (let i = 0; i < pieces.length; i++) {
      if (i % 2 === 0) chunks.push(pieces[i]);
      else slots.push(slotsById[Number(pieces[i])]);
    }
    this.chunks = chunks;
    this.slots = slots;
    this.hasExpanding = slots.some((s) => s.expanding);
    // Past the limit the drivers fail obscurely (pg: "bind message has 4464 parameter formats").
    if (!this.hasExpanding && slots.length > maxParams) throw new ArgumentError(tooManyParameters(slots.length, maxParams));
    this.sql = this.render(slots.map((s) => (s.expanding ? 1 : -1)));
    this.resultColumns = resultColumns;
    this.returnsRows = returnsRows;
    this.wantsBigInt = resultColumns.some((c) => c.type.kind === 'bigint');
    this.fieldNames = resultColumns.map((c) => c.name);
    this.resultProcessors = resultColumns.map((c) => c.processor);
    this.runOptions = { rows: returnsRows, bigint: this.wantsBigInt };
  }

  /** Renders the SQL with `counts[i]` placeholders for expanding slot i (-1 for plain slots). */
  private render(counts: readonly number[]): string {
    let n = 0;
    let sql = this.chunks[0];
    let skipToClose = false;
    for (let i = 0; i < this.slots.length; i++) {
      const slot = this.slots[i];
      const count = counts[i];
      if (!slot.expanding) sql += this.placeholder(++n);
      else if (count === 0) {
        // Replace the whole "x IN (" … ")" predicate: cut back the open paren emitted before the slot.
        const cut = sql.lastIndexOf(SLOT_OPEN);
        sql = sql.slice(0, cut) + slot.emptyIn!.sql;
        skipToClose = true;
      } else {
        const ph: string[] = [];
        for (let j = 0; j < count; j++) ph.push(this.placeholder(++n));
        sql += ph.join(', ');
      }
      let next = this.chunks[i + 1];
      if (skipToClose) {
        next = next.slice(next.indexOf(SLOT_CLOSE) + SLOT_CLOSE.length);
        skipToClose = false;
      }
      sql += next;
    }
    return sql.split(SLOT_OPEN).join('(').split(SLOT_CLOSE).join(')');
  }

  /**
   * The SQL and the positional values for one execution.
   * @param binds the bound parameters of the statement being run (same shape as compiled)
   * @param params execution parameters for named bindparams / executemany rows
   */
  build(binds: readonly BindParameter<unknown>[], params: Readonly<Record<string, unknown>> | undefined): { sql: string; values: unknown[] } {
    // Without IN lists (nearly always) one placeholder is one value and the SQL is fixed: a
    // short loop, kept apart from the general one below (it runs for every execution).
    if (this.hasExpanding) return this.buildExpanding(binds, params);
    const slots = this.slots;
    const values: unknown[] = [];
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i];
      let v = resolve(slot, binds, params);
      if (v === undefined) v = null;
      values.push(v !== null && slot.processor ? slot.processor(v) : v);
    }
    return { sql: this.sql, values };
  }

  /**
   * The positional values of one "insert many values" batch: the rows `params[start]` …
   * `params[start + n - 1]`, with the values outside the rows before and after them.
   * @internal
   */
  buildManyValues(binds: readonly BindParameter<unknown>[], params: readonly Readonly<Record<string, unknown>>[], start: number, n: number): unknown[] {
    const mv = this.manyValues!;
    const values: unknown[] = [];
    const first = params[start];
    pushValues(values, mv.head.slots, binds, first);
    const rowSlots = mv.row.slots;
    for (let r = start; r < start + n; r++) pushValues(values, rowSlots, binds, params[r]);
    pushValues(values, mv.tail.slots, binds, first);
    return values;
  }

  private buildExpanding(binds: readonly BindParameter<unknown>[], params: Readonly<Record<string, unknown>> | undefined): { sql: string; values: unknown[] } {
    const values: unknown[] = [];
    let counts: number[] | undefined;
    for (let i = 0; i < this.slots.length; i++) {
      const slot = this.slots[i];
      let v = resolve(slot, binds, params);
      if (slot.expanding) {
        if (!Array.isArray(v)) throw new ArgumentError(`parameter ${slot.key ?? i + 1} of an IN list must be an array, got ${typeof v}`);
        (counts ??= this.slots.map(() => -1))[i] = v.length;
        for (const item of v) {
          if (item === null || item === undefined) throw new ArgumentError('IN list contains null/undefined; NULL never matches IN — use isNull() instead');
          values.push(slot.processor ? slot.processor(item) : item);
        }
        continue;
      }
      if (v === undefined) v = null;
      values.push(v !== null && slot.processor ? slot.processor(v) : v);
    }
    // IN lists decide the count only now; checked before anything is sent.
    if (values.length > this.maxParams) throw new ArgumentError(tooManyParameters(values.length, this.maxParams));
    return { sql: counts ? this.render(counts) : this.sql, values };
  }
}

function pushValues(out: unknown[], slots: readonly ParamSlot[], binds: readonly BindParameter<unknown>[], params: Readonly<Record<string, unknown>> | undefined): void {
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i];
    let v = resolve(slot, binds, params);
    if (v === undefined) v = null;
    out.push(v !== null && slot.processor ? slot.processor(v) : v);
  }
}

/** Marked SQL as chunks with a slot between each two. */
function splitSlots(marked: string, slotsById: readonly ParamSlot[]): SqlPart {
  const pieces = marked.split(SLOT_MARK);
  const chunks: string[] = [];
  const slots: ParamSlot[] = [];
  for (let i = 0; i < pieces.length; i++) {
    if (i % 2 === 0) chunks.push(pieces[i].split(SLOT_OPEN).join('(').split(SLOT_CLOSE).join(')'));
    else slots.push(slotsById[Number(pieces[i])]);
  }
  return { chunks, slots };
}

function tooManyParameters(n: number, max: number): string {
  return `this statement has ${n} bound parameters and the database takes at most ${max} in one statement: send a long IN list in chunks (or select the values from a table), and many rows with executemany or in batches`;
}

/** Bracket markers around an expanding IN list, so an empty list can replace the predicate. @internal */
export const SLOT_OPEN = '\u0001';
export const SLOT_CLOSE = '\u0002';

function resolve(slot: ParamSlot, binds: readonly BindParameter<unknown>[], params: Readonly<Record<string, unknown>> | undefined): unknown {
  if (slot.key !== undefined && params !== undefined && Object.prototype.hasOwnProperty.call(params, slot.key)) {
    return params[slot.key];
  }
  if (slot.bindIndex >= 0) {
    const b = binds[slot.bindIndex];
    if (b.value !== undefined || b.key === undefined) return b.value;
  }
  // Apart, so this function stays small (it runs per placeholder; see parseTimestamp in processors.ts).
  return resolveDefault(slot);
}

function resolveDefault(slot: ParamSlot): unknown {
  if (slot.defaultValue) return slot.defaultValue();
  throw new ArgumentError(`no value for bound parameter "${slot.key}"`);
}
