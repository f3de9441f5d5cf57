/**
 * The unit of work: what a flush writes and in which order. It cascades new objects in
 * from relationships, turns relationship changes into foreign-key values, orders INSERTs
 * and UPDATEs so that every row comes after the rows it refers to (a topological sort over
 * objects, so self-referential rows work; a cycle is broken by inserting one nullable
 * foreign key as NULL and setting it with a second UPDATE, "post-update"), batches rows
 * per table, fetches generated keys and server defaults, then deletes children before
 * parents.
 */
import type { Column } from '../schema/column';
import type { Table } from '../schema/table';
import { and, ColumnElement, not, or } from '../sql/elements';
import { deleteFrom } from '../sql/delete';
import { insert } from '../sql/insert';
import { select } from '../sql/select';
import { update } from '../sql/update';
import type { Connection } from '../engine/connection';
import { FlushError, StaleDataError } from './errors';
import type { Mapper, Relationship } from './mapper';
import { existingState, InstanceState, stateOf } from './state';
import { heldObjects } from './attributes';
import { queueOf } from './write-only';
import { explainBadValue } from './validation';

/** What the flush needs from the Session. */
export interface FlushHost {
  readonly _new: Set<InstanceState>;
  readonly _deleted: Set<InstanceState>;
  _allStates(): InstanceState[];
  _attachPending(state: InstanceState): void;
  _connection(): Promise<Connection>;
  _loadRelationship(rel: Relationship, states: InstanceState[]): Promise<void>;
  /** Called for each row the flush inserted (the session records it for rollback). */
  _inserted(state: InstanceState, generatedKeys: string[]): void;
  /** Called when an UPDATE changed an object's primary key. */
  _rekeyed(state: InstanceState): void;
  readonly _returningInsert: boolean;
}

/** `child[childCols] := parent[parentCols]` (or NULL when parent is null), applied right before the child's row is written. */
interface Sync {
  readonly child: InstanceState;
  readonly parent: InstanceState | null;
  readonly pairs: readonly { readonly child: Column<unknown>; readonly parent: Column<unknown> }[];
  post?: boolean;
}

interface SecondaryRow {
  readonly rel: Relationship;
  readonly left: InstanceState;
  readonly right: InstanceState;
}

export async function flush(host: FlushHost): Promise<void> {
  cascadeSaveUpdate(host);
  await cascadeDeletes(host);
  const deleted = host._deleted;
  // The objects of the session are fixed from here on (the writes move new objects into the
  // identity map, the same states): one list serves every pass.
  const states = host._allStates();
  const syncs: Sync[] = [];
  const secondaryAdds: SecondaryRow[] = [];
  const secondaryRemoves: SecondaryRow[] = [];
  for (const st of states) {
    if (deleted.has(st)) orphanChildren(st, deleted, syncs);
    else if (st.mapper.relationships.size) collectRelationshipChanges(st, deleted, syncs, secondaryAdds, secondaryRemoves);
  }
  const conn = await host._connection();
  await deleteSecondary(conn, secondaryRemoves);

  const syncsByChild = new Map<InstanceState, Sync[]>();
  for (const s of syncs) {
    const list = syncsByChild.get(s.child);
    if (list) list.push(s);
    else syncsByChild.set(s.child, [s]);
  }
  // New objects (no identity) first, then changed persistent ones: the two never overlap.
  const writes: InstanceState[] = [];
  for (const st of host._new) if (deleted.size === 0 || !deleted.has(st)) writes.push(st);
  for (const st of states) {
    if (st.hasIdentity && ((st.hasModified && st.changedColumns().length) || syncsByChild.has(st)) && !deleted.has(st)) writes.push(st);
  }
  const levels = orderWrites(writes, syncs);
  try {
    for (const level of levels) await writeLevel(host, conn, level, syncsByChild);
    const post = syncs.filter((s) => s.post);
    for (const s of post) {
      applySync(s);
      await updateRow(conn, s.child);
    }
  } catch (e) {
    // A value the column type refused (a JavaScript caller's wrong type): say which attribute held it.
    throw explainBadValue(conn.engine.dialect, writes, e) ?? e;
  }
  await insertSecondary(conn, secondaryAdds);
  await deleteRows(conn, [...deleted].filter((s) => s.hasIdentity));

  for (const st of states) {
    st.commitColumns();
    if (st.mapper.relationships.size) st.commitRelated();
  }
}

// ---------------------------------------------------------------- cascades

const relatedOf = heldObjects;

function cascadeSaveUpdate(host: FlushHost): void {
  const work = host._allStates();
  // Only objects whose mapper has relationships reach others: without any, there is nothing to cascade.
  if (!work.some((st) => st.mapper.relationships.size > 0)) return;
  const seen = new Set(work);
  // First in, first out: related objects are attached (and so INSERTed) in the order they were added and reached.
  for (let i = 0; i < work.length; i++) {
    const st = work[i];
    if (host._deleted.has(st)) continue;
    for (const rel of st.mapper.relationships.values()) {
      if (!rel.cascade.has('save-update')) continue;
      for (const obj of relatedOf(st, rel)) {
        const rst = stateOf(obj, rel.target);
        if (!seen.has(rst)) {
          seen.add(rst);
          work.push(rst);
        }
        if (rst.status === 'transient' || (rst.status === 'detached' && !rst.hasIdentity)) host._attachPending(rst);
      }
      // Objects taken out of a delete-orphan collection go with it.
      if (rel.cascade.has('delete-orphan') && rel.direction !== 'manyToOne') {
        const now = relatedOf(st, rel);
        const before = rel.writeOnly ? (queueOf(st.dict[rel.key])?.removed ?? []) : (st.committedRelatedOf(rel.key) ?? []);
        for (const old of before) {
          const ost = existingState(old);
          if (ost && !now.includes(old) && ost.hasIdentity && !isReattached(ost, rel)) host._deleted.add(ost);
        }
      }
    }
  }
}

/** An orphan that was moved to another parent (its back reference points elsewhere) is not deleted. */
function isReattached(child: InstanceState, rel: Relationship): boolean {
  const back = rel.backref;
  if (!back || !(back.key in child.dict)) return false;
  return child.dict[back.key] !== null;
}

async function cascadeDeletes(host: FlushHost): Promise<void> {
  const work = [...host._deleted];
  while (work.length) {
    const st = work.pop()!;
    if (!st.hasIdentity) continue;
    for (const rel of st.mapper.relationships.values()) {
      if (rel.direction === 'manyToOne') {
        if (!rel.cascade.has('delete')) continue;
      } else if (rel.direction === 'manyToMany') continue; // association rows are removed below
      else if (rel.writeOnly) continue; // never loaded: deleteRows() updates or deletes its rows by key
      if (!(rel.key in st.dict)) {
        // Raise-on-access holds for the flush too: loading the rows silently here would be the N+1 it forbids.
        if (rel.lazy === 'raise' || st.isRaiseOnAccess(rel.key)) {
          throw new FlushError(`deleting this ${st.mapper.name} needs ${rel.name}, which is raise-on-access and not loaded; load it first (a loader option such as selectinLoad()) so the flush can ${rel.cascade.has('delete') ? 'delete' : 'unlink'} its rows`);
        }
        await host._loadRelationship(rel, [st]);
      }
      for (const obj of relatedOf(st, rel)) {
        const rst = stateOf(obj, rel.target);
        if (rel.cascade.has('delete')) {
          if (!host._deleted.has(rst) && rst.hasIdentity) {
            host._deleted.add(rst);
            work.push(rst);
          } else if (!rst.hasIdentity) host._new.delete(rst);
        }
      }
    }
  }
}

// ---------------------------------------------------------------- relationship changes → foreign keys

function collectRelationshipChanges(st: InstanceState, deleted: Set<InstanceState>, syncs: Sync[], adds: SecondaryRow[], removes: SecondaryRow[]): void {
  const isNew = !st.hasIdentity;
  for (const rel of st.mapper.relationships.values()) {
    if (!(rel.key in st.dict)) {
      // A deleted parent's unloaded many-to-many rows are removed by key in deleteRows().
      continue;
    }
    const now = relatedOf(st, rel);
    const before = st.committedRelatedOf(rel.key) ?? [];
    const queue = rel.writeOnly ? queueOf(st.dict[rel.key]) : undefined;
    const added = queue ? [...queue.added] : isNew ? now : now.filter((o) => !before.includes(o));
    const gone = queue ? [...queue.removed] : before.filter((o) => !now.includes(o));
    const post = rel.postUpdate || undefined;
    if (rel.direction === 'manyToOne') {
      if (added.length) syncs.push({ child: st, parent: stateOf(added[0], rel.target), pairs: rel.pairs, post });
      // Set to null: either it held an object, or it was set without ever being loaded.
      else if (now.length === 0 && !isNew && (gone.length || !st.hasCommittedRelated(rel.key))) syncs.push({ child: st, parent: null, pairs: rel.pairs, post });
    } else if (rel.direction === 'oneToMany') {
      for (const o of added) syncs.push({ child: stateOf(o, rel.target), parent: st, pairs: rel.pairs, post });
      for (const o of gone) {
        const ost = stateOf(o, rel.target);
        if (deleted.has(ost)) continue;
        // Moved to another parent: that parent's side (or the child's many-to-one) sets the key.
        const back = rel.backref;
        if (back && back.key in ost.dict && ost.dict[back.key] !== null && ost.dict[back.key] !== st.obj) continue;
        syncs.push({ child: ost, parent: null, pairs: rel.pairs, post });
      }
    } else {
      // Each association row is written once: by the side declared first, or by the only side.
      const back = rel.backref;
      const owner = !back || rel.key <= back.key || rel.parent !== back.parent ? ownsAssociation(rel) : false;
      // The other side only sees the change when its collection was loaded (or new): otherwise this side writes it.
      const writes = (o: object) => owner || !(back!.key in stateOf(o, rel.target).dict);
      for (const o of added) if (writes(o)) adds.push({ rel, left: st, right: stateOf(o, rel.target) });
      for (const o of gone) if (writes(o)) removes.push({ rel, left: st, right: stateOf(o, rel.target) });
    }
  }
}

/** With back-populated many-to-many, one side writes the association rows; pick it stably by name. */
function ownsAssociation(rel: Relationship): boolean {
  const back = rel.backref;
  // A write-only side's changes are not mirrored, so each side writes its own.
  if (!back || rel.writeOnly || back.writeOnly) return true;
  return `${rel.parent.table.fullName}.${rel.key}` <= `${back.parent.table.fullName}.${back.key}`;
}

/** Children of a deleted parent that are not deleted with it get their foreign key set to NULL. */
function orphanChildren(st: InstanceState, deleted: Set<InstanceState>, syncs: Sync[]): void {
  for (const rel of st.mapper.relationships.values()) {
    if (rel.direction !== 'oneToMany') continue;
    for (const o of relatedOf(st, rel)) {
      const ost = stateOf(o, rel.target);
      if (!deleted.has(ost) && ost.hasIdentity) syncs.push({ child: ost, parent: null, pairs: rel.pairs });
    }
  }
}

function applySync(s: Sync): void {
  for (const p of s.pairs) {
    let v: unknown = null;
    if (s.parent) {
      if (!(p.parent.key in s.parent.dict)) throw new FlushError(`${s.parent.mapper.name}.${p.parent.key} has no value to copy into ${s.child.mapper.name}.${p.child.key}`);
      v = s.parent.dict[p.parent.key];
    }
    if (s.child.dict[p.child.key] !== v || !(p.child.key in s.child.dict)) s.child.setValue(p.child.key, v);
  }
}

// ---------------------------------------------------------------- ordering

/**
 * Levels of writes: every object comes after the pending objects it takes keys from.
 * When only a cycle remains, a dependency whose foreign key is nullable becomes a
 * post-update (written as NULL, then UPDATEd once the other row exists).
 */
function orderWrites(writeList: InstanceState[], syncs: Sync[]): InstanceState[][] {
  const selfRef = syncs.filter((s) => s.parent === s.child && !s.child.hasIdentity);
  for (const s of selfRef) s.post = true;
  if (syncs.length === 0) return writeList.length ? [writeList] : [];
  const writes = new Set(writeList);
  // A post-update (postUpdate relationships) orders nothing: its key is written after every row exists.
  const edges = syncs.filter((s) => !s.post && s.parent && !s.parent.hasIdentity && writes.has(s.parent) && writes.has(s.child) && s.parent !== s.child);
  if (edges.length === 0) return writeList.length ? [writeList] : [];
  const remaining = new Set(writes);
  const levels: InstanceState[][] = [];
  let active = edges;
  while (remaining.size) {
    const blocked = new Set(active.filter((e) => remaining.has(e.parent!)).map((e) => e.child));
    const ready = [...remaining].filter((s) => !blocked.has(s));
    if (ready.length === 0) {
      const breakable = active.find((e) => remaining.has(e.parent!) && remaining.has(e.child) && e.pairs.every((p) => p.child.nullable));
      if (!breakable) {
        throw new FlushError(
          `cannot order the flush: ${[...blocked].map((s) => s.mapper.name).join(', ')} depend on each other through NOT NULL foreign keys; make one of them nullable so it can be set after both rows exist`,
        );
      }
      breakable.post = true;
      active = active.filter((e) => e !== breakable);
      continue;
    }
    levels.push(ready);
    ready.forEach((s) => remaining.delete(s));
  }
  return levels;
}

// ---------------------------------------------------------------- writing

async function writeLevel(host: FlushHost, conn: Connection, level: InstanceState[], syncsByChild: Map<InstanceState, Sync[]>): Promise<void> {
  const inserts = new Map<string, { table: Table<any, any>; states: InstanceState[]; keys: string[] }>();
  const updates: InstanceState[] = [];
  for (const st of level) {
    for (const s of syncsByChild.get(st) ?? []) {
      if (s.post) {
        // Written as NULL now; the post-update sets it.
        for (const p of s.pairs) if (!st.hasIdentity) st.dict[p.child.key] = null;
      } else applySync(s);
    }
    if (st.hasIdentity) {
      updates.push(st);
      continue;
    }
    applyInsertDefaults(st);
    // Rows that set the same columns of a table go in one executemany.
    const group = insertGroupKey(st);
    const g = inserts.get(group);
    if (g) g.states.push(st);
    else inserts.set(group, { table: st.mapper.table, states: [st], keys: st.mapper._columnKeys.filter((k) => k in st.dict) });
  }
  for (const g of inserts.values()) await insertRows(host, conn, g.table, g.states, g.keys);
  for (const st of updates) await updateRow(conn, st, host);
}

/** Which of its table's columns a new object sets, as a short key (one character per column). */
function insertGroupKey(st: InstanceState): string {
  const keys = st.mapper._columnKeys;
  let out = st.mapper.table.fullName + '|';
  for (let i = 0; i < keys.length; i++) out += keys[i] in st.dict ? '1' : '0';
  return out;
}

function applyInsertDefaults(st: InstanceState): void {
  for (const [key, col] of st.mapper.columns) {
    if (key in st.dict || col.default === undefined) continue;
    const d = col.default;
    st.dict[key] = typeof d === 'function' ? (d as () => unknown)() : d;
  }
}

/** Columns whose value the database makes on INSERT when the row does not set them. */
function fetchedOnInsert(mapper: Mapper, keys: readonly string[]): Column<unknown>[] {
  return [...mapper.columns.values()].filter(
    (c) => !keys.includes(c.key) && (c.serverDefault !== undefined || c === mapper.table.autoincrementColumn),
  );
}

async function insertRows(host: FlushHost, conn: Connection, table: Table<any, any>, states: InstanceState[], keys: string[]): Promise<void> {
  const mapper = states[0].mapper;
  const fetch = fetchedOnInsert(mapper, keys);
  if (host._returningInsert && keys.length) {
    // One executemany: Core sends it as multi-row INSERT … RETURNING batches and returns the
    // rows in parameter order (core/engine/insert-many-values.ts), so row i is object i's.
    const ret = [...mapper.pkColumns.filter((c) => !keys.includes(c.key)), ...fetch.filter((c) => !c.primaryKey)];
    const params = new Array<Record<string, unknown>>(states.length);
    for (let i = 0; i < states.length; i++) params[i] = rowOf(states[i].dict, keys);
    if (ret.length === 0) {
      await conn.execute(insert(table), params);
      for (const st of states) inserted(host, st, []);
      return;
    }
    const rows = (await conn.execute(insert(table).returning(...ret), params)).all();
    if (rows.length !== states.length) throw new FlushError(`INSERT into ${table.name} returned ${rows.length} rows for ${states.length} objects`);
    const generated = ret.map((c) => c.key);
    for (let i = 0; i < states.length; i++) {
      const st = states[i];
      const row = rows[i];
      for (let k = 0; k < ret.length; k++) st.dict[generated[k]] = row[k];
      inserted(host, st, generated);
    }
    return;
  }
  if (host._returningInsert) {
    // A row that sets no column is `INSERT … DEFAULT VALUES`, one row per statement.
    const ret = [...mapper.pkColumns, ...fetch.filter((c) => !c.primaryKey)];
    for (const st of states) {
      const row = ret.length ? (await conn.execute(insert(table).returning(...ret))).one() : (await conn.execute(insert(table)), undefined);
      if (row) ret.forEach((c, k) => (st.dict[c.key] = row[k]));
      inserted(host, st, ret.map((c) => c.key));
    }
    return;
  }
  if (keys.length && (await insertConsecutive(host, conn, table, states, keys, fetch))) return;
  for (const st of states) await insertOne(host, conn, table, st, keys, fetch);
}

function rowOf(dict: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (let k = 0; k < keys.length; k++) row[keys[k]] = dict[keys[k]];
  return row;
}

/**
 * Without RETURNING (MySQL): multi-row INSERTs whose auto-increment keys are known to be
 * consecutive from the first one the server reports (see docs/decisions/insert-many-values.md);
 * false when that is not promised, and rows go one at a time.
 */
async function insertConsecutive(host: FlushHost, conn: Connection, table: Table<any, any>, states: InstanceState[], keys: string[], fetch: Column<unknown>[]): Promise<boolean> {
  const step = conn.engine.dialect.consecutiveAutoincrement;
  const auto = table.autoincrementColumn as Column<unknown> | undefined;
  if (step === undefined || !auto || keys.includes(auto.key)) return false;
  const rest = fetch.filter((c) => c !== auto);
  const size = Math.max(1, Math.min(conn.engine.options.insertManyValuesPageSize ?? 1000, Math.floor(conn.engine.dialect.supports.maxParams / keys.length)));
  for (let i = 0; i < states.length; i += size) {
    const chunk = states.slice(i, i + size);
    const res = await conn.execute(insert(table).values(chunk.map((st) => rowOf(st.dict, keys)) as never));
    if (res.lastInsertId === undefined || res.rowCount !== chunk.length) throw new FlushError(`INSERT into ${table.name}: the database reported no generated key for ${auto.key}`);
    const first = BigInt(res.lastInsertId);
    const ids = chunk.map((st, j) => {
      const id = first + BigInt(j * step);
      return (st.dict[auto.key] = auto.type.kind === 'bigint' ? id : Number(id));
    });
    if (rest.length) {
      // Server defaults are read back by the keys just computed, one SELECT per batch.
      const rows = (await conn.execute(select(auto, ...rest).where(auto.in(ids as never[])))).all();
      const byId = new Map(rows.map((r) => [String(r[0]), r]));
      chunk.forEach((st, j) => {
        const row = byId.get(String(ids[j]));
        if (!row) throw new FlushError(`INSERT into ${table.name}: no row with ${auto.key} = ${String(ids[j])} after the insert`);
        rest.forEach((c, k) => (st.dict[c.key] = row[k + 1]));
      });
    }
    const generated = [auto.key, ...rest.map((c) => c.key)];
    for (const st of chunk) inserted(host, st, generated);
  }
  return true;
}

async function insertOne(host: FlushHost, conn: Connection, table: Table<any, any>, st: InstanceState, keys: string[], fetch: Column<unknown>[]): Promise<void> {
  const values = Object.fromEntries(keys.map((k) => [k, st.dict[k]]));
  const result = await conn.execute(keys.length ? insert(table).values(values as never) : insert(table));
  const generated: string[] = [];
  const auto = st.mapper.table.autoincrementColumn as Column<unknown> | undefined;
  if (auto && !(auto.key in st.dict)) {
    if (result.lastInsertId === undefined) throw new FlushError(`INSERT into ${table.name}: the database reported no generated key for ${auto.key}`);
    const id = result.lastInsertId;
    st.dict[auto.key] = auto.type.kind === 'bigint' ? BigInt(id) : typeof id === 'bigint' ? Number(id) : typeof id === 'string' ? Number(id) : id;
    generated.push(auto.key);
  }
  const rest = fetch.filter((c) => !(c.key in st.dict));
  if (rest.length) {
    // No RETURNING: read the server defaults back by primary key.
    const row = (await conn.execute(select(...rest).where(pkWhere(st)))).one();
    rest.forEach((c, i) => (st.dict[c.key] = row[i]));
    generated.push(...rest.map((c) => c.key));
  }
  inserted(host, st, generated);
}

function inserted(host: FlushHost, st: InstanceState, generated: string[]): void {
  host._inserted(st, generated);
}

/** The row's primary key condition: by the current values, or (`committed`) by what the database has. */
function pkWhere(st: InstanceState, committed = false): ColumnElement<boolean> {
  return and(...st.mapper.pkColumns.map((c) => c.eq((committed ? st.committedValue(c.key) : st.dict[c.key]) as never)));
}

async function updateRow(conn: Connection, st: InstanceState, host?: FlushHost): Promise<void> {
  const changed = st.changedColumns();
  if (!changed.length) return;
  const keyChanged = st.mapper.pkColumns.some((c) => changed.includes(c.key));
  for (const [key, col] of st.mapper.columns) {
    if (col.onUpdate === undefined || changed.includes(key)) continue;
    const d = col.onUpdate;
    st.dict[key] = typeof d === 'function' ? (d as () => unknown)() : d;
    changed.push(key);
  }
  const values = Object.fromEntries(changed.map((k) => [k, st.dict[k]]));
  const res = await conn.execute(update(st.mapper.table).values(values as never).where(pkWhere(st, true)));
  if (res.rowCount !== 1) throw new StaleDataError(`UPDATE of ${st.mapper.name} ${describePk(st)} matched ${res.rowCount} rows, expected 1 (deleted or changed by someone else?)`);
  st.commitColumns();
  // The row has a new primary key: the identity map finds the object by it from now on.
  if (keyChanged) host?._rekeyed(st);
}

function describePk(st: InstanceState): string {
  return `(${st.mapper.pkColumns.map((c) => `${c.key}=${String(st.committedValue(c.key) ?? st.dict[c.key])}`).join(', ')})`;
}

function secondaryRowValues(row: SecondaryRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of row.rel.pairs) out[p.child.key] = row.left.dict[p.parent.key];
  for (const p of row.rel.secondaryPairs) out[p.child.key] = row.right.dict[p.parent.key];
  return out;
}

async function insertSecondary(conn: Connection, rows: SecondaryRow[]): Promise<void> {
  const byTable = new Map<Table<any, any>, Record<string, unknown>[]>();
  for (const r of rows) byTable.set(r.rel.secondary!, [...(byTable.get(r.rel.secondary!) ?? []), secondaryRowValues(r)]);
  for (const [table, values] of byTable) await conn.execute(insert(table).values(values as never));
}

async function deleteSecondary(conn: Connection, rows: SecondaryRow[]): Promise<void> {
  for (const r of rows) {
    const v = secondaryRowValues(r);
    const table = r.rel.secondary!;
    await conn.execute(deleteFrom(table).where(and(...Object.entries(v).map(([k, x]) => (table.c as Record<string, Column<unknown>>)[k].eq(x as never)))));
  }
}

/** Deletes children before parents (table order from the foreign keys; rows of one table by their loaded parent links). */
async function deleteRows(conn: Connection, states: InstanceState[]): Promise<void> {
  if (!states.length) return;
  // Association rows of the deleted objects go first, whether or not the collections were loaded.
  for (const st of states) {
    for (const rel of st.mapper.relationships.values()) {
      if (rel.direction !== 'manyToMany') continue;
      const t = rel.secondary!;
      await conn.execute(deleteFrom(t).where(and(...rel.pairs.map((p) => p.child.eq(st.committedValue(p.parent.key) as never)))));
    }
  }
  const tables = [...new Set(states.map((s) => s.mapper.table))];
  const { order, broken } = deleteOrder(tables, postUpdateKeys(states));
  await breakDeleteCycles(conn, states, broken);
  for (const table of order) {
    await detachWriteOnlyChildren(conn, states.filter((s) => s.mapper.table === table), states);
    const rows = orderSelfReferential(states.filter((s) => s.mapper.table === table));
    for (const batch of rows) {
      const mapper = batch[0].mapper;
      const cond = or(...batch.map((st) => pkWhere(st, true)));
      const res = await conn.execute(deleteFrom(mapper.table).where(cond));
      if (res.rowCount !== batch.length) {
        throw new StaleDataError(`DELETE from ${table.name} removed ${res.rowCount} of ${batch.length} rows (deleted or changed by someone else?)`);
      }
    }
  }
}

/**
 * The rows of a deleted parent's write-only one-to-many collections are never loaded:
 * they are deleted by key (cascade delete) or have their foreign key set to NULL, each
 * with one statement. Deeper cascades from those rows are the database's (ON DELETE).
 */
async function detachWriteOnlyChildren(conn: Connection, parents: InstanceState[], deleted: InstanceState[]): Promise<void> {
  for (const st of parents) {
    for (const rel of st.mapper.relationships.values()) {
      if (!rel.writeOnly || rel.direction !== 'oneToMany') continue;
      // Rows deleted explicitly in this flush are left to their own DELETE (which checks its row count).
      const own = deleted.filter((d) => d.mapper === rel.target);
      const where = and(
        ...rel.pairs.map((p) => p.child.eq(st.committedValue(p.parent.key) as never)),
        own.length ? not(or(...own.map((d) => pkWhere(d, true)))) : undefined,
      );
      const table = rel.target.table;
      if (rel.cascade.has('delete')) await conn.execute(deleteFrom(table).where(where));
      else await conn.execute(update(table).values(Object.fromEntries(rel.pairs.map((p) => [p.child.key, null])) as never).where(where));
    }
  }
}

/**
 * Tables in the order their rows can be deleted: a table's rows go before the rows of the
 * tables it refers to. A cycle is broken at a nullable foreign key, which is set to NULL
 * first (post-update on delete).
 */
function deleteOrder(tables: Table<any, any>[], broken: Set<object>): { order: Table<any, any>[]; broken: Set<object> } {
  type Edge = { fk: object; child: Table<any, any>; parent: Table<any, any>; nullable: boolean };
  let edges: Edge[] = tables.flatMap((t) =>
    t.foreignKeys
      .filter((fk) => !broken.has(fk) && fk.referredTable !== t && tables.includes(fk.referredTable as Table<any, any>))
      .map((fk) => ({ fk, child: t, parent: fk.referredTable as Table<any, any>, nullable: fk.columns.every((c) => (c as Column<unknown>).nullable) })),
  );
  const remaining = new Set(tables);
  const order: Table<any, any>[] = [];
  while (remaining.size) {
    const ready = [...remaining].filter((t) => !edges.some((e) => e.parent === t && remaining.has(e.child)));
    if (!ready.length) {
      const e = edges.find((x) => x.nullable && remaining.has(x.child) && remaining.has(x.parent));
      if (!e) throw new FlushError(`cannot order the DELETEs: ${[...remaining].map((t) => t.name).join(', ')} refer to each other through NOT NULL foreign keys`);
      broken.add(e.fk);
      edges = edges.filter((x) => x !== e);
      continue;
    }
    ready.forEach((t) => {
      order.push(t);
      remaining.delete(t);
    });
  }
  return { order, broken };
}

/** The foreign key constraints of postUpdate relationships among the deleted rows' tables: set to NULL before deleting. */
function postUpdateKeys(states: InstanceState[]): Set<object> {
  const out = new Set<object>();
  for (const mapper of new Set(states.map((s) => s.mapper))) {
    for (const rel of mapper.relationships.values()) {
      if (!rel.postUpdate) continue;
      const childTable = rel.direction === 'manyToOne' ? rel.parent.table : rel.target.table;
      const cols = rel.pairs.map((p) => p.child);
      for (const fk of childTable.foreignKeys) if (fk.columns.length === cols.length && fk.columns.every((c) => cols.includes(c as Column<unknown>))) out.add(fk);
    }
  }
  return out;
}

/** Sets the broken foreign keys of the rows to be deleted to NULL. */
async function breakDeleteCycles(conn: Connection, states: InstanceState[], cyclic: Set<object>): Promise<void> {
  if (!cyclic.size) return;
  for (const st of states) {
    const nulls: Record<string, null> = {};
    for (const fk of st.mapper.table.foreignKeys) {
      if (!cyclic.has(fk)) continue;
      const cols = fk.columns as unknown as Column<unknown>[];
      if (cols.every((c) => c.nullable) && cols.some((c) => st.committedValue(c.key) !== null && st.committedValue(c.key) !== undefined)) {
        for (const c of cols) nulls[c.key] = null;
      }
    }
    if (Object.keys(nulls).length) await conn.execute(update(st.mapper.table).values(nulls as never).where(pkWhere(st, true)));
  }
}

/**
 * Rows of one table in batches where no row is referred to, through a self-referencing
 * foreign key, by a row of a later batch (MySQL checks foreign keys row by row).
 */
function orderSelfReferential(states: InstanceState[]): InstanceState[][] {
  const table = states[0]?.mapper.table;
  const selfFks = table ? table.foreignKeys.filter((fk) => fk.referredTable === table) : [];
  if (!selfFks.length) return states.length ? [states] : [];
  const keyOf = (values: Record<string, unknown>, cols: readonly { key: string }[]) => cols.map((c) => String(values[c.key])).join('\u0000');
  const remaining = new Set(states);
  const out: InstanceState[][] = [];
  while (remaining.size) {
    const referred = new Set<string>();
    for (const st of remaining) {
      for (const fk of selfFks) {
        const v = fk.columns.map((c) => st.committedValue((c as Column<unknown>).key));
        if (v.every((x) => x !== null && x !== undefined)) referred.add(fk.referred.map((c) => (c as Column<unknown>).key).join(',') + '=' + v.map(String).join('\u0000'));
      }
    }
    const ready = [...remaining].filter((st) => !selfFks.some((fk) => {
      const cols = fk.referred as unknown as Column<unknown>[];
      return referred.has(cols.map((c) => c.key).join(',') + '=' + keyOf(st.committed, cols));
    }));
    const batch = ready.length ? ready : [...remaining];
    out.push(batch);
    batch.forEach((s) => remaining.delete(s));
  }
  return out;
}
