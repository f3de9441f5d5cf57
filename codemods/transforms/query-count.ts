/**
 * L303: `session.query(…)….count()` → a COUNT the session runs. A query of one model with
 * only criteria counts its table: `(await session.execute(select(func.count())
 * .selectFrom(User.table).where(c))).scalarOne()`; any other query (joins, distinct,
 * limits, several items) is counted as a subquery, as 1.x did: `…selectFrom(select(…)
 * .subquery())…`. `scalarOne()` keeps the result a number (a COUNT always has its one row).
 */
import { awaitAround, queryChain } from './query-chain';
import { convertSteps } from './query-select-steps';
import { legacyMethodCalls } from './ts-calls';
import type { TypedTransformFn } from './types';

export const typed: TypedTransformFn = (ctx) => {
  for (const t of legacyMethodCalls(ctx, ['count'], ['LegacyQuery'], 'L303')) {
    if (t.args.length) continue;
    const chain = queryChain(ctx, t.receiver);
    if (typeof chain === 'string') {
      ctx.manual(t.call, 'L303', chain.replace('to select() by hand', 'to select(func.count()) by hand'));
      continue;
    }
    const conv = convertSteps(ctx, chain);
    if (typeof conv === 'string') {
      ctx.manual(t.call, 'L303', conv);
      continue;
    }
    const select = ctx.retortName('select');
    const func = ctx.retortName('func');
    if (!select || !func) {
      ctx.manual(t.call, 'L303', 'select and func cannot be imported here');
      continue;
    }
    const byTable = chain.entity && !!chain.items[0].getType().getProperty('table') && chain.steps.every((s) => s.method === 'filter' || s.method === 'filterBy');
    const name = chain.query.access.getNameNode();
    const edits = [...conv.edits, { start: name.getStart(), end: name.getEnd(), text: `execute(${select}(${func}.count()).selectFrom${byTable ? '' : `(${select}`}` }];
    if (byTable) edits.push({ start: chain.items[0].getEnd(), end: chain.items[0].getEnd(), text: '.table' });
    const close = byTable ? '' : '.subquery())';
    const awaited = awaitAround(t.call);
    if (awaited) {
      edits.push({ start: awaited.getStart(), end: awaited.getStart(), text: '(' });
      edits.push({ start: t.receiver.getEnd(), end: t.call.getEnd(), text: `${close})).scalarOne()` });
    } else edits.push({ start: t.receiver.getEnd(), end: t.call.getEnd(), text: `${close}).then((result) => result.scalarOne())` });
    for (const f of conv.fixes) ctx.rewrite(f.code, f.edits);
    ctx.rewrite('L303', edits);
  }
};
