/**
 * The imports a rewritten file needs (Retort's functions, the tables, the engine), added to
 * the file's existing import of the same module when there is one, under a local name that
 * no binding of the file already uses.
 */
import { dirname, isAbsolute, relative, sep } from 'node:path';
import { AstNode, walkNodes } from './ast';
import type { TextEdit } from '../types';

/** One module the rewrite imports from, and what it needs from it: imported name → local name. */
export interface ModuleImports {
  readonly specifier: string;
  readonly names: Map<string, string>;
}

/** The specifier to import `target` by from `fromFile`: a relative path for a file, else `target` itself. */
export function moduleSpecifier(target: string, fromFile: string): string {
  if (!isAbsolute(target)) return target;
  let rel = relative(dirname(fromFile), target).split(sep).join('/');
  rel = rel.replace(/\.(d\.)?[cm]?[tj]sx?$/, '');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** Local names of what the file already imports from `specifier` (value imports, or `const { a } = require(…)`): imported → local. */
export function existingImports(program: AstNode, specifier: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const decl of importsOf(program, specifier)) {
    for (const s of decl.specifiers as AstNode[]) {
      if (s.type === 'ImportSpecifier' && s.importKind !== 'type') out.set(importedName(s), s.local.name as string);
    }
  }
  for (const decl of requiresOf(program)) {
    const d = (decl.declarations as AstNode[])[0];
    if (d.init.arguments[0].value !== specifier || d.id.type !== 'ObjectPattern') continue;
    for (const p of d.id.properties as AstNode[]) {
      if (p.type === 'ObjectProperty' && !p.computed && p.key.type === 'Identifier' && p.value.type === 'Identifier') out.set(p.key.name, p.value.name);
    }
  }
  return out;
}

/** Top-level `const x = require('…')` declarations. */
function requiresOf(program: AstNode): AstNode[] {
  return (program.body as AstNode[]).filter(
    (s) =>
      s.type === 'VariableDeclaration' &&
      s.declarations.length === 1 &&
      s.declarations[0].init?.type === 'CallExpression' &&
      s.declarations[0].init.callee.type === 'Identifier' &&
      s.declarations[0].init.callee.name === 'require' &&
      s.declarations[0].init.arguments[0]?.type === 'StringLiteral',
  );
}

/** A CommonJS file (top-level `require(…)`, or `module.exports`, and no imports) gets `require`s; anything else gets imports. */
function isCommonJs(program: AstNode): boolean {
  if ((program.body as AstNode[]).some((s) => s.type === 'ImportDeclaration' || /^Export/.test(s.type))) return false;
  return (program.body as AstNode[]).some((s) => requiresIn(s) || mentionsModuleExports(s));
}

/** Whether a top-level statement calls `require(…)` (outside functions). */
function requiresIn(stmt: AstNode): boolean {
  let found = false;
  walkNodes(stmt, (n) => {
    if (/Function/.test(n.type)) return false;
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'require') found = true;
    return !found;
  });
  return found;
}

function mentionsModuleExports(stmt: AstNode): boolean {
  let found = false;
  walkNodes(stmt, (n) => {
    if (n.type === 'MemberExpression' && n.object.type === 'Identifier' && (n.object.name === 'module' || n.object.name === 'exports')) found = true;
    return !found;
  });
  return found;
}

function importsOf(program: AstNode, specifier: string): AstNode[] {
  return (program.body as AstNode[]).filter((s) => s.type === 'ImportDeclaration' && s.source.value === specifier && s.importKind !== 'type');
}

function importedName(s: AstNode): string {
  return s.imported.type === 'Identifier' ? (s.imported.name as string) : (s.imported.value as string);
}

/** A text edit: replace [start, end) with text. */
/** One replacement of `[start, end)` (the type-aware transforms' TextEdit). */
export type Edit = TextEdit;

/** Edits adding the names each module needs that the file does not import yet. */
export function importEdits(program: AstNode, modules: readonly ModuleImports[]): Edit[] {
  const edits: Edit[] = [];
  const newLines: string[] = [];
  const cjs = isCommonJs(program);
  for (const m of modules) {
    const have = existingImports(program, m.specifier);
    const missing = [...m.names].filter(([name]) => !have.has(name));
    if (missing.length === 0) continue;
    if (cjs) {
      newLines.push(`const { ${missing.map(([name, local]) => (name === local ? name : `${name}: ${local}`)).join(', ')} } = require('${m.specifier}');`);
      continue;
    }
    const specs = missing.map(([name, local]) => (name === local ? name : `${name} as ${local}`));
    const target = importsOf(program, m.specifier).find((d) => (d.specifiers as AstNode[]).some((s) => s.type === 'ImportSpecifier'));
    if (target) {
      const last = (target.specifiers as AstNode[]).filter((s) => s.type === 'ImportSpecifier').pop()!;
      edits.push({ start: last.end!, end: last.end!, text: `, ${specs.join(', ')}` });
    } else {
      newLines.push(`import { ${specs.join(', ')} } from '${m.specifier}';`);
    }
  }
  if (newLines.length) {
    const imports = (program.body as AstNode[]).filter((s) => (cjs ? s.type === 'VariableDeclaration' && requiresIn(s) : s.type === 'ImportDeclaration'));
    if (imports.length) {
      const at = imports[imports.length - 1].end!;
      edits.push({ start: at, end: at, text: '\n' + newLines.join('\n') });
    } else {
      const first = (program.body as AstNode[])[0];
      const at = first ? first.start! : 0;
      edits.push({ start: at, end: at, text: newLines.join('\n') + '\n\n' });
    }
  }
  return edits;
}
