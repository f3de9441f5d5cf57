/**
 * For the Query transforms: a 1.x loader option call inside `.options(…)` and its 2.0
 * spelling. A string path (L305, `selectinload('addresses.user')`) becomes attribute
 * options chained hop by hop from the query's model (`selectinLoad(User.c.addresses)
 * .selectinLoad(Address.c.user)`); the 1.x name with attributes (`joinedload(User.c.x)`)
 * becomes the 2.0 name, which a 2.0 select() takes.
 */
import { CallExpression, Node } from 'ts-morph';
import { classNameAt, classTypeOf, isIdentifierName, JoinPoint, relationshipOf } from './query-chain';
import type { TextEdit, TypedContext } from './types';

/** The 1.x loader functions with a 2.0 namesake (eagerload is L406's). */
export const LOADERS: Readonly<Record<string, string>> = { joinedload: 'joinedLoad', selectinload: 'selectinLoad' };

/** A call of a Retort legacy loader function (by any local name), with its 1.x name. */
export function legacyLoaderCall(ctx: TypedContext, n: Node): { call: CallExpression; name: string } | undefined {
  if (!Node.isCallExpression(n)) return undefined;
  const callee = n.getExpression();
  const nameNode = Node.isIdentifier(callee) ? callee : Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : undefined;
  if (!nameNode) return undefined;
  const sym = nameNode.getSymbol();
  const name = (sym?.isAlias() ? sym.getAliasedSymbol() : sym)?.getName();
  if (!name || !['joinedload', 'selectinload', 'eagerload'].includes(name) || !ctx.isLegacy(nameNode)) return undefined;
  return { call: n, name };
}

const isStringLit = (n: Node) => Node.isStringLiteral(n) || Node.isNoSubstitutionTemplateLiteral(n);

/**
 * The edit that gives a legacy loader call its 2.0 spelling, with the code it fixes
 * (`L305` for a string path, `L301` for a rename), or why it cannot be made.
 */
export function loaderFix(ctx: TypedContext, call: CallExpression, name: string, root: JoinPoint | undefined): { code: 'L305' | 'L301'; edit: TextEdit } | { code: 'L305' | 'L301'; reason: string } {
  const core = LOADERS[name];
  const args = call.getArguments();
  const strings = args.length > 0 && args.every(isStringLit);
  const code = strings ? 'L305' : 'L301';
  if (!core) return { code, reason: `${name}() is the old name of joinedload() (L406): rename it first` };
  if (!args.length || (!strings && args.some((a) => isStringLit(a) || a.getType().isString() || Node.isSpreadElement(a)))) return { code, reason: `${name}() with a path held in a variable: write the relationship attributes by hand` };
  // The import is asked for only once the rewrite is certain (asking adds it).
  const importName = () => ctx.retortName(core);
  if (!strings) {
    const fn = importName();
    return fn ? { code, edit: { start: call.getExpression().getStart(), end: call.getExpression().getEnd(), text: fn } } : { code, reason: `${core} cannot be imported here` };
  }
  const path = args.flatMap((a) => (a as Node & { getLiteralValue(): string }).getLiteralValue().split('.'));
  let point = root;
  const hops: string[] = [];
  for (const key of path) {
    if (!point?.text) return { code, reason: `${name}('${path.join('.')}'): no name of the class "${key}" leaves from is in scope here` };
    if (!isIdentifierName(key)) return { code, reason: `${name}('${path.join('.')}'): "${key}" is not a relationship name` };
    const rel = relationshipOf(point.type, key, call);
    if (!rel) return { code, reason: `${name}('${path.join('.')}'): ${point.text} has no relationship "${key}" (by its types)` };
    hops.push(`${point.text}.c.${key}`);
    const cls = classTypeOf(rel.target);
    point = cls ? { type: cls, text: classNameAt(call, rel.target) } : undefined;
  }
  const fn = importName();
  if (!fn) return { code, reason: `${core} cannot be imported here` };
  const text = hops.map((h, i) => (i === 0 ? `${fn}(${h})` : `.${core}(${h})`)).join('');
  return { code, edit: { start: call.getStart(), end: call.getEnd(), text } };
}
