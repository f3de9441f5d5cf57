/**
 * L203: `case_([[cond, value], …], opts?)` → `case_([cond, value], …, opts?)`. Syntax-only;
 * the callee is `case_` from retort/legacy. A list with spreads or holes is reported.
 */
import type { SyntaxTransformFn } from './types';
import { legacyCalls, where } from './js-bindings';
import { parseFile } from './js-parse';

export const syntax: SyntaxTransformFn = (file, api, sites) => {
  const j = api.jscodeshift;
  const root = parseFile(j, file);
  // Edited as text (the brackets of the outer list go), so the pairs keep their layout.
  const cuts: { start: number; end: number }[] = [];
  const pos = (n: unknown) => n as { start: number; end: number };
  for (const { path } of legacyCalls(j, root, ['case_'])) {
    const [whens, ...rest] = path.node.arguments;
    if (!whens || whens.type !== 'ArrayExpression' || whens.elements.length === 0) continue;
    const pairs = whens.elements;
    if (!pairs.some((p) => p?.type === 'ArrayExpression')) continue;
    if (!pairs.every((p) => p?.type === 'ArrayExpression') || rest.length > 1) {
      const at = where(path.node);
      sites.manual('L203', at.line, at.column, 'the WHEN list has spreads, holes or non-literal pairs');
      continue;
    }
    const list = pos(whens);
    cuts.push({ start: list.start, end: pos(pairs[0]).start }, { start: pos(pairs[pairs.length - 1]).end, end: list.end });
    sites.rewritten('L203');
  }
  if (!cuts.length) return undefined;
  let out = file.source;
  for (const c of cuts.sort((a, b) => b.start - a.start)) out = out.slice(0, c.start) + out.slice(c.end);
  return out;
};
