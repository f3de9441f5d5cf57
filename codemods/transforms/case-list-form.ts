/**
 * L203: `case_([[cond, value], …], opts?)` → `case_([cond, value], …, opts?)`. Syntax-only;
 * the callee is `case_` from retort/legacy. A list with spreads or holes is reported.
 *
 * Edited as text: the outer list's brackets go and the pairs keep their layout and comments.
 * A list written over several lines keeps them: a bracket on a line of its own goes with
 * its line (the options, if any, then stand where the `]` was), and a comma is kept or
 * added after the last pair so the call's arguments stay separated.
 */
import type { SyntaxTransformFn } from './types';
import { TextEditor } from '../run/text-edits';
import { legacyCalls, where } from './js-bindings';
import { ownLine, span } from './js-chain';
import { parseFile } from './js-parse';

export const syntax: SyntaxTransformFn = (file, api, sites) => {
  const j = api.jscodeshift;
  const root = parseFile(j, file);
  const src = file.source;
  const text = new TextEditor(src);
  for (const { path } of legacyCalls(j, root, ['case_'])) {
    const [whens, ...rest] = path.node.arguments;
    if (!whens || whens.type !== 'ArrayExpression' || whens.elements.length === 0) continue;
    const pairs = whens.elements;
    if (!pairs.some((p) => p?.type === 'ArrayExpression')) continue;
    const list = span(whens);
    if (!pairs.every((p) => p?.type === 'ArrayExpression') || rest.length > 1 || src[list.start] !== '[' || src[list.end - 1] !== ']') {
      const at = where(path.node);
      sites.manual('L203', at.line, at.column, 'the WHEN list has spreads, holes or non-literal pairs');
      continue;
    }
    const first = span(pairs[0]);
    const last = span(pairs[pairs.length - 1]);
    // The opening bracket: with its line when it stands alone there, alone when it ends its
    // line, else with the space up to the first pair.
    const openOwn = ownLine(src, list.start, list.start + 1);
    if (openOwn) text.replace(openOwn.start, openOwn.end, '');
    else if (/^[ \t]*\n/.test(src.slice(list.start + 1))) text.replace(list.start, list.start + 1, '');
    else text.replace(list.start, first.start, '');
    const closeLine = src.lastIndexOf('\n', list.end - 1) + 1;
    if (closeLine > last.end && /^[ \t]*$/.test(src.slice(closeLine, list.end - 1))) {
      // `]` on a line of its own: what follows the last pair stays (its comma, a comment); the
      // `]` goes with the comma after it, which the last pair takes over when it has none.
      const comma = (/^[ \t]*,[ \t]*/.exec(src.slice(list.end)) ?? [''])[0];
      if ((rest.length || comma) && !/^[ \t]*,/.test(src.slice(last.end))) text.replace(last.end, last.end, ',');
      const closeOwn = rest.length ? undefined : ownLine(src, list.end - 1, list.end, { comma: true });
      if (closeOwn) text.replace(closeOwn.start, closeOwn.end, '');
      else text.replace(list.end - 1, list.end + comma.length, '');
    } else text.replace(last.end, list.end, '');
    sites.rewritten('L203');
  }
  return text.changed ? text.toString() : undefined;
};
