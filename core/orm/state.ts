/**
 * Per-object ORM state: which session holds the object, its identity, the values loaded
 * or set (`dict`), the values the database last had (`committed`, for change detection),
 * and which attributes are expired. Kept in a private field of the instance (see StateSlot) so a model's own names are free.
 */
import type { Mapper } from './mapper';
import { clearQueue } from './write-only';
import type { IdentityKey } from './identity-map';

export type Status = 'transient' | 'pending' | 'persistent' | 'deleted' | 'detached';

/** The part of a Session the state needs (avoids an import cycle). */
export interface SessionLike {
  /** @internal */
  _markDirty(state: InstanceState): void;
}

export class InstanceState {
  status: Status = 'transient';
  session: SessionLike | undefined;
  /** The identity-map key, once the object has a row. */
  key: IdentityKey | undefined;
  /** Loaded or set values by attribute key; an absent key is an unloaded attribute. */
  dict: Record<string, unknown>;
  // The rest is made on first need: a session of 100,000 loaded or new objects would
  // otherwise hold 400,000 empty Sets and Maps, and the collector's time was a third of a
  // flush (bench/RESULTS.md, insert workload).
  /**
   * What the database had for attributes changed since the last load or flush, recorded
   * when they change (copy on write): an attribute not in here has its loaded value as the
   * committed one, so loading and flushing never copy whole rows.
   */
  private saved: Record<string, unknown> | undefined;
  private modifiedKeys: Set<string> | undefined;
  private expiredKeys: Set<string> | undefined;
  private raiseKeys: Set<string> | undefined;
  private relatedAsFlushed: Map<string, readonly object[]> | undefined;
  /** Its row was deleted by a committed flush: the object cannot be added or deleted again. */
  rowDeleted = false;
  /** Committed since loaded: the next load of the row overwrites unmodified attributes. */
  stale = false;
  /** The last list of loaded objects this one joined (see LoadedList in loading.ts). @internal */
  _loadRound = 0;
  constructor(
    readonly mapper: Mapper,
    readonly obj: object,
  ) {
    this.dict = mapper._newDict();
  }

  /** True when the database has a row for this object. */
  get hasIdentity(): boolean {
    return this.key !== undefined;
  }

  // ---------------------------------------------------------------- committed values

  /** The value the database last had for a column (undefined for a pending object, or one never loaded). */
  committedValue(key: string): unknown {
    if (this.key === undefined) return undefined;
    const saved = this.saved;
    if (saved !== undefined && key in saved) return saved[key];
    if (this.modifiedKeys?.has(key)) return undefined; // changed before it was ever loaded
    return this.dict[key];
  }

  /** Every column's committed value that is known, by column key (for the colder paths that want a record). */
  get committed(): Readonly<Record<string, unknown>> {
    const out: Record<string, unknown> = Object.create(null);
    if (this.key === undefined) return out;
    for (const k of this.mapper.columns.keys()) {
      const v = this.committedValue(k);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }

  /** Sets a column's value as the user (or a foreign-key sync) does: the old value is kept as the committed one. */
  setValue(key: string, v: unknown): void {
    const dict = this.dict;
    // An object without a row writes every value it has: nothing to compare, nothing to mark.
    if (this.key === undefined) {
      dict[key] = v;
      return;
    }
    if (key in dict && !this.modifiedKeys?.has(key)) (this.saved ??= Object.create(null) as Record<string, unknown>)[key] = dict[key];
    dict[key] = v;
    (this.modifiedKeys ??= new Set()).add(key);
  }

  /** The database holds `v` for this column now: it is the loaded and the committed value. */
  setDatabaseValue(key: string, v: unknown): void {
    this.dict[key] = v;
    this.unmodify(key);
    this.unexpire(key);
  }

  /** Forgets every committed value (a row inserted in a rolled-back transaction): all set columns count as changed. */
  resetCommitted(): void {
    this.saved = undefined;
    this.relatedAsFlushed = undefined;
    for (const k of this.mapper.columns.keys()) if (k in this.dict) (this.modifiedKeys ??= new Set()).add(k);
  }

  // ---------------------------------------------------------------- modified, expired, raise-on-access

  /** Marks a column changed without a value change of its own (the caller set `dict`, or wants it rewritten). */
  markModified(key: string): void {
    (this.modifiedKeys ??= new Set()).add(key);
  }
  isModified(key: string): boolean {
    return this.modifiedKeys !== undefined && this.modifiedKeys.has(key);
  }
  unmodify(key: string): void {
    if (this.modifiedKeys?.delete(key) && this.saved !== undefined) delete this.saved[key];
  }
  get hasModified(): boolean {
    return this.modifiedKeys !== undefined && this.modifiedKeys.size > 0;
  }
  isExpired(key: string): boolean {
    return this.expiredKeys !== undefined && this.expiredKeys.has(key);
  }
  get hasExpired(): boolean {
    return this.expiredKeys !== undefined && this.expiredKeys.size > 0;
  }
  unexpire(key: string): void {
    this.expiredKeys?.delete(key);
  }
  /** Relationships a query's `raiseLoad()` option made raise-on-access for this object (until they are loaded some other way). */
  markRaiseOnAccess(key: string): void {
    (this.raiseKeys ??= new Set()).add(key);
  }
  isRaiseOnAccess(key: string): boolean {
    return this.raiseKeys !== undefined && this.raiseKeys.has(key);
  }
  clearRaiseOnAccess(key: string): void {
    this.raiseKeys?.delete(key);
  }

  // ---------------------------------------------------------------- relationships as flushed

  /** Related objects of a loaded relationship as last flushed or loaded. */
  committedRelatedOf(key: string): readonly object[] | undefined {
    return this.relatedAsFlushed?.get(key);
  }
  hasCommittedRelated(key: string): boolean {
    return this.relatedAsFlushed !== undefined && this.relatedAsFlushed.has(key);
  }
  setCommittedRelated(key: string, items: readonly object[]): void {
    (this.relatedAsFlushed ??= new Map()).set(key, items);
  }
  clearCommittedRelated(): void {
    this.relatedAsFlushed = undefined;
  }

  /** Column keys whose current value differs from the committed one. */
  changedColumns(): string[] {
    const out: string[] = [];
    const modified = this.modifiedKeys;
    if (modified === undefined) return out;
    const saved = this.saved;
    for (const k of modified) {
      if (!(k in this.dict)) continue;
      if (saved === undefined || !(k in saved) || !sameValue(this.dict[k], saved[k])) out.push(k);
    }
    return out;
  }

  /** Records the current column values as what the database has. */
  commitColumns(): void {
    this.saved = undefined;
    if (this.modifiedKeys !== undefined) this.modifiedKeys.clear();
  }

  /** Records loaded relationships' current contents as flushed. */
  commitRelated(): void {
    for (const [key, rel] of this.mapper.relationships) {
      if (!(key in this.dict)) continue;
      const v = this.dict[key];
      if (rel.writeOnly) {
        clearQueue(v); // written by the flush; the collection itself is never held
        continue;
      }
      this.setCommittedRelated(key, rel.uselist ? [...(v as object[])] : v ? [v as object] : []);
    }
  }

  /** Forgets loaded values (all, or the given keys) so that reading them throws ExpiredAttributeError. */
  expire(keys?: readonly string[]): void {
    const all = keys ?? [...this.mapper.columns.keys(), ...this.mapper.relationships.keys()];
    for (const k of all) {
      // Primary key values stay: they are the object's identity, needed to reload it.
      if (this.mapper.pkColumns.some((c) => c.key === k)) continue;
      // A write-only collection holds nothing to expire; its unflushed changes are dropped.
      if (this.mapper.relationships.get(k)?.writeOnly) {
        clearQueue(this.dict[k]);
        continue;
      }
      delete this.dict[k];
      this.relatedAsFlushed?.delete(k);
      this.unmodify(k);
      (this.expiredKeys ??= new Set()).add(k);
    }
  }
}

/** Equality for change detection: by value for dates, buffers and JSON-like objects. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  if (typeof a === 'bigint' || typeof b === 'bigint') return typeof a === typeof b && a === b;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    try {
      return JSON.stringify(a) === JSON.stringify(b);
    } catch {
      return false;
    }
  }
  return false;
}

/**
 * The state lives in a private field stamped onto the instance: a base constructor that
 * returns the object it is given lets a subclass constructor add its private fields to any
 * object. The field is as fast to read as an own property and was the cheapest way found
 * to attach it (Object.defineProperty with a symbol cost a runtime call per loaded row),
 * and unlike a symbol property it is invisible to spread, Object.assign and reflection, so
 * `{ ...user }` copies values, never the ORM's bookkeeping.
 */
class ReturnsItsArgument {
  constructor(o: object) {
    return o;
  }
}
class StateSlot extends ReturnsItsArgument {
  #state: InstanceState;
  private constructor(o: object, st: InstanceState) {
    super(o);
    this.#state = st;
  }
  static attach(o: object, st: InstanceState): void {
    new StateSlot(o, st);
  }
  static read(o: object): InstanceState | undefined {
    return #state in o ? (o as StateSlot).#state : undefined;
  }
}

/** The state of a mapped instance, made on first need. */
export function stateOf(obj: object, mapper: Mapper): InstanceState {
  let st = StateSlot.read(obj);
  if (st === undefined) {
    st = new InstanceState(mapper, obj);
    StateSlot.attach(obj, st);
  }
  return st;
}

/** The state if the object has one already (never creates it). */
export function existingState(obj: object): InstanceState | undefined {
  return typeof obj === 'object' && obj !== null ? StateSlot.read(obj) : undefined;
}
