/**
 * The TypedContext given to type-aware transforms for one file and one pass: symbol
 * questions answered through the checker, edits and reports only recorded (the runner
 * applies them after the pass, so every fact comes from one consistent program).
 */
import { Node, SourceFile, SyntaxKind } from 'ts-morph';
import type { TextEdit, TypedContext } from './types';
import { bindingNames, nodesOfKind } from './ts-find';

/** What one file's pass produced. */
export interface PassOutput {
  /** Groups of edits: all of a group or none is applied; `code` counts one rewritten site. */
  readonly groups: { transform: string; code: string; edits: TextEdit[] }[];
  /** Import additions, applied whenever a group of the pass is. */
  readonly imports: TextEdit[];
  readonly manual: { transform: string; code: string; pos: number; reason: string }[];
}

const OWNER_KINDS = new Set([SyntaxKind.ClassDeclaration, SyntaxKind.InterfaceDeclaration, SyntaxKind.TypeAliasDeclaration]);

/** A context for `sf`; `transform()` switches the name that edits and reports are attributed to. */
export function createTypedContext(sf: SourceFile, legacyDir: string, out: PassOutput): TypedContext & { transform(name: string): void } {
  let current = '';
  let identifiers: Set<string> | undefined;
  const names = new Map<string, string | null>();
  const newNames: string[] = [];
  let newImport: TextEdit | undefined;

  const legacyDecls = (name: Node) => {
    let sym = name.getSymbol();
    if (!sym) return [];
    if (sym.isAlias()) sym = sym.getAliasedSymbol() ?? sym;
    return sym.getDeclarations().filter((d) => d.getSourceFile().getFilePath().startsWith(legacyDir));
  };
  const ownerOf = (d: Node) => {
    const o = d.getFirstAncestor((a) => OWNER_KINDS.has(a.getKind()));
    return o && (Node.isClassDeclaration(o) || Node.isInterfaceDeclaration(o) || Node.isTypeAliasDeclaration(o)) ? o.getName() : undefined;
  };
  // Names that could clash with a new binding: every identifier except property names after a dot.
  /** The identifiers of `node` that may name a binding (not the name of a property read or of a key). */
  const namesIn = (node: Node) => bindingNames(sf, node, false);
  const allIdentifiers = () => (identifiers ??= bindingNames(sf));

  // An identifier's text is part of the text it is in, with no identifier character just
  // before or after it: a name the text does not hold that way is not used there, and the
  // identifiers (every one wrapped by ts-morph) are not collected for it.
  const mentions = (text: string, name: string) => new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(text);
  const isUsed = (name: string) => mentions(sf.getFullText(), name) && allIdentifiers().has(name);

  const importsFrom = (spec: string) => sf.getImportDeclarations().filter((d) => d.getModuleSpecifierValue() === spec && !d.isTypeOnly());

  function addImport(name: string): string | null {
    for (const spec of ['retort/legacy', 'retort']) {
      for (const d of importsFrom(spec)) {
        const ns = d.getNamespaceImport();
        if (ns) return `${ns.getText()}.${name}`;
        const found = d.getNamedImports().find((n) => n.getName() === name && !n.isTypeOnly());
        if (found) return found.getAliasNode()?.getText() ?? name;
      }
    }
    const local = isUsed(name) ? freshName('retort' + name[0].toUpperCase() + name.slice(1)) : name;
    const specifier = local === name ? name : `${name} as ${local}`;
    for (const spec of ['retort/legacy', 'retort']) {
      const d = importsFrom(spec).find((x) => x.getNamedImports().length > 0);
      if (d) {
        const last = d.getNamedImports()[d.getNamedImports().length - 1];
        out.imports.push({ start: last.getEnd(), end: last.getEnd(), text: `, ${specifier}` });
        return local;
      }
    }
    const imports = sf.getImportDeclarations();
    if (imports.length) {
      // One new import declaration for all the names this pass needs.
      newNames.push(specifier);
      const at = imports[imports.length - 1].getEnd();
      const text = `\nimport { ${newNames.join(', ')} } from 'retort';`;
      if (newImport) (newImport as { text: string }).text = text;
      else out.imports.push((newImport = { start: at, end: at, text }));
      return local;
    }
    // CommonJS: `const { a } = require('retort/legacy')`.
    for (const call of nodesOfKind(sf, SyntaxKind.CallExpression)) {
      const arg = call.getArguments()[0];
      if (call.getExpression().getText() !== 'require' || !arg || !Node.isStringLiteral(arg) || !/^retort(\/legacy)?$/.test(arg.getLiteralValue())) continue;
      const decl = call.getParentIfKind(SyntaxKind.VariableDeclaration);
      const pattern = decl?.getNameNode();
      if (pattern && Node.isObjectBindingPattern(pattern) && pattern.getElements().length) {
        const els = pattern.getElements();
        out.imports.push({ start: els[els.length - 1].getEnd(), end: els[els.length - 1].getEnd(), text: local === name ? `, ${name}` : `, ${name}: ${local}` });
        return local;
      }
      if (pattern && Node.isIdentifier(pattern)) return `${pattern.getText()}.${name}`;
    }
    return null;
  }

  /**
   * Not marked as used: callers bind it only around text copied from this file, which cannot
   * mention it. With `at`, the name has to be free only in the function around `at` (a new
   * binding there cannot reach code outside it), so `conn` is not `conn2` because another
   * function of the file has a `conn` of its own.
   */
  function freshName(base: string, at?: Node): string {
    const scope = at?.getFirstAncestor((a) => Node.isFunctionDeclaration(a) || Node.isFunctionExpression(a) || Node.isArrowFunction(a) || Node.isMethodDeclaration(a) || Node.isConstructorDeclaration(a) || Node.isGetAccessorDeclaration(a) || Node.isSetAccessorDeclaration(a));
    const text = scope ? scope.getFullText() : sf.getFullText();
    let used: Set<string> | undefined;
    const taken = (name: string) => mentions(text, name) && (used ??= scope ? namesIn(scope) : allIdentifiers()).has(name);
    let n = base;
    for (let i = 2; taken(n); i++) n = `${base}${i}`;
    return n;
  }

  return {
    sourceFile: sf,
    transform(name: string) {
      current = name;
    },
    isLegacy(name, owners) {
      const decls = legacyDecls(name);
      if (!owners) return decls.length > 0;
      return decls.some((d) => {
        const o = ownerOf(d);
        return o !== undefined && owners.includes(o);
      });
    },
    isLegacyDeclaration(decl, owners) {
      if (!decl.getSourceFile().getFilePath().startsWith(legacyDir)) return false;
      if (!owners) return true;
      const o = ownerOf(decl);
      return o !== undefined && owners.includes(o);
    },
    legacyOwner(name) {
      for (const d of legacyDecls(name)) {
        const o = ownerOf(d);
        if (o) return o;
      }
      return undefined;
    },
    replace(node, text, code) {
      out.groups.push({ transform: current, code, edits: [{ start: node.getStart(), end: node.getEnd(), text }] });
    },
    rewrite(code, edits) {
      if (!edits.length) throw new Error(`${current}: rewrite() without edits`);
      out.groups.push({ transform: current, code, edits: [...edits] });
    },
    edit(edit) {
      const last = out.groups[out.groups.length - 1];
      if (!last || last.transform !== current) throw new Error(`${current}: edit() must follow replace() in the same transform`);
      last.edits.push(edit);
    },
    manual(node, code, reason) {
      out.manual.push({ transform: current, code, pos: node.getStart(), reason });
    },
    retortName(name) {
      if (!names.has(name)) names.set(name, addImport(name));
      return names.get(name) ?? null;
    },
    freshName(base, at) {
      return freshName(base, at);
    },
  };
}
