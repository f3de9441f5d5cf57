/**
 * The generated TypeScript module: one `new Table(...)` per reflected table, with typed
 * columns, keys, defaults, constraints and indexes, in a MetaData the module exports.
 */
import type { ReflectedColumn, ReflectedForeignKey, ReflectedIndex } from '../../core/index';
import { columnKeys, propertyKey, quote, tableVariables } from './names';
import { refersHere, SchemaModel, TableModel } from './schema-model';
import { typeCode } from './type-code';

export interface RenderOptions {
  /** The module the generated file imports Retort from. Default `'retort'`. */
  importFrom?: string;
}

const INTEGER_KINDS = new Set(['integer', 'bigint', 'smallint']);

/** What one table needs to know about the others: their variables and column keys. */
interface Scope {
  readonly variables: Map<string, string>;
  readonly keys: Map<string, Map<string, string>>;
  readonly model: SchemaModel;
  readonly imports: Set<string>;
  readonly typeImports: Set<string>;
}

export function renderModule(model: SchemaModel, opts: RenderOptions = {}): string {
  const imports = new Set(['MetaData', 'Table', 'column']);
  const typeImports = new Set<string>();
  const tables = [...model.tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // Every name the module might import, so no table variable shadows one.
  const taken = new Set(['metadata', ...IMPORTABLE]);
  const scope: Scope = {
    variables: tableVariables(
      tables.map((t) => t.name),
      taken,
    ),
    keys: new Map(tables.map((t) => [t.name, columnKeys(t.columns.map((c) => c.name))])),
    model,
    imports,
    typeImports,
  };
  const bodies = tables.map((t) => renderTable(t, scope));
  const importLines = [`import { ${[...imports].sort(byName).join(', ')} } from ${quote(opts.importFrom ?? 'retort')};`];
  if (typeImports.size) importLines.push(`import type { ${[...typeImports].sort(byName).join(', ')} } from ${quote(opts.importFrom ?? 'retort')};`);
  return [
    '/**',
    ` * Retort tables of ${commentSafe(model.source)}${model.schema ? `, schema ${commentSafe(model.schema)}` : ''}, written by`,
    ' * `retort-codemod generate-tables` from the live schema. Edit freely; regenerating overwrites it.',
    ' */',
    ...importLines,
    '',
    'export const metadata = new MetaData();',
    '',
    bodies.join('\n\n'),
    '',
  ].join('\n');
}

const IMPORTABLE = [
  'MetaData', 'Table', 'column', 'foreignKey', 'foreignKeyConstraint', 'uniqueConstraint', 'checkConstraint', 'index', 'text', 'SqlType', 'ColumnRef', 'ColumnElement',
  'integer', 'bigint', 'smallint', 'numeric', 'float', 'string', 'textType', 'boolean', 'date', 'datetime', 'time', 'json', 'uuid', 'enumType', 'binary', 'array',
];

function byName(a: string, b: string): number {
  return a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;
}

function renderTable(t: TableModel, scope: Scope): string {
  const keys = scope.keys.get(t.name)!;
  const pk = new Set(t.primaryKey.columns);
  // A one-column foreign key goes on its column (the first one, when a column has several).
  const columnFk = new Map<string, ReflectedForeignKey>();
  const tableFks: ReflectedForeignKey[] = [];
  for (const fk of t.foreignKeys) {
    if (fk.columns.length === 1 && !columnFk.has(fk.columns[0])) columnFk.set(fk.columns[0], fk);
    else tableFks.push(fk);
  }
  const lines: string[] = [];
  if (t.comment) lines.push(`/** ${commentSafe(t.comment)} */`);
  lines.push(`export const ${scope.variables.get(t.name)} = new Table(${quote(t.name)}, metadata, {`);
  for (const c of t.columns) lines.push(`  ${renderColumn(c, keys.get(c.name)!, pk, columnFk.get(c.name), scope)}`);
  const constraints = [
    ...tableFks.map((fk) => renderTableFk(fk, t, scope)),
    ...t.uniqueConstraints.map((u) => {
      scope.imports.add('uniqueConstraint');
      return `uniqueConstraint([${u.columns.map((n) => ref(keys, n)).join(', ')}]${nameOption(u.name)})`;
    }),
    ...t.checkConstraints.map((ck) => {
      scope.imports.add('checkConstraint');
      return `checkConstraint(${quote(ck.sqltext)}${nameOption(ck.name)})`;
    }),
    ...t.indexes.filter((ix) => ix.duplicatesConstraint === undefined).map((ix) => renderIndex(ix, keys, scope)),
  ];
  const tableOptions: string[] = [];
  if (scope.model.schema) tableOptions.push(`  schema: ${quote(scope.model.schema)},`);
  if (t.comment) tableOptions.push(`  comment: ${quote(t.comment)},`);
  if (constraints.length) tableOptions.push('  constraints: (c) => [', ...constraints.map((x) => `    ${x},`), '  ],');
  lines.push(tableOptions.length ? ['}, {', ...tableOptions, '});'].join('\n') : '});');
  return lines.join('\n');
}

function renderColumn(c: ReflectedColumn, key: string, pk: ReadonlySet<string>, fk: ReflectedForeignKey | undefined, scope: Scope): string {
  const type = typeCode(c.type);
  type.imports.forEach((i) => scope.imports.add(i));
  const options: string[] = [];
  if (key !== c.name) options.push(`name: ${quote(c.name)}`);
  const isPk = pk.has(c.name);
  if (isPk) {
    options.push('primaryKey: true');
    const integerKind = INTEGER_KINDS.has(c.type.kind);
    const autoByDefault = integerKind && pk.size === 1;
    if (c.autoincrement && !autoByDefault) options.push('autoincrement: true');
    if (!c.autoincrement && integerKind) options.push('autoincrement: false');
  } else if (!c.nullable) {
    options.push('nullable: false');
  }
  if (c.default !== undefined && !(c.autoincrement && /^nextval\(/i.test(c.default.trim()))) options.push(`serverDefault: { sql: ${quote(c.default)} }`);
  if (fk) {
    const target = fkTarget(fk, scope, true);
    if (target) {
      scope.imports.add('foreignKey');
      options.push(`references: foreignKey(${target}${fkOptions(fk)})`);
    }
  }
  if (c.comment !== undefined) options.push(`comment: ${quote(c.comment)}`);
  const notes = [type.note, c.computed ? `generated by the database: ${c.computed.sqltext}` : undefined, fk && !fkTarget(fk, scope, true) ? outside(fk) : undefined].filter(Boolean);
  const code = `${propertyKey(key)}: column(${type.code}${options.length ? `, { ${options.join(', ')} }` : ''}),`;
  return notes.length ? `${code} // ${notes.map((n) => commentSafe(n!)).join('; ')}` : code;
}

/** `'users.id'` when the names allow it, else a function returning the referred column(s); undefined outside this file. */
function fkTarget(fk: ReflectedForeignKey, scope: Scope, single: boolean): string | undefined {
  const variable = scope.variables.get(fk.referredTable);
  const keys = scope.keys.get(fk.referredTable);
  if (!refersHere(fk, scope.model) || variable === undefined || keys === undefined) return undefined;
  if (single && !fk.referredTable.includes('.') && !fk.referredColumns[0].includes('.')) return quote(`${fk.referredTable}.${fk.referredColumns[0]}`);
  scope.typeImports.add('ColumnRef');
  const refs = fk.referredColumns.map((n) => `${variable}.c${accessor(keys.get(n) ?? n)}`);
  // The annotated return type keeps TypeScript from inferring a table's type through itself.
  return single ? `(): ColumnRef<unknown> => ${refs[0]}` : `(): ColumnRef<unknown>[] => [${refs.join(', ')}]`;
}

function renderTableFk(fk: ReflectedForeignKey, t: TableModel, scope: Scope): string {
  const keys = scope.keys.get(t.name)!;
  const target = fkTarget(fk, scope, false);
  if (!target) return `// ${commentSafe(outside(fk))}`;
  scope.imports.add('foreignKeyConstraint');
  return `foreignKeyConstraint([${fk.columns.map((n) => ref(keys, n)).join(', ')}], ${target}${fkOptions(fk)})`;
}

function outside(fk: ReflectedForeignKey): string {
  const target = `${fk.referredSchema ? `${fk.referredSchema}.` : ''}${fk.referredTable}(${fk.referredColumns.join(', ')})`;
  return `foreign key (${fk.columns.join(', ')}) to ${target} is not generated: that table is not in this file`;
}

function fkOptions(fk: ReflectedForeignKey): string {
  const o: string[] = [];
  if (fk.name) o.push(`name: ${quote(fk.name)}`);
  if (fk.onDelete) o.push(`onDelete: ${quote(fk.onDelete)}`);
  if (fk.onUpdate) o.push(`onUpdate: ${quote(fk.onUpdate)}`);
  if (fk.deferrable) o.push('deferrable: true', `initiallyDeferred: ${!!fk.initiallyDeferred}`);
  return o.length ? `, { ${o.join(', ')} }` : '';
}

function renderIndex(ix: ReflectedIndex, keys: Map<string, string>, scope: Scope): string {
  scope.imports.add('index');
  const elements = ix.elements.map((e) => {
    if ('column' in e) return ref(keys, e.column);
    scope.imports.add('text');
    return `text(${quote(withoutOuterParens(e.expression))})`;
  });
  const o: string[] = [];
  if (ix.unique) o.push('unique: true');
  if (ix.where !== undefined) {
    scope.imports.add('text');
    scope.typeImports.add('ColumnElement');
    // SQL text is untyped; the condition is boolean.
    o.push(`where: text(${quote(ix.where)}) as unknown as ColumnElement<boolean>`);
  }
  const lost = ix.dialectOptions && Object.keys(ix.dialectOptions).length ? ` /* not kept: ${commentSafe(JSON.stringify(ix.dialectOptions))} */` : '';
  return `index(${quote(ix.name)}, [${elements.join(', ')}]${o.length ? `, { ${o.join(', ')} }` : ''})${lost}`;
}

/** `(lower(name))` → `lower(name)`: Retort's DDL puts the parentheses back, so regenerating changes nothing. */
function withoutOuterParens(sql: string): string {
  let s = sql.trim();
  while (s.startsWith('(') && s.endsWith(')') && closesAtEnd(s)) s = s.slice(1, -1).trim();
  return s;
}

/** Whether the parenthesis opening `s` is the one closing it (not `(a) + (b)`); quotes are skipped. */
function closesAtEnd(s: string): boolean {
  let depth = 0;
  let quoteChar: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoteChar) {
      if (ch === quoteChar) quoteChar = undefined;
    } else if (ch === "'" || ch === '"' || ch === '`') quoteChar = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0 && i < s.length - 1) return false;
  }
  return depth === 0;
}

function ref(keys: Map<string, string>, column: string): string {
  return `c${accessor(keys.get(column) ?? column)}`;
}

function accessor(key: string): string {
  const p = propertyKey(key);
  return p === key ? `.${key}` : `[${p}]`;
}

function nameOption(name: string | undefined): string {
  return name ? `, { name: ${quote(name)} }` : '';
}

/** Text that can sit inside a comment without ending it. */
function commentSafe(s: string): string {
  return s.replace(/\*\//g, '*\\/').replace(/[\r\n\u2028\u2029]+/g, ' ');
}
