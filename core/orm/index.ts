/**
 * The ORM's public API (re-exported from `retort`): declarative models, the Session (unit
 * of work, identity map), relationships and loader options. Design: docs/decisions/orm-model-declaration.md.
 *
 * @example
 * const Base = declarativeBase();
 * class User extends Base.model('users', {
 *   id: column(integer(), { primaryKey: true }),
 *   name: column(string(50), { nullable: false }),
 *   addresses: many<Address>('Address', { backPopulates: 'user', cascade: 'all, delete-orphan' }),
 * }) {}
 * class Address extends Base.model('addresses', {
 *   id: column(integer(), { primaryKey: true }),
 *   userId: column(integer(), { name: 'user_id', nullable: false, references: foreignKey('users.id') }),
 *   email: column(string(120), { nullable: false }),
 *   user: one<User>('User', { backPopulates: 'addresses' }),
 * }) {}
 * Base.register(User, Address);
 *
 * const session = new Session(engine);
 * session.add(new User({ name: 'ada', addresses: [new Address({ email: 'ada@example.org' })] }));
 * await session.commit(); // INSERT users … RETURNING id; INSERT addresses …; COMMIT
 * const users = (await session.scalars(
 *   select(User).where(User.c.addresses.any(Address.c.email.like('%@example.org'))).options(selectinLoad(User.c.addresses)),
 * )).all(); // User[], each with .addresses loaded
 */
export { declarativeBase } from './model';
export type { DeclarativeBase, ModelClass, ModelInstance, ModelAttributes, ModelInit, ModelProps, AnyModel } from './model';
export { many, one, writeOnly, RelationshipAttribute, RelationshipSpec } from './relationships';
export { WriteOnlyCollection } from './write-only';
export type { EntityOf, NeverLoaded } from './write-only';
export type { CascadeOption, Criterion, LoadStrategy, RelationshipOptions, RelationshipTarget, WriteOnlyOptions } from './relationships';
export { Collection } from './attributes';
export { Registry, Mapper, Relationship } from './mapper';
export { MappingError, UnloadedAttributeError, ExpiredAttributeError, DetachedInstanceError, FlushError, StaleDataError } from './errors';
export { Session, SessionTransaction } from './session';
export { sessionFactory } from './session-factory';
export { objectSession } from './session';
export { listenRelationship } from './events';
export type { RelationshipEvent, RelationshipEventName, RelationshipListener } from './events';
export type { SessionOptions, PrimaryKeyValue } from './session';
export { selectinLoad, joinedLoad, raiseLoad, explicitLoad, LoaderOption } from './options';
export { withParent } from './relationships';
export { aliased } from './aliased';
export type { AliasedModel, AliasedAttributes } from './aliased';
