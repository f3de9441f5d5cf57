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
  const ranges: { start: number; end: number }[] = [];
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
    if (typeof start === 'number' && typeof end === 'number' && /^['"]retort\/legacy['"]$/.test(file.source.slice(start, end))) ranges.push({ start: start + 1, end: end - 1 });
  };
  root.find(j.ImportDeclaration, { source: { value: LEGACY } }).forEach((p) => {
    const specs = p.node.specifiers ?? [];
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
  if (!ranges.length) return undefined;
  let out = file.source;
  for (const r of ranges.sort((a, b) => b.start - a.start)) out = out.slice(0, r.start) + 'retort' + out.slice(r.end);
  return out;
};
