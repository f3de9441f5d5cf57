/**
 * Facts about the 1.x declarative classes of a file (L404): classes extending a legacy
 * `declarativeBase()`, their `__tablename__`, `Column(…)` statics and `relationship(…)` /
 * `relation(…)` statics, read from the syntax and resolved through the checker. Shared
 * by the model transforms (typed-models, back-populates), which decide from these facts
 * alone and edit nothing here.
 */
import { CallExpression, ClassDeclaration, Node, PropertyDeclaration, SyntaxKind } from 'ts-morph';
import type { TypedContext } from './types';
import { nodesOfKind } from './ts-find';

/** A `Column(…)` static. */
export interface LegacyColumnFact {
  readonly key: string;
  readonly decl: PropertyDeclaration;
  readonly call: CallExpression;
  /** The table (a {@link tableKey}) a `ForeignKey('table.column')` argument refers to, or null when it cannot be read. */
  readonly fkTable: string | null | undefined;
}

/** A `relationship(…)` / `relation(…)` static. */
export interface LegacyRelationshipFact {
  readonly key: string;
  readonly decl: PropertyDeclaration;
  readonly call: CallExpression;
  /** The target class's name when the target is `() => C`, `C` or `'C'`. */
  readonly targetName: string | undefined;
  readonly targetForm: 'thunk' | 'class' | 'string' | 'other';
  /** The options object literal, if any (undefined when absent; null when not a literal). */
  readonly options: Node | null | undefined;
}

/** A class extending a legacy declarative base. */
export interface LegacyModelFact {
  readonly cls: ClassDeclaration;
  readonly name: string | undefined;
  /** The `extends` expression (the base). */
  readonly base: Node;
  readonly tableNameDecl: PropertyDeclaration | undefined;
  /** The table name as a {@link tableKey}, when it can be read. */
  readonly tableName: string | undefined;
  readonly columns: LegacyColumnFact[];
  readonly relationships: LegacyRelationshipFact[];
}

/** The name of the legacy function a call resolves to (`Column`, `relationship`, …), or undefined. */
export function legacyCallee(ctx: TypedContext, call: CallExpression): string | undefined {
  const callee = call.getExpression();
  const nameNode = Node.isIdentifier(callee) ? callee : Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : undefined;
  if (!nameNode || !ctx.isLegacy(nameNode)) return undefined;
  const sym = nameNode.getSymbol();
  return (sym?.isAlias() ? sym.getAliasedSymbol() : sym)?.getName();
}

/** Whether an expression is a legacy declarative base (its type has the `c` of LegacyDeclarativeBase). */
export function isLegacyBase(ctx: TypedContext, expr: Node): boolean {
  return (expr.getType().getProperty('c')?.getDeclarations() ?? []).some((d) => ctx.isLegacyDeclaration(d, ['LegacyDeclarativeBase']));
}

const stringValue = (n: Node | undefined) => (n && (Node.isStringLiteral(n) || Node.isNoSubstitutionTemplateLiteral(n)) ? n.getLiteralValue() : undefined);

/** The key of a class member as a property name (`id`, `'odd key'`), or undefined when computed. */
export function memberKey(decl: PropertyDeclaration): string | undefined {
  const n = decl.getNameNode();
  if (Node.isIdentifier(n)) return n.getText();
  if (Node.isStringLiteral(n)) return n.getLiteralValue();
  return undefined;
}

/** Every class of the file extending a legacy declarative base, with its declarations. */
export function legacyModels(ctx: TypedContext): LegacyModelFact[] {
  const out: LegacyModelFact[] = [];
  for (const cls of nodesOfKind(ctx.sourceFile, SyntaxKind.ClassDeclaration)) {
    const base = cls.getExtends()?.getExpression();
    if (!base || !isLegacyBase(ctx, base)) continue;
    let tableNameDecl: PropertyDeclaration | undefined;
    const columns: LegacyColumnFact[] = [];
    const relationships: LegacyRelationshipFact[] = [];
    for (const m of cls.getProperties()) {
      if (!m.isStatic()) continue;
      const key = memberKey(m);
      if (key === '__tablename__') {
        tableNameDecl = m;
        continue;
      }
      const init = m.getInitializer();
      if (!key || !init || !Node.isCallExpression(init)) continue;
      const fn = legacyCallee(ctx, init);
      if (fn === 'Column') {
        let fkTable: string | null | undefined;
        for (const a of init.getArguments()) {
          if (Node.isCallExpression(a) && legacyCallee(ctx, a) === 'ForeignKey') fkTable = foreignKeyTable(a.getArguments()[0]) ?? null;
        }
        columns.push({ key, decl: m, call: init, fkTable });
      } else if (fn === 'relationship' || fn === 'relation') {
        const [target, options, ...rest] = init.getArguments();
        let targetName: string | undefined;
        let targetForm: LegacyRelationshipFact['targetForm'] = 'other';
        if (target && Node.isArrowFunction(target) && Node.isIdentifier(target.getBody())) {
          targetName = target.getBody().getText();
          targetForm = 'thunk';
        } else if (target && Node.isIdentifier(target)) {
          targetName = target.getText();
          targetForm = 'class';
        } else if (stringValue(target) !== undefined) {
          targetName = stringValue(target);
          targetForm = 'string';
        }
        const opts = options === undefined ? undefined : Node.isObjectLiteralExpression(options) && !rest.length ? options : null;
        relationships.push({ key, decl: m, call: init, targetName, targetForm, options: opts });
      }
    }
    const init = tableNameDecl?.getInitializer();
    out.push({ cls, name: cls.getName(), base, tableNameDecl, tableName: init && tableKey(init), columns, relationships });
  }
  return out;
}

/**
 * A table name for comparison: `lit:users` for a literal, `expr:tableName('users')` for an
 * expression made only of names, property reads and calls with literal arguments (the
 * same text is taken for the same value: such an expression names the same table
 * wherever it is written). Undefined for anything else.
 */
export function tableKey(n: Node): string | undefined {
  const v = stringValue(n);
  if (v !== undefined) return `lit:${v}`;
  return isStable(n) ? `expr:${n.getText().replace(/\s+/g, '')}` : undefined;
}

function isStable(n: Node): boolean {
  if (Node.isIdentifier(n)) return true;
  if (Node.isPropertyAccessExpression(n)) return isStable(n.getExpression());
  if (Node.isCallExpression(n)) return isStable(n.getExpression()) && n.getArguments().every((a) => stringValue(a) !== undefined || Node.isNumericLiteral(a));
  return false;
}

/** The table of a `ForeignKey()` target: `'users.id'`, or `${expr}.id` where expr is a {@link tableKey} expression. */
export function foreignKeyTable(ref: Node | undefined): string | undefined {
  const v = stringValue(ref);
  if (v !== undefined) return v.includes('.') ? `lit:${v.slice(0, v.lastIndexOf('.'))}` : undefined;
  if (!ref || !Node.isTemplateExpression(ref) || ref.getHead().getLiteralText() !== '' || ref.getTemplateSpans().length !== 1) return undefined;
  const span = ref.getTemplateSpans()[0];
  if (!/^\.[A-Za-z_$][\w$]*$/.test(span.getLiteral().getLiteralText())) return undefined;
  return isStable(span.getExpression()) ? tableKey(span.getExpression()) : undefined;
}

/** Whether two {@link tableKey}s name the same table; undefined when the syntax cannot tell. */
export function sameTable(a: string, b: string): boolean | undefined {
  if (a === b) return true;
  if (a.startsWith('lit:') && b.startsWith('lit:')) return false;
  // Two calls of one function with different literal arguments: different tables.
  const call = /^expr:([\w$.]+)\((.*)\)$/;
  const [x, y] = [call.exec(a), call.exec(b)];
  if (x && y && x[1] === y[1]) return false;
  return undefined;
}

/** A class mapped classically in this file (`mapper(Cls, table)` or `Base.mapImperatively(Cls, table)`). */
export interface ClassicalTarget {
  readonly name: string;
  readonly call: CallExpression;
  /** The table name as a {@link tableKey}. */
  readonly tableName: string | undefined;
  /** The base of `Base.mapImperatively(…)`; undefined for `mapper()`. */
  readonly base: string | undefined;
}

/** The classical mappings written as top-level statements of the file. */
export function classicalTargets(ctx: TypedContext): ClassicalTarget[] {
  const out: ClassicalTarget[] = [];
  for (const st of ctx.sourceFile.getStatements()) {
    const call = Node.isExpressionStatement(st) ? st.getExpression() : undefined;
    if (!call || !Node.isCallExpression(call)) continue;
    const [cls, table] = call.getArguments();
    if (!cls || !Node.isIdentifier(cls) || !table) continue;
    const callee = call.getExpression();
    let base: string | undefined;
    if (legacyCallee(ctx, call) === 'mapper') base = undefined;
    else if (Node.isPropertyAccessExpression(callee) && callee.getName() === 'mapImperatively' && Node.isIdentifier(callee.getExpression())) base = callee.getExpression().getText();
    else continue;
    out.push({ name: cls.getText(), call, tableName: tableOf(table), base });
  }
  return out;
}

/** The name of a Core table given by a variable: its `new Table(name, …)` declaration's first argument, as a {@link tableKey}. */
function tableOf(table: Node): string | undefined {
  if (!Node.isIdentifier(table)) return undefined;
  let sym = table.getSymbol();
  if (sym?.isAlias()) sym = sym.getAliasedSymbol() ?? sym;
  const decl = sym?.getDeclarations()[0];
  const init = decl && Node.isVariableDeclaration(decl) ? decl.getInitializer() : undefined;
  if (!init || !Node.isNewExpression(init)) return undefined;
  const name = init.getArguments()[0];
  return name ? tableKey(name) : undefined;
}

/** The literal properties of an options object by key (undefined when a spread, method or computed key is in it). */
export function literalOptions(options: Node | null | undefined): Map<string, Node> | undefined {
  const out = new Map<string, Node>();
  if (options === undefined) return out;
  if (!options || !Node.isObjectLiteralExpression(options)) return undefined;
  for (const p of options.getProperties()) {
    if (!Node.isPropertyAssignment(p)) return undefined;
    const n = p.getNameNode();
    const key = Node.isIdentifier(n) ? n.getText() : Node.isStringLiteral(n) ? n.getLiteralValue() : undefined;
    if (key === undefined) return undefined;
    out.set(key, p.getInitializerOrThrow());
  }
  return out;
}

/**
 * Whether the relationship holds a collection, as the shim decides when it maps the class:
 * `uselist` when given, a collection for a secondary table or a self-reference, else a
 * single object exactly when the class's own table has a foreign key to the target's.
 * Undefined when the syntax does not settle it (a foreign key or table name not written
 * as a literal, a target not declared in this file, `uselist` not a literal).
 */
export function isCollection(model: LegacyModelFact, rel: LegacyRelationshipFact, opts: Map<string, Node>, targets: readonly { name: string | undefined; tableName: string | undefined }[]): boolean | undefined {
  const uselist = opts.get('uselist');
  if (uselist) {
    const k = uselist.getKind();
    return k === SyntaxKind.TrueKeyword ? true : k === SyntaxKind.FalseKeyword ? false : undefined;
  }
  if (opts.has('secondary')) return true;
  const target = targets.find((m) => m.name !== undefined && m.name === rel.targetName);
  if (!target) return undefined;
  if (target === model) return true;
  if (target.tableName === undefined) return undefined;
  let holdsKey = false;
  for (const c of model.columns) {
    if (c.fkTable === undefined) continue;
    if (c.fkTable === null) return undefined;
    const same = sameTable(c.fkTable, target.tableName);
    if (same === undefined) return undefined;
    holdsKey ||= same;
  }
  return !holdsKey;
}

/** The leading comments of a class member (kept with it when it moves). */
export function leadingComments(decl: Node): string[] {
  return decl.getLeadingCommentRanges().map((r) => r.getText());
}
