/**
 * One file through the knex-to-Retort rewrite: find the knex chains, rewrite each one the
 * transform can read whole, leave the others exactly as they were and report them, then add
 * the imports the rewrites use.
 */
import jscodeshift, { ASTPath } from 'jscodeshift';
import { AstNode, stringValue, textOf, walkNodes } from './ast';
import { buildStatement } from './build';
import { classifyIdentifier, Link, PROMISE_METHODS, RootKind, ROOT_METHODS, splitChain } from './chain';
import type { ChainContext } from './context';
import { applyEdits } from '../../run/text-edits';
import { Edit, existingImports, importEdits, moduleSpecifier } from './imports';
import { jscodeshiftFor } from './parsers';
import { renderExecution } from './render';
import { KnexSite, Skip } from './skip';
import type { KnownTable, TableCatalog } from './tables';

export interface RewriteOptions {
  readonly catalog: TableCatalog;
  /** The tables module: an absolute file path (imported relatively) or a module specifier. */
  readonly tablesModule: string;
  /** The module exporting the engine made with `createEngineFromKnex(knex)`: a path or a specifier. */
  readonly engineModule: string;
  /** The engine's export name. Default `engine`. */
  readonly engineExport?: string;
  /** Names of the module-level knex instance. Default `['knex']`. */
  readonly knexNames?: readonly string[];
  /** Where Retort is imported from. Default `retort`. */
  readonly retortModule?: string;
}

export interface RewriteResult {
  /** The new text (the input itself when nothing was rewritten). */
  readonly output: string;
  readonly sites: KnexSite[];
}

interface Site {
  readonly path: ASTPath;
  readonly node: AstNode;
  readonly root: RootKind;
  readonly base: AstNode;
  readonly links: Link[];
}

/**
 * Rewrites the knex query-builder chains of one file to Retort Core statements.
 *
 * @example
 * const { output, sites } = rewriteKnexFile(source, '/app/src/users.ts', {
 *   catalog: readTables(tablesSource, 'src/db/tables.ts'),
 *   tablesModule: '/app/src/db/tables.ts',
 *   engineModule: '/app/src/db/engine.ts',
 * });
 * // await knex('users').where({ id }).first()
 * // → await engine.begin(async (conn) => (await conn.execute(select(users).where(users.c.id.eq(id)).limit(1))).mappings().first() ?? undefined)
 */
export function rewriteKnexFile(source: string, file: string, options: RewriteOptions): RewriteResult {
  const j = jscodeshiftFor(file);
  const root = j(source);
  const program = (root.get().node as AstNode).program as AstNode;
  const knexNames = new Set(options.knexNames ?? ['knex']);
  const retortModule = options.retortModule ?? 'retort';
  const tablesSpec = moduleSpecifier(options.tablesModule, file);
  const engineSpec = moduleSpecifier(options.engineModule, file);
  const engineExport = options.engineExport ?? 'engine';
  const taken = namesIn(program);
  const imports = {
    retort: { specifier: retortModule, names: new Map<string, string>(), have: existingImports(program, retortModule) },
    tables: { specifier: tablesSpec, names: new Map<string, string>(), have: existingImports(program, tablesSpec) },
    engine: { specifier: engineSpec, names: new Map<string, string>(), have: existingImports(program, engineSpec) },
  };
  const localName = (m: keyof typeof imports, name: string, alias: (n: string) => string): string => {
    const have = imports[m].have.get(name) ?? imports[m].names.get(name);
    if (have) return have;
    let local = taken.has(name) ? alias(name) : name;
    for (let i = 2; taken.has(local); i++) local = `${alias(name)}${i}`;
    taken.add(local);
    imports[m].names.set(name, local);
    return local;
  };

  const sites = findSites(j, root, knexNames);
  const edits: Edit[] = [];
  const report: KnexSite[] = [];
  for (const site of sites) {
    const { line, column } = site.node.loc!.start;
    const snippet = textOf(source, site.node).replace(/\s+/g, ' ').slice(0, 100);
    const at = { file, line, column: column + 1, snippet };
    // Names this site would add; kept only if the site is rewritten.
    const pending = { retort: new Set<string>(), tables: new Set<KnownTable>() };
    const ctx: ChainContext = {
      source,
      catalog: options.catalog,
      retort: (name) => (pending.retort.add(name), imports.retort.have.get(name) ?? imports.retort.names.get(name) ?? previewName(taken, name, retortAlias)),
      table: (t) => (pending.tables.add(t), imports.tables.have.get(t.variable) ?? imports.tables.names.get(t.variable) ?? previewName(taken, t.variable, tableAlias)),
      value: (n) => plainValue(n, source, site.path, knexNames),
    };
    try {
      const edit = rewriteSite(site, ctx, source);
      // Commit the names (the same ones the preview gave), then render with the engine's name.
      for (const n of pending.retort) localName('retort', n, retortAlias);
      for (const t of pending.tables) localName('tables', t.variable, tableAlias);
      const engine = localName('engine', engineExport, () => 'retortEngine');
      const conn = identifiersIn(site.node).has('conn') ? 'retortConn' : 'conn';
      edits.push({ start: edit.start, end: edit.end, text: renderExecution(edit.statement, { engine, conn }, indentAt(source, site.node.start!)) });
      report.push({ ...at, outcome: 'rewritten' });
    } catch (e) {
      if (!(e instanceof Skip)) throw e;
      report.push({ ...at, outcome: 'reported', kind: e.kind, reason: e.message });
    }
  }
  if (edits.length === 0) return { output: source, sites: report };
  const modules = [imports.retort, imports.tables, imports.engine].filter((m) => m.names.size > 0);
  return { output: applyEdits(source, [...edits, ...importEdits(program, modules)]), sites: report };
}

const retortAlias = (n: string) => `retort${n[0].toUpperCase()}${n.slice(1)}`;
const tableAlias = (n: string) => `${n}Table`;

/** The local name `localName` would give, without taking it (a Skip may still drop the site). */
function previewName(taken: ReadonlySet<string>, name: string, alias: (n: string) => string): string {
  let local = taken.has(name) ? alias(name) : name;
  for (let i = 2; taken.has(local); i++) local = `${alias(name)}${i}`;
  return local;
}

/** The outermost knex chains of a file, outer ones first; chains inside another chain belong to it. */
function findSites(j: typeof jscodeshift, root: ReturnType<typeof jscodeshift>, knexNames: ReadonlySet<string>): Site[] {
  const out: Site[] = [];
  root.find(j.CallExpression).forEach((path) => {
    const node = path.value as AstNode;
    if (continuesChain(path)) return;
    const { base, links } = splitChain(node);
    let kind: RootKind | undefined;
    const startsQuery = links.length > 0 && ROOT_METHODS.has(links[0].name);
    if (base.type === 'CallExpression' && base.callee.type === 'Identifier') kind = classifyIdentifier(path, base.callee.name, knexNames);
    else if (base.type === 'Identifier' && startsQuery) kind = classifyIdentifier(path, base.name, knexNames);
    // `this.knex('t')`, `ctx.knex.select(…)`: knex reached through an object may be a transaction.
    // (the chain splitter reads `this.knex('t')` as a call `knex` on `this`).
    else if ((links.length > 0 && knexNames.has(links[0].name)) || (isKnexMember(base, knexNames) && startsQuery)) kind = 'local-knex';
    if (!kind) return;
    if (out.some((s) => s.node.start! <= node.start! && node.end! <= s.node.end!)) return;
    out.push({ path, node, root: kind, base, links });
  });
  return out;
}

function isKnexMember(node: AstNode, knexNames: ReadonlySet<string>): boolean {
  return node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier' && knexNames.has(node.property.name);
}

/** Whether this call is followed by another call of the same chain (`x.where()` in `x.where().first()`). */
function continuesChain(path: ASTPath): boolean {
  const parent = path.parent?.value as AstNode | undefined;
  const grand = path.parent?.parent?.value as AstNode | undefined;
  return parent?.type === 'MemberExpression' && parent.object === path.value && grand?.type === 'CallExpression' && grand.callee === parent;
}

interface SiteEdit {
  readonly start: number;
  readonly end: number;
  readonly statement: ReturnType<typeof buildStatement>;
}

function rewriteSite(site: Site, ctx: ChainContext, source: string): SiteEdit {
  const { base, links } = site;
  const first = links[0] as Link | undefined;
  if ((base.type === 'Identifier' || base.type === 'MemberExpression') && first?.name === 'raw') {
    const sql = first.args[0];
    const interpolated = sql && (sql.type === 'TemplateLiteral' ? sql.expressions.length > 0 : sql.type === 'BinaryExpression' || sql.type !== 'StringLiteral');
    throw interpolated
      ? new Skip('raw-interpolated', 'knex.raw() with SQL built by string interpolation')
      : new Skip('raw', 'knex.raw(): raw SQL (its result is the driver\'s own shape)');
  }
  if (site.root === 'local-knex') {
    let ref = textOf(source, site.node).split('(')[0].replace(/\s+/g, '');
    if (first && ROOT_METHODS.has(first.name) && ref.endsWith(`.${first.name}`)) ref = ref.slice(0, -first.name.length - 1);
    throw new Skip('local-knex', `"${ref}" is ${ref.includes('.') ? 'reached through an object' : 'a local binding here (a parameter or variable)'}, so it may be a transaction or another knex instance`);
  }
  if (links.some((l) => l.name === 'raw') || containsRaw(site.node)) {
    throw new Skip('knex-in-value', 'knex.raw() inside the chain');
  }
  // `.then(…)` / `.catch(…)` consume the chain as a promise: rewrite the part before them.
  const cut = links.findIndex((l) => PROMISE_METHODS.has(l.name));
  const statementLinks = cut >= 0 ? links.slice(0, cut) : links;
  const statementNode = cut > 0 ? links[cut - 1].node : cut === 0 ? base : site.node;
  const resultUsed = cut >= 0 ? true : consumption(site.path);
  const rootTable = base.type === 'CallExpression' ? base.arguments[0] : undefined;
  if (base.type === 'CallExpression' && base.arguments.length !== 1) throw new Skip('dynamic-table', `${base.callee.name}() with ${base.arguments.length} arguments`);
  if (rootTable && stringValue(rootTable) === undefined) throw new Skip('dynamic-table', `${base.callee.name}() with a table name that is not a literal (${textOf(source, rootTable)})`);
  const transaction = site.root === 'trx' ? (base.type === 'CallExpression' ? base.callee.name : base.name) : undefined;
  const statement = buildStatement(rootTable, base.type === 'Identifier' ? statementLinks : statementLinks, ctx, transaction, resultUsed);
  return { start: statementNode.start!, end: statementNode.end!, statement };
}

function containsRaw(node: AstNode): boolean {
  let found = false;
  walkNodes(node, (n) => {
    if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier' && n.property.name === 'raw') found = true;
    return !found;
  });
  return found;
}

/**
 * Whether the chain is consumed as a promise where it is built — awaited, or returned from
 * an async function — and whether its value is used. Anything else (stored, passed along,
 * returned from a plain function) may be extended later, so the builder must stay a builder.
 */
function consumption(path: ASTPath): boolean {
  let p = path;
  while (p.parent && ['TSAsExpression', 'TSNonNullExpression', 'ParenthesizedExpression'].includes((p.parent.value as AstNode).type)) p = p.parent;
  const parent = p.parent?.value as AstNode | undefined;
  if (parent?.type === 'AwaitExpression') return (p.parent.parent?.value as AstNode | undefined)?.type !== 'ExpressionStatement';
  const fn = parent?.type === 'ReturnStatement' ? enclosingFunction(p) : parent && /Function/.test(parent.type) && parent.body === p.value ? parent : undefined;
  if (fn?.async) return true;
  throw new Skip('not-awaited', 'the builder is not awaited where it is built (stored, passed along or returned from a function that is not async), so it may be extended elsewhere');
}

function enclosingFunction(path: ASTPath): AstNode | undefined {
  for (let p: ASTPath | undefined = path.parent; p; p = p.parent) {
    if (/Function/.test((p.value as AstNode).type)) return p.value as AstNode;
  }
  return undefined;
}

/** A value's text, refused when it reaches for knex (a nested builder, `knex.fn.now()`, a transaction). */
function plainValue(node: AstNode, source: string, sitePath: ASTPath, knexNames: ReadonlySet<string>): string {
  walkNodes(node, (n) => {
    if (n.type === 'Identifier' && (knexNames.has(n.name) || classifyIdentifier(sitePath, n.name, knexNames) === 'trx')) {
      throw new Skip('knex-in-value', `a value uses knex (${textOf(source, node).slice(0, 60)})`);
    }
    if (n.type === 'YieldExpression') throw new Skip('dynamic-argument', 'a value with yield');
    if (n.type === 'ArrowFunctionExpression' || n.type === 'FunctionExpression') throw new Skip('callback', 'a function as a value');
  });
  return textOf(source, node);
}

/** Every identifier name in the file except property names: the names a new import must not take. */
function namesIn(program: AstNode): Set<string> {
  return identifiersIn(program);
}

/** Identifier names under `node`, leaving out non-computed property names (`row.name`, `{ name: … }`). */
function identifiersIn(node: AstNode): Set<string> {
  const out = new Set<string>();
  const visit = (n: AstNode): boolean | void => {
    if (n.type === 'Identifier' || n.type === 'JSXIdentifier') out.add(n.name as string);
    if ((n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') && !n.computed) {
      walkNodes(n.object, visit);
      return false;
    }
    if ((n.type === 'ObjectProperty' || n.type === 'ObjectMethod' || n.type === 'ClassProperty' || n.type === 'ClassMethod') && !n.computed && !n.shorthand) {
      walkNodes(n.value ?? n.body, visit);
      if (n.params) walkNodes(n.params, visit);
      return false;
    }
  };
  walkNodes(node, visit);
  return out;
}

/** The indentation of the line `pos` is on. */
function indentAt(source: string, pos: number): string {
  const lineStart = source.lastIndexOf('\n', pos - 1) + 1;
  return /^[ \t]*/.exec(source.slice(lineStart))![0];
}
