/**
 * For query-to-select (L301): a Query of a dynamic collection — the shim's appender query,
 * `supplier.orders.filterBy({ status }).orderBy(PurchaseOrder.c.id).all()` — read into its
 * parts. The appender query is `select(PurchaseOrder)` limited to the parent's rows (the
 * write-only collection's select()) run by the parent's session, so in 2.0 it is
 * `session.scalars(select(PurchaseOrder).where(withParent(supplier, Supplier.c.orders))…)`
 * when that session is provably a variable at hand (parent-session.ts). A relationship
 * declared with an `orderBy` of its own (which the appender query puts first) or with
 * options that cannot be read is left as it is. Design: docs/decisions/legacy-typed-dynamic.md.
 */
import { Node, PropertyAccessExpression, Type } from 'ts-morph';
import { BUILDERS, ChainStep, classNameAt, classTypeOf, isIdentifierName, JoinPoint, relationshipOf } from './query-chain';
import { parentSession } from './parent-session';
import type { TypedContext } from './types';

/** A Query chain on a dynamic collection, up to (not including) the call that runs it. */
export interface DynamicChain {
  /** `parent.key`, the appender query. */
  readonly root: PropertyAccessExpression;
  /** The builder calls in order, from the one on the collection outwards. */
  readonly steps: ChainStep[];
  /** The related model class, where `join('name')` and loader options start from. */
  readonly start: JoinPoint;
  /**
   * The text replacing `root`, given the local names of `select` and `withParent`:
   * `session.scalars(select(T).where(withParent(parent, P.c.key))` (the call left open for the builders).
   */
  head(select: string, withParent: string): string;
}

/** Whether `t` is the shim's AppenderQuery (the type of a dynamic collection attribute). */
function isAppenderQuery(ctx: TypedContext, t: Type): boolean {
  const alias = t.getAliasSymbol();
  return alias?.getName() === 'AppenderQuery' && alias.getDeclarations().some((d) => ctx.isLegacyDeclaration(d));
}

/** Why the declaration of the relationship does not give the rows in the order the select() would, or undefined when it does. */
function declarationProblem(ctx: TypedContext, parentInstance: Type, key: string): string | undefined {
  const decls = parentInstance.getProperty(key)?.getDeclarations() ?? [];
  const decl = decls.find((d) => Node.isPropertyAssignment(d));
  const call = decl && Node.isPropertyAssignment(decl) ? decl.getInitializer() : undefined;
  const what = `the dynamic relationship ${key}`;
  if (!call || !Node.isCallExpression(call)) return `${what}: its declaration is not found, so its options (an orderBy of its own) are not known`;
  const callee = call.getExpression();
  if (!Node.isIdentifier(callee) || !ctx.isLegacy(callee)) return `${what} is not declared with dynamic()`;
  const [, options, ...rest] = call.getArguments();
  if (rest.length) return `${what}: its declaration has arguments that are not read here`;
  if (!options) return undefined;
  if (!Node.isObjectLiteralExpression(options)) return `${what}: its options are not written out, so an orderBy of its own is not known`;
  for (const p of options.getProperties()) {
    if (!(Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p)) || Node.isComputedPropertyName(p.getNameNode())) return `${what}: its options are not written out, so an orderBy of its own is not known`;
    if (p.getName() === 'orderBy' || p.getName() === "'orderBy'" || p.getName() === '"orderBy"')
      return `${what} has an orderBy of its own, which the dynamic query sorts by first: write the select() with that order by hand`;
  }
  return undefined;
}

/**
 * The dynamic collection chain `receiver` is (a Query value), or why it cannot become a
 * select(); undefined when it is not built on a dynamic collection at all.
 */
export function dynamicChain(ctx: TypedContext, receiver: Node): DynamicChain | string | undefined {
  const steps: ChainStep[] = [];
  let n: Node = receiver;
  for (;;) {
    while (Node.isParenthesizedExpression(n)) n = n.getExpression();
    if (!Node.isCallExpression(n)) break;
    const access = n.getExpression();
    if (!Node.isPropertyAccessExpression(access) || access.hasQuestionDotToken() || n.hasQuestionDotToken()) return undefined;
    const method = access.getName();
    if (!BUILDERS.has(method) || !ctx.isLegacy(access.getNameNode(), ['LegacyQuery'])) return undefined;
    steps.push({ call: n, access, method, args: n.getArguments() });
    n = access.getExpression();
  }
  if (!Node.isPropertyAccessExpression(n) || !isAppenderQuery(ctx, n.getType())) return undefined;
  steps.reverse();
  const root = n;
  if (root.hasQuestionDotToken()) return 'a dynamic collection read through ?.: rewrite it by hand';
  const parent = root.getExpression();
  const key = root.getName();
  if (!Node.isIdentifier(parent)) return `the dynamic collection's parent (${parent.getText()}) is not a variable, so the session it belongs to is not named here`;
  const parentInstance = parent.getType().getNonNullableType();
  const parentClass = classTypeOf(parentInstance);
  const rel = parentClass && isIdentifierName(key) ? relationshipOf(parentClass, key, root) : undefined;
  if (!rel) return `${parent.getText()}.${key} is not a relationship of a typed model (by its types)`;
  const parentName = classNameAt(root, parentInstance);
  const targetName = classNameAt(root, rel.target);
  const targetClass = classTypeOf(rel.target);
  if (!parentName || !targetName || !targetClass) return `no name of ${parentName ? 'the related class' : "the parent's class"} is in scope here`;
  const problem = declarationProblem(ctx, parentInstance, key);
  if (problem) return problem;
  const session = parentSession(ctx, parent, root);
  if (typeof session === 'string') return `${session}: the dynamic query runs on the parent's session`;
  return {
    root,
    steps,
    start: { type: targetClass, text: targetName },
    head: (select, withParent) => `${session.session}.scalars(${select}(${targetName}).where(${withParent}(${parent.getText()}, ${parentName}.c.${key}))`,
  };
}
