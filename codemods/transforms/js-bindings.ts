/**
 * For the syntax-only transforms: which call expressions call a function exported by
 * `retort/legacy`. Named imports (aliased or not), namespace imports and CommonJS requires
 * are followed; a local binding that shadows the import is not the import.
 */
import type { ASTPath, CallExpression, Collection, ImportDeclaration, JSCodeshift, VariableDeclarator } from 'jscodeshift';
import { findPaths, matchesShape } from './js-find';

const LEGACY = 'retort/legacy';

interface Bindings {
  /** Local name → exported name. */
  readonly named: Map<string, string>;
  /** Local names of the module object (`import * as R`, `const R = require(…)`). */
  readonly namespaces: Set<string>;
}

const KINDS = ['ImportDeclaration', 'VariableDeclarator', 'CallExpression'] as const;

export function legacyBindings(j: JSCodeshift, root: Collection, found = findPaths(j, root, KINDS)): Bindings {
  const named = new Map<string, string>();
  const namespaces = new Set<string>();
  const imports = found.ImportDeclaration.filter((p) => matchesShape(p.node, { source: { value: LEGACY } })) as ASTPath<ImportDeclaration>[];
  const requires = found.VariableDeclarator.filter((p) => matchesShape(p.node, { init: { type: 'CallExpression', callee: { type: 'Identifier', name: 'require' } } })) as ASTPath<VariableDeclarator>[];
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
  // One walk for the imports, the requires and the calls (three find() traversals before).
  const found = findPaths(j, root, KINDS);
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
