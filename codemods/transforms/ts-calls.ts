/** For the type-aware transforms: finding calls of Retort legacy methods, and small text helpers. */
import { CallExpression, Node, PropertyAccessExpression, SyntaxKind } from 'ts-morph';
import type { TypedContext } from './types';

export interface MethodCall {
  readonly call: CallExpression;
  readonly access: PropertyAccessExpression;
  readonly receiver: Node;
  readonly method: string;
  readonly args: Node[];
}

/**
 * Calls `x.m(…)` with `m` in `methods` whose declaration is a Retort legacy member of one of
 * `owners`. The member is looked up on the receiver's type (not through the call's resolved
 * signature, which would make the checker infer every argument). With `code`, an
 * optional call (`x?.m()`, `x.m?.()`) is reported instead: the rewrites do not keep `?.`.
 */
export function legacyMethodCalls(ctx: TypedContext, methods: readonly string[], owners: readonly string[], code?: string): MethodCall[] {
  const out: MethodCall[] = [];
  for (const call of ctx.sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const access = call.getExpression();
    if (!Node.isPropertyAccessExpression(access)) continue;
    const method = access.getName();
    if (!methods.includes(method)) continue;
    const receiver = access.getExpression();
    const decls = receiver.getType().getProperty(method)?.getDeclarations() ?? [];
    if (!decls.some((d) => ctx.isLegacyDeclaration(d, owners))) continue;
    if (code && (access.hasQuestionDotToken() || call.hasQuestionDotToken())) {
      ctx.manual(call, code, 'an optional call (?.): rewrite it by hand, keeping what should happen when the value is missing');
      continue;
    }
    out.push({ call, access, receiver, method, args: call.getArguments() });
  }
  return out;
}

/** Calls of a Retort legacy function (by any local name, namespace or re-export) named in `names`. */
export function legacyFunctionCalls(ctx: TypedContext, names: readonly string[]): { call: CallExpression; name: string; args: Node[] }[] {
  const out: { call: CallExpression; name: string; args: Node[] }[] = [];
  for (const call of ctx.sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    const nameNode = Node.isIdentifier(callee) ? callee : Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : undefined;
    if (!nameNode) continue;
    const sym = nameNode.getSymbol();
    const target = sym?.isAlias() ? sym.getAliasedSymbol() : sym;
    const name = target?.getName();
    if (!name || !names.includes(name) || !ctx.isLegacy(nameNode)) continue;
    // Functions only: a method of the same name (table.update()) is another form.
    if (!target?.getDeclarations().some((d) => Node.isFunctionDeclaration(d) || Node.isVariableDeclaration(d))) continue;
    out.push({ call, name, args: call.getArguments() });
  }
  return out;
}

/** The source text of a list of nodes, from the first one's start to the last one's end (keeps comments and commas between them). */
export function spanText(nodes: readonly Node[]): string {
  if (!nodes.length) return '';
  const sf = nodes[0].getSourceFile().getFullText();
  return sf.slice(nodes[0].getStart(), nodes[nodes.length - 1].getEnd());
}

/** Whether evaluating an expression twice is the same as once (a name, `this`, or property reads of those). */
export function isPlainReference(n: Node): boolean {
  if (Node.isIdentifier(n) || n.getKind() === SyntaxKind.ThisKeyword) return true;
  if (Node.isPropertyAccessExpression(n)) return isPlainReference(n.getExpression());
  return false;
}

/** Whether the type of an expression admits null or undefined. */
export function mayBeNullish(n: Node): boolean {
  const t = n.getType();
  if (t.isAny() || t.isUnknown()) return true;
  if (t.isNull() || t.isUndefined()) return true;
  return t.isUnion() && t.getUnionTypes().some((u) => u.isNull() || u.isUndefined() || u.isAny() || u.isUnknown());
}

/** Whether `n` is `null` or `undefined` written out. */
export function isNullishLiteral(n: Node | undefined): boolean {
  return !!n && (n.getKind() === SyntaxKind.NullKeyword || (Node.isIdentifier(n) && n.getText() === 'undefined'));
}

/** The `:name` parameters of SQL text in order (the text() syntax: `\:` is a literal colon, `::` a cast). */
export function textParameterNames(sql: string): string[] {
  return [...sql.matchAll(/(?<![:\\]):([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
}

/** Whether the type of `node` has a member `probe` declared by the Retort legacy type `owner` (e.g. a LegacyConnection). */
export function hasLegacyType(ctx: TypedContext, node: Node, owner: string, probe: string): boolean {
  return (node.getType().getProperty(probe)?.getDeclarations() ?? []).some((d) => ctx.isLegacyDeclaration(d, [owner]));
}
