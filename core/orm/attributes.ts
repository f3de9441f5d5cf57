/**
 * Instrumented attributes: the prototype accessors of a mapped class. Reading an attribute
 * that is not loaded throws (never `undefined`); setting one records the change for the
 * flush; relationship changes are mirrored on the back-populating side in memory.
 */
import { DetachedInstanceError, ExpiredAttributeError, MappingError, UnloadedAttributeError } from './errors';
import { ArgumentError } from '../errors';
import { MAPPER, Mapper, Relationship } from './mapper';
import { existingState, InstanceState, stateOf } from './state';
import { makeWriteOnly, queueOf } from './write-only';
import type { WriteOnlyCollection } from './write-only';
import { fireRelationship, hasRelationshipListeners } from './events';

const OWNER = Symbol('retort.orm.collectionOwner');

/**
 * The array a collection relationship holds. It is a real array (`Address[]`); `push`,
 * `splice`, `unshift`, `pop`, `shift` and `remove()` keep the other side of a
 * back-populated relationship in sync. Plain index assignment is seen at flush time.
 * An object is in a collection at most once (adding it again does nothing), as a
 * relationship holds each related row once.
 */
export class Collection<T extends object> extends Array<T> {
  declare [OWNER]: { state: InstanceState; rel: Relationship };
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
  override push(...items: T[]): number {
    items.forEach((it) => checkRelated(this[OWNER].rel, it));
    beforeAppend(this[OWNER], () => items.filter((it, i) => !this.includes(it) && items.indexOf(it) === i));
    for (const it of items) if (!this.includes(it)) {
      super.push(it);
      appended(this[OWNER], it);
    }
    return this.length;
  }
  override unshift(...items: T[]): number {
    items.forEach((it) => checkRelated(this[OWNER].rel, it));
    const fresh = items.filter((it) => !this.includes(it));
    beforeAppend(this[OWNER], () => fresh);
    super.unshift(...fresh);
    fresh.forEach((it) => appended(this[OWNER], it));
    return this.length;
  }
  override pop(): T | undefined {
    if (this.length) beforeRemove(this[OWNER], () => [this[this.length - 1]]);
    const it = super.pop();
    if (it) removed(this[OWNER], it);
    return it;
  }
  override shift(): T | undefined {
    if (this.length) beforeRemove(this[OWNER], () => [this[0]]);
    const it = super.shift();
    if (it) removed(this[OWNER], it);
    return it;
  }
  override splice(start: number, deleteCount?: number, ...items: T[]): T[] {
    items.forEach((it) => checkRelated(this[OWNER].rel, it));
    const from = start < 0 ? Math.max(this.length + start, 0) : Math.min(start, this.length);
    beforeRemove(this[OWNER], () => this.slice(from, deleteCount === undefined ? undefined : from + Math.max(deleteCount, 0)));
    beforeAppend(this[OWNER], () => items);
    const out = deleteCount === undefined ? super.splice(start) : super.splice(start, deleteCount, ...items);
    const gone = Array.from(out);
    gone.forEach((it) => removed(this[OWNER], it));
    items.forEach((it) => appended(this[OWNER], it));
    return gone;
  }
  /** Removes an object from the collection (the ORM counterpart of `list.remove`). */
  remove(item: T): boolean {
    const i = this.indexOf(item);
    if (i < 0) return false;
    beforeRemove(this[OWNER], () => [item]);
    super.splice(i, 1);
    removed(this[OWNER], item);
    return true;
  }
}

/** Relationship events (core/orm/events.ts) before items enter or leave a collection. */
// The items are worked out only when someone listens: the common case costs one lookup.
function beforeAppend(owner: { state: InstanceState; rel: Relationship }, items: () => readonly object[]): void {
  if (hasRelationshipListeners(owner.rel, 'append')) for (const it of items()) fireRelationship(owner.rel, 'append', owner.state.obj, it);
}
function beforeRemove(owner: { state: InstanceState; rel: Relationship }, items: () => readonly object[]): void {
  if (hasRelationshipListeners(owner.rel, 'remove')) for (const it of items()) fireRelationship(owner.rel, 'remove', owner.state.obj, it);
}

/** A collection owned by `state`'s relationship, holding `items` (no events fired). */
export function makeCollection(state: InstanceState, rel: Relationship, items: readonly object[]): Collection<object> {
  const c = new Collection<object>();
  Object.defineProperty(c, OWNER, { value: { state, rel }, enumerable: false });
  Array.prototype.push.apply(c, items as object[]);
  return c;
}

function changed(state: InstanceState): void {
  state.session?._markDirty(state);
}

/** Raw add to a loaded (or new object's) collection, without events. */
function rawAppend(target: object, rel: Relationship, item: object): void {
  // A write-only side is not mirrored: the side that was changed writes the change.
  if (rel.writeOnly) return;
  const st = stateOf(target, rel.parent);
  if (!(rel.key in st.dict)) {
    if (st.hasIdentity) return; // not loaded: the flush sets the foreign key from the other side
    st.dict[rel.key] = makeCollection(st, rel, []);
  }
  const coll = st.dict[rel.key] as object[];
  if (!coll.includes(item)) Array.prototype.push.call(coll, item);
  changed(st);
}

function rawRemove(target: object, rel: Relationship, item: object): void {
  if (rel.writeOnly) return;
  const st = stateOf(target, rel.parent);
  const coll = st.dict[rel.key] as object[] | undefined;
  if (!coll) return;
  const i = coll.indexOf(item);
  if (i >= 0) Array.prototype.splice.call(coll, i, 1);
  changed(st);
}

/** Raw set of a single-object relationship, without events. */
function rawSet(target: object, rel: Relationship, value: object | null): void {
  const st = stateOf(target, rel.parent);
  st.dict[rel.key] = value;
  changed(st);
}

/** A related object must be an instance of the relationship's target model (JavaScript callers get no compile-time check). */
function checkRelated(rel: Relationship, item: unknown): void {
  const m = item !== null && typeof item === 'object' ? ((item as object).constructor as { [MAPPER]?: Mapper } | undefined)?.[MAPPER] : undefined;
  if (m !== rel.target) {
    const what = item === null ? 'null' : typeof item === 'object' ? `a ${(item as object).constructor?.name ?? 'plain object'}` : typeof item;
    throw new ArgumentError(`${rel.name} holds ${rel.target.name} objects, got ${what}`);
  }
}

function appended(owner: { state: InstanceState; rel: Relationship }, item: object): void {
  checkRelated(owner.rel, item);
  changed(owner.state);
  const back = owner.rel.backref;
  // Many-to-many changes made on a write-only side stay there (that side writes the association row).
  if (!back || (owner.rel.writeOnly && back.uselist)) return;
  if (back.uselist) rawAppend(item, back, owner.state.obj);
  else {
    const ist = stateOf(item, back.parent);
    const previous = back.key in ist.dict ? (ist.dict[back.key] as object | null) : null;
    if (previous && previous !== owner.state.obj) rawRemove(previous, owner.rel, item);
    rawSet(item, back, owner.state.obj);
  }
}

function removed(owner: { state: InstanceState; rel: Relationship }, item: object): void {
  changed(owner.state);
  const back = owner.rel.backref;
  if (!back || (owner.rel.writeOnly && back.uselist)) return;
  if (back.uselist) rawRemove(item, back, owner.state.obj);
  else {
    const ist = stateOf(item, back.parent);
    if (ist.dict[back.key] === owner.state.obj) rawSet(item, back, null);
  }
}

/** Sets a single-object relationship, mirroring it on the back-populating side. */
function setOne(state: InstanceState, rel: Relationship, value: object | null): void {
  const previous = rel.key in state.dict ? (state.dict[rel.key] as object | null) : null;
  state.dict[rel.key] = value;
  changed(state);
  const back = rel.backref;
  if (!back || previous === value) return;
  if (back.uselist) {
    if (previous) rawRemove(previous, back, state.obj);
    if (value) rawAppend(value, back, state.obj);
  } else {
    if (previous) rawSet(previous, back, null);
    if (value) {
      const vst = stateOf(value, back.parent);
      const old = back.key in vst.dict ? (vst.dict[back.key] as object | null) : null;
      if (old && old !== state.obj) rawSet(old, rel, null);
      rawSet(value, back, state.obj);
    }
  }
}

/** Replaces a whole collection, mirroring removals and additions. */
function setMany(state: InstanceState, rel: Relationship, items: readonly object[]): void {
  if (!Array.isArray(items)) throw new ArgumentError(`${rel.name} is a collection; assign an array of ${rel.target.name} objects`);
  items.forEach((it) => checkRelated(rel, it));
  const current = rel.key in state.dict ? ([...(state.dict[rel.key] as object[])] as object[]) : [];
  const owner = { state, rel };
  beforeRemove(owner, () => current.filter((it) => !items.includes(it)));
  beforeAppend(owner, () => items.filter((it, i) => !current.includes(it) && items.indexOf(it) === i));
  const coll = makeCollection(state, rel, []);
  state.dict[rel.key] = coll;
  for (const it of current) if (!items.includes(it)) removed(owner, it);
  for (const it of items) {
    if (coll.includes(it)) continue;
    Array.prototype.push.call(coll, it);
    if (!current.includes(it)) appended(owner, it);
  }
  changed(state);
}

/** The error for reading an attribute that has no value loaded. */
export function notLoaded(state: InstanceState, key: string): Error {
  const what = `${state.mapper.name}.${key}`;
  if (state.isExpired(key)) {
    return new ExpiredAttributeError(`${what} is expired (after expire(), a rollback, or a commit with expireOnCommit); reload it with await session.refresh(obj)`);
  }
  if (!state.session && state.hasIdentity) {
    return new DetachedInstanceError(`${what} is not loaded and the ${state.mapper.name} is detached from any session; load it before closing the session, or merge() it into one`);
  }
  const rel = state.mapper.relationships.get(key);
  if (rel) {
    const how = rel.lazy === 'raise' || state.isRaiseOnAccess(key) ? 'it is raise-on-access; use a loader option such as selectinLoad()' : `await session.load(obj, '${key}') or use a loader option such as selectinLoad()`;
    return new UnloadedAttributeError(`${what} is not loaded: ${how}`);
  }
  if (!state.hasIdentity) return new UnloadedAttributeError(`${what} has not been set on this new ${state.mapper.name}`);
  return new UnloadedAttributeError(`${what} is not loaded; await session.refresh(obj)`);
}

/** Puts the instrumented accessors of every column and relationship on a class prototype. */
export function instrument(proto: object, mapper: Mapper): void {
  for (const key of mapper.columns.keys()) {
    Object.defineProperty(proto, key, {
      enumerable: true,
      configurable: true,
      get(this: object) {
        const st = stateOf(this, mapper);
        if (key in st.dict) return st.dict[key];
        throw notLoaded(st, key);
      },
      set(this: object, v: unknown) {
        if (v === undefined) throw new ArgumentError(`${mapper.name}.${key}: undefined is not a value (use null for NULL)`);
        const st = stateOf(this, mapper);
        st.setValue(key, v);
        st.unexpire(key);
        changed(st);
      },
    });
  }
  for (const [key, rel] of mapper.relationships) {
    if (rel.writeOnly) {
      instrumentWriteOnly(proto, mapper, key, rel);
      continue;
    }
    Object.defineProperty(proto, key, {
      enumerable: true,
      configurable: true,
      get(this: object) {
        const st = stateOf(this, mapper);
        if (key in st.dict) return st.dict[key];
        // A new object has no rows behind it: its collections start empty, its references null.
        if (!st.hasIdentity) {
          const v = rel.uselist ? makeCollection(st, rel, []) : null;
          st.dict[key] = v;
          return v;
        }
        throw notLoaded(st, key);
      },
      set(this: object, v: unknown) {
        const st = stateOf(this, mapper);
        st.unexpire(key);
        if (rel.uselist) setMany(st, rel, v as object[]);
        else {
          if (v !== null && v !== undefined) checkRelated(rel, v);
          fireRelationship(rel, 'set', this, (v ?? null) as object | null);
          setOne(st, rel, (v ?? null) as object | null);
        }
      },
    });
  }
}

const writeOnlyHooks = {
  check: checkRelated,
  appended,
  removed,
  beforeAppend: (owner: { state: InstanceState; rel: Relationship }, item: object) => beforeAppend(owner, () => [item]),
  beforeRemove: (owner: { state: InstanceState; rel: Relationship }, item: object) => beforeRemove(owner, () => [item]),
};

/** The accessor of a write-only collection: always its (never loaded) WriteOnlyCollection. */
function instrumentWriteOnly(proto: object, mapper: Mapper, key: string, rel: Relationship): void {
  const get = (obj: object) => {
    const st = stateOf(obj, mapper);
    return (st.dict[key] ??= makeWriteOnly(st, rel, writeOnlyHooks)) as ReturnType<typeof makeWriteOnly>;
  };
  Object.defineProperty(proto, key, {
    enumerable: true,
    configurable: true,
    get(this: object) {
      const coll = get(this);
      return rel.spec.view ? rel.spec.view(this, coll as WriteOnlyCollection<unknown>, rel) : coll;
    },
    set(this: object, v: unknown) {
      const st = stateOf(this, mapper);
      // A new object may be given its first items (the constructor does this); afterwards only add()/remove() change it.
      if (st.hasIdentity || !Array.isArray(v)) {
        throw new ArgumentError(`${rel.name} is a write-only collection; change it with ${mapper.name}.${key}.add() and remove() (an array can only be given to a new object)`);
      }
      const coll = get(this);
      for (const o of queueOf(coll)!.added.slice()) coll.remove(o);
      coll.addAll(v as object[]);
    },
  });
}

/** The related objects an attribute holds in memory: a collection's items, a reference, or a write-only collection's queued additions. */
export function heldObjects(state: InstanceState, rel: Relationship): object[] {
  if (!(rel.key in state.dict)) return [];
  const v = state.dict[rel.key];
  if (rel.writeOnly) return [...(queueOf(v)?.added ?? [])];
  return rel.uselist ? [...(v as object[])] : v ? [v as object] : [];
}

/** Loads related objects into a relationship without firing events (loaders use this). */
export function setLoaded(state: InstanceState, rel: Relationship, value: object | null | readonly object[]): void {
  if (rel.uselist) {
    const items = value as readonly object[];
    state.dict[rel.key] = makeCollection(state, rel, items);
    state.setCommittedRelated(rel.key, [...items]);
  } else {
    state.dict[rel.key] = value;
    state.setCommittedRelated(rel.key, value ? [value as object] : []);
  }
  state.unexpire(rel.key);
  state.clearRaiseOnAccess(rel.key);
}

export { existingState };

/**
 * A class field in the user's class body (`name!: string` without `declare`) becomes an
 * own property of each instance, hiding the instrumented accessor: changes would be lost
 * silently, so it is an error when such an object enters a session.
 */
export function checkNotShadowed(state: InstanceState): void {
  const obj = state.obj;
  for (const key of Object.keys(obj)) {
    if (state.mapper.columns.has(key) || state.mapper.relationships.has(key)) {
      throw new MappingError(
        `${state.mapper.name}.${key} is hidden by a class field of the same name; write \`declare ${key}: …\` in the class body (or remove the field), since the mapping already declares it`,
      );
    }
  }
}
