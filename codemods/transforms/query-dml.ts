/**
 * L307: `session.query(User).filter(c).update({…})` / `.delete()` → the Core statement run
 * by the session: `(await session.execute(update(User.table).where(c).values({…}))).rowCount`,
 * `session.execute(deleteFrom(User.table).where(c))`. `filterBy({ k: v })` becomes
 * `where(User.c.k.eq(v))`. Only a query of one model with criteria alone, values written as
 * an object, and no `synchronizeSession` argument (the session now marks the table's objects
 * stale instead, see the guide); anything else is reported.
 */
import { Node } from 'ts-morph';
import { awaitAround, isIdentifierName, queryChain } from './query-chain';
import { legacyMethodCalls } from './ts-calls';
import type { TextEdit, TypedTransformFn } from './types';

export const typed: TypedTransformFn = (ctx) => {
  for (const t of legacyMethodCalls(ctx, ['update', 'delete'], ['LegacyQuery'], 'L307')) {
    const chain = queryChain(ctx, t.receiver);
    if (typeof chain === 'string') {
      ctx.manual(t.call, 'L307', chain.replace('to select() by hand', `to session.execute(${t.method === 'update' ? 'update' : 'deleteFrom'}(…)) by hand`));
      continue;
    }
    const model = chain.items[0];
    const values = t.args[0];
    const problem =
      !chain.entity || !Node.isIdentifier(model)
        ? `${t.method}() of a query that is not of one model class named here`
        : chain.steps.some((s) => s.method !== 'filter' && s.method !== 'filterBy')
          ? `${t.method}() on a query with more than criteria (joins, ordering, limits): write the statement by hand`
          : t.args.length > (t.method === 'update' ? 1 : 0)
            ? 'a synchronizeSession option: the 2.0 session marks the objects stale instead; rewrite by hand if the code relies on the old behaviour'
            : t.method === 'update' && !(values && Node.isObjectLiteralExpression(values))
              ? 'update() with values not written as an object: write update(Model.table).values(…) by hand'
              : undefined;
    if (problem) {
      ctx.manual(t.call, 'L307', problem);
      continue;
    }
    const edits: TextEdit[] = [];
    let unsafe: string | undefined;
    for (const step of chain.steps) {
      const name = step.access.getNameNode();
      if (step.method === 'filter') {
        edits.push({ start: name.getStart(), end: name.getEnd(), text: 'where' });
        continue;
      }
      // filterBy({ a: x }) → where(Model.c.a.eq(x)): DML statements have no filterBy().
      const obj = step.args[0];
      if (step.args.length !== 1 || !Node.isObjectLiteralExpression(obj)) {
        unsafe = 'filterBy() with values not written as an object';
        break;
      }
      const conds: string[] = [];
      for (const p of obj.getProperties()) {
        if (Node.isShorthandPropertyAssignment(p)) conds.push(`${model.getText()}.c.${p.getName()}.eq(${p.getName()})`);
        else if (Node.isPropertyAssignment(p) && isIdentifierName(p.getName().replace(/^['"]|['"]$/g, '')) && p.getInitializer())
          conds.push(`${model.getText()}.c.${p.getName().replace(/^['"]|['"]$/g, '')}.eq(${p.getInitializer()!.getText()})`);
        else unsafe = 'filterBy() with computed or spread keys';
      }
      if (unsafe) break;
      edits.push({ start: name.getStart(), end: step.call.getEnd(), text: `where(${conds.join(', ')})` });
    }
    const stmtFn = ctx.retortName(t.method === 'update' ? 'update' : 'deleteFrom');
    if (unsafe || !stmtFn) {
      ctx.manual(t.call, 'L307', unsafe ?? `${t.method} cannot be imported here`);
      continue;
    }
    const qname = chain.query.access.getNameNode();
    edits.push({ start: qname.getStart(), end: qname.getEnd(), text: `execute(${stmtFn}` });
    edits.push({ start: model.getEnd(), end: model.getEnd(), text: '.table' });
    let tail: string;
    if (t.method === 'update') {
      edits.push({ start: t.receiver.getEnd(), end: values.getStart(), text: '.values(' });
      tail = '))';
    } else tail = ')';
    const awaited = awaitAround(t.call);
    const unused = awaited ? Node.isExpressionStatement(awaited.getParent()) : Node.isExpressionStatement(t.call.getParent());
    const from = t.method === 'update' ? values.getEnd() : t.receiver.getEnd();
    if (unused) edits.push({ start: from, end: t.call.getEnd(), text: tail });
    else if (awaited) {
      edits.push({ start: awaited.getStart(), end: awaited.getStart(), text: '(' });
      edits.push({ start: from, end: t.call.getEnd(), text: `${tail}).rowCount` });
    } else edits.push({ start: from, end: t.call.getEnd(), text: `${tail}.then((result) => result.rowCount)` });
    ctx.rewrite('L307', edits);
  }
};
