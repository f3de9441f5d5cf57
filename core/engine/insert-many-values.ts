/**
 * Runs an executemany INSERT as batches of multi-row VALUES ("insert many values"), and
 * puts RETURNING rows back in parameter order, by a guarantee rather than by hope:
 *
 * - generated autoincrement key not given: the key is added to RETURNING (when not already
 *   there) and each batch's rows are sorted by it. Rows of one statement are inserted in
 *   VALUES order on SQLite and MySQL/MariaDB, and in sentinel order on PostgreSQL (its
 *   ordered form, see the PostgreSQL compiler), and the keys handed to them ascend;
 * - every primary key column given: rows are matched to parameter sets by key;
 * - neither (a key made by a server default): one row per statement.
 *
 * An upsert's RETURNING (ON CONFLICT …) keeps the database's order: a row may be skipped
 * or keep its old key. See docs/decisions/insert-many-values.md.
 */
import { InvalidRequestError } from '../errors';
import type { CompiledStatement } from '../compiler/compiled';
import type { Column } from '../schema/column';
import type { Table } from '../schema/table';
import type { Insert } from '../sql/insert';
import type { Row } from '../sql/row-types';
import type { Connection, Executable } from './connection';
import { Result } from './result';

type Params = Readonly<Record<string, unknown>>;

/** How returned rows are put in parameter order. */
type Order =
  | { kind: 'none' }
  | { kind: 'sentinel'; index: number }
  | { kind: 'key'; indexes: number[]; columns: Column<unknown>[] }
  | { kind: 'oneByOne' };

/** @internal executemany of an INSERT whose row comes from the parameter keys. */
export async function executeManyValues(conn: Connection, statement: Executable, compiled: CompiledStatement, params: readonly Params[]): Promise<Result<Row<unknown[]>>> {
  const stmt = statement as unknown as Insert<Table<any, any>, any>;
  const engine = conn.engine;
  const keys = Object.keys(params[0]);
  let run = compiled;
  let runStmt: Executable = statement;
  let order: Order = { kind: 'none' };
  const width = compiled.resultColumns.length;
  if (compiled.returnsRows && !stmt._state.onConflict) {
    const plan = planOrder(stmt, keys);
    order = plan.order;
    if (plan.extra.length) {
      // The columns the order needs are returned too, and cut off the rows below.
      runStmt = stmt.returning(...stmt.returningItems, ...plan.extra) as unknown as Executable;
      run = engine._compile(runStmt, keys);
      const at = (c: Column<unknown>) => (stmt._selectedColumns.includes(c) ? stmt._selectedColumns.indexOf(c) : width + plan.extra.indexOf(c));
      if (order.kind === 'sentinel') order = { kind: 'sentinel', index: width };
      else if (order.kind === 'key') order = { ...order, indexes: order.columns.map(at) };
    }
  }
  const mv = run.manyValues!;
  const page = engine.options.insertManyValuesPageSize ?? 1000;
  const byParams = Math.floor((run.maxParams - mv.fixedWidth) / Math.max(1, mv.rowWidth));
  const size = order.kind === 'oneByOne' ? 1 : Math.max(1, Math.min(page, byParams));
  const total = Math.ceil(params.length / size);
  const ordered = order.kind !== 'none';
  const binds = (runStmt as unknown as { _cache: { binds: any[] } })._cache.binds;
  const rows: Row<unknown[]>[] = [];
  let rowCount = 0;
  let keysOut: readonly string[] = compiled.fieldNames;
  for (let b = 0, start = 0; start < params.length; b++, start += size) {
    const n = Math.min(size, params.length - start);
    const sql = mv.sql(n, ordered);
    const values = run.buildManyValues(binds, params, start, n);
    const res = await conn._runBuilt(runStmt, run, sql, values, `insertmanyvalues batch ${b + 1} of ${total}`);
    rowCount += res.rowCount;
    if (!compiled.returnsRows) continue;
    let got = res.all() as Row<unknown[]>[];
    if (ordered && got.length !== n) {
      throw new InvalidRequestError(`INSERT into ${stmt.table.name} returned ${got.length} rows for a batch of ${n} parameter sets`);
    }
    if (order.kind === 'sentinel') got = sortBySentinel(got, order.index);
    else if (order.kind === 'key') got = matchByKey(got, order, params, start, n, stmt.table.name);
    if (run !== compiled) {
      const Cls = engine._rowClassForFields(compiled.fieldNames);
      for (let i = 0; i < got.length; i++) rows.push(Cls.make(Array.prototype.slice.call(got[i], 0, width)) as Row<unknown[]>);
      keysOut = compiled.fieldNames;
    } else for (let i = 0; i < got.length; i++) rows.push(got[i]);
  }
  return new Result(rows, keysOut, rowCount);
}

/** How this INSERT's RETURNING rows can be put in parameter order, and what must be returned for it. */
function planOrder(stmt: Insert<Table<any, any>, any>, keys: readonly string[]): { order: Order; extra: Column<unknown>[] } {
  const table = stmt.table;
  const returned = stmt._selectedColumns;
  const auto = table.autoincrementColumn as Column<unknown> | undefined;
  if (auto && !keys.includes(auto.key)) {
    const i = returned.indexOf(auto);
    return i >= 0 ? { order: { kind: 'sentinel', index: i }, extra: [] } : { order: { kind: 'sentinel', index: -1 }, extra: [auto] };
  }
  const pk = table.primaryKey.columns as unknown as Column<unknown>[];
  if (pk.length && pk.every((c) => keys.includes(c.key))) {
    const missing = pk.filter((c) => !returned.includes(c));
    return { order: { kind: 'key', indexes: pk.map((c) => returned.indexOf(c)), columns: pk }, extra: missing };
  }
  return { order: { kind: 'oneByOne' }, extra: [] };
}

function compareKeys(a: unknown, b: unknown): number {
  // Keys may arrive as numbers, bigints or (64-bit keys on some drivers) decimal strings.
  if (typeof a === 'string' || typeof b === 'string') {
    const x = BigInt(a as string);
    const y = BigInt(b as string);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

function sortBySentinel(rows: Row<unknown[]>[], index: number): Row<unknown[]>[] {
  for (let i = 1; i < rows.length; i++) {
    // Nearly always already in order: checked in one pass before any sort.
    if (compareKeys(rows[i - 1][index], rows[i][index]) > 0) return [...rows].sort((a, b) => compareKeys(a[index], b[index]));
  }
  return rows;
}

function keyString(values: readonly unknown[]): string {
  return values.map((v) => (v instanceof Date ? v.toISOString() : Buffer.isBuffer(v) ? v.toString('hex') : String(v).toLowerCase())).join('\u0000');
}

function matchByKey(rows: Row<unknown[]>[], order: { indexes: number[]; columns: Column<unknown>[] }, params: readonly Params[], start: number, n: number, table: string): Row<unknown[]>[] {
  const at = new Map<string, number>();
  for (let i = 0; i < n; i++) at.set(keyString(order.columns.map((c) => params[start + i][c.key])), i);
  const out = new Array<Row<unknown[]>>(n);
  for (const r of rows) {
    const i = at.get(keyString(order.indexes.map((j) => r[j])));
    if (i === undefined || out[i] !== undefined) {
      throw new InvalidRequestError(`INSERT into ${table}: a returned row's primary key matches no parameter set (or two rows match one); the rows cannot be put in parameter order`);
    }
    out[i] = r;
  }
  return out;
}
