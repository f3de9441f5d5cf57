/**
 * For transforms whose replacement is itself a `retort/legacy` name (one that 2.0 does not
 * export under that name, such as the 1.x `relationship()`): an expression naming it in
 * this file, or null when it cannot be reached safely. `ctx.retortName()` looks in the
 * legacy imports first, but would settle on a `retort` namespace import or add the name
 * to an import of `retort`, where a legacy-only name does not exist.
 */
import { Node, SyntaxKind } from 'ts-morph';
import type { TypedContext } from './types';
import { nodesOfKind } from './ts-find';

/**
 * `name` of `retort/legacy` as this file can call it (`relationship`, `L.relationship`,
 * an alias), importing it next to the file's other legacy names when needed.
 * @example const fn = legacyName(ctx, 'relationship'); // 'relationship' or 'L.relationship'
 */
export function legacyName(ctx: TypedContext, name: string): string | null {
  const sf = ctx.sourceFile;
  const decls = sf.getImportDeclarations().filter((d) => !d.isTypeOnly());
  const legacy = decls.filter((d) => d.getModuleSpecifierValue() === 'retort/legacy');
  const core = decls.filter((d) => d.getModuleSpecifierValue() === 'retort');
  const legacyReady = legacy.some((d) => d.getNamespaceImport() || d.getNamedImports().some((n) => n.getName() === name && !n.isTypeOnly()));
  if (legacy.length) {
    // retortName() reaches a retort namespace before adding to a legacy import: only safe when the legacy side answers first.
    if (!legacyReady && core.some((d) => d.getNamespaceImport())) return null;
    if (!legacyReady && !legacy.some((d) => d.getNamedImports().length)) return null;
    return ctx.retortName(name);
  }
  if (decls.length) return null;
  // CommonJS: only when every require of Retort is of the legacy entry.
  const requires = nodesOfKind(sf, SyntaxKind.CallExpression).filter((c) => {
    const arg = c.getArguments()[0];
    return c.getExpression().getText() === 'require' && arg && Node.isStringLiteral(arg) && /^retort(\/legacy)?$/.test(arg.getLiteralValue());
  });
  if (!requires.length || requires.some((c) => (c.getArguments()[0] as Node & { getLiteralValue(): string }).getLiteralValue() !== 'retort/legacy')) return null;
  return ctx.retortName(name);
}
