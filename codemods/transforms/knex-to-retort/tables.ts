/**
 * The tables the transform knows: read from a tables module such as
 * `retort-codemod generate-tables` writes (`export const users = new Table('users', metadata,
 * { fullName: column(string(50), { name: 'full_name' }), … })`), mapping each knex table name
 * to its exported variable and each SQL column name to its column key.
 */
import jscodeshift from 'jscodeshift';
import { AstNode, propertyName, stringValue } from './ast';

export interface KnownTable {
  /** The name knex uses: `users`, or `schema.users` for a table with a schema. */
  readonly name: string;
  /** The exported variable holding the Table. */
  readonly variable: string;
  /** SQL column name → column key, in declaration order. */
  readonly columns: ReadonlyMap<string, string>;
}

export interface TableCatalog {
  /** The tables by knex name. */
  readonly tables: ReadonlyMap<string, KnownTable>;
}

/**
 * Reads the `export const x = new Table('name', metadata, { … })` declarations of a tables module.
 * Throws when the module declares no table, so a wrong `--tables` path is a clear error.
 *
 * @example
 * const catalog = readTables(readFileSync('src/db/tables.ts', 'utf8'), 'src/db/tables.ts');
 * catalog.tables.get('users')?.columns.get('full_name'); // 'fullName'
 */
export function readTables(source: string, fileName: string): TableCatalog {
  let ast: AstNode;
  try {
    ast = jscodeshift.withParser('ts')(source).get().node as AstNode;
  } catch (e) {
    throw new Error(`${fileName}: cannot parse the tables module: ${(e as Error).message}`);
  }
  const tables = new Map<string, KnownTable>();
  for (const stmt of ast.program.body as AstNode[]) {
    if (stmt.type !== 'ExportNamedDeclaration' || stmt.declaration?.type !== 'VariableDeclaration') continue;
    for (const decl of stmt.declaration.declarations as AstNode[]) {
      const table = tableOf(decl);
      if (table) tables.set(table.name, table);
    }
  }
  if (tables.size === 0) throw new Error(`${fileName}: no exported \`new Table(...)\` declarations found (is it the module generate-tables wrote?)`);
  return { tables };
}

function tableOf(decl: AstNode): KnownTable | undefined {
  const init = decl.init as AstNode | undefined;
  if (decl.id.type !== 'Identifier' || init?.type !== 'NewExpression' || init.callee.type !== 'Identifier' || init.callee.name !== 'Table') return undefined;
  const [nameArg, , colsArg, optsArg] = init.arguments as AstNode[];
  const name = stringValue(nameArg);
  if (name === undefined || colsArg?.type !== 'ObjectExpression') return undefined;
  const columns = new Map<string, string>();
  for (const prop of colsArg.properties as AstNode[]) {
    if (prop.type !== 'ObjectProperty') continue;
    const key = propertyName(prop);
    if (key === undefined) continue;
    columns.set(sqlNameOf(prop.value) ?? key, key);
  }
  const schema = optsArg?.type === 'ObjectExpression' ? stringValue(optionValue(optsArg, 'schema')) : undefined;
  return { name: schema ? `${schema}.${name}` : name, variable: decl.id.name as string, columns };
}

/** The `name:` option of `column(type, { name: 'sql_name' })`. */
function sqlNameOf(value: AstNode): string | undefined {
  if (value.type !== 'CallExpression') return undefined;
  const opts = (value.arguments as AstNode[])[1];
  return opts?.type === 'ObjectExpression' ? stringValue(optionValue(opts, 'name')) : undefined;
}

function optionValue(obj: AstNode, name: string): AstNode | undefined {
  const prop = (obj.properties as AstNode[]).find((p) => p.type === 'ObjectProperty' && propertyName(p) === name);
  return prop?.value as AstNode | undefined;
}
