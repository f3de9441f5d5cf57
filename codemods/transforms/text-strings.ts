/**
 * L104: a plain SQL string to a legacy `execute()`/`scalar()` → `text('…')`, or
 * `execDriverSql('…', [values])` where 1.x sent the string to the driver as it was
 * (positional values, or SQL with colons that text() would read as parameters). Forms
 * whose parameter shape cannot be seen (a variable holding an object or a list) are reported.
 */
import { Node, SyntaxKind } from 'ts-morph';
import type { TypedTransformFn } from './types';
import { isStatementExpression, legacyMethodCalls } from './ts-calls';

const OWNERS = ['LegacyConnection', 'LegacyEngine'];

export const typed: TypedTransformFn = (ctx) => {
  for (const c of legacyMethodCalls(ctx, ['execute', 'scalar'], OWNERS)) {
    const [sql, ...params] = c.args;
    if (!sql || Node.isSpreadElement(sql)) continue;
    const literal = Node.isStringLiteral(sql) || Node.isNoSubstitutionTemplateLiteral(sql);
    // A statement built in place is the common case and never a string: no need to type it.
    if (!literal && (isStatementExpression(ctx, sql) || (!sql.getType().isString() && !sql.getType().isStringLiteral()))) continue;
    if (c.access.hasQuestionDotToken() || c.call.hasQuestionDotToken()) {
      ctx.manual(c.call, 'L104', 'an optional call (?.): rewrite it by hand');
      continue;
    }
    // Small edits (rename the method, wrap the string, bracket the values) that keep the rest of the call's text.
    const name = c.access.getNameNode();
    const driver = (bracket: boolean) => {
      const edits = [{ start: name.getStart(), end: name.getEnd(), text: 'execDriverSql' }];
      if (bracket) edits.push({ start: params[0].getStart(), end: params[0].getStart(), text: '[' }, { start: params[params.length - 1].getEnd(), end: params[params.length - 1].getEnd(), text: ']' });
      if (c.method === 'scalar') edits.push({ start: c.call.getEnd(), end: c.call.getEnd(), text: '.then((r) => r.scalar())' });
      ctx.rewrite('L104', edits);
    };
    const withText = (bracket: boolean) => {
      const text = ctx.retortName('text');
      if (!text) return ctx.manual(c.call, 'L104', 'text() cannot be imported into this file (no import or require of retort to extend)');
      const edits = [
        { start: sql.getStart(), end: sql.getStart(), text: `${text}(` },
        { start: sql.getEnd(), end: sql.getEnd(), text: ')' },
      ];
      if (bracket) edits.push({ start: params[0].getStart(), end: params[0].getStart(), text: '[' }, { start: params[params.length - 1].getEnd(), end: params[params.length - 1].getEnd(), text: ']' });
      ctx.rewrite('L104', edits);
    };
    const hasColon = literal ? (sql as Node & { getLiteralValue(): string }).getLiteralValue().includes(':') : true;
    if (params.some((p) => Node.isSpreadElement(p))) {
      ctx.manual(c.call, 'L104', 'spread parameters: their shape (objects or values) cannot be seen');
    } else if (params.length === 0) {
      if (hasColon) driver(false);
      else withText(false);
    } else if (params.length === 1 && Node.isObjectLiteralExpression(params[0])) {
      withText(false);
    } else if (params.length === 1 && Node.isArrayLiteralExpression(params[0])) {
      driver(false);
    } else if (params.length > 1 && params.every((p) => Node.isObjectLiteralExpression(p))) {
      withText(true);
    } else if (params.length > 1 && params.every((p) => Node.isLiteralExpression(p) || p.getKind() === SyntaxKind.NullKeyword || (Node.isIdentifier(p) && !p.getType().isObject()))) {
      driver(true);
    } else {
      ctx.manual(c.call, 'L104', 'the parameters are not written out, so whether 1.x read them as names or positions cannot be seen');
    }
  }
};
