/**
 * L404: untyped 1.x declarative classes → typed 2.0 models.
 *
 *   class User extends Base { static __tablename__ = 'users'; static id = Column(Integer, { primaryKey: true });
 *     static addresses = relationship(() => Address, { backref: 'user' }) }
 * becomes
 *   class User extends Base.model('users', { id: column(integer(), { primaryKey: true }),
 *     addresses: many<Address>(() => Address, { backPopulates: 'user' }) }) {}
 *
 * The instance types then follow from the columns (Integer → number, String/Text →
 * string, Boolean → boolean, DateTime → Date, Numeric → string, nullable → `| null`) and
 * the relationships are typed by their target class (`many<Address>` → `Address[]`,
 * `one<User>` → `User | null`). A collection or a single object is decided as the shim
 * decides it (by the foreign keys); a `backref` becomes `backPopulates` on both sides,
 * the reverse side written into the target class. Class-level uses of the statics
 * (`User.id.eq(5)`, in any file) become `User.c.id` for the classes that are converted.
 *
 * A `lazy: 'dynamic'` collection (L407) becomes the shim's typed `dynamic<Target>('Target', …)`:
 * its callers read it as a Query, which stays a person's job (needs-human reports it), but
 * the classes around it no longer wait for them.
 *
 * A class whose declarations cannot all be read (a non-literal option, a target class
 * from another file, a direction the syntax does not settle) is left as it is and
 * reported; so are the classes linked to it by relationships, which must change together.
 */
import { Node, PropertyAccessExpression, PropertyDeclaration, SourceFile, SyntaxKind } from 'ts-morph';
import { applyEdits } from '../run/text-edits';
import { mappingPlan } from './imperative-mapping';
import { legacyName } from './legacy-binding';
import { ClassicalTarget, classicalTargets, isCollection, legacyCallee, LegacyModelFact, legacyModels, LegacyRelationshipFact, literalOptions, memberKey } from './legacy-models';
import type { TextEdit, TypedContext, TypedTransformFn } from './types';
import { nodesOfKind } from './ts-find';

/** 1.x type names → the 2.0 type functions (a name alone is called without arguments). */
const TYPES: Readonly<Record<string, string>> = {
  Integer: 'integer',
  Float: 'float',
  Boolean: 'boolean',
  Text: 'textType',
  DateTime: 'datetime',
  String: 'string',
  Numeric: 'numeric',
};
const COLUMN_OPTIONS = new Set(['primaryKey', 'nullable', 'default', 'unique', 'index', 'autoincrement', 'name']);
const RELATIONSHIP_OPTIONS = new Set(['backref', 'backPopulates', 'secondary', 'cascade', 'lazy', 'uselist']);
/** Exports of 'retort/legacy' with no 2.0 namesake, placed with this prefix (and imported next to the file's legacy names). */
const LEGACY_ONLY = 'legacy_';

class Refused extends Error {
  constructor(
    readonly node: Node,
    reason: string,
  ) {
    super(reason);
  }
}

const stringValue = (n: Node | undefined) => (n && (Node.isStringLiteral(n) || Node.isNoSubstitutionTemplateLiteral(n)) ? n.getLiteralValue() : undefined);

/**
 * A placeholder for the Retort export `what`, resolved (and imported) only for the classes
 * that are converted in the end, so a refused class adds no import.
 */
function name(_ctx: TypedContext, what: string, _at: Node): string {
  return `\u0001${what}\u0002`;
}
const PLACEHOLDER = /\u0001(\w+)\u0002/g;

/** The expression naming a placeholder's export in this file, importing it when needed. */
function resolveName(ctx: TypedContext, placeholder: string): string | null {
  return placeholder.startsWith(LEGACY_ONLY) ? legacyName(ctx, placeholder.slice(LEGACY_ONLY.length)) : ctx.retortName(placeholder);
}

/** The 2.0 SQL type expression for a 1.x type argument. */
function typeText(ctx: TypedContext, t: Node): string {
  if (Node.isIdentifier(t) && ctx.isLegacy(t)) {
    const sym = t.getSymbol();
    const fn = TYPES[(sym?.isAlias() ? sym.getAliasedSymbol() : sym)?.getName() ?? ''];
    if (fn) return `${name(ctx, fn, t)}()`;
  }
  if (Node.isCallExpression(t)) {
    const fn = TYPES[legacyCallee(ctx, t) ?? ''];
    if (fn) return `${name(ctx, fn, t)}(${t.getArguments().map((a) => a.getText()).join(', ')})`;
  }
  // A 2.0 type given to Column() already (json(), uuid()…).
  if (!ctx.isLegacy(t) && t.getType().getSymbol()?.getName() === 'SqlType') return t.getText();
  throw new Refused(t, `the column type ${t.getText()} is not a 1.x type name the codemod knows: write column(<2.0 type>) by hand`);
}

/** `column(…)` for a `Column(…)` call. */
function columnText(ctx: TypedContext, call: Node & { getArguments(): Node[] }, key: string, fixAccess: (n: Node) => string): string {
  const args = [...call.getArguments()];
  const opts: string[] = [];
  if (args.length > 1 && stringValue(args[0]) !== undefined) opts.push(`name: ${args.shift()!.getText()}`);
  const type = args.shift();
  if (!type) throw new Refused(call, `${key}: Column() without a type`);
  const sqlType = typeText(ctx, type);
  let references: string | undefined;
  for (const a of args) {
    if (Node.isCallExpression(a) && legacyCallee(ctx, a) === 'ForeignKey') {
      references = `references: ${name(ctx, 'foreignKey', a)}(${a.getArguments().map(fixAccess).join(', ')})`;
      continue;
    }
    const lit = literalOptions(a);
    if (!lit || !Node.isObjectLiteralExpression(a)) throw new Refused(a, `${key}: Column() options that are not an object literal`);
    for (const [k, v] of lit) {
      if (!COLUMN_OPTIONS.has(k)) throw new Refused(v, `${key}: the Column() option ${k} has no column() equivalent the codemod knows`);
      if (k === 'name' && opts.some((o) => o.startsWith('name:'))) throw new Refused(v, `${key}: the SQL name is given twice`);
    }
    for (const p of a.getProperties()) opts.push(fixAccess(p));
  }
  if (references) opts.push(references);
  return `${name(ctx, 'column', call)}(${sqlType}${opts.length ? `, { ${opts.join(', ')} }` : ''})`;
}

interface Plan {
  readonly model: LegacyModelFact;
  /** Property entries of the 2.0 model (with their comments). */
  readonly entries: string[];
  /** Statics that move into the model. */
  readonly moved: Set<PropertyDeclaration>;
  /** Reverse sides of other classes' backrefs, added after its own. */
  readonly reverse: string[];
  /** `mapper()` calls of classical targets, which become `Base.mapImperatively()` with the class. */
  readonly mappings: Set<ClassicalTarget>;
  /** Models it is linked to by relationships (they change together). */
  readonly linked: Set<LegacyModelFact>;
  refused?: Refused;
}

function relationshipEntries(ctx: TypedContext, plan: Plan, rel: LegacyRelationshipFact, models: readonly LegacyModelFact[], classicals: readonly ClassicalTarget[], plans: Map<LegacyModelFact, Plan>, fixAccess: (n: Node) => string): string {
  const model = plan.model;
  const opts = literalOptions(rel.options);
  if (!opts) throw new Refused(rel.call, `${rel.key}: relationship options that are not an object literal`);
  for (const [k, v] of opts) if (!RELATIONSHIP_OPTIONS.has(k)) throw new Refused(v, `${rel.key}: the option ${k} has no 2.0 relationship equivalent the codemod knows`);
  const target = models.find((m) => m.name !== undefined && m.name === rel.targetName);
  const classical = target ? undefined : classicals.find((c) => c.name === rel.targetName);
  if ((!target && !classical) || rel.targetForm === 'other') throw new Refused(rel.call, `${rel.key}: the target is not a 1.x declarative class or a classically mapped class of this file; convert it with its target together`);
  if (!Node.isIdentifier(model.base)) throw new Refused(rel.call, `${rel.key}: ${model.name} does not extend a named base`);
  const baseName = model.base.getText();
  if (target) {
    if (target.base.getText() !== baseName) throw new Refused(rel.call, `${rel.key}: ${model.name} and ${target.name} do not extend the same base`);
    plan.linked.add(target);
    plans.get(target)!.linked.add(model);
  } else {
    // A classical target must be mapped through the same base, so its name resolves in that registry.
    const c = classical!;
    if (opts.has('backref')) throw new Refused(rel.call, `${rel.key}: a backref onto the classically mapped ${c.name}: declare its side in Base.mapImperatively(${c.name}, table, { … })`);
    const through = c.base ?? (() => {
      const p = mappingPlan(ctx, c.call);
      if ('why' in p) throw new Refused(rel.call, `${rel.key}: the target ${c.name} keeps its mapper() call (${p.why})`);
      return p.base;
    })();
    if (through !== baseName) throw new Refused(rel.call, `${rel.key}: the target ${c.name} is mapped through another base than ${baseName}`);
    if (c.base === undefined) plan.mappings.add(c);
  }
  const many = isCollection(model, rel, opts, [...models, ...classicals]);
  if (many === undefined) throw new Refused(rel.call, `${rel.key}: whether it holds one object or a collection depends on foreign keys or table names not written as literals: add uselist: true/false`);
  const out: string[] = [];
  // L407: a dynamic collection stays one (its callers use it as a Query), typed with the shim's dynamic().
  const dynamic = stringValue(opts.get('lazy')) === 'dynamic';
  if (dynamic && !many) throw new Refused(opts.get('lazy')!, `${rel.key}: lazy: 'dynamic' on a relationship that holds one object (the shim refuses it too)`);
  const backref = opts.get('backref');
  if (backref && opts.has('backPopulates')) throw new Refused(backref, `${rel.key}: both backref and backPopulates`);
  for (const [k, v] of opts) {
    if (k === 'uselist') continue;
    if (k === 'backref') out.push(`backPopulates: ${v.getText()}`);
    else if (k === 'lazy') {
      const lazy = stringValue(v);
      if (lazy === 'dynamic') continue;
      if (lazy === undefined || !['select', 'selectin', 'joined', 'raise', 'explicit'].includes(lazy)) throw new Refused(v, `${rel.key}: lazy is not a literal strategy`);
      // 'select' (1.x's default) is the 2.0 default: explicit loading.
      if (lazy !== 'select') out.push(`lazy: ${v.getText()}`);
    } else out.push(`${k}: ${fixAccess(v)}`);
  }
  // By name: a function returning the class would make each class's base depend on the other's type.
  const targetText = `'${rel.targetName}'`;
  const fn = name(ctx, dynamic ? `${LEGACY_ONLY}dynamic` : many ? 'many' : 'one', rel.call);
  if (backref && target) {
    const back = stringValue(backref);
    if (back === undefined) throw new Refused(backref, `${rel.key}: backref is not a string literal`);
    if (target.columns.some((c) => c.key === back) || target.relationships.some((r) => r.key === back) || target.cls.getStaticProperty(back)) {
      throw new Refused(backref, `${rel.key}: ${target.name} already has a static ${back}`);
    }
    const reverseTarget = `'${model.name}'`;
    const backKey = /^[A-Za-z_$][\w$]*$/.test(back) ? back : JSON.stringify(back);
    plans.get(target)!.reverse.push(`${backKey}: ${name(ctx, many ? 'one' : 'many', rel.call)}<${model.name}>(${reverseTarget}, { backPopulates: '${rel.key}' }),`);
  }
  return `${fn}<${rel.targetName}>(${targetText}${out.length ? `, { ${out.join(', ')} }` : ''})`;
}

/** Whether a declaration is a Column/relationship static of a 1.x declarative class (one that becomes `Cls.c.key`). */
function isLegacyStatic(ctx: TypedContext, d: Node): boolean {
  if (!Node.isPropertyDeclaration(d) || !d.isStatic()) return false;
  const init = d.getInitializer();
  if (!init || !Node.isCallExpression(init) || !['Column', 'relationship', 'relation'].includes(legacyCallee(ctx, init) ?? '')) return false;
  const cls = d.getParent();
  return Node.isClassDeclaration(cls) || Node.isClassExpression(cls);
}

/** Whether a class extends `X.model(name, { …, key: … })` with `key` among its props. */
function isModelKey(cls: Node, key: string): boolean {
  const base = Node.isClassDeclaration(cls) ? cls.getExtends()?.getExpression() : undefined;
  if (!base || !Node.isCallExpression(base)) return false;
  const callee = base.getExpression();
  const props = base.getArguments()[1];
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'model' || !props || !Node.isObjectLiteralExpression(props)) return false;
  return props.getProperties().some((p) => Node.isPropertyAssignment(p) && p.getName() === key);
}

/** The plan of every 1.x class of the file: its 2.0 entries, or why it stays (linked classes share a fate). */
function planAll(ctx: TypedContext, fixAccess: (n: Node) => string): { plans: Map<LegacyModelFact, Plan> } {
  const models = legacyModels(ctx);
  const classicals = classicalTargets(ctx);
  const plans = new Map(models.map((m) => [m, { model: m, entries: [] as string[], reverse: [] as string[], mappings: new Set<ClassicalTarget>(), moved: new Set<PropertyDeclaration>(), linked: new Set<LegacyModelFact>() } as Plan]));
  for (const plan of plans.values()) {
    const m = plan.model;
    try {
      if (!m.name) throw new Refused(m.cls, 'an anonymous class: name it first');
      if (m.cls.getTypeParameters().length) throw new Refused(m.cls, `${m.name} has type parameters`);
      if (!m.tableNameDecl?.getInitializer()) throw new Refused(m.cls, `${m.name} has no static __tablename__`);
      for (const p of m.cls.getProperties()) {
        const key = memberKey(p);
        if (p.isStatic() && key && /^__\w+__$/.test(key) && key !== '__tablename__') throw new Refused(p, `${m.name}.${key} has no 2.0 model equivalent the codemod knows`);
      }
      plan.moved.add(m.tableNameDecl);
      const keys = new Set([...m.columns.map((c) => c.key), ...m.relationships.map((r) => r.key)]);
      for (const p of m.cls.getInstanceProperties()) {
        const key = Node.isPropertyDeclaration(p) ? memberKey(p) : undefined;
        if (key && keys.has(key)) throw new Refused(p, `${m.name} declares ${key} on its instances too; the typed model types it from its column or relationship (remove the declaration, then convert)`);
      }
      const members = [...m.columns.map((c) => ({ decl: c.decl, key: c.key, col: c, rel: undefined })), ...m.relationships.map((r) => ({ decl: r.decl, key: r.key, col: undefined, rel: r }))].sort((a, b) => a.decl.getStart() - b.decl.getStart());
      for (const x of members) {
        if (x.decl.getDecorators().length) throw new Refused(x.decl, `${m.name}.${x.key} has decorators`);
        const text = x.col ? columnText(ctx, x.col.call, x.key, fixAccess) : relationshipEntries(ctx, plan, x.rel!, models, classicals, plans, fixAccess);
        const comments = x.decl.getLeadingCommentRanges().map((r) => r.getText() + '\n');
        plan.entries.push(`${comments.join('')}${x.decl.getNameNode().getText()}: ${text},`);
        plan.moved.add(x.decl);
      }
      if (!plan.entries.length) throw new Refused(m.cls, `${m.name} declares no Column() statics`);
    } catch (e) {
      if (!(e instanceof Refused)) throw e;
      plan.refused = e;
    }
  }
  // Linked classes change together: one left untyped keeps the others as they are.
  for (let again = true; again; ) {
    again = false;
    for (const plan of plans.values()) {
      if (plan.refused) continue;
      const blocked = [...plan.linked].find((l) => plans.get(l)!.refused);
      if (blocked) {
        plan.refused = new Refused(plan.model.cls, `${plan.model.name} is linked by a relationship to ${blocked.name}, which cannot be converted (see its site)`);
        again = true;
      }
    }
  }
  return { plans };
}

const decided = new WeakMap<SourceFile, { text: string; converted: Set<Node> }>();

/**
 * The classes of a file that typed-models converts (decided from that file alone, the
 * same way wherever it is asked), so a read `Cls.key` in any file becomes `Cls.c.key` only
 * when `Cls` becomes a typed model: on an untyped class, `Cls.c.key` would lose the column's type.
 */
function convertedClasses(ctx: TypedContext, sf: SourceFile): Set<Node> {
  const text = sf.getFullText();
  const known = decided.get(sf);
  if (known && known.text === text) return known.converted;
  const { plans } = planAll({ ...ctx, sourceFile: sf }, (n) => n.getText());
  const converted = new Set<Node>([...plans.values()].filter((p) => !p.refused).map((p) => p.model.cls));
  decided.set(sf, { text, converted });
  return converted;
}

export const typed: TypedTransformFn = (ctx) => {
  const sf = ctx.sourceFile;
  const full = sf.getFullText();
  // Class-level reads of the statics: `User.id` → `User.c.id` (an insertion after the class).
  const accesses: TextEdit[] = [];
  for (const pa of nodesOfKind(sf, SyntaxKind.PropertyAccessExpression)) {
    // Only `Cls.key` and `this.key` can read a static (asking the checker about every access would be slow).
    const obj = pa.getExpression();
    if (!(Node.isIdentifier(obj) && /^[A-Z_$]/.test(obj.getText())) && obj.getKind() !== SyntaxKind.ThisKeyword) continue;
    let classes: Node[] = [];
    if (Node.isIdentifier(obj)) {
      const sym = obj.getSymbol();
      const target = sym?.isAlias() ? sym.getAliasedSymbol() : sym;
      classes = target?.getDeclarations().filter((d) => Node.isClassDeclaration(d) && d.getExtends()) ?? [];
      if (!classes.length) continue;
    }
    const decls = pa.getNameNode().getSymbol()?.getDeclarations() ?? [];
    // A read of a class converted earlier in this run (its file was rewritten first): the key is now only under .c.
    const converted = !decls.length && classes.some((c) => isModelKey(c, pa.getName()));
    if (!converted && (!decls.length || !decls.every((d) => isLegacyStatic(ctx, d) && convertedClasses(ctx, d.getSourceFile()).has(d.getParentOrThrow())))) continue;
    const end = (pa as PropertyAccessExpression).getExpression().getEnd();
    accesses.push({ start: end, end, text: '.c' });
  }
  const textOf = (start: number, end: number) => applyEdits(full.slice(start, end), accesses.filter((e) => e.start >= start && e.end <= end).map((e) => ({ ...e, start: e.start - start, end: e.end - start })));
  const fixAccess = (n: Node) => textOf(n.getStart(), n.getEnd());

  const { plans } = planAll(ctx, fixAccess);
  // Targets are found by class name, so the classes are registered with their base right after the last of them.
  const registerAfter = new Map<LegacyModelFact, string>();
  const groups = new Map<string, LegacyModelFact[]>();
  for (const plan of plans.values()) {
    if (plan.refused || !Node.isIdentifier(plan.model.base)) continue;
    const k = `${plan.model.base.getText()}@${plan.model.cls.getParentOrThrow().getStart()}`;
    groups.set(k, [...(groups.get(k) ?? []), plan.model]);
  }
  for (const group of groups.values()) {
    const base = group[0].base.getText();
    const names = group.map((m) => m.name!);
    const registered = new Set(
      sf
        .getDescendantsOfKind(SyntaxKind.CallExpression)
        .filter((c) => c.getExpression().getText() === `${base}.register`)
        .flatMap((c) => c.getArguments().map((a) => (Node.isAsExpression(a) ? a.getExpression() : a).getText())),
    );
    if (names.every((n) => registered.has(n))) continue;
    const last = group.reduce((a, b) => (b.cls.getStart() > a.cls.getStart() ? b : a));
    registerAfter.set(last, `${base}.register(${names.join(', ')});`);
  }
  const inside: [number, number][] = [];
  for (const plan of plans.values()) {
    const { model: m } = plan;
    if (plan.refused) {
      ctx.manual(plan.refused.node, 'L404', plan.refused.message);
      continue;
    }
    const start = m.base.getStart();
    const end = m.cls.getEnd();
    inside.push([start, end]);
    const line = full.slice(full.lastIndexOf('\n', m.cls.getStart()) + 1, m.cls.getStart());
    const indent = /^\s*/.exec(line)![0];
    const open = m.cls.getFirstChildByKindOrThrow(SyntaxKind.OpenBraceToken);
    const kept = m.cls.getMembers().filter((x) => !plan.moved.has(x as PropertyDeclaration));
    const entries = [...plan.entries, ...plan.reverse].map((e) => e.split('\n').map((l) => `${indent}  ${l}`).join('\n'));
    const baseText = textOf(m.base.getStart(), m.base.getEnd());
    const between = full.slice(m.base.getEnd(), open.getStart());
    const tableExpr = fixAccess(m.tableNameDecl!.getInitializerOrThrow());
    const body = kept.length ? kept.map((k) => textOf(k.getFullStart(), k.getEnd())).join('').replace(/^\s*\n(?=[^\n]*\S)/, '\n') + `\n${indent}` : '';
    const register = registerAfter.has(m) ? `\n${indent}${registerAfter.get(m)}` : '';
    const text = `${baseText}.model(${tableExpr}, {\n${entries.join('\n')}\n${indent}})${between}{${body}}${register}`;
    const missing = [...text.matchAll(PLACEHOLDER)].map((x) => x[1]).find((n) => !resolveName(ctx, n));
    if (missing) {
      const from = missing.startsWith(LEGACY_ONLY) ? 'retort/legacy' : 'retort';
      ctx.manual(m.cls, 'L404', `${missing.replace(LEGACY_ONLY, '')}() cannot be imported from '${from}' into this file`);
      continue;
    }
    ctx.rewrite('L404', [{ start, end, text: text.replace(PLACEHOLDER, (_, n: string) => resolveName(ctx, n)!) }]);
  }
  const mapped = new Set<ClassicalTarget>();
  for (const plan of plans.values()) {
    if (plan.refused) continue;
    for (const c of plan.mappings) {
      if (mapped.has(c)) continue;
      mapped.add(c);
      const callee = c.call.getExpression();
      ctx.rewrite('L405', [{ start: callee.getStart(), end: callee.getEnd(), text: `${(plan.model.base as Node).getText()}.mapImperatively` }]);
    }
  }
  // The reads outside converted classes: one site, whatever their number.
  const outside = accesses.filter((e) => !inside.some(([s, t]) => e.start >= s && e.end <= t));
  if (outside.length) ctx.rewrite('L404', outside);
};
