/**
 * L206: in-place mutators of a legacy select as statements, `stmt.appendWhereClause(c);` →
 * `stmt = stmt.where(c);` (appendOrderBy → orderBy, appendGroupBy → groupBy,
 * appendHavingClause → having, appendFrom → selectFrom; a `const` becomes `let`). Made only
 * when no other reference to the statement can see the old object: a local variable of this
 * file, read by nothing before its last mutation (no alias, no closure, not exported).
 * `appendColumn` changes the row type, so in TypeScript it is reported.
 */
import { Identifier, Node, SyntaxKind, VariableDeclarationKind } from 'ts-morph';
import type { TypedTransformFn } from './types';
import { legacyMethodCalls, spanText } from './ts-calls';
import { nodesOfKind } from './ts-find';

const METHODS: Record<string, string> = { appendWhereClause: 'where', appendOrderBy: 'orderBy', appendGroupBy: 'groupBy', appendHavingClause: 'having', appendColumn: 'addColumns', appendFrom: 'selectFrom' };

/** `name = name.method(…);` — an earlier mutation already made generative (it holds no other object). */
function isRewritten(ref: Node, name: string): boolean {
  const stmt = ref.getFirstAncestor((a) => Node.isExpressionStatement(a));
  const e = stmt && Node.isExpressionStatement(stmt) ? stmt.getExpression() : undefined;
  if (!e || !Node.isBinaryExpression(e) || e.getOperatorToken().getKind() !== SyntaxKind.EqualsToken || e.getLeft().getText() !== name) return false;
  const call = e.getRight();
  if (!Node.isCallExpression(call)) return false;
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || callee.getExpression().getText() !== name || !Object.values(METHODS).includes(callee.getName())) return false;
  return ref === e.getLeft() || ref === callee.getExpression();
}

export const typed: TypedTransformFn = (ctx) => {
  const sf = ctx.sourceFile;
  const isTs = /\.[mc]?tsx?$/.test(sf.getFilePath());
  const calls = legacyMethodCalls(ctx, Object.keys(METHODS), ['LegacySelect'], 'L206');
  for (const c of calls) {
    const reject = (reason: string) => ctx.manual(c.call, 'L206', reason);
    const stmt = c.call.getParent();
    if (!Node.isExpressionStatement(stmt)) {
      reject('the mutator\'s result is used as a value; make the statement generative by hand');
      continue;
    }
    if (!Node.isIdentifier(c.receiver)) {
      reject('the statement is not held in a local variable, so other holders of it would not see the change');
      continue;
    }
    if (isTs && c.method === 'appendColumn') {
      reject('appendColumn changes the row type: give the statement with the extra column a variable of its own (stmt.addColumns(col))');
      continue;
    }
    const sym = c.receiver.getSymbol();
    const decl = sym?.getDeclarations()[0];
    if (!sym || !decl || !Node.isVariableDeclaration(decl) || decl.getSourceFile() !== sf) {
      reject('the statement is a parameter or comes from elsewhere; its other holders would not see the change');
      continue;
    }
    const list = decl.getVariableStatement();
    if (!list || list.isExported()) {
      reject('the statement variable is exported or not a plain declaration');
      continue;
    }
    const name = c.receiver.getText();
    const refs = nodesOfKind(sf, SyntaxKind.Identifier).filter((i: Identifier) => i.getText() === name && i !== decl.getNameNode() && i.getSymbol() === sym);
    const receivers = new Set(calls.filter((x) => Node.isIdentifier(x.receiver) && x.receiver.getSymbol() === sym).map((x) => x.receiver));
    const lastMutation = Math.max(...[...receivers].map((r) => r.getStart()));
    if (refs.some((r) => !receivers.has(r) && r.getStart() < lastMutation && !c.args.some((a) => a.containsRange(r.getPos(), r.getEnd())) && !isRewritten(r, name))) {
      reject('the statement is read before it is mutated (an alias or a closure may hold the old object)');
      continue;
    }
    const isConst = list.getDeclarationKind() === VariableDeclarationKind.Const;
    if (isConst && list.getDeclarations().length !== 1) {
      reject('the statement is declared with const among other variables');
      continue;
    }
    ctx.replace(stmt, `${name} = ${name}.${METHODS[c.method]}(${spanText(c.args)});`, 'L206');
    if (isConst) {
      const kw = list.getDeclarationList().getFirstChildByKindOrThrow(SyntaxKind.ConstKeyword);
      ctx.edit({ start: kw.getStart(), end: kw.getEnd(), text: 'let' });
    }
  }
};
