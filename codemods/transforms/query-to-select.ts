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
 * once it is fixed.
 */

import { Node } from 'ts-morph';
import { loadsJoinedCollection } from './joined-collections';
import { awaitAround, isClassType, QueryChain, queryChain } from './query-chain';
import { convertSteps } from './query-select-steps';
import { legacyMethodCalls } from './ts-calls';
import type { TextEdit, TypedContext, TypedTransformFn } from './types';

const TERMINALS = ['all', 'first', 'one', 'oneOrNone', 'scalar'];

/** Whether a joined eager load of a collection may run (then 1.x `first()` added no LIMIT). */
function mayLoadJoined(chain: QueryChain): boolean {
  if (chain.steps.some((s) => s.method === 'options' && /joined|eager/i.test(s.args.map((a) => a.getText()).join(' ')))) return true;
  // A relationship's default strategy is not in its type: look at where each selected model is declared.
  return chain.items.some((i) => {
    if (!isClassType(i.getType())) return false;
    const decls = i.getType().getSymbol()?.getDeclarations() ?? [];
    return decls.length === 0 || decls.some((d) => /\bjoined\b/.test(d.getSourceFile().getFullText()));
  });
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
    const method = t.method === 'scalar' ? 'oneOrNone' : t.method;
    const limit = t.method === 'first' && !mayLoadJoined(chain) ? '.limit(1)' : '';
    const edits = [...run.edits];
    const awaited = awaitAround(t.call);
    if (awaited) {
      edits.push({ start: awaited.getStart(), end: awaited.getStart(), text: '(' });
      edits.push({ start: t.receiver.getEnd(), end: t.call.getEnd(), text: `${limit})).${method}()` });
    } else edits.push({ start: t.receiver.getEnd(), end: t.call.getEnd(), text: `${limit}).then((result) => result.${method}())` });
    for (const f of run.fixes) ctx.rewrite(f.code, f.edits);
    ctx.rewrite('L301', edits);
  }
};

