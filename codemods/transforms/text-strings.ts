/**
 * L104: a plain SQL string to a legacy `execute()`/`scalar()` → `text('…')`, or
 * `execDriverSql('…', [values])` where 1.x sent the string to the driver as it was
 * (positional values, or SQL with colons that text() would read as parameters). Forms
 * whose parameter shape cannot be seen (a variable holding an object or a list) are reported.
 */
import { Node, SyntaxKind } from 'ts-morph';
import type { TypedTransformFn } from './types';
import { legacyMethodCalls, spanText } from './ts-calls';

const OWNERS = ['LegacyConnection', 'LegacyEngine'];

export const typed: TypedTransformFn = (ctx) => {
  for (const c of legacyMethodCalls(ctx, ['execute', 'scalar'], OWNERS)) {
    const [sql, ...params] = c.args;
    if (!sql || Node.isSpreadElement(sql)) continue;
    const literal = Node.isStringLiteral(sql) || Node.isNoSubstitutionTemplateLiteral(sql);
    if (!literal && !sql.getType().isString() && !sql.getType().isStringLiteral()) continue;
    const recv = c.receiver.getText();
    const driver = (values: string) => {
      const call = `${recv}.execDriverSql(${sql.getText()}${values ? `, ${values}` : ''})`;
      ctx.replace(c.call, c.method === 'scalar' ? `${call}.then((r) => r.scalar())` : call, 'L104');
    };
    const withText = (rest: string) => {
      const text = ctx.retortName('text');
      if (!text) return ctx.manual(c.call, 'L104', 'text() cannot be imported into this file (no import or require of retort to extend)');
      ctx.replace(c.call, `${recv}.${c.method}(${text}(${sql.getText()})${rest ? `, ${rest}` : ''})`, 'L104');
    };
    const hasColon = literal ? (sql as Node & { getLiteralValue(): string }).getLiteralValue().includes(':') : true;
    if (params.some((p) => Node.isSpreadElement(p))) {
      ctx.manual(c.call, 'L104', 'spread parameters: their shape (objects or values) cannot be seen');
    } else if (params.length === 0) {
      if (hasColon) driver('');
      else withText('');
    } else if (params.length === 1 && Node.isObjectLiteralExpression(params[0])) {
      withText(params[0].getText());
    } else if (params.length === 1 && Node.isArrayLiteralExpression(params[0])) {
      driver(params[0].getText());
    } else if (params.length > 1 && params.every((p) => Node.isObjectLiteralExpression(p))) {
      withText(`[${spanText(params)}]`);
    } else if (params.length > 1 && params.every((p) => Node.isLiteralExpression(p) || p.getKind() === SyntaxKind.NullKeyword || Node.isIdentifier(p) && !p.getType().isObject())) {
      driver(`[${spanText(params)}]`);
    } else {
      ctx.manual(c.call, 'L104', 'the parameters are not written out, so whether 1.x read them as names or positions cannot be seen');
    }
  }
};
