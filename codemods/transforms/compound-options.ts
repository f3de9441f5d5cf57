/**
 * L204: `union(a, b, { orderBy, limit, offset })` → `union(a, b).orderBy(…).limit(…).offset(…)`
 * (also unionAll, intersect, except from retort/legacy). Syntax-only; an options bag that
 * is not a literal is reported.
 */
import type { SyntaxTransformFn } from './types';
import { legacyCalls, where } from './js-bindings';
import { chain, listItems, readOptions } from './js-chain';

export const syntax: SyntaxTransformFn = (file, api, sites) => {
  const j = api.jscodeshift;
  const root = j(file.source);
  let changed = false;
  for (const { path } of legacyCalls(j, root, ['union', 'unionAll', 'intersect', 'except'])) {
    const args = path.node.arguments;
    const last = args[args.length - 1];
    if (!last || last.type !== 'ObjectExpression') continue;
    const at = where(path.node);
    const o = readOptions(last, ['orderBy', 'limit', 'offset']);
    if (typeof o === 'string') {
      sites.manual('L204', at.line, at.column, `the options bag cannot be read: ${o}`);
      continue;
    }
    const calls: [string, unknown[]][] = [];
    if (o.has('orderBy')) {
      const items = listItems(o.get('orderBy')!);
      if (!items) {
        sites.manual('L204', at.line, at.column, 'the orderBy option may be a single item or a list');
        continue;
      }
      if (items.length) calls.push(['orderBy', items]);
    }
    if (o.has('limit')) calls.push(['limit', [o.get('limit')]]);
    if (o.has('offset')) calls.push(['offset', [o.get('offset')]]);
    const base = j.callExpression(path.node.callee, args.slice(0, -1));
    j(path).replaceWith(chain(j, base, calls as never));
    sites.rewritten('L204');
    changed = true;
  }
  // No wrapping of the new chain: the code's own formatter, not recast's 74 columns, decides its layout.
  return changed ? root.toSource({ wrapColumn: Number.MAX_SAFE_INTEGER }) : undefined;
};
