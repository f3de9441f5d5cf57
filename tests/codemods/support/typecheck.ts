/** Type-checks TypeScript files with the compiler API, `retort` mapped to the sources (as in the type tests). */
import { join } from 'node:path';
import ts from 'typescript';

const root = join(__dirname, '..', '..', '..');

/** The compiler's messages for `files` (empty when they type-check); `extra` adds compiler options (noUnusedLocals…). */
export function typeErrors(files: readonly string[], paths: Readonly<Record<string, string[]>> = {}, extra: ts.CompilerOptions = {}): string[] {
  const program = ts.createProgram([...files], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    skipLibCheck: true,
    types: ['node'],
    typeRoots: [join(root, 'node_modules/@types')],
    baseUrl: root,
    paths: { retort: ['core/index.ts'], 'retort/legacy': ['legacy-api/index.ts'], ...paths },
    jsx: ts.JsxEmit.Preserve,
    ...extra,
  });
  const wanted = new Set(files.map((f) => ts.sys.resolvePath(f)));
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => !d.file || wanted.has(ts.sys.resolvePath(d.file.fileName)))
    .map((d) => {
      const where = d.file && d.start !== undefined ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : '';
      return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
    });
}
