/**
 * The parser for a file: jscodeshift's TypeScript parsers for `.ts`/`.tsx`, and Babel's own
 * for JavaScript, read as a module or a script by its content — a CommonJS file may use words
 * that strict mode and TypeScript reserve (`function protected() {}`).
 */
import jscodeshift, { JSCodeshift, Parser } from 'jscodeshift';

type ParserFactory = (options: object) => Parser;
// jscodeshift ships this parser factory without type declarations.
const babylon = require('jscodeshift/parser/babylon') as ParserFactory;

const javascript = babylon({
  sourceType: 'unambiguous',
  allowReturnOutsideFunction: true,
  startLine: 1,
  tokens: true,
  plugins: ['jsx', 'classProperties', 'classPrivateProperties', 'classPrivateMethods', 'dynamicImport', 'nullishCoalescingOperator', 'optionalChaining', 'objectRestSpread', 'optionalCatchBinding', 'numericSeparator', 'logicalAssignment', 'importMeta', 'topLevelAwait'],
});

/** jscodeshift bound to the parser `file`'s extension calls for. */
export function jscodeshiftFor(file: string): JSCodeshift {
  if (/\.tsx$/.test(file)) return jscodeshift.withParser('tsx');
  if (/\.[cm]?jsx?$/.test(file)) return jscodeshift.withParser(javascript);
  return jscodeshift.withParser('ts');
}
