/**
 * The nodes of a file by kind, from one walk per file text shared by every transform of a
 * pass. ts-morph's getDescendantsOfKind() walks the whole tree on each call, through
 * generators, and for token kinds (identifiers) through the full token tree, which TypeScript
 * builds by scanning the text again; a walk over the parse tree (forEachChild) is enough here,
 * and only the nodes a transform asks for are wrapped.
 */
import { Node, SourceFile, SyntaxKind, ts } from 'ts-morph';

interface KindIndex {
  readonly text: string;
  readonly byKind: Map<SyntaxKind, ts.Node[]>;
}

const indexes = new WeakMap<SourceFile, KindIndex>();

function kindIndex(sf: SourceFile): KindIndex {
  const text = sf.getFullText();
  const known = indexes.get(sf);
  if (known && known.text === text) return known;
  const byKind = new Map<SyntaxKind, ts.Node[]>();
  const visit = (n: ts.Node): void => {
    const list = byKind.get(n.kind);
    if (list) list.push(n);
    else byKind.set(n.kind, [n]);
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(sf.compilerNode, visit);
  const index = { text, byKind };
  indexes.set(sf, index);
  return index;
}

/**
 * The nodes of `kind` in `sf`, in document order (as `sf.getDescendantsOfKind(kind)`, but
 * without the names inside JSDoc comments, which no transform rewrites).
 *
 * @example
 * for (const n of nodesOfKind(sf, SyntaxKind.NewExpression)) …
 */
export function nodesOfKind<K extends SyntaxKind>(sf: SourceFile, kind: K): import('ts-morph').KindToNodeMappings[K][] {
  const wrap = (sf as unknown as { _getNodeFromCompilerNode(n: ts.Node): Node })._getNodeFromCompilerNode.bind(sf);
  return (kindIndex(sf).byKind.get(kind) ?? []).map((n) => wrap(n) as import('ts-morph').KindToNodeMappings[K]);
}

/**
 * The names of the identifiers of `sf` (or of the part `within` spans) that may name a
 * binding: not the name after a dot, nor (`keys: false`) an object literal's key. Read from
 * the parse tree without wrapping a node.
 */
export function bindingNames(sf: SourceFile, within?: Node, keys = true): Set<string> {
  const from = within?.getPos() ?? 0;
  const to = within?.getEnd() ?? Number.MAX_SAFE_INTEGER;
  const out = new Set<string>();
  for (const n of kindIndex(sf).byKind.get(SyntaxKind.Identifier) ?? []) {
    if (n.pos < from || n.end > to) continue;
    const p = n.parent;
    if (p && ts.isPropertyAccessExpression(p) && p.name === n) continue;
    if (!keys && p && ts.isPropertyAssignment(p) && p.name === n) continue;
    out.add((n as ts.Identifier).text);
  }
  return out;
}
