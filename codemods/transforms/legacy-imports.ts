/**
 * The last step: `import … from 'retort/legacy'` (and re-exports and requires of it) become
 * `'retort'` when every name they bring in exists unchanged in 2.0. The runner calls it only
 * for files with no site left for a human, so the legacy forms are gone by then.
 */
import type { ASTPath, CallExpression, ExportNamedDeclaration, ImportDeclaration, JSCodeshift } from 'jscodeshift';
import { applyEdits } from '../run/text-edits';
import { findPaths, identifiersByName, IdentifierUse, matchesShape } from './js-find';
import { parseFile } from './js-parse';
import { span } from './js-chain';
import type { SyntaxTransformFn } from './types';
import { legacyOnlyNames } from './legacy-names';

const LEGACY = 'retort/legacy';

/** Whether an imported binding is read anywhere but in import specifiers (a property key of the same name counts: kept on doubt). */
function isUsed(ids: Map<string, IdentifierUse[]>, local: string): boolean {
  return (ids.get(local) ?? []).some((u) => u.parent.type !== 'ImportSpecifier');
}

/** The file's tree and its identifiers by name (one walk for all the names asked about). */
function parseWithIdentifiers(j: JSCodeshift, path: string, source: string) {
  const root = parseFile(j, { path, source });
  return { root, ids: identifiersByName(root.get().value) };
}

const escape = (s: string) => s.replace(/[$]/g, '\\$&');

/**
 * For a file that keeps sites of the 1.x API (so its imports stay on the shim): drops the
 * named imports from 'retort/legacy' that the rewrites left unused — read nowhere now
 * (`Column` and `Integer` once the models are typed), and not already unused in `before`,
 * the text before the run — so that a project
 * compiled with noUnusedLocals still compiles. Lines stay where they are (the report gives
 * the sites by line): in an import written over several lines each name goes alone and the
 * line breaks stay. Returns undefined when nothing is dropped.
 *
 * @example
 * pruneUnusedLegacyImports(j, after, before) // "import { Column, dynamic } from 'retort/legacy'" → "import { dynamic } from 'retort/legacy'"
 */
export function pruneUnusedLegacyImports(j: JSCodeshift, path: string, source: string, before: string): string | undefined {
  const { root, ids } = parseWithIdentifiers(j, path, source);
  const edits: { start: number; end: number; text: string }[] = [];
  // A name the file imported without using it is the author's business; one the run added or made unused is not.
  const unusedBefore = (local: string) => (before.match(new RegExp(`(?<![\\w$])${escape(local)}(?![\\w$])`, 'g')) ?? []).length === 1;
  root.find(j.ImportDeclaration, { source: { value: LEGACY } }).forEach((p) => {
    const all = p.node.specifiers ?? [];
    const dropped = all.filter((s) => s.type === 'ImportSpecifier' && !isUsed(ids, s.local?.name as string) && !unusedBefore(s.local?.name as string));
    if (!dropped.length) return;
    const kept = all.filter((s) => !dropped.includes(s));
    const first = span(all[0]).start;
    const last = span(all[all.length - 1]).end;
    // The file's sites for a human are reported by line: no edit adds or removes a line.
    if (!source.slice(first, last).includes('\n')) {
      edits.push(kept.length ? { start: first, end: last, text: kept.map((s) => source.slice(span(s).start, span(s).end)).join(', ') } : { start: span(p.node).start, end: span(p.node).end, text: '' });
      return;
    }
    // Over several lines: each name goes with its comma and the spaces after it, its line breaks stay.
    for (const d of dropped) {
      const after = /^[ \t]*,[ \t]*/.exec(source.slice(span(d).end));
      const before = /,[ \t]*$/.exec(source.slice(0, span(d).start));
      if (after) edits.push({ start: span(d).start, end: span(d).end + after[0].length, text: '' });
      else if (before) edits.push({ start: span(d).start - before[0].length, end: span(d).end, text: '' });
      else edits.push({ start: span(d).start, end: span(d).end, text: '' });
    }
  });
  return edits.length ? applyEdits(source, edits) : undefined;
}

export const syntax: SyntaxTransformFn = (file, api) => {
  const j = api.jscodeshift;
  const { root, ids } = parseWithIdentifiers(j, file.path, file.source);
  const only = legacyOnlyNames();
  const edits: { start: number; end: number; text: string }[] = [];
  const used = (local: string) => isUsed(ids, local);
  const namespaceOk = (local: string) => {
    return (ids.get(local) ?? []).every(({ node, parent }) => {
      if (parent.type === 'ImportNamespaceSpecifier' || (parent.type === 'VariableDeclarator' && parent.id === node)) return true;
      const member = (parent.type === 'MemberExpression' || parent.type === 'TSQualifiedName') && (parent.object === node || parent.left === node);
      const prop = (member ? (parent.property ?? parent.right) : undefined) as { type?: string; name?: string } | undefined;
      return member && !parent.computed && prop?.type === 'Identifier' && !only.has(prop.name as string);
    });
  };
  // Edited as text, not reprinted, so the quotes and everything around stay as written.
  const flip = (source: { value?: unknown }) => {
    const { start, end } = source as { start?: number; end?: number };
    if (typeof start === 'number' && typeof end === 'number' && /^['"]retort\/legacy['"]$/.test(file.source.slice(start, end))) edits.push({ start: start + 1, end: end - 1, text: 'retort' });
  };
  // The imports, re-exports and requires in one walk of the tree (three find() traversals before).
  const found = findPaths(j, root, ['ImportDeclaration', 'ExportNamedDeclaration', 'CallExpression']);
  (found.ImportDeclaration as ASTPath<ImportDeclaration>[]).filter((p) => matchesShape(p.node, { source: { value: LEGACY } })).forEach((p) => {
    const all = p.node.specifiers ?? [];
    // Legacy-only names the rewrites left unused (Column once the models are typed) are dropped: they keep nothing legacy.
    const unused = all.filter((s) => s.type === 'ImportSpecifier' && p.node.importKind !== 'type' && (s as { importKind?: string }).importKind !== 'type' && only.has(s.imported.name as string) && !used(s.local?.name as string));
    const specs = all.filter((s) => !unused.includes(s));
    if (unused.length && specs.length) {
      edits.push({ start: span(all[0]).start, end: span(all[all.length - 1]).end, text: specs.map((s) => file.source.slice(span(s).start, span(s).end)).join(', ') });
    } else if (unused.length) {
      // Nothing of the import is used: the whole declaration goes (with its line break).
      const { start, end } = span(p.node);
      edits.push({ start, end: file.source[end] === '\n' ? end + 1 : end, text: '' });
      return;
    }
    const ok = specs.every((s) => {
      if (s.type === 'ImportSpecifier') return !only.has(s.imported.name as string);
      if (s.type === 'ImportNamespaceSpecifier') return namespaceOk(s.local?.name as string);
      return false;
    });
    if (ok) flip(p.node.source as { value?: unknown });
  });
  (found.ExportNamedDeclaration as ASTPath<ExportNamedDeclaration>[]).forEach((p) => {
    const src = p.node.source as { value: unknown } | null | undefined;
    if (src?.value !== LEGACY) return;
    if ((p.node.specifiers ?? []).every((s) => s.type === 'ExportSpecifier' && !only.has(String(s.local?.name ?? s.exported.name)))) flip(src);
  });
  (found.CallExpression as ASTPath<CallExpression>[]).filter((p) => matchesShape(p.node, { callee: { type: 'Identifier', name: 'require' } })).forEach((p) => {
    const arg = p.node.arguments[0] as { type: string; value?: unknown } | undefined;
    if (!arg || arg.value !== LEGACY) return;
    const decl = p.parent.node;
    if (decl.type !== 'VariableDeclarator' || decl.init !== p.node) return;
    if (decl.id.type === 'ObjectPattern') {
      const ok = decl.id.properties.every((x: { type: string; key?: { type: string; name?: string }; computed?: boolean }) => (x.type === 'Property' || x.type === 'ObjectProperty') && !x.computed && x.key?.type === 'Identifier' && !only.has(x.key.name as string));
      if (ok) flip(arg);
    } else if (decl.id.type === 'Identifier' && namespaceOk(decl.id.name)) flip(arg);
  });
  return edits.length ? applyEdits(file.source, edits) : undefined;
};
