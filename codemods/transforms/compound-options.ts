/**
 * L204: `union(a, b, { orderBy, limit, offset })` → `union(a, b).orderBy(…).limit(…).offset(…)`
 * (also unionAll, intersect, except from retort/legacy). Syntax-only; an options bag that
 * is not a literal is reported. Edited as text: the statements stay as written with their
 * comments, the options bag becomes generative calls after the call.
 */
import type { SyntaxTransformFn } from './types';
import { TextEditor } from '../run/text-edits';
import { legacyCalls, where } from './js-bindings';
import { callsText, listItems, outerEnd, ownLine, readOptions, span } from './js-chain';
import { parseFile } from './js-parse';

export const syntax: SyntaxTransformFn = (file, api, sites) => {
  const j = api.jscodeshift;
  const root = parseFile(j, file);
  const text = new TextEditor(file.source);
  const source = (n: unknown) => text.slice(span(n).start, span(n).end);
  // Innermost first: a compound inside the options is rewritten before the outer one moves it.
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
    const calls: [string, string[]][] = [];
    if (o.has('orderBy')) {
      const items = listItems(o.get('orderBy')!);
      if (!items) {
        sites.manual('L204', at.line, at.column, 'the orderBy option may be a single item or a list');
        continue;
      }
      if (items.length) calls.push(['orderBy', items.map(source)]);
    }
    if (o.has('limit')) calls.push(['limit', [source(o.get('limit'))]]);
    if (o.has('offset')) calls.push(['offset', [source(o.get('offset'))]]);
    // The calls go after the call's `)`; the bag goes with its line when it has one to itself,
    // else with the comma before it. The statements and their comments stay as written.
    const tail = callsText(calls);
    const bag = { start: span(last).start, end: outerEnd(file.source, last) };
    const own = ownLine(file.source, bag.start, bag.end, { comma: true });
    if (own) text.replace(own.start, own.end, '');
    else text.replace(args.length > 1 ? outerEnd(file.source, args[args.length - 2]) : bag.start, bag.end, '');
    text.replace(span(path.node).end, span(path.node).end, tail);
    sites.rewritten('L204');
  }
  return text.changed ? text.toString() : undefined;
};
