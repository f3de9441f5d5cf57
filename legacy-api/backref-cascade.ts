/**
 * L403: cascading an object into the session along a backref. In 1.x, attaching an object
 * that is not in a session (transient or detached) to one that is, through a relationship
 * whose other side cascades save-update (`pet.owner = owner` with `Owner.pets`), added it to
 * that session at once. 2.0 does not: the object enters a session when it is added, or at
 * flush through a loaded collection that holds it.
 *
 * The shim listens to the relationships of the classes it maps (declarative 1.x classes and
 * `mapper()`) through Core's relationship events. On a 1.x Session it cascades and warns;
 * in error mode it throws before the change; on a future session, or a 2.0 one, it does
 * nothing (2.0 behaviour). Why: docs/decisions/legacy-backref-cascade.md.
 */
import { listenRelationship, objectSession, RelationshipAttribute, RelationshipEvent } from '../core/index';
import { legacyWarn } from './warnings';

/** Installs the 1.x backref cascade on the relationship `key` of a class mapped by the shim. */
export function installBackrefCascade(attr: RelationshipAttribute<unknown, unknown>): void {
  listenRelationship(attr, attr._rel.uselist ? 'append' : 'set', cascadeAlongBackref);
}

function cascadeAlongBackref(event: RelationshipEvent): void {
  const { target, value } = event;
  if (!value) return;
  const back = event.attribute._rel.backref;
  if (!back || !back.cascade.has('save-update')) return;
  const session = objectSession(value);
  if (!session || objectSession(target)) return;
  // A 1.x Session has a boolean `future`; a 2.0 Session (or a future one) keeps the 2.0 behaviour.
  const future = (session as { future?: unknown }).future;
  if (future !== false) return;
  legacyWarn('L403', { throughCore: true });
  session.add(target);
}
