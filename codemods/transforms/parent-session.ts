/**
 * For query-to-select (L301 on a dynamic collection): the session variable an object
 * provably belongs to where it is used, or why that cannot be shown. The shim's appender
 * query runs on `objectSession(parent)`; the 2.0 select() must be run by a session named in
 * the code, so the rewrite needs that name and a proof that it is the parent's session:
 *
 * - the parent is a variable of the same function as the use, never assigned again, whose
 *   initializer loads it through a session variable (`session.query(M)…first()`/`one()`/
 *   `oneOrNone()`/`get(pk)`, or the 2.0 forms `session.get(M, pk)`, `session.scalar(…)`,
 *   `(await session.scalars(…)).first()`/`one()`/`oneOrNone()`): a loaded object is in that
 *   session;
 * - that session variable belongs to the same function, is never assigned again and does
 *   not leave it before the query runs (every use until then calls a method of it), so no
 *   other code can detach the object;
 * - from the load to the use (and in any nested function, which may run in between) the
 *   session is only used through methods that leave its objects in it, and the parent is
 *   only read (its attributes, a test of it), so the key the select() is filtered by is the
 *   one the appender query reads.
 */
import { Identifier, Node, SyntaxKind, ts } from 'ts-morph';
import type { TypedContext } from './types';

/** Session methods that neither detach nor expire the objects in the session. */
const KEEPS_OBJECTS = new Set(['query', 'get', 'scalars', 'scalar', 'execute', 'add', 'addAll', 'flush']);
/** Loads on a 1.x Query whose result is an object of the session (with `get`, by primary key). */
const QUERY_LOADS = new Set(['first', 'one', 'oneOrNone', 'get']);
/** 2.0 result methods giving one object of a `scalars()` result. */
const SCALARS_LOADS = new Set(['first', 'one', 'oneOrNone']);

const FUNCTION_KINDS = new Set([
  SyntaxKind.FunctionDeclaration,
  SyntaxKind.FunctionExpression,
  SyntaxKind.ArrowFunction,
  SyntaxKind.MethodDeclaration,
  SyntaxKind.Constructor,
  SyntaxKind.GetAccessor,
  SyntaxKind.SetAccessor,
]);
const functionOf = (n: Node) => n.getFirstAncestor((a) => FUNCTION_KINDS.has(a.getKind()));

const ASSIGNMENTS = new Set([
  SyntaxKind.EqualsToken,
  SyntaxKind.PlusEqualsToken,
  SyntaxKind.MinusEqualsToken,
  SyntaxKind.AsteriskEqualsToken,
  SyntaxKind.SlashEqualsToken,
  SyntaxKind.QuestionQuestionEqualsToken,
  SyntaxKind.BarBarEqualsToken,
  SyntaxKind.AmpersandAmpersandEqualsToken,
]);

/** Whether `n` is written to: the target of an assignment, `++`/`--`, `delete`, or inside a destructuring target. */
function isWritten(n: Node): boolean {
  for (let x: Node = n, p = x.getParent(); p; x = p, p = p.getParent()) {
    if (Node.isBinaryExpression(p)) return p.getLeft() === x && ASSIGNMENTS.has(p.getOperatorToken().getKind());
    if (Node.isPrefixUnaryExpression(p) || Node.isPostfixUnaryExpression(p)) {
      const op = p.getOperatorToken();
      return op === SyntaxKind.PlusPlusToken || op === SyntaxKind.MinusMinusToken;
    }
    if (Node.isDeleteExpression(p)) return true;
    if (Node.isForInStatement(p) || Node.isForOfStatement(p)) return p.getInitializer() === x;
    // A name inside an array or object literal (or a spread of one) may be a destructuring target.
    if (!(Node.isArrayLiteralExpression(p) || Node.isObjectLiteralExpression(p) || Node.isShorthandPropertyAssignment(p) || Node.isPropertyAssignment(p) || Node.isSpreadElement(p) || Node.isParenthesizedExpression(p))) return false;
  }
  return false;
}

/** Every identifier of the file bound to the same declaration as `id`. */
function referencesOf(id: Identifier): Identifier[] {
  const sym = id.getSymbol();
  if (!sym) return [];
  return id
    .getSourceFile()
    .getDescendantsOfKind(SyntaxKind.Identifier)
    .filter((i) => i.getText() === id.getText() && i.getSymbol() === sym);
}

const unwrap = (n: Node): Node => {
  while (Node.isParenthesizedExpression(n) || Node.isAwaitExpression(n) || Node.isNonNullExpression(n)) n = n.getExpression();
  return n;
};

/** `x.m(…)` → [x, m, call], else undefined. */
function methodCall(n: Node) {
  n = unwrap(n);
  if (!Node.isCallExpression(n)) return undefined;
  const access = n.getExpression();
  if (!Node.isPropertyAccessExpression(access) || access.hasQuestionDotToken() || n.hasQuestionDotToken()) return undefined;
  return { receiver: access.getExpression(), access, method: access.getName(), call: n };
}

/** The session identifier an initializer loads its object through, or undefined when it is no such load. */
function loadingSession(ctx: TypedContext, init: Node): Identifier | undefined {
  const run = methodCall(init);
  if (!run) return undefined;
  // 2.0: session.get(M, pk), session.scalar(stmt).
  if ((run.method === 'get' || run.method === 'scalar') && Node.isIdentifier(run.receiver) && ctx.isLegacy(run.access.getNameNode(), ['Session'])) return run.receiver;
  if (QUERY_LOADS.has(run.method) && ctx.isLegacy(run.access.getNameNode(), ['LegacyQuery'])) {
    // Down the builders to session.query(…).
    for (let q = methodCall(run.receiver); q; q = methodCall(q.receiver)) {
      if (q.method === 'query' && ctx.isLegacy(q.access.getNameNode(), ['Session'])) return Node.isIdentifier(q.receiver) ? q.receiver : undefined;
      if (!ctx.isLegacy(q.access.getNameNode(), ['LegacyQuery'])) return undefined;
    }
    return undefined;
  }
  // 2.0: (await session.scalars(stmt)).first().
  if (SCALARS_LOADS.has(run.method) && run.call.getArguments().length === 0) {
    const inner = methodCall(run.receiver);
    if (inner?.method === 'scalars' && Node.isIdentifier(inner.receiver) && ctx.isLegacy(inner.access.getNameNode(), ['Session'])) return inner.receiver;
  }
  return undefined;
}

const LOOP_KINDS = new Set([SyntaxKind.ForStatement, SyntaxKind.ForInStatement, SyntaxKind.ForOfStatement, SyntaxKind.WhileStatement, SyntaxKind.DoStatement]);
/** The loops around `n` inside the function `fn`. */
const loopsAround = (n: Node, fn: Node) => n.getAncestors().filter((a) => LOOP_KINDS.has(a.getKind()) && a.getStart() >= fn.getStart() && a.getEnd() <= fn.getEnd());

/** Whether a use of the parent only reads it: an attribute read (not a method call), a test, a comparison. */
function onlyReads(ref: Node): boolean {
  const p = ref.getParent();
  if (!p) return false;
  if (Node.isPropertyAccessExpression(p) && p.getExpression() === ref) {
    const pp = p.getParent();
    // A method of the object itself may change it.
    if (pp && Node.isCallExpression(pp) && pp.getExpression() === p) return false;
    return !isWritten(p);
  }
  if (Node.isPrefixUnaryExpression(p)) return p.getOperatorToken() === SyntaxKind.ExclamationToken;
  if (Node.isTypeOfExpression(p) || Node.isIfStatement(p)) return true;
  if (Node.isConditionalExpression(p)) return p.getCondition() === ref;
  if (Node.isBinaryExpression(p)) {
    const op = p.getOperatorToken().getKind();
    // `parent && …` is the parent only when it is missing.
    if (op === SyntaxKind.AmpersandAmpersandToken) return p.getLeft() === ref;
    return [SyntaxKind.EqualsEqualsEqualsToken, SyntaxKind.ExclamationEqualsEqualsToken, SyntaxKind.EqualsEqualsToken, SyntaxKind.ExclamationEqualsToken].includes(op);
  }
  return false;
}

/**
 * The name of the session `parent` (an identifier used at `site`) belongs to at `site`, or
 * why it cannot be shown; see the module comment for what is checked.
 */
export function parentSession(ctx: TypedContext, parent: Identifier, site: Node): string | { session: string } {
  const decl = parent.getSymbol()?.getDeclarations()[0];
  if (!decl || Node.isParameterDeclaration(decl) || Node.isBindingElement(decl)) return `${parent.getText()} comes from a parameter or a destructuring, so the session it belongs to is not named here`;
  if (!Node.isVariableDeclaration(decl) || !Node.isIdentifier(decl.getNameNode())) return `${parent.getText()} is not a variable of this function, so the session it belongs to is not named here`;
  const fn = functionOf(site);
  if (!fn || functionOf(decl) !== fn) return `${parent.getText()} is declared outside the function running the query, so its session may have changed`;
  const statement = decl.getFirstAncestorByKind(SyntaxKind.VariableStatement);
  const init = decl.getInitializer();
  if (!statement || !init) return `${parent.getText()} is not loaded where it is declared`;
  const session = loadingSession(ctx, init);
  if (!session) return `${parent.getText()} is not loaded by a session variable where it is declared (session.query(…).first(), session.get(…), …)`;
  // The statement of the parent's block that holds the site: from the load to its end is where the parent must stay put.
  let holder: Node | undefined = site;
  while (holder && holder.getParent() !== statement.getParent()) holder = holder.getParent();
  if (!holder || holder.getStart() < statement.getEnd()) return `the query is not in the block where ${parent.getText()} is loaded, after it`;
  const from = statement.getEnd();
  const to = holder.getEnd();
  const inRegion = (n: Node) => n.getStart() >= from && n.getStart() < to;
  const inClosure = (n: Node) => functionOf(n) !== fn;

  for (const ref of referencesOf(decl.getNameNode() as Identifier)) {
    if (ref === decl.getNameNode()) continue;
    if (isWritten(ref)) return `${parent.getText()} is assigned again, so the object the query runs for is not the one loaded`;
    if ((inRegion(ref) || inClosure(ref)) && !onlyReads(ref)) return `${parent.getText()} is used in a way that may change it before the query (${ref.getParent()!.getText().slice(0, 60)})`;
  }

  const sdecl = session.getSymbol()?.getDeclarations()[0];
  const sname = session.getText();
  if (!sdecl || !(Node.isVariableDeclaration(sdecl) || Node.isParameterDeclaration(sdecl)) || !Node.isIdentifier(sdecl.getNameNode())) return `${sname} is not a variable of this function`;
  if (functionOf(sdecl) !== fn && !(Node.isParameterDeclaration(sdecl) && sdecl.getParent() === fn)) return `${sname} is not a variable of this function, so other code may detach ${parent.getText()} from it`;
  for (const ref of referencesOf(sdecl.getNameNode() as Identifier)) {
    if (ref === sdecl.getNameNode()) continue;
    if (isWritten(ref)) return `${sname} is assigned again, so it may not be the session ${parent.getText()} belongs to`;
    const access = ref.getParentOrThrow();
    const call = access.getParent();
    if (!Node.isPropertyAccessExpression(access) || access.getExpression() !== ref || !call || !Node.isCallExpression(call) || call.getExpression() !== access) {
      // Handed on once the query has run (and not again before it, in a loop around both), it cannot reach the parent in time.
      if (ref.getStart() >= to && !inClosure(ref) && !loopsAround(ref, fn).some((l) => l.getStart() <= site.getStart() && site.getEnd() <= l.getEnd())) continue;
      return `${sname} is passed on or kept elsewhere (${access.getText().slice(0, 60)}), so other code may detach ${parent.getText()} from it`;
    }
    if ((inRegion(ref) || inClosure(ref)) && !KEEPS_OBJECTS.has(access.getName())) return `${sname}.${access.getName()}() may detach or expire ${parent.getText()} before the query`;
  }
  // The name must mean the same session where the select() is written.
  const checker = site.getProject().getTypeChecker().compilerObject;
  const target = sdecl.getSymbol()?.compilerSymbol;
  const visible = checker.getSymbolsInScope(site.compilerNode, ts.SymbolFlags.Value).find((s) => s.getName() === sname);
  if (!target || visible !== target) return `${sname} is shadowed where the query is`;
  return { session: sname };
}
