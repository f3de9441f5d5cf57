/**
 * The tree the syntax-only transforms read. They find Retort's calls with jscodeshift's
 * collections and edit the file's text at the nodes' positions, so nothing is reprinted and
 * the code around a rewrite keeps its layout and comments byte for byte. A tree that is never
 * reprinted does not need recast's parse, which copies every node and token so that it can
 * reprint: the file is parsed with the same Babel parser jscodeshift uses for its extension,
 * and the plain tree is wrapped in a Collection (jscodeshift's `j(ast)`).
 */
import type { Collection, FileInfo, JSCodeshift } from 'jscodeshift';

type ParserName = 'ts' | 'tsx' | 'babylon';
interface Parser {
  parse(code: string): unknown;
}

const parsers = new Map<ParserName, Parser>();

/** jscodeshift's parser name for a file: TypeScript, TSX, or Babel (with JSX and Flow) for JavaScript. */
export function parserName(path: string): ParserName {
  return /\.tsx$/.test(path) ? 'tsx' : /\.[mc]?ts$/.test(path) ? 'ts' : 'babylon';
}

/**
 * The file's tree as a jscodeshift Collection, with Babel's `start`/`end` offsets into
 * `file.source` and `loc` lines on every node.
 *
 * @example
 * const root = parseFile(j, { path: 'a.ts', source: "select([a])" });
 * root.find(j.CallExpression).size(); // 1
 */
export function parseFile(j: JSCodeshift, file: Pick<FileInfo, 'path' | 'source'>): Collection {
  const name = parserName(file.path);
  let parser = parsers.get(name);
  if (!parser) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const getParser = require('jscodeshift/src/getParser') as (name: string) => Parser;
    parsers.set(name, (parser = getParser(name)));
  }
  return j(parser.parse(file.source) as never);
}
