/**
 * L201: `select([a, b], where, { from, orderBy, … })` → `select(a, b).where(…).selectFrom(…)…`.
 * Syntax-only: the callee is `select` from retort/legacy (followed through aliases and
 * namespaces). The clauses are applied in the order the shim applies them. Reported instead
 * of rewritten: a WHERE argument that may be null at run time, an options bag that is not
 * a literal, and list options that may be one item or a list. `useLabels: true` (L205)
 * becomes `.setLabelStyle('tablenamePlusCol')`, the label style the shim applies for it.
 */
import type { SyntaxTransformFn } from './types';
import { legacyCalls, where } from './js-bindings';
import { booleanLiteral, chain, isNullish, listItems, readOptions, singleQuoted } from './js-chain';

const OPTIONS = ['from', 'orderBy', 'groupBy', 'having', 'limit', 'offset', 'distinct', 'useLabels', 'correlate'] as const;
const LISTS: Record<string, string> = { from: 'selectFrom', groupBy: 'groupBy', orderBy: 'orderBy' };

export const syntax: SyntaxTransformFn = (file, api, sites) => {
  const j = api.jscodeshift;
  const root = j(file.source);
  let changed = false;
  for (const { path } of legacyCalls(j, root, ['select'])) {
    const [cols, whereArg, opts, ...extra] = path.node.arguments;
    if (!cols || cols.type !== 'ArrayExpression') continue;
    const at = where(path.node);
    const manual = (reason: string, code = 'L201') => sites.manual(code, at.line, at.column, reason);
    if (extra.length || cols.elements.some((e) => e === null)) {
      manual('select() list form with extra arguments or holes');
      continue;
    }
    const calls: [string, unknown[]][] = [];
    let labels = false;
    if (whereArg && !isNullish(whereArg as never)) {
      if (whereArg.type !== 'CallExpression') {
        manual('the WHERE argument may be null at run time (the 2.0 .where() does not accept null)');
        continue;
      }
      calls.push(['where', [whereArg]]);
    }
    if (opts && !isNullish(opts as never)) {
      const o = readOptions(opts, OPTIONS);
      if (typeof o === 'string') {
        manual(`the options bag cannot be read: ${o}`);
        continue;
      }
      let bad: string | undefined;
      const pushList = (key: string) => {
        const v = o.get(key);
        if (v === undefined) return;
        const items = listItems(v);
        if (!items) bad = `the ${key} option may be a single item or a list`;
        else if (items.length) calls.push([LISTS[key], items]);
      };
      pushList('from');
      pushList('groupBy');
      if (o.has('having')) calls.push(['having', [o.get('having')]]);
      pushList('orderBy');
      if (o.has('limit')) calls.push(['limit', [o.get('limit')]]);
      if (o.has('offset')) calls.push(['offset', [o.get('offset')]]);
      if (o.has('distinct')) {
        const d = booleanLiteral(o.get('distinct')!);
        if (d === undefined) bad = 'distinct is not a true/false literal';
        else if (d) calls.push(['distinct', []]);
      }
      if (o.has('correlate')) {
        const c = booleanLiteral(o.get('correlate')!);
        if (c === undefined) bad = 'correlate is not a true/false literal';
        else if (!c) calls.push(['correlate', [j.nullLiteral()]]);
      }
      // Last, as the shim applies it: the label style names the columns of the whole statement.
      if (o.has('useLabels')) {
        const l = booleanLiteral(o.get('useLabels')!);
        if (l === undefined) bad = 'useLabels is not a true/false literal';
        else if (l) {
          calls.push(['setLabelStyle', [singleQuoted(j, 'tablenamePlusCol')]]);
          labels = true;
        }
      }
      if (bad) {
        manual(bad);
        continue;
      }
    }
    const base = j.callExpression(path.node.callee, cols.elements as never);
    j(path).replaceWith(chain(j, base, calls as never));
    sites.rewritten('L201');
    if (labels) sites.rewritten('L205');
    changed = true;
  }
  // No wrapping of the new chain: the code's own formatter, not recast's 74 columns, decides its layout.
  return changed ? root.toSource({ wrapColumn: Number.MAX_SAFE_INTEGER }) : undefined;
};
