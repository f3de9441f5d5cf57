/**
 * L308: `session.bulkInsertMappings(User, [{…}, …])` → `session.execute(insert(User.table), [{…}, …])`
 * (one executemany, as before). Only where the rows are written out (an empty list made no
 * statement in 1.x) and the call's value is not used. `bulkUpdateMappings` and
 * `bulkSaveObjects` are reported: the key columns of each row, and what 1.x did not do
 * for the objects (cascade, refresh, attach), are the author's to decide.
 */
import { Node } from 'ts-morph';
import { awaitAround } from './query-chain';
import { legacyMethodCalls } from './ts-calls';
import type { TypedTransformFn } from './types';

export const typed: TypedTransformFn = (ctx) => {
  for (const c of legacyMethodCalls(ctx, ['bulkInsertMappings', 'bulkUpdateMappings', 'bulkSaveObjects'], ['Session'], 'L308')) {
    if (c.method === 'bulkSaveObjects') {
      ctx.manual(c.call, 'L308', 'bulkSaveObjects(): INSERT new objects with session.execute(insert(Model.table), rows) and UPDATE the others; 1.x did not cascade, refresh or attach them');
      continue;
    }
    if (c.method === 'bulkUpdateMappings') {
      ctx.manual(c.call, 'L308', 'bulkUpdateMappings(): one update(Model.table).where(<key columns>).values(<the rest>) per row, run by session.execute()');
      continue;
    }
    const [model, rows] = c.args;
    const awaited = awaitAround(c.call);
    const unused = awaited ? Node.isExpressionStatement(awaited.getParent()) : Node.isExpressionStatement(c.call.getParent());
    const problem =
      c.args.length !== 2 || !Node.isIdentifier(model)
        ? 'the model is not a class named here'
        : !Node.isArrayLiteralExpression(rows) || rows.getElements().length === 0 || rows.getElements().some((e) => Node.isSpreadElement(e))
          ? 'rows not written out as a list: an empty list ran no statement in 1.x; write session.execute(insert(Model.table), rows) guarded by rows.length'
          : !unused
            ? 'the call’s value is used: session.execute() gives a result, not undefined'
            : undefined;
    const insert = problem ? null : ctx.retortName('insert');
    if (problem || !insert) {
      ctx.manual(c.call, 'L308', problem ?? 'insert cannot be imported here');
      continue;
    }
    const name = c.access.getNameNode();
    ctx.rewrite('L308', [
      { start: name.getStart(), end: name.getEnd(), text: 'execute' },
      { start: model.getStart(), end: model.getStart(), text: `${insert}(` },
      { start: model.getEnd(), end: model.getEnd(), text: '.table)' },
    ]);
  }
};
