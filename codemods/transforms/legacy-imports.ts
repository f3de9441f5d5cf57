/**
 * The last step: `import … from 'retort/legacy'` (and re-exports and requires of it) become
 * `'retort'` when every name they bring in exists unchanged in 2.0. The runner calls it only
 * for files with no site left for a human, so the legacy forms are gone by then.
 */
import type { SyntaxTransformFn } from './types';
import { legacyOnlyNames } from './legacy-names';

const LEGACY = 'retort/legacy';

export const syntax: SyntaxTransformFn = (file, api) => {
  const j = api.jscodeshift;
  const root = j(file.source);
  const only = legacyOnlyNames();
  const edits: { start: number; end: number; text: string }[] = [];
  // Uses of a name outside import specifiers (a property key of the same name counts: kept on doubt).
  const used = (local: string) =>
    root.find(j.Identifier, { name: local }).filter((p) => p.parent.node.type !== 'ImportSpecifier').size() > 0 ||
    root.find(j.JSXIdentifier, { name: local }).size() > 0;
  const namespaceOk = (local: string) => {
    let ok = true;
    root.find(j.Identifier, { name: local }).forEach((p) => {
      const parent = p.parent.node;
      if (parent.type === 'ImportNamespaceSpecifier' || (parent.type === 'VariableDeclarator' && parent.id === p.node)) return;
      const member = (parent.type === 'MemberExpression' || parent.type === 'TSQualifiedName') && (parent.object === p.node || parent.left === p.node);
      const prop = member ? (parent.property ?? parent.right) : undefined;
      if (!member || parent.computed || prop?.type !== 'Identifier' || only.has(prop.name)) ok = false;
    });
    return ok;
  };
  // Edited as text, not reprinted, so the quotes and everything around stay as written.
  const flip = (source: { value?: unknown }) => {
    const { start, end } = source as { start?: number; end?: number };
    if (typeof start === 'number' && typeof end === 'number' && /^['"]retort\/legacy['"]$/.test(file.source.slice(start, end))) edits.push({ start: start + 1, end: end - 1, text: 'retort' });
  };
  const pos = (n: unknown) => n as { start: number; end: number };
  root.find(j.ImportDeclaration, { source: { value: LEGACY } }).forEach((p) => {
    const all = p.node.specifiers ?? [];
    // Legacy-only names the rewrites left unused (Column once the models are typed) are dropped: they keep nothing legacy.
    const unused = all.filter((s) => s.type === 'ImportSpecifier' && p.node.importKind !== 'type' && (s as { importKind?: string }).importKind !== 'type' && only.has(s.imported.name as string) && !used(s.local?.name as string));
    const specs = all.filter((s) => !unused.includes(s));
    if (unused.length && specs.length) {
      edits.push({ start: pos(all[0]).start, end: pos(all[all.length - 1]).end, text: specs.map((s) => file.source.slice(pos(s).start, pos(s).end)).join(', ') });
    } else if (unused.length) {
      // Nothing of the import is used: the whole declaration goes (with its line break).
      const { start, end } = pos(p.node);
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
  root.find(j.ExportNamedDeclaration).forEach((p) => {
    const src = p.node.source as { value: unknown } | null | undefined;
    if (src?.value !== LEGACY) return;
    if ((p.node.specifiers ?? []).every((s) => s.type === 'ExportSpecifier' && !only.has(String(s.local?.name ?? s.exported.name)))) flip(src);
  });
  root.find(j.CallExpression, { callee: { type: 'Identifier', name: 'require' } }).forEach((p) => {
    const arg = p.node.arguments[0] as { type: string; value?: unknown } | undefined;
    if (!arg || arg.value !== LEGACY) return;
    const decl = p.parent.node;
    if (decl.type !== 'VariableDeclarator' || decl.init !== p.node) return;
    if (decl.id.type === 'ObjectPattern') {
      const ok = decl.id.properties.every((x: { type: string; key?: { type: string; name?: string }; computed?: boolean }) => (x.type === 'Property' || x.type === 'ObjectProperty') && !x.computed && x.key?.type === 'Identifier' && !only.has(x.key.name as string));
      if (ok) flip(arg);
    } else if (decl.id.type === 'Identifier' && namespaceOk(decl.id.name)) flip(arg);
  });
  if (!edits.length) return undefined;
  let out = file.source;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
};
