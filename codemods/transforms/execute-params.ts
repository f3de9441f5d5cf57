/**
 * L105: loose parameter forms of a legacy `execute()` with a statement (strings are L104's):
 * several extra arguments the checker proves to be objects → one array of them
 * (executemany); a positional list of values for `text('… :a, :b')` → the object `{ a, b }`,
 * where the SQL is known: written in the call, or in a `const` of the file holding the
 * text() statement, a template only when every `${…}` has a literal type or is the name of
 * a Retort table standing where a table name does (see sqlTextOf()).
 */
import { dirname } from 'node:path';
import { CallExpression, Node, SyntaxKind, Type } from 'ts-morph';
import { retortTypes } from '../run/retort-types';
import type { TypedTransformFn } from './types';
import { constInitializer, legacyMethodCalls, spanText, textParameterNames } from './ts-calls';

/**
 * Whether the checker proves an argument is one parameter object: an object literal, or
 * any expression whose type is an object type that is not an array, a tuple or a function
 * (a union must be so in every member: `T | undefined` is not proven). 1.x took extra
 * arguments as rows only when each was such an object; `any` and `unknown` prove nothing.
 */
function isObjectArg(n: Node): boolean {
  if (Node.isObjectLiteralExpression(n)) return true;
  if (Node.isSpreadElement(n)) return false;
  const t = n.getType();
  const members = t.isUnion() ? t.getUnionTypes() : [t];
  return members.every((m) => m.isObject() && !m.isArray() && !m.isTuple() && !isReadonlyArray(m) && m.getCallSignatures().length === 0 && m.getConstructSignatures().length === 0);
}

const isReadonlyArray = (t: Type) => t.getSymbol()?.getName() === 'ReadonlyArray';

export const typed: TypedTransformFn = (ctx) => {
  for (const c of legacyMethodCalls(ctx, ['execute', 'scalar'], ['LegacyConnection', 'LegacyEngine'])) {
    const [stmt, ...params] = c.args;
    if (!stmt || params.length === 0 || c.access.hasQuestionDotToken() || c.call.hasQuestionDotToken()) continue;
    if (Node.isStringLiteral(stmt) || Node.isNoSubstitutionTemplateLiteral(stmt) || stmt.getType().isString()) continue;
    if (params.length > 1) {
      if (params.every(isObjectArg)) {
        ctx.replace(params[0], `[${spanText(params)}]`, 'L105');
        ctx.edit({ start: params[0].getEnd(), end: params[params.length - 1].getEnd(), text: '' });
      } else ctx.manual(c.call, 'L105', 'extra parameter arguments that are not all objects');
      continue;
    }
    const p = params[0];
    if (!Node.isArrayLiteralExpression(p)) continue;
    const items = p.getElements();
    // Already one list of rows (an executemany), as this transform writes them.
    if (!items.length || items.every(isObjectArg)) continue;
    if (items.some((e) => isObjectArg(e) || Node.isSpreadElement(e) || Node.isOmittedExpression(e))) {
      ctx.manual(c.call, 'L105', 'a parameter list mixing objects and values, or with holes or spreads');
      continue;
    }
    const textCall = textCallOf(stmt);
    const sqlArg = textCall?.getArguments()[0];
    if (!textCall || !sqlArg) {
      ctx.manual(c.call, 'L105', 'positional values for a statement whose parameter names cannot be read here');
      continue;
    }
    const sql = sqlTextOf(sqlArg);
    if (sql === undefined) {
      ctx.manual(c.call, 'L105', 'positional values for text() whose SQL is built from values the codemod cannot read (they may hold :names): name the parameters by hand');
      continue;
    }
    const read = textParameterNames(sql.text);
    // Each table name must stand outside quotes, where the parser took its marker for a parameter.
    if (sql.tableSlots.some((slot) => !read.includes(slot))) {
      ctx.manual(c.call, 'L105', 'positional values for text() with a table name inside quotes or after a cast: name the parameters by hand');
      continue;
    }
    const names = [...new Set(read.filter((n) => !sql.tableSlots.includes(n)))];
    if (names.length !== items.length || names.includes('__proto__')) {
      ctx.manual(c.call, 'L105', names.length !== items.length ? `${items.length} positional values for ${names.length} parameters` : 'a parameter named __proto__ cannot be an object literal key');
      continue;
    }
    ctx.replace(p, `{ ${names.map((n, i) => `${n}: ${items[i].getText()}`).join(', ')} }`, 'L105');
  }
};

/**
 * The text() call that makes `stmt`: written in place, or the initializer of a `const` of
 * this file that `stmt` names (a const is the same statement wherever it is read).
 */
function textCallOf(stmt: Node): CallExpression | undefined {
  const expr = Node.isIdentifier(stmt) ? constInitializer(stmt) : stmt;
  if (!expr || !Node.isCallExpression(expr)) return undefined;
  const callee = expr.getExpression();
  const isText = (Node.isIdentifier(callee) || Node.isPropertyAccessExpression(callee)) && /(^|\.)text$/.test(callee.getText());
  return isText ? expr : undefined;
}

/**
 * The SQL of a text() argument when all of it is known: a literal, a const string (its
 * literal type), or a template whose every `${…}` has a literal type. A value of type
 * `string` could hold `:names` of its own, so its text is not known — with one exception: the
 * `.name` of a Retort table, written where the SQL names a table (outside quotes). There a
 * name holding `:`, a quote or a space would not be an identifier in any of the dialects, so
 * the statement would not have run; a statement that ran had a plain name, which adds no
 * parameter. Such a `${…}` is read as a marker (one of `tableSlots`) that the caller checks
 * the parser took for a parameter, i.e. that it stands outside quotes.
 */
function sqlTextOf(arg: Node): { text: string; tableSlots: string[] } | undefined {
  if (Node.isStringLiteral(arg) || Node.isNoSubstitutionTemplateLiteral(arg)) return { text: arg.getLiteralValue(), tableSlots: [] };
  if (Node.isTemplateExpression(arg)) {
    let out = arg.getHead().getLiteralText();
    const tableSlots: string[] = [];
    for (const span of arg.getTemplateSpans()) {
      const e = span.getExpression();
      const t = e.getType();
      if (t.isStringLiteral() || t.isNumberLiteral()) out += String(t.getLiteralValue());
      else if (isRetortTableName(e)) {
        const slot = `retort_table_name_${tableSlots.length}`;
        tableSlots.push(slot);
        out += ` :${slot} `;
      } else return undefined;
      out += span.getLiteral().getLiteralText();
    }
    return { text: out, tableSlots };
  }
  const t = arg.getType();
  return t.isStringLiteral() ? { text: String(t.getLiteralValue()), tableSlots: [] } : undefined;
}

/** Whether `e` reads `.name` of a Retort Table (declared by Retort's own Table class). */
function isRetortTableName(e: Node): boolean {
  if (!Node.isPropertyAccessExpression(e) || e.getName() !== 'name' || e.hasQuestionDotToken()) return false;
  const root = dirname(retortTypes().legacyDir);
  return (e.getNameNode().getSymbol()?.getDeclarations() ?? []).some((d) => {
    const cls = Node.isClassDeclaration(d.getParent()) ? d.getParent() : d.getFirstAncestorByKind(SyntaxKind.ClassDeclaration);
    return d.getSourceFile().getFilePath().startsWith(root + '/') && cls !== undefined && Node.isClassDeclaration(cls) && cls.getName() === 'Table';
  });
}
