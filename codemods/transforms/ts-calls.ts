/** For the type-aware transforms: finding calls of Retort legacy methods, and small text helpers. */
import { CallExpression, Node, PropertyAccessExpression, SourceFile, SyntaxKind, ts } from 'ts-morph';
import { splitText } from '../../core/sql/text';
import type { TypedContext } from './types';
import { nodesOfKind } from './ts-find';

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
 * signature, which would make the checker infer every argument). With `code`, a call in an
 * optional chain (`x?.m()`, `x.m?.()`, `a?.b.m()`) is reported instead: the rewrites do not
 * keep `?.`.
 * `skipReceiver` rules out receivers by syntax before their type is asked for.
 */
export function legacyMethodCalls(ctx: TypedContext, methods: readonly string[], owners: readonly string[], code?: string, skipReceiver?: (receiver: Node) => boolean): MethodCall[] {
  const out: MethodCall[] = [];
  const { byMethod, order } = callIndex(ctx.sourceFile);
  // In document order (outer calls before the calls inside them), as a walk of the tree gives them.
  const calls = methods.flatMap((m) => byMethod.get(m) ?? []).sort((a, b) => order.get(a)! - order.get(b)!);
  for (const call of calls) {
    const access = call.getExpression() as PropertyAccessExpression;
    const method = access.getName();
    const receiver = access.getExpression();
    // A receiver known by its syntax not to be one of the owners needs no type (the costly question).
    if (skipReceiver?.(receiver)) continue;
    // A receiver that may be missing (`engine?.execute()`, a parameter typed `Engine | undefined`)
    // is still the owner's: its members are those of the type without null and undefined.
    const type = receiver.getType();
    const member = type.getProperty(method) ?? (type.isNullable() ? type.getNonNullableType().getProperty(method) : undefined);
    const decls = member?.getDeclarations() ?? [];
    if (!decls.some((d) => ctx.isLegacyDeclaration(d, owners))) continue;
    if (code && isInOptionalChain(call)) {
      ctx.manual(call, code, 'an optional call (?.): rewrite it by hand, keeping what should happen when the value is missing');
      continue;
    }
    out.push({ call, access, receiver, method, args: call.getArguments() });
  }
  return out;
}

/** Whether a call is part of an optional chain: a `?.` in it or anywhere in the chain before it. */
function isInOptionalChain(call: CallExpression): boolean {
  return (call.compilerNode.flags & ts.NodeFlags.OptionalChain) !== 0;
}

/** Calls of a Retort legacy function (by any local name, namespace or re-export) named in `names`. */
export function legacyFunctionCalls(ctx: TypedContext, names: readonly string[]): { call: CallExpression; name: string; args: Node[] }[] {
  const out: { call: CallExpression; name: string; args: Node[] }[] = [];
  const { all, imported } = callIndex(ctx.sourceFile);
  for (const call of all) {
    const callee = call.getExpression();
    const nameNode = Node.isIdentifier(callee) ? callee : Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : undefined;
    if (!nameNode) continue;
    // Only a name of the list or an imported binding (which may rename one through re-exports)
    // can resolve to one of the functions: other calls are not given to the checker.
    const text = nameNode.getText();
    if (!names.includes(text) && !(Node.isIdentifier(callee) && imported.has(text))) continue;
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

interface CallIndex {
  readonly text: string;
  readonly all: CallExpression[];
  /** Each call's place in `all` (document order). */
  readonly order: Map<CallExpression, number>;
  /** `x.m(…)` calls by `m`. */
  readonly byMethod: Map<string, CallExpression[]>;
  /** Local names bound by import declarations and require() destructuring. */
  readonly imported: Set<string>;
}

const indexes = new WeakMap<SourceFile, CallIndex>();

/**
 * The calls of a file, walked once per text and shared by every transform of a pass (each
 * used to walk the whole tree, and ts-morph wraps every node it hands out).
 */
function callIndex(sf: SourceFile): CallIndex {
  const text = sf.getFullText();
  const known = indexes.get(sf);
  if (known && known.text === text) return known;
  const all = nodesOfKind(sf, SyntaxKind.CallExpression);
  const byMethod = new Map<string, CallExpression[]>();
  for (const call of all) {
    const access = call.getExpression();
    if (!Node.isPropertyAccessExpression(access)) continue;
    const m = access.getName();
    const list = byMethod.get(m);
    if (list) list.push(call);
    else byMethod.set(m, [call]);
  }
  const imported = new Set<string>();
  for (const d of sf.getImportDeclarations()) {
    for (const n of d.getNamedImports()) imported.add((n.getAliasNode() ?? n.getNameNode()).getText());
    const def = d.getDefaultImport();
    if (def) imported.add(def.getText());
  }
  for (const v of nodesOfKind(sf, SyntaxKind.VariableDeclaration)) {
    const init = v.getInitializer();
    const name = v.getNameNode();
    if (!init || !Node.isCallExpression(init) || init.getExpression().getText() !== 'require') continue;
    if (Node.isObjectBindingPattern(name)) for (const el of name.getElements()) imported.add(el.getNameNode().getText());
  }
  const index = { text, all, order: new Map(all.map((c, i) => [c, i])), byMethod, imported };
  indexes.set(sf, index);
  return index;
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

/**
 * The `:name` parameters of SQL text in order, read by the parser text() itself uses at run
 * time (quotes, `\:` and `::` respected), so a mapping made from them is the one 1.x made.
 */
export function textParameterNames(sql: string): string[] {
  return splitText(sql).flatMap((p) => (typeof p === 'string' ? [] : [p.param]));
}

/** Whether the type of `node` has a member `probe` declared by the Retort legacy type `owner` (e.g. a LegacyConnection). */
export function hasLegacyType(ctx: TypedContext, node: Node, owner: string, probe: string): boolean {
  return (node.getType().getProperty(probe)?.getDeclarations() ?? []).some((d) => ctx.isLegacyDeclaration(d, [owner]));
}

/**
 * The initializer of the `const` of this file that `id` names (one declaration), which is the
 * value wherever the name is read; undefined for anything else (a let, a parameter, an import).
 */
export function constInitializer(id: Node): Node | undefined {
  const decls = id.getSymbol()?.getDeclarations() ?? [];
  const d = decls.length === 1 ? decls[0] : undefined;
  if (!d || !Node.isVariableDeclaration(d) || d.getSourceFile() !== id.getSourceFile()) return undefined;
  const list = d.getParent();
  if (!Node.isVariableDeclarationList(list) || !(list.getFlags() & ts.NodeFlags.Const)) return undefined;
  return d.getInitializer();
}

/** Retort's statement constructors: their calls make statements, never strings. */
const STATEMENT_FUNCTIONS = new Set(['select', 'insert', 'update', 'delete_', 'deleteFrom', 'text', 'union', 'unionAll', 'intersect', 'except']);
/** Generative methods of statements: each returns a statement again. */
const STATEMENT_METHODS = new Set(['where', 'filterBy', 'orderBy', 'groupBy', 'having', 'limit', 'offset', 'values', 'returning', 'selectFrom', 'join', 'outerJoin', 'distinct', 'correlate', 'setLabelStyle', 'addColumns', 'withOnlyColumns', 'bindparams', 'columns', 'onConflictDoNothing', 'onConflictDoUpdate', 'onDuplicateKeyUpdate']);

/**
 * Whether an expression is, by its syntax and the names it calls, a Retort statement: a call
 * of a statement constructor of Retort (resolved through imports, not by spelling), followed
 * by generative methods only, written in place or held by a `const` of the file. It asks the
 * checker for symbols only, not for the types of the calls (whose inference over Retort's
 * generic statement types is the costly part), so a transform can rule out "a string" for
 * the most common argument of execute() cheaply; false means "not known", not "a string".
 */
export function isStatementExpression(ctx: TypedContext, n: Node): boolean {
  const held = Node.isIdentifier(n) ? constInitializer(n) : n;
  if (!held) return false;
  let e: Node = held;
  while (Node.isCallExpression(e)) {
    const callee = e.getExpression();
    if (Node.isPropertyAccessExpression(callee) && STATEMENT_METHODS.has(callee.getName())) {
      e = callee.getExpression();
      continue;
    }
    const nameNode = Node.isIdentifier(callee) ? callee : Node.isPropertyAccessExpression(callee) && Node.isIdentifier(callee.getExpression()) ? callee.getNameNode() : undefined;
    if (!nameNode || !STATEMENT_FUNCTIONS.has(nameNode.getText()) && !Node.isIdentifier(callee)) return false;
    const sym = nameNode.getSymbol();
    const target = sym?.isAlias() ? sym.getAliasedSymbol() : sym;
    return !!target && STATEMENT_FUNCTIONS.has(target.getName()) && ctx.isLegacy(nameNode);
  }
  return false;
}
