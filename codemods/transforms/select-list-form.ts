/**
 * L201: `select([a, b], where, { from, orderBy, … })` → `select(a, b).where(…).selectFrom(…)…`.
 * Syntax-only: the callee is `select` from retort/legacy (followed through aliases and
 * namespaces). The clauses are applied in the order the shim applies them. Reported instead
 * of rewritten: a WHERE argument that may be null at run time, an options bag that is not
 * a literal, and list options that may be one item or a list. `useLabels: true` (L205)
 * becomes `.setLabelStyle('tablenamePlusCol')`, the label style the shim applies for it.
 *
 * Edited as text: the list's brackets go and the columns stay as written (one per line
 * stays one per line, their comments stay); the WHERE argument and the options become
 * generative calls after the call's `)`, which takes the place of the `]`. A comment between
 * the list and the end of the call that is not inside the WHERE argument or an option's
 * value goes with the syntax it was written beside.
 */
import type { SyntaxTransformFn } from './types';
import { TextEditor } from '../run/text-edits';
import { legacyCalls, where } from './js-bindings';
import { booleanLiteral, callsText, isNullish, listItems, ownLine, readOptions, span } from './js-chain';
import { parseFile } from './js-parse';

const OPTIONS = ['from', 'orderBy', 'groupBy', 'having', 'limit', 'offset', 'distinct', 'useLabels', 'correlate'] as const;
const LISTS: Record<string, string> = { from: 'selectFrom', groupBy: 'groupBy', orderBy: 'orderBy' };

export const syntax: SyntaxTransformFn = (file, api, sites) => {
  const j = api.jscodeshift;
  const root = parseFile(j, file);
  const text = new TextEditor(file.source);
  const source = (n: unknown) => text.slice(span(n).start, span(n).end);
  // Innermost first: a select() inside the options is rewritten before the outer one moves it.
  for (const { path } of legacyCalls(j, root, ['select'])) {
    const [cols, whereArg, opts, ...extra] = path.node.arguments;
    if (!cols || cols.type !== 'ArrayExpression') continue;
    const at = where(path.node);
    const manual = (reason: string, code = 'L201') => sites.manual(code, at.line, at.column, reason);
    if (extra.length || cols.elements.some((e) => e === null)) {
      manual('select() list form with extra arguments or holes');
      continue;
    }
    const list = span(cols);
    if (file.source[list.start] !== '[' || file.source[list.end - 1] !== ']') {
      manual('the column list is wrapped in parentheses');
      continue;
    }
    const calls: [string, string[]][] = [];
    let labels = false;
    const hasWhere = !!whereArg && !isNullish(whereArg as never);
    if (hasWhere && whereArg.type !== 'CallExpression') {
      manual('the WHERE argument may be null at run time (the 2.0 .where() does not accept null)');
      continue;
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
        else if (items.length) calls.push([LISTS[key], items.map(source)]);
      };
      pushList('from');
      pushList('groupBy');
      if (o.has('having')) calls.push(['having', [source(o.get('having'))]]);
      pushList('orderBy');
      if (o.has('limit')) calls.push(['limit', [source(o.get('limit'))]]);
      if (o.has('offset')) calls.push(['offset', [source(o.get('offset'))]]);
      if (o.has('distinct')) {
        const d = booleanLiteral(o.get('distinct')!);
        if (d === undefined) bad = 'distinct is not a true/false literal';
        else if (d) calls.push(['distinct', []]);
      }
      if (o.has('correlate')) {
        const c = booleanLiteral(o.get('correlate')!);
        if (c === undefined) bad = 'correlate is not a true/false literal';
        else if (!c) calls.push(['correlate', ['null']]);
      }
      // Last, as the shim applies it: the label style names the columns of the whole statement.
      if (o.has('useLabels')) {
        const l = booleanLiteral(o.get('useLabels')!);
        if (l === undefined) bad = 'useLabels is not a true/false literal';
        else if (l) {
          calls.push(['setLabelStyle', ["'tablenamePlusCol'"]]);
          labels = true;
        }
      }
      if (bad) {
        manual(bad);
        continue;
      }
    }
    // The tail is built (its pieces sliced with their own rewrites) before the edit that replaces them.
    const tail = ')' + callsText(hasWhere ? [['where', [source(whereArg)]], ...calls] : calls);
    // A `[` alone on its line goes with its line; the columns keep theirs.
    const own = ownLine(file.source, list.start, list.start + 1);
    if (own) text.replace(own.start, own.end, '');
    else text.replace(list.start, list.start + 1, '');
    text.replace(list.end - 1, span(path.node).end, tail);
    sites.rewritten('L201');
    if (labels) sites.rewritten('L205');
  }
  return text.changed ? text.toString() : undefined;
};
