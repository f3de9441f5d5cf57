/**
 * A joined eager load of a collection in a 1.x Query's `options()` (L309, a person's job):
 * `joinedload('addresses')`, `eagerload(…)` or 2.0's `joinedLoad(User.c.addresses)` where the
 * relationship is a collection by the types of a typed model. needs-human reports it; the
 * Query transforms leave such a chain as it is, so the site stays where a person finds it.
 * (For the untyped 1.x classes, whose types say nothing, needs-human reads the declarations.)
 */
import { Node, Type } from 'ts-morph';
import type { TypedContext } from './types';

const JOINED = new Set(['joinedload', 'eagerload', 'joinedLoad']);

/** The loader function a call is (`joinedload` of the shim, `joinedLoad` of 2.0), by any local name. */
function joinedLoaderName(ctx: TypedContext, call: Node): string | undefined {
  if (!Node.isCallExpression(call)) return undefined;
  const callee = call.getExpression();
  const nameNode = Node.isIdentifier(callee) ? callee : Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : undefined;
  if (!nameNode) return undefined;
  const sym = nameNode.getSymbol();
  const name = (sym?.isAlias() ? sym.getAliasedSymbol() : sym)?.getName();
  if (!name || !JOINED.has(name)) return undefined;
  // The 2.0 name is Retort's when its argument is a relationship attribute; the 1.x names must be the shim's.
  if (name === 'joinedLoad') return call.getArguments()[0]?.getType().getSymbol()?.getName() === 'RelationshipAttribute' ? name : undefined;
  return ctx.isLegacy(nameNode) ? name : undefined;
}

/** Whether a relationship attribute's type (`RelationshipAttribute<T, V>`) holds a collection (`V` an array). */
function attributeIsCollection(attr: Type, site: Node): boolean {
  const value = attr.getProperty('__value')?.getTypeAtLocation(site);
  return !!value && value.isArray();
}

/**
 * `Model.key` when `option` (an argument of a Query's `options()` on a query of `entity`,
 * the class type of its one model, if it has one) is a joined eager load of a collection
 * by the types; undefined when it is not one or the types do not say.
 */
export function typedJoinedCollection(ctx: TypedContext, option: Node, entity: Type | undefined): { loader: string; what: string } | undefined {
  const loader = joinedLoaderName(ctx, option);
  if (!loader || !Node.isCallExpression(option)) return undefined;
  const first = option.getArguments()[0];
  if (!first) return undefined;
  if (Node.isStringLiteral(first) || Node.isNoSubstitutionTemplateLiteral(first)) {
    const key = first.getLiteralValue().split('.')[0];
    const attr = entity?.getProperty('c')?.getTypeAtLocation(option).getProperty(key)?.getTypeAtLocation(option);
    if (!attr || attr.getSymbol()?.getName() !== 'RelationshipAttribute' || !attributeIsCollection(attr, option)) return undefined;
    return { loader, what: `${entity!.getSymbol()?.getName() ?? 'the model'}.${key}` };
  }
  const t = first.getType();
  if (t.getSymbol()?.getName() !== 'RelationshipAttribute' || !attributeIsCollection(t, option)) return undefined;
  return { loader, what: first.getText().replace(/\.c\./, '.') };
}

/** Whether a Query chain's `options()` steps hold a joined eager load of a collection (by the types). */
export function loadsJoinedCollection(ctx: TypedContext, options: readonly Node[], entity: Type | undefined): boolean {
  return options.some((o) => typedJoinedCollection(ctx, o, entity) !== undefined);
}
