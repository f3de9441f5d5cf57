/**
 * L109: a legacy Row used as a mapping → its `_mapping`: `row.keys()` → `Object.keys(row._mapping)`,
 * `values()`/`items()` likewise, `row.get('k')` → `row._mapping['k']`, `row.has(k)` →
 * `(k in row._mapping)`, `'k' in row` → `'k' in row._mapping`. Only where the value's type is
 * the legacy row. `get()` with a default or a column object is reported (1.x looked the
 * column up by its result name, which may not be its key).
 */
import { SyntaxKind } from 'ts-morph';
import type { TypedTransformFn } from './types';
import { hasLegacyType, legacyMethodCalls } from './ts-calls';

const OBJECT_FN: Record<string, string> = { keys: 'Object.keys', values: 'Object.values', items: 'Object.entries' };

export const typed: TypedTransformFn = (ctx) => {
  for (const c of legacyMethodCalls(ctx, ['keys', 'values', 'items', 'get', 'has'], ['LegacyRow'], 'L109')) {
    // Edits around the receiver, whose own text (and the sites in it) stays.
    const recvEnd = c.receiver.getEnd();
    if (OBJECT_FN[c.method]) {
      if (c.args.length === 0)
        ctx.rewrite('L109', [
          { start: c.receiver.getStart(), end: c.receiver.getStart(), text: `${OBJECT_FN[c.method]}(` },
          { start: recvEnd, end: c.call.getEnd(), text: '._mapping)' },
        ]);
      continue;
    }
    const [key, dflt] = c.args;
    if (!key || dflt || !key.getType().isString() && !key.getType().isStringLiteral()) {
      ctx.manual(c.call, 'L109', dflt ? 'row.get() with a default: write row._mapping[k] with the default the code means (1.x returned it only for a missing key)' : 'row.get()/has() with a column: use named access (row.name) or row._mapping[<its result name>]');
      continue;
    }
    if (c.method === 'get')
      ctx.rewrite('L109', [
        { start: recvEnd, end: key.getStart(), text: '._mapping[' },
        { start: key.getEnd(), end: c.call.getEnd(), text: ']' },
      ]);
    else
      ctx.rewrite('L109', [
        { start: c.receiver.getStart(), end: c.receiver.getStart(), text: `(${key.getText()} in ` },
        { start: recvEnd, end: c.call.getEnd(), text: '._mapping)' },
      ]);
  }
  for (const bin of ctx.sourceFile.getDescendantsOfKind(SyntaxKind.BinaryExpression)) {
    if (bin.getOperatorToken().getKind() !== SyntaxKind.InKeyword) continue;
    const right = bin.getRight();
    if (!hasLegacyType(ctx, right, 'LegacyRow', 'has')) continue;
    ctx.rewrite('L109', [{ start: right.getEnd(), end: right.getEnd(), text: '._mapping' }]);
  }
};
