/**
 * L409: `session.execute(stmt, params, { mapper })` → `session.execute(stmt, params)`: the
 * 1.x `mapper` argument only picked the engine, and a 2.0 session runs on its one engine.
 * Other execution options in the object stay. A `bind` is reported: the shim refuses one
 * that is not the session's engine, and dropping it would run the statement elsewhere.
 */
import { Node } from 'ts-morph';
import { legacyMethodCalls } from './ts-calls';
import type { TextEdit, TypedTransformFn } from './types';

export const typed: TypedTransformFn = (ctx) => {
  for (const c of legacyMethodCalls(ctx, ['execute'], ['Session'], 'L409')) {
    const opts = c.args[2];
    if (!opts) continue;
    if (!Node.isObjectLiteralExpression(opts)) {
      if ((opts.getType().getProperty('mapper') || opts.getType().getProperty('bind')) && c.args.length === 3) ctx.manual(c.call, 'L409', 'execution options with mapper/bind not written as an object: drop mapper and bind by hand');
      continue;
    }
    const props = opts.getProperties();
    const named = (p: Node, n: string) => (Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p)) && p.getName() === n;
    const legacy = props.filter((p) => named(p, 'mapper') || named(p, 'bind'));
    if (!legacy.length) continue;
    if (props.some((p) => named(p, 'bind'))) {
      ctx.manual(c.call, 'L409', "a bind argument: a 2.0 session runs on its one engine; run the statement on a session or connection of that engine (drop bind if it is this session's)");
      continue;
    }
    if (props.some((p) => Node.isSpreadAssignment(p))) {
      ctx.manual(c.call, 'L409', 'execution options with a spread: drop mapper by hand');
      continue;
    }
    let edits: TextEdit[];
    if (legacy.length === props.length) edits = [{ start: c.args[1].getEnd(), end: opts.getEnd(), text: '' }];
    else {
      // Drop each legacy property with the comma after it (or before it, for the last one).
      edits = legacy.map((p) => {
        const i = props.indexOf(p);
        return i < props.length - 1 ? { start: p.getStart(), end: props[i + 1].getStart(), text: '' } : { start: props[i - 1].getEnd(), end: p.getEnd(), text: '' };
      });
    }
    ctx.rewrite('L409', edits);
  }
};
