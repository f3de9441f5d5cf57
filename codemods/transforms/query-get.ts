/**
 * L302: `session.query(User).get(pk)` → `session.get(User, pk)`. Only the bare form: a
 * query with criteria refused get() in 1.x, and one with other builders (ordering,
 * options) is reported for a human to say what was meant.
 */
import { queryChain } from './query-chain';
import { legacyMethodCalls } from './ts-calls';
import type { TypedTransformFn } from './types';

export const typed: TypedTransformFn = (ctx) => {
  for (const t of legacyMethodCalls(ctx, ['get'], ['LegacyQuery'], 'L302')) {
    const chain = queryChain(ctx, t.receiver);
    if (typeof chain === 'string') {
      ctx.manual(t.call, 'L302', chain.replace('to select() by hand', 'to session.get(Model, pk) by hand'));
      continue;
    }
    const [pk] = t.args;
    if (t.args.length !== 1 || !chain.entity || chain.steps.length) {
      ctx.manual(t.call, 'L302', chain.steps.length ? 'get() on a query with criteria or options: session.get(Model, pk) looks up by primary key alone; say what was meant by hand' : 'get() of a query that is not of one model class');
      continue;
    }
    const name = chain.query.access.getNameNode();
    ctx.rewrite('L302', [
      { start: name.getStart(), end: name.getEnd(), text: 'get' },
      { start: chain.items[0].getEnd(), end: pk.getStart(), text: ', ' },
    ]);
  }
};
