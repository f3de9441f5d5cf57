/**
 * L107: `engine.transaction(fn, …args)` and `engine.runCallable(fn, …args)` → `engine.begin(fn)`
 * (or `engine.begin((conn) => fn(conn, …args))`).
 *
 * `transaction()` already ran `fn` in one transaction, so `begin()` is the same call.
 * `runCallable()` ran `fn` on a connection with 1.x autocommit: each write outside a
 * `conn.begin()` committed on its own. Under `begin()` the writes are one transaction:
 * when `fn` resolves, the database holds what it held before (every write committed);
 * when `fn` throws, the writes made before the failure are rolled back instead of kept.
 * That is the all-or-nothing outcome 2.0 asks for (SQLAlchemy 1.4 pointed `run_callable()`
 * at `Engine.begin()` too); the guide and docs/decisions/runcallable-to-begin.md say so.
 */
import { Node } from 'ts-morph';
import type { TypedTransformFn } from './types';
import { legacyMethodCalls } from './ts-calls';

const simple = (n: Node) => Node.isIdentifier(n) || Node.isLiteralExpression(n) || n.getKindName().endsWith('Keyword');

export const typed: TypedTransformFn = (ctx) => {
  for (const c of legacyMethodCalls(ctx, ['transaction', 'runCallable'], ['LegacyEngine'], 'L107')) {
    const [fn, ...rest] = c.args;
    if (!fn) continue;
    const recv = c.receiver.getText();
    if (!rest.length) {
      ctx.replace(c.call, `${recv}.begin(${fn.getText()})`, 'L107');
      continue;
    }
    if (!Node.isIdentifier(fn) || !rest.every(simple)) {
      ctx.manual(c.call, 'L107', 'the extra arguments would be evaluated later inside begin(); pass them in a closure by hand');
      continue;
    }
    const conn = ctx.freshName('conn', c.call);
    ctx.replace(c.call, `${recv}.begin((${conn}) => ${fn.getText()}(${conn}, ${rest.map((a) => a.getText()).join(', ')}))`, 'L107');
  }
};
