/**
 * ORM-enabled INSERT, UPDATE and DELETE through `session.execute()`:
 * - `insert(User).returning(User)` (one row, `values([...])`, or executemany) returns
 *   identity-mapped objects, and so does an upsert's RETURNING;
 * - `update(User).where(…).values(…)` and `deleteFrom(User).where(…)` keep the objects in the
 *   Session in step with the rows they change, as the `synchronizeSession` option says;
 * - `session.execute(update(User), rows)` is a bulk UPDATE by primary key, one executemany
 *   per set of keys present.
 */
import { ArgumentError } from '../errors';
import type { Connection, ExecuteParams } from '../engine/connection';
import type { Engine } from '../engine/engine';
import { Result } from '../engine/result';
import { rowClassFor } from '../engine/row';
import type { Column } from '../schema/column';
import type { Table } from '../schema/table';
import type { Delete } from '../sql/delete';
import { and, ColumnElement, or } from '../sql/elements';
import type { Insert } from '../sql/insert';
import type { Node } from '../sql/node';
import { isSelectableLike, toSelectable } from '../sql/protocol';
import { ExecutionOptions, select } from '../sql/select';
import { FromClause } from '../sql/selectable';
import type { Update } from '../sql/update';
import { AttributeNotLoaded, compileEvaluator, Evaluate, NotEvaluable } from './evaluator';
import { entityOf, instanceFor, LoadHost } from './loading';
import type { Mapper } from './mapper';
import type { InstanceState } from './state';
import type { IdentityKey } from './identity-map';

/** What ORM DML needs from the Session. */
export interface DmlHost extends LoadHost {
  readonly engine: Engine;
  /** An object whose row a DELETE removed: out of the identity map (back on rollback). */
  _removedByStatement(state: InstanceState): void;
}

type AnyDml = Insert<Table<any, any>, any> | Update<Table<any, any>, any> | Delete<Table<any, any>, any>;

/** An INSERT/UPDATE/DELETE made from a model class, or returning one (a Core statement on a Table runs as in Core). */
export function isOrmDml(stmt: Node): stmt is AnyDml {
  if (stmt.kind !== 'insert' && stmt.kind !== 'update' && stmt.kind !== 'delete') return false;
  const dml = stmt as AnyDml;
  return dml._state.entity !== undefined || dml.returningItems.some((it) => entityOf(it) !== undefined);
}

export async function executeOrmDml(host: DmlHost, stmt: AnyDml, params: ExecuteParams | undefined, options: ExecutionOptions): Promise<Result<any>> {
  const mode = options.synchronizeSession === undefined ? 'auto' : options.synchronizeSession;
  const conn = await host._connection();
  if (stmt.kind === 'insert') return ormInsert(host, conn, stmt as Insert<Table<any, any>, any>, params);
  if (stmt.kind === 'update' && Array.isArray(params)) return bulkUpdateByPk(host, conn, stmt as Update<Table<any, any>, any>, params);
  if (mode === false) {
    const result = await conn.execute(stmt, params);
    markStale(host, stmt.table);
    return withEntities(host, stmt, result);
  }
  if (mode !== 'fetch' && params === undefined) {
    const plan = evaluatePlan(host, stmt);
    if (plan) {
      const result = await conn.execute(stmt);
      applyEvaluated(host, stmt, plan);
      return withEntities(host, stmt, result);
    }
    if (mode === 'evaluate') throw new ArgumentError(`synchronizeSession 'evaluate': ${evaluateFailure(host, stmt)}; use 'fetch' (or 'auto')`);
  } else if (mode === 'evaluate') throw new ArgumentError("synchronizeSession 'evaluate' cannot evaluate a statement with execution parameters; use 'fetch' (or 'auto')");
  return fetchSync(host, conn, stmt, params);
}

// ---------------------------------------------------------------- INSERT

async function ormInsert(host: DmlHost, conn: Connection, stmt: Insert<Table<any, any>, any>, params: ExecuteParams | undefined): Promise<Result<any>> {
  const result = await conn.execute(stmt, params);
  // An upsert may have changed rows behind objects in the Session.
  if (stmt._state.onConflict) markStale(host, stmt.table);
  return withEntities(host, stmt, result, true);
}

/** RETURNING rows with model classes in them become rows of identity-mapped objects. */
function withEntities(host: DmlHost, stmt: AnyDml, result: Result<any>, populateExisting = false): Result<any> {
  const items = stmt.returningItems;
  if (!items.some((it) => entityOf(it))) return result;
  const slots = items.map((it) => {
    const m = entityOf(it);
    if (m) return { mapper: m, width: m.table.columns.length, name: m.name };
    const el = isSelectableLike(it) ? it[toSelectable]() : it;
    if (el instanceof FromClause) return { width: el.columns.length, name: '' };
    return { width: 1, name: (el as ColumnElement<unknown>)._resultName ?? '' };
  });
  const rows = result.all().map((r: any) => {
    const out: unknown[] = [];
    let at = 0;
    for (const slot of slots) {
      if (slot.mapper) {
        const values: Record<string, unknown> = {};
        (slot.mapper.table.columns as Column<unknown>[]).forEach((c, j) => (values[c.key] = r[at + j]));
        out.push(instanceFrom(host, slot.mapper, values, populateExisting));
      } else for (let j = 0; j < slot.width; j++) out.push(r[at + j]);
      at += slot.width;
    }
    return out;
  });
  const names = slots.flatMap((s) => (s.mapper || s.width === 1 ? [s.name] : Array.from({ length: s.width }, () => '')));
  const Row = rowClassFor(names);
  return new Result(rows.map((r) => new Row(r)) as never[], names, result.rowCount);
}

/** The Session's object for a row; an object already there takes the row's values (they are the database's now). */
function instanceFrom(host: DmlHost, mapper: Mapper, values: Record<string, unknown>, populateExisting: boolean): object | null {
  const pk = mapper.pkOf(values);
  const existing = host._identityMap.get(mapper, mapper.identityKey(pk));
  if (existing && populateExisting) existing.stale = true;
  return instanceFor(host, mapper, values);
}

// ---------------------------------------------------------------- UPDATE / DELETE: evaluate

interface EvaluatePlan {
  where: Evaluate | undefined;
  set: [string, Evaluate][];
  /** Columns the database sets itself on UPDATE (onUpdate): matched objects are refreshed on their next load. */
  refreshes: boolean;
}

function evaluatePlan(host: DmlHost, stmt: AnyDml): EvaluatePlan | undefined {
  try {
    return buildPlan(host, stmt);
  } catch (e) {
    if (e instanceof NotEvaluable) return undefined;
    throw e;
  }
}

function buildPlan(host: DmlHost, stmt: AnyDml): EvaluatePlan {
  const table = stmt.table;
  const info = { comparesStrings: false };
  const st = (stmt as Update<Table<any, any>, any>)._state;
  const where = st.where ? compileEvaluator(st.where, table, info) : undefined;
  const set: [string, Evaluate][] = [];
  if (stmt.kind === 'update') for (const [col, v] of st.values) set.push([col.key, compileEvaluator(v, table, info)]);
  // MySQL/MariaDB compare strings under a case-insensitive collation by default: JavaScript would disagree.
  if (info.comparesStrings && host.engine.dialect.name === 'mysql') throw new NotEvaluable('string comparison under the database collation');
  const refreshes = stmt.kind === 'update' && (table.columns as Column<unknown>[]).some((c) => c.onUpdate !== undefined && !st.values.has(c));
  return { where, set, refreshes };
}

function evaluateFailure(host: DmlHost, stmt: AnyDml): string {
  try {
    buildPlan(host, stmt);
    return 'the statement cannot be evaluated';
  } catch (e) {
    return `cannot evaluate ${(e as Error).message} in JavaScript`;
  }
}

function applyEvaluated(host: DmlHost, stmt: AnyDml, plan: EvaluatePlan): void {
  for (const st of statesOf(host, stmt.table)) {
    let matched: unknown;
    try {
      matched = plan.where ? plan.where(st.dict) : true;
    } catch (e) {
      if (!(e instanceof AttributeNotLoaded)) throw e;
      // Not enough loaded to tell: its next load refreshes it.
      st.stale = true;
      continue;
    }
    if (matched !== true) continue;
    if (stmt.kind === 'delete') {
      host._removedByStatement(st);
      continue;
    }
    let values: [string, unknown][];
    try {
      values = plan.set.map(([k, f]) => [k, f(st.dict)]);
    } catch (e) {
      if (!(e instanceof AttributeNotLoaded)) throw e;
      st.stale = true;
      continue;
    }
    for (const [k, v] of values) setCommitted(st, k, v);
    if (plan.refreshes) st.stale = true;
  }
}

// ---------------------------------------------------------------- UPDATE / DELETE: fetch

async function fetchSync(host: DmlHost, conn: Connection, stmt: AnyDml, params: ExecuteParams | undefined): Promise<Result<any>> {
  const table = stmt.table;
  const pk = table.primaryKey.columns as unknown as Column<unknown>[];
  const setCols = stmt.kind === 'update' ? updatedColumns(stmt as Update<Table<any, any>, any>) : [];
  const verb = stmt.kind as 'update' | 'delete';
  if (host.engine.dialect.supports.returning[verb] && stmt.returningItems.length === 0) {
    // One round trip: the changed rows' keys (and new values) come back with the statement.
    const run = (stmt as Update<Table<any, any>, any>).returning(...pk, ...setCols);
    const rows = (await conn.execute(run as never, params)).all() as unknown as unknown[][];
    syncRows(host, stmt, pk, setCols, rows);
    return new Result([], [], rows.length);
  }
  // Without RETURNING: the keys of the rows the WHERE matches first, then the statement.
  const where = (stmt as Update<Table<any, any>, any>)._state.where;
  const keys = (await conn.execute(where ? select(...pk).where(where) : select(...pk), params as never)).all() as unknown as unknown[][];
  const result = await conn.execute(stmt, params);
  if (stmt.kind === 'delete' || !keys.length) {
    syncRows(host, stmt, pk, [], keys);
    return withEntities(host, stmt, result);
  }
  const rows: unknown[][] = [];
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    const cond = pk.length === 1 ? pk[0].in(chunk.map((k) => k[0]) as never[]) : or(...chunk.map((k) => and(...pk.map((c, j) => c.eq(k[j] as never)))));
    rows.push(...((await conn.execute(select(...pk, ...setCols).where(cond))).all() as unknown as unknown[][]));
  }
  syncRows(host, stmt, pk, setCols, rows);
  return withEntities(host, stmt, result);
}

/** The columns an UPDATE sets: its SET list and the columns with an onUpdate default. */
function updatedColumns(stmt: Update<Table<any, any>, any>): Column<unknown>[] {
  const set = [...stmt._state.values.keys()];
  for (const c of stmt.table.columns as Column<unknown>[]) if (c.onUpdate !== undefined && !set.includes(c)) set.push(c);
  return set;
}

function syncRows(host: DmlHost, stmt: AnyDml, pk: Column<unknown>[], setCols: Column<unknown>[], rows: unknown[][]): void {
  const byKey = new Map<IdentityKey, InstanceState>();
  for (const st of statesOf(host, stmt.table)) byKey.set(st.key!, st);
  if (!byKey.size) return;
  const mapper = [...byKey.values()][0].mapper;
  for (const r of rows) {
    const st = byKey.get(mapper.identityKey(pk.map((_, j) => r[j])));
    if (!st) continue;
    if (stmt.kind === 'delete') host._removedByStatement(st);
    else setCols.forEach((c, j) => setCommitted(st, c.key, r[pk.length + j]));
  }
}

// ---------------------------------------------------------------- bulk UPDATE by primary key

async function bulkUpdateByPk(host: DmlHost, conn: Connection, stmt: Update<Table<any, any>, any>, rows: readonly Readonly<Record<string, unknown>>[]): Promise<Result<any>> {
  const table = stmt.table;
  if (stmt._state.where || stmt._state.values.size) {
    throw new ArgumentError(`bulk UPDATE of ${table.name} by primary key: give update(${table.name}) without where() or values(); each parameter set holds a primary key and the values to set`);
  }
  const pk = table.primaryKey.columns as unknown as Column<unknown>[];
  const groups = new Map<string, Readonly<Record<string, unknown>>[]>();
  rows.forEach((r, i) => {
    if (r === null || typeof r !== 'object' || Array.isArray(r)) throw new ArgumentError(`bulk UPDATE of ${table.name}: parameter set ${i + 1} is not an object`);
    const missing = pk.filter((c) => r[c.key] === undefined || r[c.key] === null);
    if (missing.length) throw new ArgumentError(`bulk UPDATE of ${table.name}: parameter set ${i + 1} has no primary key value for ${missing.map((c) => c.key).join(', ')}`);
    // Executemany takes one set of columns; rows that set different columns go in their own group.
    const key = Object.keys(r).sort().join(',');
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  });
  let rowCount = 0;
  for (const group of groups.values()) rowCount += (await conn.execute(stmt, group)).rowCount;
  const states = statesOf(host, table);
  if (states.length) {
    const mapper = states[0].mapper;
    const refresh = (table.columns as Column<unknown>[]).some((c) => c.onUpdate !== undefined);
    for (const r of rows) {
      const st = host._identityMap.get(mapper, mapper.identityKey(pk.map((c) => r[c.key])));
      if (!st || st.mapper.table !== table) continue;
      for (const [k, v] of Object.entries(r)) if (mapper.columns.has(k) && !pk.some((c) => c.key === k)) setCommitted(st, k, v);
      if (refresh) st.stale = true;
    }
  }
  return new Result([], [], rowCount);
}

// ---------------------------------------------------------------- helpers

function statesOf(host: DmlHost, table: Table<any, any>): InstanceState[] {
  const out: InstanceState[] = [];
  for (const st of host._identityMap.ofTable(table)) out.push(st);
  return out;
}

function markStale(host: DmlHost, table: Table<any, any>): void {
  for (const st of statesOf(host, table)) st.stale = true;
}

/** The database holds `v` for this attribute now: it is the loaded and the committed value. */
function setCommitted(st: InstanceState, key: string, v: unknown): void {
  st.setDatabaseValue(key, v);
}

