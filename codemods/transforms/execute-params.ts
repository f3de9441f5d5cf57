/**
 * L105: loose parameter forms of a legacy `execute()` with a statement (strings are L104's):
 * several objects as extra arguments → one array of them (executemany); a positional list
 * of values for `text('… :a, :b')` written out → the object `{ a, b }`.
 */
import { Node } from 'ts-morph';
import type { TypedTransformFn } from './types';
import { legacyMethodCalls, spanText, textParameterNames } from './ts-calls';

const isObjectArg = (n: Node) => Node.isObjectLiteralExpression(n) || (Node.isIdentifier(n) && n.getType().isObject() && !n.getType().isArray() && !n.getType().isTuple());

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
    if (!items.length || items.every((e) => Node.isObjectLiteralExpression(e))) continue;
    if (items.some((e) => Node.isObjectLiteralExpression(e) || Node.isSpreadElement(e))) {
      ctx.manual(c.call, 'L105', 'a parameter list mixing objects and values');
      continue;
    }
    const textCall = Node.isCallExpression(stmt) ? stmt : undefined;
    const callee = textCall?.getExpression();
    const sqlArg = textCall?.getArguments()[0];
    const isText = callee && (Node.isIdentifier(callee) || Node.isPropertyAccessExpression(callee)) && /(^|\.)text$/.test(callee.getText());
    if (!isText || !sqlArg || !(Node.isStringLiteral(sqlArg) || Node.isNoSubstitutionTemplateLiteral(sqlArg))) {
      ctx.manual(c.call, 'L105', 'positional values for a statement whose parameter names cannot be read here');
      continue;
    }
    const sql = sqlArg.getLiteralValue();
    const names = [...new Set(textParameterNames(sql))];
    if (/['"`]/.test(sql) || names.length !== items.length) {
      ctx.manual(c.call, 'L105', names.length !== items.length ? `${items.length} positional values for ${names.length} parameters` : 'the SQL has quoted text, so its :names cannot be read safely');
      continue;
    }
    ctx.replace(p, `{ ${names.map((n, i) => `${n}: ${items[i].getText()}`).join(', ')} }`, 'L105');
  }
};
