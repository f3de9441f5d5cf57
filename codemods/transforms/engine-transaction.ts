/**
 * L107: `engine.transaction(fn, …args)` → `engine.begin(fn)` (or `engine.begin((conn) => fn(conn, …args))`).
 * `runCallable(fn)` is reported: 1.x committed each write inside it on its own, and whether
 * 2.0 should run it as one transaction or commit as it goes is the author's decision.
 */
import { Node } from 'ts-morph';
import type { TypedTransformFn } from './types';
import { legacyMethodCalls } from './ts-calls';

const simple = (n: Node) => Node.isIdentifier(n) || Node.isLiteralExpression(n) || n.getKindName().endsWith('Keyword');

export const typed: TypedTransformFn = (ctx) => {
  for (const c of legacyMethodCalls(ctx, ['transaction', 'runCallable'], ['LegacyEngine'], 'L107')) {
    if (c.method === 'runCallable') {
      ctx.manual(c.call, 'L107', 'runCallable() committed each write on its own: use engine.begin(fn) for all-or-nothing, or engine.connect() and commit as you go');
      continue;
    }
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
    const conn = ctx.freshName('conn');
    ctx.replace(c.call, `${recv}.begin((${conn}) => ${fn.getText()}(${conn}, ${rest.map((a) => a.getText()).join(', ')}))`, 'L107');
  }
};
