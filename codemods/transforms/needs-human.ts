/**
 * Finds the sites of the codes no transform may rewrite (the legacy registry says why for
 * each) and reports them; changes nothing. L102 bound metadata and implicit execution,
 * L103 autocommit (the option, and DML run on a connection of the function's own outside
 * a transaction), L106 a second begin() on a connection in one function or a begin() on a
 * connection the function was given; the ORM codes in needs-human-orm.ts.
 */
import { Node, PropertyAccessExpression, SyntaxKind } from 'ts-morph';
import { LEGACY_REGISTRY } from '../../legacy-api/registry';
import type { TypedTransformFn } from './types';
import { hasLegacyType, legacyMethodCalls } from './ts-calls';
import { findOrmSites } from './needs-human-orm';
import { nodesOfKind } from './ts-find';

const reason = (code: string) => LEGACY_REGISTRY.get(code)?.manualReason ?? code;

export const typed: TypedTransformFn = (ctx) => {
  const sf = ctx.sourceFile;
  // L102: new MetaData({ bind }), implicit execution, schema operations without an engine.
  for (const n of nodesOfKind(sf, SyntaxKind.NewExpression)) {
    const callee = n.getExpression();
    if (!Node.isIdentifier(callee) && !Node.isPropertyAccessExpression(callee)) continue;
    const nameNode = Node.isIdentifier(callee) ? callee : callee.getNameNode();
    if (!ctx.isLegacy(nameNode)) continue;
    // Only MetaData's bind is L102 (a legacy Session takes { bind } as 2.0 does); follow import aliases.
    const symbol = nameNode.getSymbol();
    if ((symbol?.getAliasedSymbol() ?? symbol)?.getName() !== 'MetaData') continue;
    const opts = n.getArguments()[0];
    if (opts && Node.isObjectLiteralExpression(opts) && opts.getProperty('bind')) ctx.manual(n, 'L102', `MetaData({ bind }): ${reason('L102')}`);
  }
  for (const c of legacyMethodCalls(ctx, ['execute', 'scalar'], ['LegacySelect', 'Executes'])) ctx.manual(c.call, 'L102', `implicit execution (stmt.${c.method}()): ${reason('L102')}`);
  for (const c of legacyMethodCalls(ctx, ['createAll', 'dropAll'], ['MetaData'])) if (c.args.length === 0) ctx.manual(c.call, 'L102', `${c.method}() without an engine: ${reason('L102')}`);
  for (const c of legacyMethodCalls(ctx, ['create', 'drop', 'exists'], ['LegacyTableMethods'])) if (c.args.length === 0) ctx.manual(c.call, 'L102', `table.${c.method}() without an engine: ${reason('L102')}`);
  // L103: executionOptions({ autocommit }).
  for (const c of legacyMethodCalls(ctx, ['executionOptions'], ['LegacyConnection'])) {
    const o = c.args[0];
    if (o && Node.isObjectLiteralExpression(o) && o.getProperty('autocommit')) ctx.manual(c.call, 'L103', reason('L103'));
  }
  // L106: a second begin() on the same connection variable within one function.
  const begins = sf
    .getDescendantsOfKind(SyntaxKind.CallExpression)
    .map((call) => ({ call, access: call.getExpression() }))
    .filter((x) => Node.isPropertyAccessExpression(x.access) && x.access.getName() === 'begin' && x.call.getArguments().length === 0)
    .map((x) => ({ call: x.call, receiver: (x.access as PropertyAccessExpression).getExpression() }))
    .filter((c) => Node.isIdentifier(c.receiver) && hasLegacyType(ctx, c.receiver, 'LegacyConnection', 'executionOptions'));
  for (const c of begins) {
    const fn = c.call.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a) || Node.isSourceFile(a));
    const sym = c.receiver.getSymbol();
    const earlier = begins.find((o) => o !== c && o.call.getStart() < c.call.getStart() && o.receiver.getSymbol() === sym && o.call.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a) || Node.isSourceFile(a)) === fn);
    if (earlier) ctx.manual(c.call, 'L106', `a second begin() on this connection: ${reason('L106')}`);
    // A connection the function was given may be in its caller's transaction already.
    else if (isParameterOf(c.receiver, fn)) ctx.manual(c.call, 'L106', `begin() on a connection the caller passed (it may be in a transaction already): ${reason('L106')}`);
  }
  // L103: INSERT/UPDATE/DELETE on a connection the function opened, with no begin() on it before.
  for (const c of legacyMethodCalls(ctx, ['execute'], ['LegacyConnection'])) {
    if (!Node.isIdentifier(c.receiver) || !c.args[0] || !isDml(c.args[0])) continue;
    const fn = c.call.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a) || Node.isSourceFile(a));
    if (isParameterOf(c.receiver, fn)) continue;
    const sym = c.receiver.getSymbol();
    const decl = sym?.getDeclarations()[0];
    // Only a local connection: one from elsewhere (a module's, a field) may be in a transaction.
    if (!decl || !Node.isVariableDeclaration(decl) || decl.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a) || Node.isSourceFile(a)) !== fn) continue;
    const begun = begins.some((b) => b.receiver.getSymbol() === sym && b.call.getStart() < c.call.getStart());
    if (!begun) ctx.manual(c.call, 'L103', `${dmlKind(c.args[0])} run outside a transaction (autocommitted in 1.x): ${reason('L103')}`);
  }
  findOrmSites(ctx);
};

/** Whether `id` names a parameter of the function `fn`. */
function isParameterOf(id: Node, fn: Node | undefined): boolean {
  const decl = id.getSymbol()?.getDeclarations()[0];
  return !!decl && Node.isParameterDeclaration(decl) && decl.getParent() === fn;
}

const DML = /[\\/]core[\\/]sql[\\/](insert|update|delete)\.(d\.)?ts$/;

/** INSERT, UPDATE or DELETE when the statement's type is one of Retort's DML statements. */
function dmlKind(stmt: Node): string | undefined {
  const t = stmt.getType();
  for (const part of t.isIntersection() ? t.getIntersectionTypes() : [t]) {
    for (const d of part.getSymbol()?.getDeclarations() ?? []) {
      const m = DML.exec(d.getSourceFile().getFilePath());
      if (m) return m[1].toUpperCase();
    }
  }
  return undefined;
}
const isDml = (stmt: Node) => dmlKind(stmt) !== undefined;
