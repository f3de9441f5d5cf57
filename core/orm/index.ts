/** The ORM's public API (re-exported from `retort`). */
export { declarativeBase } from './model';
export type { DeclarativeBase, ModelClass, ModelInstance, ModelAttributes, ModelInit, ModelProps, AnyModel } from './model';
export { many, one, RelationshipAttribute, RelationshipSpec } from './relationships';
export type { CascadeOption, Criterion, LoadStrategy, RelationshipOptions, RelationshipTarget } from './relationships';
export { Collection } from './attributes';
export { Registry, Mapper, Relationship } from './mapper';
export { MappingError, UnloadedAttributeError, ExpiredAttributeError, DetachedInstanceError, FlushError, StaleDataError } from './errors';
export { Session, SessionTransaction, sessionFactory } from './session';
export type { SessionOptions, PrimaryKeyValue } from './session';
export { selectinLoad, joinedLoad, raiseLoad, explicitLoad, LoaderOption } from './options';
export { withParent } from './relationships';
export { aliased } from './aliased';
export type { AliasedModel, AliasedAttributes } from './aliased';
