/**
 * L208: a legacy SELECT used as a FROM through `.c` → one named subquery.
 *
 *   const totals = select(a.c.id, func.sum(a.c.n).label('n')).groupBy(a.c.id);
 *   select(totals.c.id).orderBy(totals.c.n)
 * becomes
 *   const totals = select(a.c.id, func.sum(a.c.n).label('n')).groupBy(a.c.id).subquery();
 *   select(totals.c.id).orderBy(totals.c.n)
 *
 * The shim gives every `.c` of a statement the same unnamed subquery, so when a `const`
 * holding the statement is read only through `.c` (never executed, passed on, exported or
 * changed in place), naming that subquery once where the statement is made is the same
 * query. Every other `.c` or `.select()` of a legacy select is reported: which uses belong
 * to one subquery is the author's call.
 */
import { Identifier, Node, PropertyAccessExpression, SyntaxKind, VariableDeclaration, VariableDeclarationKind } from 'ts-morph';
import type { TypedContext, TypedTransformFn } from './types';
import { legacyMethodCalls } from './ts-calls';
import { nodesOfKind } from './ts-find';

const reason = (why: string) => `${why}: make one subquery with stmt.subquery() and read every column through it (which uses belong to the same subquery is the author's call)`;

/** The `const` declaration whose every read is `name.c`, or why the accesses through `receiver` stay for a human. */
function onlyReadThroughC(ctx: TypedContext, receiver: Node): VariableDeclaration | string {
  if (!Node.isIdentifier(receiver)) return 'the SELECT is not held in a variable';
  const decl = receiver.getSymbol()?.getDeclarations()[0];
  if (!decl || !Node.isVariableDeclaration(decl) || decl.getSourceFile() !== ctx.sourceFile) return 'the SELECT is not a variable of this file';
  if (decl.getVariableStatement()?.getDeclarationKind() !== VariableDeclarationKind.Const) return `${receiver.getText()} is not a const`;
  const init = decl.getInitializer();
  // A call chain takes `.subquery()` as it is; anything else would need parentheses and a second look.
  if (!init || !Node.isCallExpression(init) || !Node.isIdentifier(decl.getNameNode())) return `${receiver.getText()} is not declared as a select(…) call`;
  if (decl.getVariableStatement()?.isExported()) return `${receiver.getText()} is exported`;
  const sym = (decl.getNameNode() as Identifier).getSymbol();
  for (const id of nodesOfKind(ctx.sourceFile, SyntaxKind.Identifier)) {
    if (id === decl.getNameNode() || id.getText() !== receiver.getText() || id.getSymbol() !== sym) continue;
    const parent = id.getParent();
    const throughC = Node.isPropertyAccessExpression(parent) && parent.getExpression() === id && parent.getName() === 'c' && !parent.hasQuestionDotToken();
    if (!throughC) return `${receiver.getText()} is also used as a statement (line ${id.getStartLineNumber()}), not only through .c`;
  }
  return decl;
}

export const typed: TypedTransformFn = (ctx) => {
  const sf = ctx.sourceFile;
  const byDecl = new Map<VariableDeclaration, PropertyAccessExpression[]>();
  // Decided once per variable: its every read is looked at, whichever of its `.c` asks.
  const decided = new Map<unknown, VariableDeclaration | string>();
  for (const pa of nodesOfKind(sf, SyntaxKind.PropertyAccessExpression)) {
    if (pa.getName() !== 'c' || !ctx.isLegacy(pa.getNameNode(), ['LegacySelect'])) continue;
    const receiver = pa.getExpression();
    const sym = Node.isIdentifier(receiver) ? receiver.getSymbol() : undefined;
    const found = (sym && decided.get(sym)) ?? onlyReadThroughC(ctx, receiver);
    if (sym) decided.set(sym, found);
    if (typeof found === 'string') ctx.manual(pa, 'L208', reason(`select.c: ${found}`));
    else byDecl.set(found, [...(byDecl.get(found) ?? []), pa]);
  }
  for (const decl of byDecl.keys()) {
    const end = decl.getInitializerOrThrow().getEnd();
    ctx.rewrite('L208', [{ start: end, end, text: '.subquery()' }]);
  }
  for (const c of legacyMethodCalls(ctx, ['select'], ['LegacySelect'])) ctx.manual(c.call, 'L208', reason('select.select()'));
};
