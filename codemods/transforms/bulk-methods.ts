/**
 * L308: `session.bulkInsertMappings(User, [{…}, …])` → `session.execute(insert(User), [{…}, …])`
 * (one executemany, as before), only where the rows are written out (an empty list made no
 * statement in 1.x); `session.bulkUpdateMappings(User, rows)` → `session.execute(update(User), rows)`,
 * the 2.0 UPDATE by primary key (nothing for an empty list, as before). Only where the call's
 * value is not used (1.x gave undefined). `bulkSaveObjects` is reported: what 1.x did not do
 * for the objects (cascade, refresh, attach) is the author's to decide.
 */
import { Node } from 'ts-morph';
import { awaitAround, isClassType } from './query-chain';
import { legacyMethodCalls } from './ts-calls';
import type { TypedTransformFn } from './types';

export const typed: TypedTransformFn = (ctx) => {
  for (const c of legacyMethodCalls(ctx, ['bulkInsertMappings', 'bulkUpdateMappings', 'bulkSaveObjects'], ['Session'], 'L308')) {
    if (c.method === 'bulkSaveObjects') {
      ctx.manual(c.call, 'L308', 'bulkSaveObjects(): INSERT new objects with session.execute(insert(Model), rows) and UPDATE the others with session.execute(update(Model), rows); 1.x did not cascade, refresh or attach them');
      continue;
    }
    const update = c.method === 'bulkUpdateMappings';
    const [model, rows] = c.args;
    const awaited = awaitAround(c.call);
    const unused = awaited ? Node.isExpressionStatement(awaited.getParent()) : Node.isExpressionStatement(c.call.getParent());
    const problem =
      c.args.length !== 2 || !Node.isIdentifier(model) || !isClassType(model.getType())
        ? 'the model is not a class named here'
        : !update && (!Node.isArrayLiteralExpression(rows) || rows.getElements().length === 0 || rows.getElements().some((e) => Node.isSpreadElement(e)))
          ? 'rows not written out as a list: an empty list ran no statement in 1.x; write session.execute(insert(Model), rows) guarded by rows.length'
          : !unused
            ? 'the call’s value is used: session.execute() gives a result, not undefined'
            : undefined;
    const fn = problem ? null : ctx.retortName(update ? 'update' : 'insert');
    if (problem || !fn) {
      ctx.manual(c.call, 'L308', problem ?? `${update ? 'update' : 'insert'} cannot be imported here`);
      continue;
    }
    const name = c.access.getNameNode();
    ctx.rewrite('L308', [
      { start: name.getStart(), end: name.getEnd(), text: 'execute' },
      { start: model.getStart(), end: model.getStart(), text: `${fn}(` },
      { start: model.getEnd(), end: model.getEnd(), text: ')' },
    ]);
  }
};
