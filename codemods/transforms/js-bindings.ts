/**
 * For the syntax-only transforms: which call expressions call a function exported by
 * `retort/legacy`. Named imports (aliased or not), namespace imports and CommonJS requires
 * are followed; a local binding that shadows the import is not the import.
 */
import type { ASTPath, CallExpression, Collection, ImportDeclaration, JSCodeshift, VariableDeclarator } from 'jscodeshift';

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

const LEGACY = 'retort/legacy';

interface Bindings {
  /** Local name → exported name. */
  readonly named: Map<string, string>;
  /** Local names of the module object (`import * as R`, `const R = require(…)`). */
  readonly namespaces: Set<string>;
}

type NodeType = 'ImportDeclaration' | 'VariableDeclarator' | 'CallExpression';
const KINDS: readonly NodeType[] = ['ImportDeclaration', 'VariableDeclarator', 'CallExpression'];

/** Per AST type name: which of KINDS it is (itself or through its supertypes), as the visitors of find() dispatch. */
let kindOf: Map<string, NodeType | undefined> | undefined;

/**
 * The paths of the ImportDeclaration, VariableDeclarator and CallExpression nodes under
 * `root`, each list as `root.find(j.<Type>)` gives it, from one walk over the plain nodes:
 * the walk follows the fields find()'s visitor follows, in its order, and fills in missing
 * fields with their defaults as it does, but makes a path only for the nodes it returns
 * (find() makes one for every node, three times over here, and that was most of the cost of
 * these transforms).
 */
function findPaths(j: JSCodeshift, root: Collection): Record<NodeType, ASTPath[]> {
  const t = j.types as unknown as {
    namedTypes: Record<string, unknown>;
    getSupertypeNames(type: string): string[];
    getFieldNames(node: object): string[];
    getFieldValue(node: object, field: string): unknown;
    builtInTypes: { array: { check(v: unknown): boolean }; object: { check(v: unknown): boolean } };
  };
  if (!kindOf) {
    kindOf = new Map();
    for (const name of Object.keys(t.namedTypes)) kindOf.set(name, [name, ...t.getSupertypeNames(name)].find((n): n is NodeType => (KINDS as readonly string[]).includes(n)));
  }
  const kinds = kindOf;
  const out: Record<NodeType, ASTPath[]> = { ImportDeclaration: [], VariableDeclarator: [], CallExpression: [] };
  const hasOwn = Object.prototype.hasOwnProperty;
  const keys: (string | number)[] = [];
  const walk = (value: unknown, top: ASTPath) => {
    if (t.builtInTypes.array.check(value)) {
      const list = value as unknown[];
      const len = list.length;
      for (let i = 0; i < len; i++) {
        if (!hasOwn.call(list, i)) continue;
        keys.push(i);
        visit(list[i], top);
        keys.pop();
      }
    } else if (t.builtInTypes.object.check(value)) {
      const node = value as Record<string, unknown>;
      const names = t.getFieldNames(node);
      for (const name of names) if (!hasOwn.call(node, name)) node[name] = t.getFieldValue(node, name);
      for (const name of names) {
        keys.push(name);
        visit(node[name], top);
        keys.pop();
      }
    }
  };
  const visit = (value: unknown, top: ASTPath) => {
    const type = value && typeof value === 'object' ? (value as { type?: unknown }).type : undefined;
    const kind = typeof type === 'string' ? kinds.get(type) : undefined;
    if (kind) out[kind].push(top.get(...keys));
    walk(value, top);
  };
  // As find() does, the paths of the collection themselves are walked into, not returned.
  for (const top of root.paths()) walk(top.value, top);
  return out;
}

export function legacyBindings(j: JSCodeshift, root: Collection, found = findPaths(j, root)): Bindings {
  const named = new Map<string, string>();
  const namespaces = new Set<string>();
  const matches = (node: unknown, needle: Record<string, unknown>): boolean =>
    Object.entries(needle).every(([k, v]) => node !== null && typeof node === 'object' && hasOwn(node, k) && (typeof v === 'object' && v ? matches((node as Record<string, unknown>)[k], v as Record<string, unknown>) : (node as Record<string, unknown>)[k] === v));
  const imports = found.ImportDeclaration.filter((p) => matches(p.node, { source: { value: LEGACY } })) as ASTPath<ImportDeclaration>[];
  const requires = found.VariableDeclarator.filter((p) => matches(p.node, { init: { type: 'CallExpression', callee: { type: 'Identifier', name: 'require' } } })) as ASTPath<VariableDeclarator>[];
  imports.forEach((p) => {
    if (p.node.importKind === 'type') return;
    for (const s of p.node.specifiers ?? []) {
      if (s.type === 'ImportSpecifier' && (s as { importKind?: string }).importKind !== 'type') named.set(String(s.local?.name ?? s.imported.name), String(s.imported.name));
      else if (s.type === 'ImportNamespaceSpecifier' && s.local) namespaces.add(s.local.name as string);
    }
  });
  requires.forEach((p) => {
    const arg = (p.node.init as CallExpression).arguments[0];
    if (!arg || (arg.type !== 'StringLiteral' && arg.type !== 'Literal') || (arg as { value: unknown }).value !== LEGACY) return;
    if (p.node.id.type === 'Identifier') namespaces.add(p.node.id.name);
    else if (p.node.id.type === 'ObjectPattern') {
      for (const prop of p.node.id.properties) {
        if ((prop.type === 'Property' || prop.type === 'ObjectProperty') && prop.key.type === 'Identifier' && prop.value.type === 'Identifier') named.set(prop.value.name, prop.key.name);
      }
    }
  });
  return { named, namespaces };
}

/** Whether `name` at `path` refers to the module-level binding (not a local that shadows it). */
function isModuleBinding(path: ASTPath, name: string): boolean {
  const scope = (path as unknown as { scope?: { lookup(n: string): { isGlobal?: boolean; path?: ASTPath } | null } }).scope;
  const found = scope?.lookup(name);
  if (!found) return true;
  const kind = (found.path?.node as { type?: string } | undefined)?.type;
  return kind === 'Program' || (found as { isGlobal?: boolean }).isGlobal === true || kind === undefined;
}

/** Calls of the `retort/legacy` exports named in `exported`, with the exported name each calls; innermost (last) first, so a rewrite never replaces a node an outer one has already reused. */
export function legacyCalls(j: JSCodeshift, root: Collection, exported: readonly string[]): { path: ASTPath<CallExpression>; name: string }[] {
  const found = findPaths(j, root);
  const b = legacyBindings(j, root, found);
  if (!b.named.size && !b.namespaces.size) return [];
  const out: { path: ASTPath<CallExpression>; name: string }[] = [];
  (found.CallExpression as ASTPath<CallExpression>[]).forEach((p) => {
    const callee = p.node.callee;
    if (callee.type === 'Identifier') {
      const name = b.named.get(callee.name);
      if (name && exported.includes(name) && isModuleBinding(p, callee.name)) out.push({ path: p, name });
    } else if (callee.type === 'MemberExpression' && !callee.computed && callee.object.type === 'Identifier' && callee.property.type === 'Identifier') {
      if (b.namespaces.has(callee.object.name) && exported.includes(callee.property.name) && isModuleBinding(p, callee.object.name)) out.push({ path: p, name: callee.property.name });
    }
  });
  return out.reverse();
}

/** 1-based line and column of a node (as the transform saw the text). */
export function where(node: { loc?: { start: { line: number; column: number } } | null }): { line: number; column: number } {
  return { line: node.loc?.start.line ?? 1, column: (node.loc?.start.column ?? 0) + 1 };
}
