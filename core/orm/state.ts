/**
 * Per-object ORM state: which session holds the object, its identity, the values loaded
 * or set (`dict`), the values the database last had (`committed`, for change detection),
 * and which attributes are expired. Kept under a symbol so a model's own names are free.
 */
import type { Mapper } from './mapper';
import { clearQueue } from './write-only';

export const STATE = Symbol.for('retort.orm.state');

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
  key: string | undefined;
  /** Loaded or set values by attribute key; an absent key is an unloaded attribute. */
  dict: Record<string, unknown> = Object.create(null);
  /** Column values as the database last had them (absent for a pending object). */
  committed: Record<string, unknown> = Object.create(null);
  /** Related objects of each loaded relationship as last flushed or loaded. */
  committedRelated = new Map<string, readonly object[]>();
  /** Column keys set since the last load or flush. */
  readonly modified = new Set<string>();
  /** Attributes expired explicitly (they throw ExpiredAttributeError until reloaded). */
  readonly expired = new Set<string>();
  /** Relationships a query's `raiseLoad()` option made raise-on-access for this object (until they are loaded some other way). */
  readonly raiseOnAccess = new Set<string>();
  /** Its row was deleted by a committed flush: the object cannot be added or deleted again. */
  rowDeleted = false;
  /** Committed since loaded: the next load of the row overwrites unmodified attributes. */
  stale = false;
  constructor(
    readonly mapper: Mapper,
    readonly obj: object,
  ) {}

  /** True when the database has a row for this object. */
  get hasIdentity(): boolean {
    return this.key !== undefined;
  }

  /** Column keys whose current value differs from the committed one. */
  changedColumns(): string[] {
    const out: string[] = [];
    for (const k of this.modified) {
      if (!(k in this.dict)) continue;
      if (!(k in this.committed) || !sameValue(this.dict[k], this.committed[k])) out.push(k);
    }
    return out;
  }

  /** Records the current column values as what the database has. */
  commitColumns(): void {
    for (const k of this.mapper.columns.keys()) if (k in this.dict) this.committed[k] = this.dict[k];
    this.modified.clear();
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
      this.committedRelated.set(key, rel.uselist ? [...(v as object[])] : v ? [v as object] : []);
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
      delete this.committed[k];
      this.committedRelated.delete(k);
      this.modified.delete(k);
      this.expired.add(k);
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

/** The state of a mapped instance, made on first need. */
export function stateOf(obj: object, mapper: Mapper): InstanceState {
  let st = (obj as { [STATE]?: InstanceState })[STATE];
  if (!st) {
    st = new InstanceState(mapper, obj);
    Object.defineProperty(obj, STATE, { value: st, enumerable: false, writable: false, configurable: false });
  }
  return st;
}

/** The state if the object has one already (never creates it). */
export function existingState(obj: object): InstanceState | undefined {
  return (obj as { [STATE]?: InstanceState })[STATE];
}
