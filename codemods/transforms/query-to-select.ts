/**
 * L301: a Query chain run where it is written → the 2.0 select() run by the session:
 * `await session.query(User).filter(c).orderBy(o).all()` →
 * `(await session.scalars(select(User).where(c).orderBy(o))).all()`. A query of one model
 * runs through `scalars()` (objects), of several items through `execute()` (rows);
 * `first()` gets the `LIMIT 1` it had (not when a joined collection may load, where 1.x
 * read every row); `scalar()` is the first column of at most one row, `oneOrNone()`. A chain
 * that is not awaited keeps its promise: `.then((result) => result.all())`. Legacy joins and
 * loader options in the chain are fixed as their own sites (L304, L305). A query kept in a
 * variable or passed around is reported. A chain holding a site of a person's code — a
 * joined eager load of a collection (L309), `fromSelf()` (L306) — is left as it is without
 * a report of its own: needs-human reports that site, and the codemod can take the chain
 * once it is fixed. A Query of a dynamic collection (`supplier.orders.filterBy(…).all()`)
 * becomes a select() of the related rows with `withParent()`, run by the session the parent
 * provably belongs to (dynamic-chain.ts, parent-session.ts), and is reported otherwise.
 */

import { Node, Type } from 'ts-morph';
import { dynamicChain } from './dynamic-chain';
import { loadsJoinedCollection } from './joined-collections';
import { awaitAround, ChainStep, isClassType, QueryChain, queryChain } from './query-chain';
import { convertSteps } from './query-select-steps';
import { legacyMethodCalls, MethodCall } from './ts-calls';
import type { TextEdit, TypedContext, TypedTransformFn } from './types';

const TERMINALS = ['all', 'first', 'one', 'oneOrNone', 'scalar'];

/** Whether a joined eager load of a collection may run (then 1.x `first()` added no LIMIT); `models` are the class types selected. */
function mayLoadJoined(steps: readonly ChainStep[], models: readonly Type[]): boolean {
  if (steps.some((s) => s.method === 'options' && /joined|eager/i.test(s.args.map((a) => a.getText()).join(' ')))) return true;
  // A relationship's default strategy is not in its type: look at where each selected model is declared.
  return models.some((t) => {
    const decls = t.getSymbol()?.getDeclarations() ?? [];
    return decls.length === 0 || decls.some((d) => /\bjoined\b/.test(d.getSourceFile().getFullText()));
  });
}

/** The edits closing a select() run around `receiver` with the terminal call `t` (its result method, a LIMIT 1 for first()). */
function runEdits(t: MethodCall, limit: string): TextEdit[] {
  const method = t.method === 'scalar' ? 'oneOrNone' : t.method;
  const awaited = awaitAround(t.call);
  if (awaited) {
    return [
      { start: awaited.getStart(), end: awaited.getStart(), text: '(' },
      { start: t.receiver.getEnd(), end: t.call.getEnd(), text: `${limit})).${method}()` },
    ];
  }
  return [{ start: t.receiver.getEnd(), end: t.call.getEnd(), text: `${limit}).then((result) => result.${method}())` }];
}

/**
 * A Query of a dynamic collection whose parent's session is named here becomes the select()
 * of the related rows run by that session; true when the chain is one (rewritten or reported).
 */
function rewriteDynamic(ctx: TypedContext, t: MethodCall): boolean {
  const chain = dynamicChain(ctx, t.receiver);
  if (chain === undefined) return false;
  if (typeof chain === 'string') {
    ctx.manual(t.call, 'L301', chain);
    return true;
  }
  const options = chain.steps.filter((s) => s.method === 'options').flatMap((s) => s.args);
  if (loadsJoinedCollection(ctx, options, chain.start.type)) return true;
  const conv = convertSteps(ctx, { items: [], steps: chain.steps, entity: true }, chain.start);
  if (typeof conv === 'string') {
    ctx.manual(t.call, 'L301', conv);
    return true;
  }
  const select = ctx.retortName('select');
  const withParent = ctx.retortName('withParent');
  if (!select || !withParent) {
    ctx.manual(t.call, 'L301', 'select or withParent cannot be imported here');
    return true;
  }
  const limit = t.method === 'first' && !mayLoadJoined(chain.steps, [chain.start.type]) ? '.limit(1)' : '';
  const head = { start: chain.root.getStart(), end: chain.root.getEnd(), text: chain.head(select, withParent) };
  for (const f of conv.fixes) ctx.rewrite(f.code, f.edits);
  ctx.rewrite('L301', [head, ...conv.edits, ...runEdits(t, limit)]);
  return true;
}

/** Whether a Query value is built through the shim's `fromSelf()`. */
function throughFromSelf(ctx: TypedContext, receiver: Node): boolean {
  for (let n: Node = receiver; Node.isCallExpression(n) || Node.isParenthesizedExpression(n); ) {
    if (Node.isParenthesizedExpression(n)) {
      n = n.getExpression();
      continue;
    }
    const access = n.getExpression();
    if (!Node.isPropertyAccessExpression(access)) return false;
    if (access.getName() === 'fromSelf' && ctx.isLegacy(access.getNameNode(), ['LegacyQuery'])) return true;
    n = access.getExpression();
  }
  return false;
}

/** The edits turning `chain` + its run into a select() run by the session, or why not. */
export function selectRun(ctx: TypedContext, chain: QueryChain, runner: 'scalars' | 'execute'): { edits: TextEdit[]; fixes: { code: string; edits: TextEdit[] }[] } | string {
  const conv = convertSteps(ctx, chain);
  if (typeof conv === 'string') return conv;
  const select = ctx.retortName('select');
  if (!select) return 'select cannot be imported here';
  const name = chain.query.access.getNameNode();
  return { edits: [...conv.edits, { start: name.getStart(), end: name.getEnd(), text: `${runner}(${select}` }], fixes: conv.fixes };
}

export const typed: TypedTransformFn = (ctx) => {
  for (const t of legacyMethodCalls(ctx, TERMINALS, ['LegacyQuery'], 'L301')) {
    if (t.args.length) continue;
    const chain = queryChain(ctx, t.receiver);
    if (typeof chain === 'string') {
      if (rewriteDynamic(ctx, t)) continue;
      // A chain through fromSelf() is the L306 site needs-human reports: that report stands for the chain.
      if (!throughFromSelf(ctx, t.receiver)) ctx.manual(t.call, 'L301', chain);
      continue;
    }
    // A joined eager load of a collection is an L309 site (needs-human reports it): whether its rows
    // are de-duplicated is a person's decision, so the chain stays a Query until it is made.
    const options = chain.steps.filter((s) => s.method === 'options').flatMap((s) => s.args);
    if (loadsJoinedCollection(ctx, options, chain.entity ? chain.items[0].getType() : undefined)) continue;
    const runner = t.method === 'scalar' || chain.entity ? 'scalars' : 'execute';
    const run = selectRun(ctx, chain, runner);
    if (typeof run === 'string') {
      ctx.manual(t.call, 'L301', run);
      continue;
    }
    const models = chain.items.map((i) => i.getType()).filter(isClassType);
    const limit = t.method === 'first' && !mayLoadJoined(chain.steps, models) ? '.limit(1)' : '';
    for (const f of run.fixes) ctx.rewrite(f.code, f.edits);
    ctx.rewrite('L301', [...run.edits, ...runEdits(t, limit)]);
  }
};
