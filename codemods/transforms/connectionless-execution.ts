/**
 * L101: `engine.execute(stmt, …)` / `engine.scalar(stmt, …)` on a Retort legacy engine →
 * `engine.begin((conn) => conn.execute(stmt, …))`. Type-aware: only where the method is the
 * legacy engine's. `begin()` gives the statement the transaction it had implicitly (run,
 * commit, close), and keeps it an expression, so it fits wherever the call was; merging
 * consecutive calls into one transaction is left to the author.
 */
import type { TypedTransformFn } from './types';
import { legacyMethodCalls } from './ts-calls';

export const typed: TypedTransformFn = (ctx) => {
  for (const c of legacyMethodCalls(ctx, ['execute', 'scalar'], ['LegacyEngine'], 'L101')) {
    const conn = ctx.freshName('conn', c.call);
    // engine.execute(…) → engine.begin((conn) => conn.execute(…)): two insertions, the call's own text kept.
    ctx.rewrite('L101', [
      { start: c.receiver.getEnd(), end: c.receiver.getEnd(), text: `.begin((${conn}) => ${conn}` },
      { start: c.call.getEnd(), end: c.call.getEnd(), text: ')' },
    ]);
  }
};
