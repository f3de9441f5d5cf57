/**
 * L307: `session.query(User).filter(c).update({…})` / `.delete()` → the ORM-enabled statement
 * run by the session: `(await session.execute(update(User).where(c).values({…}), undefined,
 * { synchronizeSession: 'fetch' })).rowCount`, `session.execute(deleteFrom(User).where(c))`.
 * `filterBy({ k: v })` becomes `where(User.c.k.eq(v))`; a 1.x `{ synchronizeSession }` object
 * goes to `execute()` as its option. Only a query of one model with criteria alone and values
 * written as an object; anything else is reported.
 */
import { Node } from 'ts-morph';
import { awaitAround, isIdentifierName, queryChain } from './query-chain';
import { legacyMethodCalls } from './ts-calls';
import type { TextEdit, TypedTransformFn } from './types';

/** `{ synchronizeSession: … }` written out, nothing else in it. */
function isSyncOption(n: Node): boolean {
  return Node.isObjectLiteralExpression(n) && n.getProperties().every((p) => Node.isPropertyAssignment(p) && p.getName() === 'synchronizeSession');
}

export const typed: TypedTransformFn = (ctx) => {
  for (const t of legacyMethodCalls(ctx, ['update', 'delete'], ['LegacyQuery'], 'L307')) {
    const chain = queryChain(ctx, t.receiver);
    if (typeof chain === 'string') {
      ctx.manual(t.call, 'L307', chain.replace('to select() by hand', `to session.execute(${t.method === 'update' ? 'update' : 'deleteFrom'}(…)) by hand`));
      continue;
    }
    const model = chain.items[0];
    const values = t.args[0];
    const opts = t.args[t.method === 'update' ? 1 : 0];
    const problem =
      !chain.entity || !Node.isIdentifier(model)
        ? `${t.method}() of a query that is not of one model class named here`
        : chain.steps.some((s) => s.method !== 'filter' && s.method !== 'filterBy')
          ? `${t.method}() on a query with more than criteria (joins, ordering, limits): write the statement by hand`
          : opts && !isSyncOption(opts)
            ? 'options other than { synchronizeSession } written out: pass them to session.execute() by hand'
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
      const columns = model.getType().getProperty('c')?.getTypeAtLocation(model);
      for (const p of obj.getProperties()) {
        const key = Node.isShorthandPropertyAssignment(p) || Node.isPropertyAssignment(p) ? p.getName().replace(/^['"]|['"]$/g, '') : '';
        if (!columns?.getProperty(key)) {
          unsafe = `filterBy(): ${model.getText()}.c has no attribute "${key}" by its types`;
          break;
        }
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
    // The 1.x default reloaded the matched objects: 'fetch' keeps them in step the same way.
    const sync = opts ? `, undefined, ${opts.getText()}` : t.method === 'update' ? ", undefined, { synchronizeSession: 'fetch' }" : '';
    let tail: string;
    if (t.method === 'update') {
      edits.push({ start: t.receiver.getEnd(), end: values.getStart(), text: '.values(' });
      tail = `)${sync})`;
    } else tail = `${sync})`;
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
