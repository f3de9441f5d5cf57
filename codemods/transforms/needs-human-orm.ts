/**
 * The ORM half of `needs-human`: sites of the ORM codes no transform may rewrite, found
 * on Retort legacy receivers only (a look-alike of another library stays silent). L306
 * fromSelf(), L309 a joined eager load of a collection, L310 bulkSaveObjects(), L401 an autocommit Session, L402
 * begin({ subtransactions }), L403 an assignment to a two-way relationship attribute, L407 a
 * `lazy: 'dynamic'` relationship or the shim's `dynamic()` in a typed model.
 */
import { CallExpression, ClassDeclaration, Node, ObjectLiteralExpression, SourceFile, SyntaxKind } from 'ts-morph';
import { LEGACY_REGISTRY } from '../../legacy-api/registry';
import type { TypedContext } from './types';
import { legacyFunctionCalls, legacyMethodCalls } from './ts-calls';
import { typedJoinedCollection } from './joined-collections';
import { nodesOfKind } from './ts-find';

const reason = (code: string) => LEGACY_REGISTRY.get(code)?.manualReason ?? code;
/** For the sites inside a Query chain, which query-to-select leaves to them (no L301 report of its own). */
const THEN_AGAIN = '; the Query chain around it stays a Query until this is done (run the codemod again then)';

/** The value of property `key` of an object literal, when it is written `key: value`. */
function prop(o: Node | undefined, key: string): Node | undefined {
  if (!o || !Node.isObjectLiteralExpression(o)) return undefined;
  const p = (o as ObjectLiteralExpression).getProperty(key);
  return p && Node.isPropertyAssignment(p) ? p.getInitializer() : p;
}
const isFalse = (n: Node | undefined) => !!n && n.getKind() === SyntaxKind.FalseKeyword;
const stringValue = (n: Node | undefined) => (n && (Node.isStringLiteral(n) || Node.isNoSubstitutionTemplateLiteral(n)) ? n.getLiteralValue() : undefined);

/** Whether a class extends the base a legacy `declarativeBase()` returned (a 1.x mapped class). */
export function isLegacyMappedClass(ctx: TypedContext, cls: ClassDeclaration): boolean {
  const base = cls.getExtends()?.getExpression();
  if (!base) return false;
  const t = base.getType();
  const sym = t.getSymbol() ?? t.getAliasSymbol();
  return sym?.getName() === 'LegacyDeclarativeBase' && sym.getDeclarations().some((d) => ctx.isLegacyDeclaration(d));
}

/** Whether a class extends `Base.model(…)` of a base a legacy `declarativeBase()` returned. */
function isLegacyBaseModel(ctx: TypedContext, cls: ClassDeclaration): boolean {
  const base = cls.getExtends()?.getExpression();
  if (!base || !Node.isCallExpression(base)) return false;
  const callee = base.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'model') return false;
  const t = callee.getExpression().getType();
  const sym = t.getSymbol() ?? t.getAliasSymbol();
  return sym?.getName() === 'LegacyDeclarativeBase' && sym.getDeclarations().some((d) => ctx.isLegacyDeclaration(d));
}

/** Whether `key` of a `Base.model(name, { … })` class is a relationship written with `backPopulates`. */
function modelTwoWay(cls: ClassDeclaration, key: string): boolean {
  const base = cls.getExtends()?.getExpression();
  const props = base && Node.isCallExpression(base) ? base.getArguments()[1] : undefined;
  const entry = prop(props, key);
  if (!entry || !Node.isCallExpression(entry)) return false;
  return prop(entry.getArguments()[1], 'backPopulates') !== undefined;
}

/** The 1.x relationship() / relation() statics of a file's classes: class, property name, target class name, options. */
function relationshipStatics(ctx: TypedContext, sf: SourceFile) {
  const out: { cls: ClassDeclaration; name: string; call: CallExpression; target?: string; options?: Node }[] = [];
  for (const cls of nodesOfKind(sf, SyntaxKind.ClassDeclaration)) {
    for (const member of cls.getStaticProperties()) {
      if (!Node.isPropertyDeclaration(member)) continue;
      const call = member.getInitializer();
      if (!call || !Node.isCallExpression(call)) continue;
      const callee = call.getExpression();
      const nameNode = Node.isIdentifier(callee) ? callee : Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : undefined;
      if (!nameNode || !ctx.isLegacy(nameNode)) continue;
      const sym = nameNode.getSymbol();
      const fn = (sym?.isAlias() ? sym.getAliasedSymbol() : sym)?.getName();
      if (fn !== 'relationship' && fn !== 'relation') continue;
      const [t, options] = call.getArguments();
      const body = t && Node.isArrowFunction(t) ? t.getBody() : t;
      const target = body && Node.isIdentifier(body) ? body.getText() : stringValue(body);
      out.push({ cls, name: member.getName(), call, target, options });
    }
  }
  return out;
}

export function findOrmSites(ctx: TypedContext): void {
  const sf = ctx.sourceFile;
  // L306: query.fromSelf().
  for (const c of legacyMethodCalls(ctx, ['fromSelf'], ['LegacyQuery'])) ctx.manual(c.call, 'L306', `query.fromSelf(): ${reason('L306')}${THEN_AGAIN}`);

  // L401: new Session({ autocommit }) of the legacy Session (either argument may hold the options).
  for (const n of nodesOfKind(sf, SyntaxKind.NewExpression)) {
    const callee = n.getExpression();
    const nameNode = Node.isIdentifier(callee) ? callee : Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : undefined;
    if (!nameNode || !ctx.isLegacy(nameNode)) continue;
    const symbol = nameNode.getSymbol();
    if ((symbol?.getAliasedSymbol() ?? symbol)?.getName() !== 'Session') continue;
    const ac = n.getArguments().map((a) => prop(a, 'autocommit')).find((v) => v !== undefined);
    if (ac && !isFalse(ac)) ctx.manual(n, 'L401', `an autocommit Session: ${reason('L401')}`);
  }

  // L310: session.bulkSaveObjects(objects) on a legacy Session.
  for (const c of legacyMethodCalls(ctx, ['bulkSaveObjects'], ['Session'])) ctx.manual(c.call, 'L310', `bulkSaveObjects(): ${reason('L310')}`);

  // L402: session.begin({ subtransactions }) on a legacy Session.
  for (const c of legacyMethodCalls(ctx, ['begin'], ['Session'])) {
    const sub = prop(c.args[0], 'subtransactions');
    if (sub && !isFalse(sub)) ctx.manual(c.call, 'L402', `begin({ subtransactions }): ${reason('L402')}`);
  }

  const rels = relationshipStatics(ctx, sf);
  // L407: a lazy: 'dynamic' relationship. Its uses (a Query on the attribute) are the reason given here.
  for (const r of rels) {
    if (stringValue(prop(r.options, 'lazy')) === 'dynamic') ctx.manual(r.call, 'L407', `${r.cls.getName()}.${r.name} is a dynamic collection: ${reason('L407')}`);
  }
  // L407 in a typed model: the shim's dynamic<T>() (what typed-models makes of a dynamic relationship).
  for (const { call } of legacyFunctionCalls(ctx, ['dynamic'])) ctx.manual(call, 'L407', `${modelKey(call) ?? 'dynamic()'} is a dynamic collection: ${reason('L407')}`);

  // L309: joinedload()/eagerload() of a collection in a legacy Query's options().
  for (const o of legacyMethodCalls(ctx, ['options'], ['LegacyQuery'])) {
    const entity = queryEntity(o.receiver);
    const entityType = queryItem(o.receiver)?.getType();
    for (const arg of o.args) {
      if (!Node.isCallExpression(arg)) continue;
      // A typed model says by its types whether the relationship is a collection.
      const typed = typedJoinedCollection(ctx, arg, entityType);
      if (typed) {
        // Named by what it does, not by the loader's spelling, which the rewrites of the same run may change.
        ctx.manual(arg, 'L309', `a joined eager load of the collection ${typed.what}: ${reason('L309')}${THEN_AGAIN}`);
        continue;
      }
      const loader = arg.getExpression();
      const loaderName = Node.isIdentifier(loader) ? loader : Node.isPropertyAccessExpression(loader) ? loader.getNameNode() : undefined;
      if (!loaderName || !ctx.isLegacy(loaderName)) continue;
      const sym = loaderName.getSymbol();
      const fn = (sym?.isAlias() ? sym.getAliasedSymbol() : sym)?.getName();
      if (fn !== 'joinedload' && fn !== 'eagerload') continue;
      const first = arg.getArguments()[0];
      let cls: ClassDeclaration | undefined;
      let attr: string | undefined;
      const path = stringValue(first);
      if (path !== undefined) {
        cls = entity;
        attr = path.split('.')[0];
      } else if (first && Node.isPropertyAccessExpression(first)) {
        // Model.c.name or Model.name
        attr = first.getName();
        const owner = first.getExpression();
        const clsExpr = Node.isPropertyAccessExpression(owner) && owner.getName() === 'c' ? owner.getExpression() : owner;
        cls = classOf(clsExpr);
      }
      if (!cls || !attr || !isLegacyMappedClass(ctx, cls)) continue;
      if (isCollection(ctx, cls, attr)) ctx.manual(arg, 'L309', `a joined eager load of the collection ${cls.getName()}.${attr}: ${reason('L309')}${THEN_AGAIN}`);
    }
  }

  // L403: obj.attr = value where attr is made by a backref on a 1.x mapped class.
  for (const bin of nodesOfKind(sf, SyntaxKind.BinaryExpression)) {
    if (bin.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) continue;
    const left = bin.getLeft();
    if (!Node.isPropertyAccessExpression(left)) continue;
    const cls = instanceClass(left.getExpression());
    if (!cls) continue;
    // A typed model on a 1.x base (what typed-models makes of a 1.x class): the shim no longer cascades there.
    if (isLegacyBaseModel(ctx, cls)) {
      if (modelTwoWay(cls, left.getName())) ctx.manual(bin, 'L403', `${cls.getName()}.${left.getName()} has a reverse side: ${reason('L403')}`);
      continue;
    }
    if (!isLegacyMappedClass(ctx, cls)) continue;
    const made = backrefsOnto(ctx, cls).find((b) => b.backref === left.getName());
    if (made) ctx.manual(bin, 'L403', `${cls.getName()}.${left.getName()} is made by the backref of ${made.from}: ${reason('L403')}`);
    // Either side of a two-way relationship cascades in 1.x (backPopulates as much as backref).
    else if (twoWay(ctx, cls, left.getName())) ctx.manual(bin, 'L403', `${cls.getName()}.${left.getName()} has a reverse side: ${reason('L403')}`);
  }
}

/** `Cls.key` for `key: dynamic(…)` in `class Cls extends Base.model(name, { … })`. */
function modelKey(call: CallExpression): string | undefined {
  const entry = call.getParent();
  if (!entry || !Node.isPropertyAssignment(entry)) return undefined;
  const cls = entry.getFirstAncestorByKind(SyntaxKind.ClassDeclaration);
  return cls?.getName() ? `${cls.getName()}.${entry.getName()}` : undefined;
}

/** The one item of a legacy Query chain (`session.query(Model)…`), when it has one. */
function queryItem(receiver: Node): Node | undefined {
  let n: Node = receiver;
  while (Node.isCallExpression(n)) {
    const callee = n.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) return undefined;
    if (callee.getName() === 'query') {
      const args = n.getArguments();
      return args.length === 1 ? args[0] : undefined;
    }
    n = callee.getExpression();
  }
  return undefined;
}

/** The class a legacy Query chain queries, when it is one named class. */
function queryEntity(receiver: Node): ClassDeclaration | undefined {
  const item = queryItem(receiver);
  return item ? classOf(item) : undefined;
}

/** The class declaration an expression names. */
function classOf(expr: Node): ClassDeclaration | undefined {
  const sym = expr.getSymbol();
  const target = sym?.isAlias() ? sym.getAliasedSymbol() : sym;
  return target?.getDeclarations().find((d): d is ClassDeclaration => Node.isClassDeclaration(d));
}

/** The class of an object's type, when it is an instance of a declared class. */
function instanceClass(expr: Node): ClassDeclaration | undefined {
  const sym = expr.getType().getSymbol();
  return sym?.getDeclarations().find((d): d is ClassDeclaration => Node.isClassDeclaration(d));
}

/**
 * Whether `cls.attr` is certainly a collection: a relationship declared on `cls` with
 * `uselist` not false, on a class with no ForeignKey column of its own (so the relationship
 * cannot be many-to-one), or with a `secondary` table. Anything less certain is not reported.
 */
function isCollection(ctx: TypedContext, cls: ClassDeclaration, attr: string): boolean {
  const rel = relationshipStatics(ctx, cls.getSourceFile()).find((r) => r.cls === cls && r.name === attr);
  if (!rel || isFalse(prop(rel.options, 'uselist'))) return false;
  if (prop(rel.options, 'secondary')) return true;
  const hasForeignKey = cls.getStaticProperties().some((p) => Node.isPropertyDeclaration(p) && /\bForeignKey\s*\(/.test(p.getInitializer()?.getText() ?? ''));
  return !hasForeignKey;
}

/** Whether `cls.attr` is a 1.x relationship declared with a reverse side (`backref` or `backPopulates`). */
function twoWay(ctx: TypedContext, cls: ClassDeclaration, attr: string): boolean {
  const rel = relationshipStatics(ctx, cls.getSourceFile()).find((r) => r.cls === cls && r.name === attr);
  return !!rel && (prop(rel.options, 'backref') !== undefined || prop(rel.options, 'backPopulates') !== undefined);
}

/** The backref names other 1.x classes of `cls`'s file give to `cls` (`relationship(() => Cls, { backref: 'name' })`). */
function backrefsOnto(ctx: TypedContext, cls: ClassDeclaration): { backref: string; from: string }[] {
  const out: { backref: string; from: string }[] = [];
  for (const r of relationshipStatics(ctx, cls.getSourceFile())) {
    if (r.target !== cls.getName()) continue;
    const b = prop(r.options, 'backref');
    const name = stringValue(b) ?? (b && Node.isCallExpression(b) ? stringValue(b.getArguments()[0]) : undefined);
    if (name) out.push({ backref: name, from: `${r.cls.getName()}.${r.name}` });
  }
  return out;
}
