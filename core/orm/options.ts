/**
 * Loader options: per-statement choices of how relationships load, overriding the
 * relationship's default (`lazy`). Chained calls load deeper paths.
 */
import { ArgumentError } from '../errors';
import type { StatementOption } from '../sql/protocol';
import { RelationshipAttribute, LoadStrategy } from './relationships';

/** A relationship a loader option can name: any but a write-only collection (which is never loaded). */
export type LoadableAttribute = RelationshipAttribute<any, any> & { readonly __writeOnly: false };

/** One loader choice for a path of relationships from the statement's entity. */
export class LoaderOption implements StatementOption {
  readonly optionKind = 'orm-loader';
  constructor(
    readonly path: readonly { readonly attr: RelationshipAttribute<unknown, unknown>; readonly strategy: LoadStrategy }[],
  ) {}
  /** Then load the next relationship, of the objects this one loaded, with select-in. */
  selectinLoad(attr: LoadableAttribute): LoaderOption {
    return this.then(attr, 'selectin');
  }
  joinedLoad(attr: LoadableAttribute): LoaderOption {
    return this.then(attr, 'joined');
  }
  raiseLoad(attr: LoadableAttribute): LoaderOption {
    return this.then(attr, 'raise');
  }
  private then(attr: RelationshipAttribute<any, any>, strategy: LoadStrategy): LoaderOption {
    return new LoaderOption([...this.path, { attr: check(attr, strategy), strategy }]);
  }
}

function check(attr: unknown, strategy: string): RelationshipAttribute<unknown, unknown> {
  if (!(attr instanceof RelationshipAttribute)) throw new ArgumentError(`${strategy}Load() takes a relationship attribute such as User.c.addresses`);
  if (attr._mapper.relationship(attr.key).writeOnly) {
    throw new ArgumentError(`${strategy}Load(${attr._mapper.name}.c.${attr.key}): a write-only collection is never loaded; read it with obj.${attr.key}.select()`);
  }
  return attr;
}

/**
 * Loads a relationship for every object of the query with one more `SELECT … WHERE key IN (…)`.
 * @example await session.scalars(select(User).options(selectinLoad(User.c.addresses)))
 */
export function selectinLoad(attr: LoadableAttribute): LoaderOption {
  return new LoaderOption([{ attr: check(attr, 'selectin'), strategy: 'selectin' }]);
}

/**
 * Loads a relationship in the same query with a LEFT OUTER JOIN. Collections repeat the
 * parent rows; the ORM result de-duplicates entities (call `.unique()` on rows of tuples).
 * @example await session.scalars(select(Address).options(joinedLoad(Address.c.user)))
 */
export function joinedLoad(attr: LoadableAttribute): LoaderOption {
  return new LoaderOption([{ attr: check(attr, 'joined'), strategy: 'joined' }]);
}

/** Makes reading the relationship throw (and `session.load()` refuse) for objects of this query. */
export function raiseLoad(attr: LoadableAttribute): LoaderOption {
  return new LoaderOption([{ attr: check(attr, 'raise'), strategy: 'raise' }]);
}

/** Leaves the relationship unloaded (explicit loading) even when its default is eager. */
export function explicitLoad(attr: LoadableAttribute): LoaderOption {
  return new LoaderOption([{ attr: check(attr, 'explicit'), strategy: 'explicit' }]);
}
