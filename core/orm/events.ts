/**
 * Attribute events of relationships: functions called before a relationship of an object is
 * set, appended to or removed from by application code (not by loading, and not by the
 * in-memory mirroring of a back-populated side). A listener that throws cancels the change.
 *
 * @example
 * const stop = listenRelationship(Address.c.user, 'set', ({ target, value }) => audit(target, value));
 * address.user = ada; // audit(address, ada), then the assignment
 * stop();
 */
import { ArgumentError } from '../errors';
import type { Relationship } from './mapper';
import { RelationshipAttribute } from './relationships';

/** `set`: a single-object relationship is assigned · `append` / `remove`: an object enters or leaves a collection (also a write-only one). */
export type RelationshipEventName = 'set' | 'append' | 'remove';

export interface RelationshipEvent {
  readonly name: RelationshipEventName;
  /** The object whose relationship changes. */
  readonly target: object;
  /** The object set, appended or removed (`null` when a reference is set to null). */
  readonly value: object | null;
  /** The relationship attribute that changes (`Address.c.user`). */
  readonly attribute: RelationshipAttribute<unknown, unknown>;
}

export type RelationshipListener = (event: RelationshipEvent) => void;

const listeners = new WeakMap<Relationship, Map<RelationshipEventName, RelationshipListener[]>>();

/**
 * Calls `fn` before each `event` on `attribute`, for every object of its class. Returns a
 * function that removes the listener.
 */
export function listenRelationship(attribute: RelationshipAttribute<any, any>, event: RelationshipEventName, fn: RelationshipListener): () => void {
  if (!(attribute instanceof RelationshipAttribute)) throw new ArgumentError('listenRelationship() takes a relationship attribute such as User.c.addresses');
  if (event !== 'set' && event !== 'append' && event !== 'remove') throw new ArgumentError(`listenRelationship(): unknown event ${JSON.stringify(event)} (set, append or remove)`);
  if (typeof fn !== 'function') throw new ArgumentError('listenRelationship() needs a listener function');
  const rel = attribute._rel;
  if (event === 'set' ? rel.uselist : !rel.uselist) throw new ArgumentError(`listenRelationship(${rel.name}, '${event}'): ${rel.uselist ? 'a collection is appended to and removed from, not set' : 'a single-object relationship is set'}`);
  let byName = listeners.get(rel);
  if (!byName) listeners.set(rel, (byName = new Map()));
  const list = byName.get(event) ?? [];
  byName.set(event, [...list, fn]);
  return () => {
    const now = byName!.get(event) ?? [];
    byName!.set(event, now.filter((f) => f !== fn));
  };
}

/** @internal whether anything listens to `name` on `rel` (so callers can skip working out the event). */
export function hasRelationshipListeners(rel: Relationship, name: RelationshipEventName): boolean {
  return (listeners.get(rel)?.get(name)?.length ?? 0) > 0;
}

/** @internal calls the listeners of a change about to be made. */
export function fireRelationship(rel: Relationship, name: RelationshipEventName, target: object, value: object | null): void {
  const fns = listeners.get(rel)?.get(name);
  if (!fns?.length) return;
  const event: RelationshipEvent = { name, target, value, attribute: new RelationshipAttribute(rel.parent, rel.key) };
  for (const fn of fns) fn(event);
}
