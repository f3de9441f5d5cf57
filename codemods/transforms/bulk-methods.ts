/**
 * L308: `session.bulkInsertMappings(User, rows)` → `session.execute(insert(User), rows)` (one
 * executemany, as before); `session.bulkUpdateMappings(User, rows)` → `session.execute(update(User), rows)`,
 * the 2.0 UPDATE by primary key (nothing for an empty list, as before). Only where the call's
 * value is not used (1.x gave undefined).
 *
 * An empty list of mappings ran no statement in 1.x; 2.0's execute() refuses one. Rows
 * written out (a non-empty list) need nothing more. Rows computed at run time are guarded —
 * `if (rows.length > 0) await session.execute(insert(User), rows);` — where the checker
 * proves them an array and the call is a statement of a block; rows that are not a plain
 * reference (read twice, the same value) are put in a `const` first, evaluated where they
 * were (the session and the model are plain names, so nothing observable moves).
 * `bulkSaveObjects()` is L310, a person's: the needs-human detector reports it.
 */
import { Node, Type } from 'ts-morph';
import { awaitAround, isClassType } from './query-chain';
import { isPlainReference, legacyMethodCalls } from './ts-calls';
import type { TextEdit, TypedTransformFn } from './types';

const isArrayType = (t: Type) => t.isArray() || t.isTuple() || t.getSymbol()?.getName() === 'ReadonlyArray';

/** Statements directly in a list of statements, where an `if` may replace one as it is. */
const inStatementList = (stmt: Node) => {
  const p = stmt.getParent();
  return !!p && (Node.isBlock(p) || Node.isSourceFile(p) || Node.isCaseClause(p) || Node.isDefaultClause(p) || Node.isModuleBlock(p));
};

export const typed: TypedTransformFn = (ctx) => {
  // The names this pass gives to hoisted rows: the file's text does not show them yet.
  const taken = new Set<string>();
  const fresh = (base: string, at: Node) => {
    let n = ctx.freshName(base, at);
    for (let i = 2; taken.has(n); i++) n = ctx.freshName(`${base}${i}`, at);
    taken.add(n);
    return n;
  };
  for (const c of legacyMethodCalls(ctx, ['bulkInsertMappings', 'bulkUpdateMappings'], ['Session'], 'L308')) {
    const update = c.method === 'bulkUpdateMappings';
    const [model, rows] = c.args;
    const stmt = (awaitAround(c.call) ?? c.call).getParent();
    const written = !!rows && Node.isArrayLiteralExpression(rows) && rows.getElements().length > 0 && !rows.getElements().some((e) => Node.isSpreadElement(e));
    const guarded = !update && !written;
    const problem =
      c.args.length !== 2 || !Node.isIdentifier(model) || !isClassType(model.getType())
        ? 'the model is not a class named here'
        : !stmt || !Node.isExpressionStatement(stmt)
          ? 'the call’s value is used: session.execute() gives a result, not undefined'
          : guarded
            ? guardProblem(c.receiver, rows, stmt)
            : undefined;
    const fn = problem ? null : ctx.retortName(update ? 'update' : 'insert');
    if (problem || !fn) {
      ctx.manual(c.call, 'L308', problem ?? `${update ? 'update' : 'insert'} cannot be imported here`);
      continue;
    }
    const name = c.access.getNameNode();
    const edits: TextEdit[] = [
      { start: name.getStart(), end: name.getEnd(), text: 'execute' },
      { start: model.getStart(), end: model.getStart(), text: `${fn}(` },
      { start: model.getEnd(), end: model.getEnd(), text: ')' },
    ];
    if (guarded) edits.push(...guardEdits(fresh, rows, stmt!));
    ctx.rewrite('L308', edits.sort((a, b) => a.start - b.start));
  }
};

/** Why run-time rows cannot be guarded here, or undefined when they can. */
function guardProblem(receiver: Node, rows: Node, stmt: Node): string | undefined {
  if (Node.isArrayLiteralExpression(rows) && rows.getElements().length === 0) return 'an empty list: 1.x ran no statement, so the call does nothing; remove it';
  if (!isArrayType(rows.getType())) return 'rows not proven an array: an empty list ran no statement in 1.x; write session.execute(insert(Model), rows) guarded by rows.length';
  if (!inStatementList(stmt)) return 'the call is not a statement of a block: write session.execute(insert(Model), rows) guarded by rows.length';
  if (!isPlainReference(rows) && !isPlainReference(receiver)) return 'the session is an expression that would be evaluated after the rows: write session.execute(insert(Model), rows) guarded by rows.length';
  return undefined;
}

/** `if (rows.length > 0) ` before the statement, the rows first put in a `const` when they are an expression. */
function guardEdits(fresh: (base: string, at: Node) => string, rows: Node, stmt: Node): TextEdit[] {
  const start = stmt.getStart();
  if (isPlainReference(rows)) return [{ start, end: start, text: `if (${rows.getText()}.length > 0) ` }];
  const text = stmt.getSourceFile().getFullText();
  const indent = /[ \t]*$/.exec(text.slice(text.lastIndexOf('\n', start - 1) + 1, start))![0];
  const name = fresh('rows', stmt);
  return [
    { start, end: start, text: `const ${name} = ${rows.getText()};\n${indent}if (${name}.length > 0) ` },
    { start: rows.getStart(), end: rows.getEnd(), text: name },
  ];
}
