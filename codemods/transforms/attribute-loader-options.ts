/**
 * L305: loader options by string path → attribute options: inside a Query's `options()`,
 * `selectinload('addresses.user')` → `selectinLoad(User.c.addresses).selectinLoad(Address.c.user)`
 * (the path starts where 1.x resolved it: the query's model); `withParent(obj, 'addresses')` →
 * `withParent(obj, User.c.addresses)` from the class of `obj`. A path that cannot be followed
 * through the types, or an option made away from a query chain, is reported.
 */
import { CallExpression, Node } from 'ts-morph';
import { ChainStep, classNameAt, classTypeOf, joinFixes, JoinPoint, queryChain, relationshipOf, startPoint } from './query-chain';
import { loaderFix } from './query-loader-paths';
import { legacyFunctionCalls } from './ts-calls';
import type { TypedContext, TypedTransformFn } from './types';

const isStringLit = (n: Node) => Node.isStringLiteral(n) || Node.isNoSubstitutionTemplateLiteral(n);

/** Where a loader option given to `options(…)` of a Query chain starts, or why it cannot be known. */
function rootOf(ctx: TypedContext, option: CallExpression): JoinPoint | string {
  const parent = option.getParent();
  const access = parent && Node.isCallExpression(parent) ? parent.getExpression() : undefined;
  if (!parent || !Node.isCallExpression(parent) || !access || !Node.isPropertyAccessExpression(access) || access.getName() !== 'options' || !ctx.isLegacy(access.getNameNode(), ['LegacyQuery']))
    return 'a loader option by name made away from a query: write the relationship attribute by hand';
  const chain = queryChain(ctx, parent);
  if (typeof chain === 'string') return chain.replace('rewrite it to select() by hand', 'write the relationship attributes by hand');
  if (chain.entity) return startPoint(chain.items) ?? 'the query has no model';
  const points = new Map<ChainStep, JoinPoint | undefined>();
  joinFixes(chain.items, chain.steps, points);
  return points.get(chain.steps[chain.steps.length - 1]) ?? 'the query has no model to start the path from';
}

export const typed: TypedTransformFn = (ctx) => {
  for (const { call, name } of legacyFunctionCalls(ctx, ['joinedload', 'selectinload', 'eagerload'])) {
    const loader = { call, name };
    const args = call.getArguments();
    if (!args.length || !args.every(isStringLit)) continue;
    if (loader.name === 'eagerload') {
      ctx.manual(call, 'L305', "eagerload() by name: it is joinedload() (L406); name the relationship attribute, as joinedLoad(Model.c.name)");
      continue;
    }
    const root = rootOf(ctx, call);
    if (typeof root === 'string') {
      ctx.manual(call, 'L305', root);
      continue;
    }
    const fix = loaderFix(ctx, call, loader.name, root);
    if ('reason' in fix) ctx.manual(call, 'L305', fix.reason);
    else ctx.rewrite('L305', [fix.edit]);
  }
  for (const { call, args } of legacyFunctionCalls(ctx, ['withParent'])) {
    const [obj, name] = args;
    if (!obj || !name || !isStringLit(name)) continue;
    const key = name.getText().slice(1, -1);
    const cls = classTypeOf(obj.getType().getNonNullableType());
    const text = classNameAt(call, obj.getType().getNonNullableType());
    if (!cls || !text || !relationshipOf(cls, key, call)) {
      ctx.manual(call, 'L305', `withParent(obj, '${key}'): the class of the object or its relationship "${key}" is not known here; write the attribute by hand`);
      continue;
    }
    ctx.rewrite('L305', [{ start: name.getStart(), end: name.getEnd(), text: `${text}.c.${key}` }]);
  }
};
