/**
 * The 1.x loader options: `joinedload('addresses')` / `selectinload('addresses.user')` by
 * string path (L305), and the old alias `eagerload()` (L406). A string path cannot be
 * resolved until the query says which entity it starts from, so it stays a
 * `LegacyPathOption` until `query.options()` turns it into the 2.0 `LoaderOption`.
 */
import { AnyModel, ArgumentError, ColumnElement, LoaderOption, LoadStrategy, RelationshipAttribute, withParent as coreWithParent } from '../core/index';
import { legacyWarn } from './warnings';

/** A loader option given by string path (L305), resolved against a query's entity. */
export class LegacyPathOption {
  constructor(
    readonly path: readonly string[],
    readonly strategy: LoadStrategy,
  ) {}

  /** The 2.0 option for this path, starting from `root`. */
  resolve(root: AnyModel): LoaderOption {
    let model: AnyModel = root;
    const steps: { attr: RelationshipAttribute<unknown, unknown>; strategy: LoadStrategy }[] = [];
    for (const key of this.path) {
      const attr = relationshipAttribute(model, key, `${this.strategy === 'joined' ? 'joinedload' : 'selectinload'}('${this.path.join('.')}')`);
      steps.push({ attr, strategy: this.strategy });
      model = targetModel(attr);
    }
    return new LoaderOption(steps);
  }
}

/** `Model.c[key]` as a relationship attribute, or an error naming the model's relationships. */
export function relationshipAttribute(model: AnyModel, key: string, what: string): RelationshipAttribute<unknown, unknown> {
  const attrs = model.c as Record<string, unknown>;
  const attr = attrs[key];
  if (!(attr instanceof RelationshipAttribute)) {
    const rels = Object.keys(attrs).filter((k) => attrs[k] instanceof RelationshipAttribute);
    throw new ArgumentError(`${what}: ${(model as { name?: string }).name} has no relationship "${key}" (relationships: ${rels.join(', ') || 'none'})`);
  }
  return attr;
}

/** The class a relationship attribute leads to. */
export function targetModel(attr: RelationshipAttribute<unknown, unknown>): AnyModel {
  return attr._rel.target.cls as unknown as AnyModel;
}

function loader(name: string, strategy: LoadStrategy, args: unknown[]): LegacyPathOption | LoaderOption {
  if (args.length === 0) throw new ArgumentError(`${name}() needs a relationship: ${name}(User.c.addresses)`);
  if (args.every((a) => typeof a === 'string')) {
    legacyWarn('L305');
    const path = (args as string[]).flatMap((a) => a.split('.'));
    if (path.some((p) => p.length === 0)) throw new ArgumentError(`${name}(): empty name in the path ${JSON.stringify(args.join('.'))}`);
    return new LegacyPathOption(path, strategy);
  }
  if (!args.every((a) => a instanceof RelationshipAttribute)) throw new ArgumentError(`${name}() takes relationship attributes such as User.c.addresses, or (1.x) names`);
  const attrs = args as RelationshipAttribute<unknown, unknown>[];
  return new LoaderOption(attrs.map((attr) => ({ attr, strategy })));
}

/**
 * The 1.x `joinedload()`: an attribute (the 2.0 `joinedLoad()`), or a string path (L305),
 * dotted (`'addresses.user'`) or as several names.
 * @example session.query(User).options(joinedload('addresses')) // L305
 */
export function joinedload(...attrs: RelationshipAttribute<any, any>[]): LoaderOption;
export function joinedload(...path: string[]): LegacyPathOption;
export function joinedload(...path: (string | RelationshipAttribute<any, any>)[]): LegacyPathOption | LoaderOption;
export function joinedload(...path: (string | RelationshipAttribute<any, any>)[]): LegacyPathOption | LoaderOption {
  return loader('joinedload', 'joined', path);
}

/** The 1.x `selectinload()`: an attribute (the 2.0 `selectinLoad()`), or a string path (L305). */
export function selectinload(...attrs: RelationshipAttribute<any, any>[]): LoaderOption;
export function selectinload(...path: string[]): LegacyPathOption;
export function selectinload(...path: (string | RelationshipAttribute<any, any>)[]): LegacyPathOption | LoaderOption;
export function selectinload(...path: (string | RelationshipAttribute<any, any>)[]): LegacyPathOption | LoaderOption {
  return loader('selectinload', 'selectin', path);
}

/**
 * L406: the old name of `joinedload()`.
 * @example session.query(User).options(eagerload(User.c.addresses)) // L406
 */
export function eagerload(...attrs: RelationshipAttribute<any, any>[]): LoaderOption;
export function eagerload(...path: string[]): LegacyPathOption;
export function eagerload(...path: (string | RelationshipAttribute<any, any>)[]): LegacyPathOption | LoaderOption;
export function eagerload(...path: (string | RelationshipAttribute<any, any>)[]): LegacyPathOption | LoaderOption {
  legacyWarn('L406');
  const opt = loader('eagerload', 'joined', path);
  madeByOldAlias.add(opt);
  return opt;
}

/** Options made by `eagerload()` (L406): made before any session is known, refused by a future one where it is given them. */
const madeByOldAlias = new WeakSet<object>();

/**
 * A future session (or a session on a future engine) refuses options made by the old alias
 * `eagerload()` (L406) where the query or statement is given to it: the option was made
 * before the session was known.
 */
export function refuseOldAliases(opts: readonly unknown[], future: boolean): void {
  if (!future) return;
  if (opts.some((o) => typeof o === 'object' && o !== null && madeByOldAlias.has(o))) legacyWarn('L406', { future: true });
}

/** Marks the option a string path resolved to as made by `eagerload()` when the path was. */
export function carryOldAlias(from: LegacyPathOption, to: LoaderOption): LoaderOption {
  if (madeByOldAlias.has(from)) madeByOldAlias.add(to);
  return to;
}

/**
 * `withParent(obj, User.c.addresses)` as in 2.0, or with the relationship by name (L305).
 * @example select(Address).where(withParent(ada, 'addresses')) // L305
 */
export function withParent<P extends object>(parent: P, attr: RelationshipAttribute<any, any> | string): ColumnElement<boolean> {
  if (typeof attr === 'string') {
    legacyWarn('L305');
    const model = (parent as object | null)?.constructor as AnyModel | undefined;
    if (!model || !('c' in model)) throw new ArgumentError(`withParent(obj, '${attr}'): the object is not a mapped object`);
    attr = relationshipAttribute(model, attr, `withParent(obj, '${attr}')`);
  }
  return coreWithParent(parent, attr);
}
