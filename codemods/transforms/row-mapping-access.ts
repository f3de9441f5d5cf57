/**
 * L109: a legacy Row used as a mapping → its `_mapping`: `row.keys()` → `Object.keys(row._mapping)`,
 * `values()`/`items()` likewise, `row.get('k')` → `row._mapping['k']`, `row.has(k)` →
 * `(k in row._mapping)`, `'k' in row` → `'k' in row._mapping`. Only where the value's type is
 * the legacy row.
 *
 * `row.get(column)`/`has(column)`: 1.x looked a column up by its result name (a column's key,
 * a label's name). Where the checker knows that name — the argument is a plain reference
 * (nothing to evaluate) typed as a Retort column or label whose name type is one string
 * literal, `users.c.name` is `Column<string, 'name'>` — the column becomes that name:
 * `row._mapping['name']`. Other columns, and `get()` with a default, are reported.
 */
import { dirname } from 'node:path';
import { Node, SyntaxKind } from 'ts-morph';
import { retortTypes } from '../run/retort-types';
import type { TypedTransformFn } from './types';
import { hasLegacyType, isPlainReference, isStatementExpression, legacyMethodCalls } from './ts-calls';
import { nodesOfKind } from './ts-find';

/** The Retort classes a result name can be read from, and the member whose type holds it. */
const NAMED: Record<string, string> = { Column: '__key', ColumnRef: '__key', Label: 'name' };

/**
 * The result name of a column argument when its type says it (see above); undefined when
 * the argument is not such a column, or its name is not one literal.
 */
function columnResultName(key: Node): string | undefined {
  if (!isPlainReference(key)) return undefined;
  const t = key.getType();
  const sym = t.getSymbol();
  const member = sym && NAMED[sym.getName()];
  if (!sym || !member) return undefined;
  const coreDir = dirname(retortTypes().coreEntry) + '/';
  if (!sym.getDeclarations().every((d) => d.getSourceFile().getFilePath().startsWith(coreDir))) return undefined;
  const nameType = t.getProperty(member)?.getTypeAtLocation(key);
  return nameType?.isStringLiteral() ? String(nameType.getLiteralValue()) : undefined;
}

const OBJECT_FN: Record<string, string> = { keys: 'Object.keys', values: 'Object.values', items: 'Object.entries' };

export const typed: TypedTransformFn = (ctx) => {
  // insert(t).values(…) and the like are statements, not rows: no need to type them.
  for (const c of legacyMethodCalls(ctx, ['keys', 'values', 'items', 'get', 'has'], ['LegacyRow'], 'L109', (r) => isStatementExpression(ctx, r))) {
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
    const isName = key && (key.getType().isString() || key.getType().isStringLiteral());
    const column = key && !isName ? columnResultName(key) : undefined;
    if (!key || dflt || (!isName && column === undefined)) {
      ctx.manual(c.call, 'L109', dflt ? 'row.get() with a default: write row._mapping[k] with the default the code means (1.x returned it only for a missing key)' : 'row.get()/has() with a column whose result name the types do not give: use named access (row.name) or row._mapping[<its result name>]');
      continue;
    }
    // The key's text, or the column's result name in its place (its reference has nothing to evaluate).
    const keyText = column === undefined ? undefined : /^[^'\\\n\r\u2028\u2029]*$/.test(column) ? `'${column}'` : JSON.stringify(column);
    const keyEdit = keyText === undefined ? [] : [{ start: key.getStart(), end: key.getEnd(), text: keyText }];
    if (c.method === 'get')
      ctx.rewrite('L109', [{ start: recvEnd, end: key.getStart(), text: '._mapping[' }, ...keyEdit, { start: key.getEnd(), end: c.call.getEnd(), text: ']' }]);
    else
      ctx.rewrite('L109', [
        { start: c.receiver.getStart(), end: c.receiver.getStart(), text: `(${keyText ?? key.getText()} in ` },
        { start: recvEnd, end: c.call.getEnd(), text: '._mapping)' },
      ]);
  }
  for (const bin of nodesOfKind(ctx.sourceFile, SyntaxKind.BinaryExpression)) {
    if (bin.getOperatorToken().getKind() !== SyntaxKind.InKeyword) continue;
    const right = bin.getRight();
    if (!hasLegacyType(ctx, right, 'LegacyRow', 'has')) continue;
    ctx.rewrite('L109', [{ start: right.getEnd(), end: right.getEnd(), text: '._mapping' }]);
  }
};
