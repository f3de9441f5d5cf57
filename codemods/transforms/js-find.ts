/**
 * For the syntax-only transforms: the nodes of several types in one walk of the tree, as
 * `root.find(j.<Type>)` would give each list. find() makes a path object for every node
 * it passes, once per call, and several calls per file were most of what these transforms
 * cost; this walk goes over the plain nodes and makes paths only for the ones it returns.
 */
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';

interface AstTypes {
  namedTypes: Record<string, unknown>;
  getSupertypeNames(type: string): string[];
  getFieldNames(node: object): string[];
  getFieldValue(node: object, field: string): unknown;
  builtInTypes: { array: { check(v: unknown): boolean }; object: { check(v: unknown): boolean } };
}

/** Per list of kinds: AST type name → the kind it is found as (itself or its first supertype in the list), as find()'s visitor dispatches. */
const tables = new Map<string, Map<string, string | undefined>>();

function kindTable(t: AstTypes, kinds: readonly string[]): Map<string, string | undefined> {
  const key = kinds.join(',');
  let table = tables.get(key);
  if (!table) {
    table = new Map();
    for (const name of Object.keys(t.namedTypes)) table.set(name, [name, ...t.getSupertypeNames(name)].find((n) => kinds.includes(n)));
    tables.set(key, table);
  }
  return table;
}

/**
 * The paths of the nodes of each type in `kinds` under the collection's paths, each list in
 * the order `root.find(j.<Type>)` gives it (the kinds must not be subtypes of one another).
 * The walk follows the fields find()'s visitor follows, in its order, and fills in a node's
 * missing fields with their defaults as that visitor does, so the tree after it is the tree
 * after a find().
 */
export function findPaths<K extends string>(j: JSCodeshift, root: Collection, kinds: readonly K[]): Record<K, ASTPath[]> {
  const t = j.types as unknown as AstTypes;
  const table = kindTable(t, kinds);
  const out = Object.fromEntries(kinds.map((k) => [k, [] as ASTPath[]])) as Record<K, ASTPath[]>;
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
    const kind = typeof type === 'string' ? (table.get(type) as K | undefined) : undefined;
    if (kind) out[kind].push(top.get(...keys));
    walk(value, top);
  };
  // As find() does, the collection's own paths are walked into, not returned.
  for (const top of root.paths()) walk(top.value, top);
  return out;
}

/** Whether `node` has every property of `needle` (recursively for objects), as find()'s filter argument matches. */
export function matchesShape(node: unknown, needle: Record<string, unknown>): boolean {
  return Object.entries(needle).every(
    ([k, v]) =>
      node !== null &&
      typeof node === 'object' &&
      Object.prototype.hasOwnProperty.call(node, k) &&
      (typeof v === 'object' && v ? matchesShape((node as Record<string, unknown>)[k], v as Record<string, unknown>) : (node as Record<string, unknown>)[k] === v),
  );
}

/** A node of a plain Babel tree. */
export interface PlainNode {
  type: string;
  start?: number | null;
  end?: number | null;
  [key: string]: unknown;
}

/** Keys of a Babel node that hold no child node. */
const NOT_CHILDREN = new Set(['loc', 'start', 'end', 'extra', 'tokens', 'comments', 'leadingComments', 'trailingComments', 'innerComments', 'range']);

/**
 * Calls `visit` on `node` and every node below it of a plain Babel tree, with the node that
 * holds each one; `visit` returning false skips a subtree. No paths are made.
 */
export function walkNodes<N extends PlainNode = PlainNode>(node: unknown, visit: (n: N, parent: N | undefined) => boolean | void, parent?: N): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) walkNodes(n, visit, parent);
    return;
  }
  const n = node as N;
  if (typeof n.type !== 'string') return;
  if (visit(n, parent) === false) return;
  for (const key of Object.keys(n)) if (!NOT_CHILDREN.has(key)) walkNodes(n[key], visit, n);
}

/** An identifier of a plain tree with the node that holds it. */
export interface IdentifierUse {
  readonly node: { type: string; name: string };
  readonly parent: PlainNode;
}

/**
 * Every identifier (and JSX identifier) of a plain Babel tree by name, with its parent node:
 * one walk, no paths. For questions about the use of names, which a find() per name
 * answered by walking the whole tree each time.
 */
export function identifiersByName(ast: unknown): Map<string, IdentifierUse[]> {
  const out = new Map<string, IdentifierUse[]>();
  walkNodes(ast, (node, parent) => {
    if (parent && (node.type === 'Identifier' || node.type === 'JSXIdentifier')) {
      const name = node.name as string;
      let list = out.get(name);
      if (!list) out.set(name, (list = []));
      list.push({ node: node as IdentifierUse['node'], parent });
    }
  });
  return out;
}
