/**
 * Loading: rows → identity-mapped objects, ORM rows of entities and columns, and the
 * relationship loaders (select-in, joined, explicit). Objects are made without calling
 * their constructor, as the row already holds their state.
 */
import { ArgumentError } from '../errors';
import type { Column } from '../schema/column';
import { and, bindparam, ColumnElement, or } from '../sql/elements';
import { Select, select } from '../sql/select';
import { Alias, FromClause } from '../sql/selectable';
import { isSelectableLike, toSelectable } from '../sql/protocol';
import type { Connection, ExecuteParams } from '../engine/connection';
import { Result } from '../engine/result';
import type { RowClass } from '../engine/row';
import { isAliased } from './aliased';
import { setLoaded } from './attributes';
import type { IdentityKey, IdentityMap } from './identity-map';
import { MAPPER, MappedClass, Mapper, Relationship } from './mapper';
import { LoaderOption } from './options';
import type { LoadStrategy } from './relationships';
import { InstanceState, stateOf } from './state';

/** What loading needs from the Session. */
export interface LoadHost {
  readonly _identityMap: IdentityMap;
  _connection(): Promise<Connection>;
  /** The connection already held, if any (saves an await per statement on the hot path). */
  _heldConnection(): Connection | undefined;
  _attachLoaded(state: InstanceState): void;
}

/** The mapper a SELECT item stands for, if it is a model class. */
export function entityOf(item: unknown): Mapper | undefined {
  if (typeof item !== 'function' || !isSelectableLike(item)) return undefined;
  const m = (item as unknown as MappedClass)[MAPPER];
  if (m && !isAliased(item)) m._see(item as unknown as MappedClass);
  return m;
}

/** The identity-mapped object for a row's column values (by column key). */
export function instanceFor(host: LoadHost, mapper: Mapper, values: Record<string, unknown>, populate = false): object | null {
  const pk = mapper.pkOf(values);
  if (pk.some((v) => v === null || v === undefined)) return null; // an outer join's missing side
  const key = mapper.identityKey(pk);
  const existing = host._identityMap.get(mapper, key);
  if (existing) {
    if (populate) populateColumns(existing, values);
    else if (existing.stale || existing.hasExpired) refreshUnmodified(existing, values);
    return existing.obj;
  }
  const st = newLoaded(host, mapper, key);
  for (const k of mapper.columns.keys()) if (k in values) st.dict[k] = values[k];
  return st.obj;
}

/** A new persistent object for a row the identity map does not hold yet, attached to the session (its values are filled in by the caller). */
function newLoaded(host: LoadHost, mapper: Mapper, key: IdentityKey): InstanceState {
  const st = stateOf(Object.create(mapper.cls.prototype) as object, mapper);
  st.key = key;
  st.status = 'persistent';
  host._attachLoaded(st);
  return st;
}

/**
 * instanceFor() for a row holding all of the mapper's columns in table order from `at`:
 * the loading hot path, which makes no record of the values unless an object already in
 * the session has to take them.
 */
function instanceForRow(host: LoadHost, mapper: Mapper, row: ArrayLike<unknown>, at: number, populate: boolean): object | null {
  const positions = mapper._pkPositions;
  let key: IdentityKey;
  if (positions.length === 1) {
    const v = row[at + positions[0]];
    if (v === null || v === undefined) return null; // an outer join's missing side
    key = mapper.identityKey([v]);
  } else {
    const pk = positions.map((p) => row[at + p]);
    if (pk.some((v) => v === null || v === undefined)) return null;
    key = mapper.identityKey(pk);
  }
  const keys = mapper._columnKeys;
  const existing = host._identityMap.get(mapper, key);
  if (existing) {
    if (populate || existing.stale || existing.hasExpired) {
      const values: Record<string, unknown> = {};
      for (let j = 0; j < keys.length; j++) values[keys[j]] = row[at + j];
      if (populate) populateColumns(existing, values);
      else refreshUnmodified(existing, values);
    }
    return existing.obj;
  }
  const st = newLoaded(host, mapper, key);
  const dict = st.dict;
  for (let j = 0; j < keys.length; j++) dict[keys[j]] = row[at + j];
  return st.obj;
}

/** A stale or expired object takes the row's values, except for attributes changed in memory. */
function refreshUnmodified(st: InstanceState, values: Record<string, unknown>): void {
  for (const k of st.mapper.columns.keys()) {
    if (!(k in values) || st.isModified(k)) continue;
    st.dict[k] = values[k];
    st.unexpire(k);
  }
  for (const k of st.mapper.relationships.keys()) st.unexpire(k);
  st.stale = false;
}

/** populateExisting: every column takes the row's value, unflushed changes to it included (as SQLAlchemy's populate_existing). */
function populateColumns(st: InstanceState, values: Record<string, unknown>): void {
  for (const k of st.mapper.columns.keys()) {
    if (!(k in values)) continue;
    st.setDatabaseValue(k, values[k]);
  }
  for (const k of st.mapper.relationships.keys()) st.unexpire(k);
  st.stale = false;
}

/** How the columns of a result row split into entities and plain values. */
interface Slot {
  readonly mapper?: Mapper;
  /** Selected through aliased(): joined loading (which names the base table) is not used for it. */
  readonly aliased?: boolean;
  readonly columns: readonly Column<unknown>[];
  readonly width: number;
  readonly name: string;
}

function slotsOf(stmt: Select<any>): Slot[] {
  return stmt.selectedItems.map((item) => {
    const m = entityOf(item);
    if (m) return { mapper: m, aliased: isAliased(item), columns: m.table.columns as Column<unknown>[], width: m.table.columns.length, name: m.name };
    const resolved = isSelectableLike(item) ? item[toSelectable]() : item;
    if (resolved instanceof FromClause) return { columns: [], width: resolved.columns.length, name: '' };
    return { columns: [], width: 1, name: (resolved as ColumnElement<unknown>)._resultName ?? '' };
  });
}

/** True when the statement selects at least one model class. */
export function isOrmStatement(stmt: unknown): stmt is Select<any> {
  return stmt instanceof Select && stmt.selectedItems.some((i) => entityOf(i) !== undefined);
}

interface JoinedPlan {
  readonly rel: Relationship;
  readonly slot: number;
  readonly alias: Alias;
  readonly offset: number;
}

const getStatements = new WeakMap<Mapper, Select<any>>();

/**
 * `select(Model).where(pk = :pk0 AND …)`, made once per mapper: session.get() runs it with
 * the key as parameters, so a miss of the identity map builds no statement.
 */
export function getStatement(mapper: Mapper): Select<any> {
  let stmt = getStatements.get(mapper);
  if (stmt === undefined) {
    stmt = select(mapper.cls as never).where(and(...mapper.pkColumns.map((c, i) => c.eq(bindparam(`pk_${i}`, c.type) as never))));
    getStatements.set(mapper, stmt);
  }
  return stmt;
}

/** What executeOrmSelect() works out from a statement alone: made once per statement object. */
interface OrmPlan {
  readonly slots: readonly Slot[];
  readonly options: readonly LoaderOption[];
  readonly joined: readonly JoinedPlan[];
  /** The statement as sent when joined eager loading adds its joins to the given one (else the given one is sent). */
  readonly run: Select<any> | undefined;
  readonly names: readonly string[];
  /** The row class of the last engine that ran it (engines keep one per shape). */
  rowClass?: { readonly engine: object; readonly cls: RowClass };
}

// Statements are immutable, so a plan never goes stale; a statement reused across calls
// (session.get's own, or a user's) is planned once.
const plans = new WeakMap<Select<any>, OrmPlan>();

function planOf(stmt: Select<any>): OrmPlan {
  let plan = plans.get(stmt);
  if (plan !== undefined) return plan;
  // `select(Model)…` built anew for every call: its plan depends only on the model (the
  // WHERE, ORDER BY and the rest do not enter it), so it is shared by every such statement
  // whose plan sends the statement as given (no joined loading to add).
  const items = stmt.selectedItems;
  const byModel = items.length === 1 && stmt.statementOptions.length === 0 && typeof items[0] === 'function' ? (items[0] as object) : undefined;
  if (byModel !== undefined) {
    const shared = modelPlans.get(byModel);
    if (shared !== undefined) return shared;
  }
  plan = makePlan(stmt);
  plans.set(stmt, plan);
  if (byModel !== undefined && plan.joined.length === 0) modelPlans.set(byModel, plan);
  return plan;
}

/** Plans of `select(Model)` statements without options, by the selected class (see planOf). */
const modelPlans = new WeakMap<object, OrmPlan>();

function makePlan(stmt: Select<any>): OrmPlan {
  const slots = slotsOf(stmt);
  const options = stmt.statementOptions.filter((o): o is LoaderOption => o instanceof LoaderOption);
  // Joined eager loading adds an aliased LEFT OUTER JOIN and its columns after the statement's own.
  const joined: JoinedPlan[] = [];
  let run: Select<any> = stmt;
  let offset = slots.reduce((n, s) => n + s.width, 0);
  slots.forEach((slot, i) => {
    if (!slot.mapper) return;
    for (const rel of slot.mapper.relationships.values()) {
      const strategy = strategyFor(rel, options, 0) ?? rel.lazy;
      if (strategy !== 'joined' || rel.direction === 'manyToMany' || slot.aliased) continue;
      const alias = rel.target.table.alias();
      const on = and(
        ...rel.pairs.map((p) =>
          rel.direction === 'manyToOne'
            ? (p.child as ColumnElement<unknown>).eq(aliasCol(alias, p.parent) as never)
            : aliasCol(alias, p.child).eq(p.parent as never),
        ),
      );
      run = run.outerJoin(alias, on).addColumns(...(alias.columns as ColumnElement<unknown>[]));
      // A collection's items arrive in row order: its orderBy goes after the statement's own ORDER BY.
      const order = rel.uselist ? rel.orderByFor(alias.c as never) : [];
      if (order.length) run = run.orderBy(...order);
      joined.push({ rel, slot: i, alias, offset });
      offset += alias.columns.length;
    }
  });
  const names = slots.flatMap((s) => (s.mapper || s.width === 1 ? [s.name] : Array.from({ length: s.width }, () => '')));
  return { slots, options, joined, run: joined.length ? run : undefined, names };
}

/**
 * Runs an ORM select: entities come back as identity-mapped objects, plain columns as
 * values, then the loader strategies run for the loaded objects.
 */
export async function executeOrmSelect(host: LoadHost, stmt: Select<any>, params: ExecuteParams | undefined, populate = false): Promise<Result<any>> {
  const plan = planOf(stmt);
  const { slots, options, joined, run, names } = plan;
  const conn = host._heldConnection() ?? (await host._connection());
  const raw = (await conn.execute(run ?? stmt, params)).all();
  // The objects each entity column loaded, each once (a join may repeat a row's object).
  const loadedBySlot = slots.map(() => new LoadedList());
  // The engine keeps one row class per shape: making a class per execution cost more than
  // the query itself for single-row selects (session.get), and gave V8 a new shape each time.
  let Row: RowClass;
  if (plan.rowClass?.engine === conn.engine) Row = plan.rowClass.cls;
  else plan.rowClass = { engine: conn.engine, cls: (Row = conn.engine._rowClassForFields(names)) };
  const only = slots.length === 1 ? slots[0].mapper : undefined;
  if (only && joined.length === 0) {
    // select(Model) without joined loading, the common case: one object per row, straight into its row.
    const loaded = loadedBySlot[0];
    const rows: object[] = [];
    const one: unknown[] = [null];
    for (let i = 0; i < raw.length; i++) {
      const obj = instanceForRow(host, only, raw[i] as unknown as ArrayLike<unknown>, 0, populate);
      if (obj) loaded.add(stateOf(obj, only));
      one[0] = obj;
      rows.push(Row.make(one));
    }
    if (only.relationships.size) await runLoaders(host, only, loaded.items, options, 0, new Set(), populate);
    return new Result(rows as never[], names, rows.length);
  }
  const joinedValues = new Map<JoinedPlan, Map<InstanceState, object[]>>();
  const rows = raw.map((r) => {
    const out: unknown[] = [];
    let at = 0;
    slots.forEach((slot, i) => {
      if (slot.mapper) {
        const obj = instanceForRow(host, slot.mapper, r as unknown as ArrayLike<unknown>, at, populate);
        if (obj) loadedBySlot[i].add(stateOf(obj, slot.mapper));
        out.push(obj);
      } else if (slot.width === 1) out.push(r[at]);
      else for (let j = 0; j < slot.width; j++) out.push(r[at + j]);
      at += slot.width;
    });
    for (const jp of joined) {
      const parent = out[jp.slot] as object | null;
      if (!parent) continue;
      const child = instanceForRow(host, jp.rel.target, r as unknown as ArrayLike<unknown>, jp.offset, populate);
      let byParent = joinedValues.get(jp);
      if (byParent === undefined) joinedValues.set(jp, (byParent = new Map<InstanceState, object[]>()));
      const pst = stateOf(parent, jp.rel.parent);
      let list = byParent.get(pst);
      if (list === undefined) byParent.set(pst, (list = []));
      if (child && !list.includes(child)) list.push(child);
    }
    return out;
  });
  for (const jp of joined) {
    const byParent = joinedValues.get(jp) ?? new Map<InstanceState, object[]>();
    for (const st of loadedBySlot[jp.slot].items) {
      if (!populate && jp.rel.key in st.dict && st.hasModified) continue;
      const items = byParent.get(st) ?? [];
      setLoaded(st, jp.rel, jp.rel.uselist ? items : (items[0] ?? null));
    }
  }
  for (let i = 0; i < slots.length; i++) {
    const m = slots[i].mapper;
    if (m) await runLoaders(host, m, loadedBySlot[i].items, options, 0, new Set(joined.filter((j) => j.slot === i).map((j) => j.rel)), populate);
  }
  // A joined collection repeats its parent's row once per child; those repeats are one ORM row.
  const out = joined.some((j) => j.rel.uselist) ? uniqueRows(rows) : rows;
  return new Result(out.map((r) => Row.make(r)) as never[], names, out.length);
}

let loadRound = 0;

/**
 * States in the order first loaded, each once. A state remembers the last list it joined
 * (a number), so no Set of 100,000 objects is built for a plain select.
 */
class LoadedList {
  readonly items: InstanceState[] = [];
  private readonly round = ++loadRound;
  add(st: InstanceState): void {
    if (st._loadRound === this.round) return;
    st._loadRound = this.round;
    this.items.push(st);
  }
}

function uniqueRows(rows: unknown[][]): unknown[][] {
  if (rows.every((r) => r.length === 1)) {
    // One entity a row (select(Parent) with a joined collection): the repeats are the same object.
    const seenObjects = new Set<unknown>();
    return rows.filter((r) => (seenObjects.has(r[0]) ? false : (seenObjects.add(r[0]), true)));
  }
  const ids = new Map<object, number>();
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = r
      .map((v) => {
        if (v !== null && typeof v === 'object' && !(v instanceof Date) && !Buffer.isBuffer(v)) {
          if (!ids.has(v)) ids.set(v, ids.size);
          return `o${ids.get(v)}`;
        }
        return `v${typeof v === 'bigint' ? `${v}n` : JSON.stringify(v)}`;
      })
      .join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function aliasCol(alias: Alias, col: Column<unknown>): ColumnElement<unknown> {
  return (alias.c as Record<string, ColumnElement<unknown>>)[col.key];
}

/** The strategy the statement's options give a relationship at this depth of their paths. */
function strategyFor(rel: Relationship, options: readonly LoaderOption[], depth: number): LoadStrategy | undefined {
  let found: LoadStrategy | undefined;
  for (const o of options) {
    const step = o.path[depth];
    if (step && step.attr._mapper === rel.parent && step.attr.key === rel.key) found = step.strategy;
  }
  return found;
}

/** Options whose path continues past `rel` at `depth`. */
function deeper(rel: Relationship, options: readonly LoaderOption[], depth: number): LoaderOption[] {
  return options.filter((o) => o.path.length > depth + 1 && o.path[depth].attr._mapper === rel.parent && o.path[depth].attr.key === rel.key);
}

const MAX_DEFAULT_DEPTH = 3;

/** Runs the select-in loaders (from options, else relationship defaults) for freshly loaded objects. */
async function runLoaders(host: LoadHost, mapper: Mapper, states: InstanceState[], options: readonly LoaderOption[], depth: number, done: Set<Relationship>, populate: boolean): Promise<void> {
  if (!states.length) return;
  for (const rel of mapper.relationships.values()) {
    const fromOption = strategyFor(rel, options, depth);
    const strategy = fromOption ?? (depth < MAX_DEFAULT_DEPTH ? rel.lazy : 'explicit');
    if (done.has(rel)) {
      await loadDeeper(host, rel, states, deeper(rel, options, depth), depth, populate);
      continue;
    }
    if (fromOption === 'raise') {
      // raiseLoad(): reading (or session.load()) of this relationship on these objects throws until it is loaded another way.
      for (const s of states) if (!(rel.key in s.dict)) s.markRaiseOnAccess(rel.key);
      continue;
    }
    // Joined loading happens in the query itself at the top level; deeper (or where it cannot join) it runs as select-in.
    if (strategy !== 'selectin' && strategy !== 'joined') continue;
    const todo = fromOption || populate ? states : states.filter((s) => !(rel.key in s.dict));
    const loaded = await loadRelationship(host, rel, todo, populate);
    await runLoaders(host, rel.target, loaded, deeper(rel, options, depth), depth + 1, new Set(), populate);
  }
}

async function loadDeeper(host: LoadHost, rel: Relationship, states: InstanceState[], options: LoaderOption[], depth: number, populate: boolean): Promise<void> {
  const targets = new Set<InstanceState>();
  for (const st of states) {
    const v = st.dict[rel.key];
    for (const o of rel.uselist ? ((v as object[]) ?? []) : v ? [v as object] : []) targets.add(stateOf(o, rel.target));
  }
  await runLoaders(host, rel.target, [...targets], options, depth + 1, new Set(), populate);
}

const CHUNK = 500;

/** `col IN (…)`, or `(a = ? AND b = ?) OR …` for composite keys. */
function keyIn(cols: readonly ColumnElement<unknown>[], keys: readonly unknown[][]): ColumnElement<boolean> {
  if (cols.length === 1) return cols[0].in(keys.map((k) => k[0]) as never);
  return or(...keys.map((k) => and(...cols.map((c, i) => c.eq(k[i] as never)))));
}

/** A Map key for foreign-key values: the value itself for one column (numbers and bigints as one), text for several. */
function tupleKey(values: readonly unknown[]): unknown {
  if (values.length === 1) {
    const v = values[0];
    if (typeof v === 'number' || typeof v === 'string') return v;
    if (typeof v === 'bigint' && v <= MAX_SAFE && v >= -MAX_SAFE) return Number(v);
  }
  return values.map((v) => `${typeof v === 'bigint' ? 'number' : typeof v}:${String(v)}`).join('\u0000');
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Loads `rel` for the given parents with one SELECT per 500 of them and sets it on each.
 * Returns the states of the related objects (for deeper loading).
 */
export async function loadRelationship(host: LoadHost, rel: Relationship, parents: InstanceState[], populate = false): Promise<InstanceState[]> {
  const target = rel.target;
  const loaded: InstanceState[] = [];
  const conn = await host._connection();
  const readTarget = (r: readonly unknown[], from = 0): object | null => instanceForRow(host, target, r, from, populate);
  const orderBy = [...rel.orderByFor(target.table.c as never), ...target.pkColumns] as ColumnElement<unknown>[];

  if (rel.direction === 'manyToOne') {
    const want = new Map<unknown, unknown[]>();
    const keyOf = (st: InstanceState) => rel.pairs.map((p) => st.dict[p.child.key]);
    for (const st of parents) {
      const k = keyOf(st);
      if (k.some((v) => v === null || v === undefined)) continue;
      // Already in the identity map with the same key: no query needed.
      if (!populate && rel.pairs.every((p) => p.parent.primaryKey) && host._identityMap.get(target, target.identityKey(orderedPk(rel, k)))) continue;
      want.set(tupleKey(k), k);
    }
    const found = new Map<unknown, object>();
    const keys = [...want.values()];
    for (let i = 0; i < keys.length; i += CHUNK) {
      const rows = (await conn.execute(select(target.table).where(keyIn(rel.pairs.map((p) => p.parent), keys.slice(i, i + CHUNK))))).all();
      for (const r of rows) {
        const obj = readTarget(r as unknown as unknown[]);
        if (!obj) continue;
        const tst = stateOf(obj, target);
        found.set(tupleKey(rel.pairs.map((p) => tst.dict[p.parent.key])), obj);
      }
    }
    for (const st of parents) {
      const k = keyOf(st);
      let obj: object | null = null;
      if (!k.some((v) => v === null || v === undefined)) {
        obj = found.get(tupleKey(k)) ?? null;
        if (!obj && rel.pairs.every((p) => p.parent.primaryKey)) obj = host._identityMap.get(target, target.identityKey(orderedPk(rel, k)))?.obj ?? null;
      }
      setLoaded(st, rel, obj);
      if (obj) loaded.push(stateOf(obj, target));
    }
    return loaded;
  }

  // One-to-many / one-to-one / many-to-many: children found by their parent's key.
  const parentCols = rel.pairs.map((p) => p.parent);
  const byKey = new Map<unknown, InstanceState[]>();
  for (const st of parents) {
    const tk = tupleKey(parentCols.map((c) => st.dict[c.key]));
    const list = byKey.get(tk);
    if (list) list.push(st);
    else byKey.set(tk, [st]);
  }
  const keys = [...byKey.keys()].map((tk) => parentCols.map((c) => byKey.get(tk)![0].dict[c.key]));
  const children = new Map<unknown, object[]>();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const chunk = keys.slice(i, i + CHUNK);
    const linkCols = rel.pairs.map((p) => p.child as ColumnElement<unknown>);
    let stmt: Select<any>;
    if (rel.secondary) {
      stmt = select(target.table, ...linkCols)
        .join(rel.secondary, and(...rel.secondaryPairs.map((p) => p.child.eq(p.parent as never))))
        .where(keyIn(linkCols, chunk));
    } else stmt = select(target.table).where(keyIn(linkCols, chunk));
    const rows = (await conn.execute(stmt.orderBy(...orderBy))).all();
    const width = target.table.columns.length;
    const single = rel.pairs.length === 1 ? rel.pairs[0].child.key : undefined;
    for (const r of rows) {
      const obj = readTarget(r as unknown as unknown[]);
      if (!obj) continue;
      const tst = stateOf(obj, target);
      const tk = rel.secondary ? tupleKey(rel.pairs.map((_, j) => (r as unknown as unknown[])[width + j])) : single ? tupleKey([tst.dict[single]]) : tupleKey(rel.pairs.map((p) => tst.dict[p.child.key]));
      const list = children.get(tk);
      if (list) list.push(obj);
      else children.set(tk, [obj]);
    }
  }
  for (const [tk, sts] of byKey) {
    const items = children.get(tk) ?? [];
    for (const st of sts) setLoaded(st, rel, rel.uselist ? items : (items[0] ?? null));
    for (const o of items) loaded.push(stateOf(o, target));
  }
  return loaded;
}

/** The target's primary key values in its own column order, from a many-to-one's key pairs. */
function orderedPk(rel: Relationship, k: unknown[]): unknown[] {
  return rel.target.pkColumns.map((c) => k[rel.pairs.findIndex((p) => p.parent === c)]);
}

export function checkModelClass(x: unknown, what: string): Mapper {
  const m = entityOf(x);
  if (!m) throw new ArgumentError(`${what}() needs a model class (declared with Base.model()), got ${typeof x === 'function' ? `the class ${x.name}` : typeof x}`);
  return m;
}
