/**
 * Parsing with the TypeScript parser bundled in ts-morph: the syntax check that decides
 * whether a file may be touched at all, and statement positions for TODO comments.
 */
import { ts } from 'ts-morph';

function scriptKind(path: string): ts.ScriptKind {
  if (/\.tsx$/.test(path)) return ts.ScriptKind.TSX;
  if (/\.[mc]?ts$/.test(path)) return ts.ScriptKind.TS;
  if (/\.jsx$/.test(path)) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

export function parse(path: string, text: string): ts.SourceFile {
  return ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKind(path));
}

/** The first syntax error of a file as `line:col message`, or null when it parses. */
export function syntaxError(path: string, text: string): string | null {
  // Only the parser's own diagnostics are read: no parent links, and no JSDoc parsing (JSDoc
  // errors are kept apart from these). The same diagnostics in about 60% of the time.
  const sf = ts.createSourceFile(path, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, scriptKind(path));
  const diags = (sf as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? [];
  if (!diags.length) return null;
  const d = diags[0];
  const { line, character } = sf.getLineAndCharacterOfPosition(d.start ?? 0);
  return `${line + 1}:${character + 1} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
}

/** 0-based line of the start of the innermost statement containing `pos` (where a line comment is always safe). */
export function statementLineAt(sf: ts.SourceFile, pos: number): number {
  let best: ts.Node | undefined;
  const visit = (n: ts.Node): void => {
    if (pos < n.getStart(sf) || pos >= n.getEnd()) return;
    if (isStatementLike(n)) best = n;
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(sf, visit);
  return sf.getLineAndCharacterOfPosition(best ? best.getStart(sf) : pos).line;
}

function isStatementLike(n: ts.Node): boolean {
  return (ts.isStatement(n) || ts.isClassElement(n) || ts.isPropertyAssignment(n)) && !ts.isBlock(n);
}
