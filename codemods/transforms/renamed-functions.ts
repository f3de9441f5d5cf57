/**
 * L406: the old names `relation()` → `relationship()` and `eagerload()` → `joinedload()`
 * (same arguments, same result). Only calls that resolve to Retort's legacy functions
 * are renamed, whatever their local name (alias, namespace, require); a namespace call
 * keeps its namespace (`L.relation()` → `L.relationship()`). `eagerload(Model.c.rel)` with
 * one typed relationship attribute becomes 2.0's `joinedLoad(Model.c.rel)`; a string path
 * stays with the legacy `joinedload()` (strings are L305, for their own transform).
 */
import { Node } from 'ts-morph';
import { legacyName } from './legacy-binding';
import { legacyFunctionCalls } from './ts-calls';
import type { TypedTransformFn } from './types';

const RENAMES: Readonly<Record<string, string>> = { relation: 'relationship', eagerload: 'joinedload' };

export const typed: TypedTransformFn = (ctx) => {
  for (const { call, name, args } of legacyFunctionCalls(ctx, Object.keys(RENAMES))) {
    const callee = call.getExpression();
    // One relationship attribute (typed as one): the 2.0 joinedLoad() is the same option.
    if (name === 'eagerload' && args.length === 1 && args[0].getType().getSymbol()?.getName() === 'RelationshipAttribute') {
      const fn = ctx.retortName('joinedLoad');
      if (fn) {
        ctx.rewrite('L406', [{ start: callee.getStart(), end: callee.getEnd(), text: fn }]);
        continue;
      }
    }
    const to = RENAMES[name];
    if (Node.isPropertyAccessExpression(callee)) {
      // The namespace must have the new name too (a module re-exporting a part of the shim may not).
      const prop = callee.getExpression().getType().getProperty(to);
      if (!prop?.getDeclarations().some((d) => ctx.isLegacyDeclaration(d))) {
        ctx.manual(call, 'L406', `${callee.getExpression().getText()} has no ${to}(): import ${to} from 'retort/legacy' and call it instead of ${name}()`);
        continue;
      }
      const n = callee.getNameNode();
      ctx.rewrite('L406', [{ start: n.getStart(), end: n.getEnd(), text: to }]);
      continue;
    }
    const local = legacyName(ctx, to);
    if (!local) {
      ctx.manual(call, 'L406', `${to}() cannot be imported from 'retort/legacy' into this file: rename ${name}() to ${to}() by hand`);
      continue;
    }
    ctx.rewrite('L406', [{ start: callee.getStart(), end: callee.getEnd(), text: local }]);
  }
};
