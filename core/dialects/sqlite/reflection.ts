/**
 * SQLite's batched reflection. SQLite has no catalog views, so each kind of metadata is ONE
 * query joining sqlite_master with the pragma table-valued functions (pragma_table_xinfo,
 * pragma_foreign_key_list, pragma_index_list / pragma_index_xinfo) for every table at once;
 * what the pragmas do not report (constraint names, CHECK conditions, DEFERRABLE, index
 * expressions) is read from the CREATE statements those same queries return.
 */
import type { DialectReflector, ReflectionScope } from '../dialect';
import type {
  ReflectedCheckConstraint,
  ReflectedColumn,
  ReflectedForeignKey,
  ReflectedIndex,
  ReflectedObject,
  ReflectedPrimaryKey,
  ReflectedUniqueConstraint,
} from '../../reflection/reflected';
import type { ReferentialAction } from '../../schema/column';
import { intArg, parseTypeName } from '../../reflection/type-names';
import { SqlType } from '../../sql/types';
import { ParsedCreateIndex, ParsedCreateTable, parseCreateIndex, parseCreateTable } from './reflection-sql';

type TypeMaker = (args: readonly string[]) => SqlType<unknown>;
const str: TypeMaker = (a) => new SqlType('string', { length: intArg(a, 0) });
const TYPES: Record<string, TypeMaker> = {
  integer: () => new SqlType('integer'),
  int: () => new SqlType('integer'),
  mediumint: () => new SqlType('integer'),
  bigint: () => new SqlType('bigint'),
  int8: () => new SqlType('bigint'),
  smallint: () => new SqlType('smallint'),
  int2: () => new SqlType('smallint'),
  tinyint: () => new SqlType('smallint'),
  numeric: (a) => new SqlType('numeric', { precision: intArg(a, 0), scale: a.length > 1 ? Number(a[1]) : undefined }),
  decimal: (a) => new SqlType('numeric', { precision: intArg(a, 0), scale: a.length > 1 ? Number(a[1]) : undefined }),
  float: () => new SqlType('float'),
  real: () => new SqlType('float'),
  double: () => new SqlType('float'),
  'double precision': () => new SqlType('float'),
  varchar: str,
  'character varying': str,
  'varying character': str,
  nvarchar: str,
  char: str,
  character: str,
  nchar: str,
  'native character': str,
  text: () => new SqlType('text'),
  clob: () => new SqlType('text'),
  boolean: () => new SqlType('boolean'),
  bool: () => new SqlType('boolean'),
  date: () => new SqlType('date'),
  datetime: () => new SqlType('datetime', { timezone: false }),
  timestamp: () => new SqlType('datetime', { timezone: false }),
  time: () => new SqlType('time'),
  json: () => new SqlType('json', { jsonb: true }),
  jsonb: () => new SqlType('json', { jsonb: true }),
  uuid: () => new SqlType('uuid'),
  blob: (a) => new SqlType('binary', { length: intArg(a, 0) }),
  binary: (a) => new SqlType('binary', { length: intArg(a, 0) }),
  varbinary: (a) => new SqlType('binary', { length: intArg(a, 0) }),
};

const ENUM_CHECK = /^\s*(?:"((?:[^"]|"")+)"|`([^`]+)`|\[([^\]]+)\]|([A-Za-z_][A-Za-z0-9_$]*))\s+IN\s*\(\s*('(?:[^']|'')*'(?:\s*,\s*'(?:[^']|'')*')*)\s*\)\s*$/i;

/** Column-level `col IN ('a', 'b')` checks, which is how Retort creates enum columns on SQLite. */
function enumChecks(parsed: ParsedCreateTable): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const c of parsed.checks) {
    const m = c.column !== undefined ? ENUM_CHECK.exec(c.sqltext) : null;
    if (!m) continue;
    const col = m[1]?.replace(/""/g, '"') ?? m[2] ?? m[3] ?? m[4];
    if (col !== c.column) continue;
    out.set(col, [...m[5].matchAll(/'((?:[^']|'')*)'/g)].map((v) => v[1].replace(/''/g, "'")));
  }
  return out;
}

function action(a: unknown): ReferentialAction | undefined {
  const s = String(a ?? '').toUpperCase();
  return s === '' || s === 'NO ACTION' ? undefined : (s as ReferentialAction);
}

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}


export class SqliteReflector implements DialectReflector {
  /** CREATE statements parsed so far, by their text: each kind of query reads the same ones. */
  private readonly parsedSql = new Map<string, ParsedCreateTable>();
  private parse(sql: unknown): ParsedCreateTable {
    const text = String(sql ?? '');
    let p = this.parsedSql.get(text);
    if (!p) {
      if (this.parsedSql.size >= 10_000) this.parsedSql.clear();
      this.parsedSql.set(text, (p = parseCreateTable(text)));
    }
    return p;
  }
  private quoteSchema(scope: ReflectionScope): string {
    return `"${(scope.schema ?? 'main').replace(/"/g, '""')}"`;
  }
  /** `FROM <schema>.sqlite_master m <joins> WHERE …` for the relations in scope, and its parameters. */
  private master(scope: ReflectionScope, types: readonly string[], joins = ''): { sql: string; params: unknown[] } {
    const params: unknown[] = [];
    let sql = `FROM ${this.quoteSchema(scope)}.sqlite_master m${joins} WHERE m.type IN (${types.map((t) => `'${t}'`).join(', ')}) AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`;
    if (scope.names) {
      sql += ' AND m.name IN (SELECT value FROM json_each(?))';
      params.push(JSON.stringify(scope.names));
    }
    return { sql, params };
  }
  private types(scope: ReflectionScope): string[] {
    const out: string[] = [];
    if (scope.kinds.includes('table')) out.push('table');
    if (scope.kinds.includes('view')) out.push('view');
    return out.length ? out : ['none'];
  }
  private schemaArg(scope: ReflectionScope): string {
    return `'${(scope.schema ?? 'main').replace(/'/g, "''")}'`;
  }

  async defaultSchemaName(): Promise<string> {
    return 'main';
  }
  async schemaNames(scope: ReflectionScope): Promise<string[]> {
    const rows = await scope.query("SELECT name FROM pragma_database_list WHERE name <> 'temp' ORDER BY seq");
    return rows.map((r) => String(r[0]));
  }

  async objects(scope: ReflectionScope): Promise<ReflectedObject[]> {
    const m = this.master(scope, this.types(scope));
    const rows = await scope.query(`SELECT m.name, m.type ${m.sql} ORDER BY m.name`, m.params);
    return rows.map((r) => ({ name: String(r[0]), kind: r[1] === 'view' ? 'view' : 'table' }));
  }

  async columns(scope: ReflectionScope): Promise<Map<string, ReflectedColumn[]>> {
    const m = this.master(scope, this.types(scope), `, pragma_table_xinfo(m.name, ${this.schemaArg(scope)}) c`);
    // The CREATE statement comes once per table (on its first column), not on every row.
    const rows = await scope.query(
      `SELECT m.name, CASE WHEN c.cid = 0 AND m.type = 'table' THEN m.sql END, c.name, c.type, c."notnull", c.dflt_value, c.pk, c.hidden
       ${m.sql} AND c.hidden <> 1
       ORDER BY m.name, c.cid`,
      m.params,
    );
    const out = new Map<string, ReflectedColumn[]>();
    const tables = new Map<string, { parsed: ParsedCreateTable | undefined; enums: Map<string, string[]>; rows: unknown[][] }>();
    for (const row of rows) {
      const t = String(row[0]);
      let entry = tables.get(t);
      if (!entry) {
        const parsed = row[1] == null ? undefined : this.parse(row[1]);
        tables.set(t, (entry = { parsed, enums: parsed ? enumChecks(parsed) : new Map(), rows: [] }));
      }
      entry.rows.push(row);
    }
    for (const [t, { parsed, enums, rows: cols }] of tables) {
      const pkCount = cols.filter((r) => Number(r[6]) > 0).length;
      const list: ReflectedColumn[] = [];
      for (const [, , name, declared, notnull, dflt, pk, hidden] of cols) {
        const col = String(name);
        const enumValues = enums.get(col);
        const type = enumValues ? new SqlType('enum', { values: enumValues }) : this.mapType(String(declared ?? ''), `${t}.${col}`, scope);
        // A single-column INTEGER primary key is the rowid: the database generates it.
        const rowid = parsed !== undefined && !parsed.withoutRowid && Number(pk) === 1 && pkCount === 1 && String(declared).toUpperCase() === 'INTEGER';
        const generated = parsed?.generated.get(col);
        list.push({
          name: col,
          type,
          nullable: !Number(notnull) && !rowid,
          default: dflt === null || dflt === undefined ? undefined : String(dflt),
          autoincrement: rowid,
          ...(Number(hidden) >= 2 && generated ? { computed: { sqltext: generated.sqltext, persisted: Number(hidden) === 3 } } : {}),
          comment: undefined,
        });
      }
      out.set(t, list);
    }
    return out;
  }

  private mapType(declared: string, where: string, scope: ReflectionScope): SqlType<unknown> {
    if (declared.trim() === '') return new SqlType('unknown');
    const p = parseTypeName(declared);
    const make = TYPES[p.base];
    return make ? make(p.args) : scope.unknownType(declared, where);
  }

  async primaryKeys(scope: ReflectionScope): Promise<Map<string, ReflectedPrimaryKey>> {
    const m = this.master(scope, ['table'], `, pragma_table_info(m.name, ${this.schemaArg(scope)}) c`);
    const rows = await scope.query(
      `SELECT m.name, m.sql, c.name ${m.sql} AND c.pk > 0 ORDER BY m.name, c.pk`,
      m.params,
    );
    const out = new Map<string, { name: string | undefined; columns: string[] }>();
    for (const [table, sql, col] of rows) {
      const t = String(table);
      const pk = out.get(t) ?? { name: this.parse(sql).primaryKeyName, columns: [] };
      pk.columns.push(String(col));
      out.set(t, pk);
    }
    return out;
  }

  async foreignKeys(scope: ReflectionScope): Promise<Map<string, ReflectedForeignKey[]>> {
    const s = this.schemaArg(scope);
    const m = this.master(scope, ['table'], `, pragma_foreign_key_list(m.name, ${s}) f`);
    // A reference without columns means the referred table's primary key, in key order.
    const rows = await scope.query(
      `SELECT m.name, m.sql, f.id, f."table", f."from",
         COALESCE(f."to", (SELECT p.name FROM pragma_table_info(f."table", ${s}) p WHERE p.pk = f.seq + 1)), f.on_update, f.on_delete
       ${m.sql} ORDER BY m.name, f.id, f.seq`,
      m.params,
    );
    const grouped = new Map<string, { table: string; sql: unknown; fk: { columns: string[]; referredTable: string; referredColumns: string[]; onUpdate: unknown; onDelete: unknown } }>();
    for (const [table, sql, id, referred, from, to, onUpdate, onDelete] of rows) {
      const key = `${table}\u0000${id}`;
      let g = grouped.get(key);
      if (!g) grouped.set(key, (g = { table: String(table), sql, fk: { columns: [], referredTable: String(referred), referredColumns: [], onUpdate, onDelete } }));
      g.fk.columns.push(String(from));
      g.fk.referredColumns.push(String(to));
    }
    const referredSchema = scope.schema && scope.schema !== 'main' ? scope.schema : undefined;
    const out = new Map<string, ReflectedForeignKey[]>();
    const used = new Set<object>();
    // pragma_foreign_key_list lists keys last-declared first; put them back in declaration order.
    for (const g of [...grouped.values()].reverse()) {
      const declared = this.parse(g.sql).foreignKeys.find((d) => !used.has(d) && sameList(d.columns, g.fk.columns));
      if (declared) used.add(declared);
      push(out, g.table, {
        name: declared?.name,
        columns: g.fk.columns,
        referredSchema,
        referredTable: g.fk.referredTable,
        referredColumns: g.fk.referredColumns,
        onDelete: action(g.fk.onDelete),
        onUpdate: action(g.fk.onUpdate),
        ...(declared?.deferrable ? { deferrable: true, initiallyDeferred: declared.initiallyDeferred } : {}),
      });
    }
    return out;
  }

  /** Index rows: table, table sql, index name, unique, origin, partial, column name, cid, index sql. */
  private async indexRows(scope: ReflectionScope, origins: string): Promise<unknown[][]> {
    const s = this.schemaArg(scope);
    const joins = `, pragma_index_list(m.name, ${s}) il, pragma_index_xinfo(il.name, ${s}) ii
         LEFT JOIN ${this.quoteSchema(scope)}.sqlite_master im ON im.type = 'index' AND im.name = il.name`;
    const m = this.master(scope, ['table'], joins);
    return scope.query(
      `SELECT m.name, m.sql, il.name, il."unique", il.origin, il.partial, ii.name, ii.cid, im.sql
       ${m.sql} AND ii.key = 1 AND il.origin IN (${origins}) ORDER BY m.name, il.seq DESC, ii.seqno`,
      m.params,
    );
  }

  async indexes(scope: ReflectionScope): Promise<Map<string, ReflectedIndex[]>> {
    // Indexes behind PRIMARY KEY and UNIQUE constraints ('pk', 'u') are the constraints themselves.
    const rows = await this.indexRows(scope, "'c'");
    const out = new Map<string, ReflectedIndex[]>();
    type Building = { name: string; unique: boolean; elements: ({ column: string } | { expression: string })[]; where?: string; parsed: ParsedCreateIndex };
    const byName = new Map<string, Building>();
    for (const [table, , name, unique, , partial, col, cid, sql] of rows) {
      const key = `${table}\u0000${name}`;
      let idx = byName.get(key);
      if (!idx) {
        const parsed = parseCreateIndex(String(sql ?? ''));
        idx = { name: String(name), unique: !!Number(unique), elements: [], parsed, ...(Number(partial) && parsed.where ? { where: parsed.where } : {}) };
        byName.set(key, idx);
        push(out, String(table), idx);
      }
      const position = idx.elements.length;
      idx.elements.push(Number(cid) === -2 || col === null ? { expression: idx.parsed.elements[position] ?? '?' } : { column: String(col) });
    }
    for (const list of out.values()) for (const ix of list) delete (ix as Partial<Building>).parsed;
    return out;
  }

  async uniqueConstraints(scope: ReflectionScope): Promise<Map<string, ReflectedUniqueConstraint[]>> {
    const rows = await this.indexRows(scope, "'u'");
    const grouped = new Map<string, { table: string; sql: unknown; columns: string[] }>();
    for (const [table, sql, name, , , , col] of rows) {
      const key = `${table}\u0000${name}`;
      const g = grouped.get(key) ?? { table: String(table), sql, columns: [] };
      g.columns.push(String(col));
      grouped.set(key, g);
    }
    const out = new Map<string, ReflectedUniqueConstraint[]>();
    const used = new Set<object>();
    for (const g of grouped.values()) {
      const declared = this.parse(g.sql).uniques.find((u) => !used.has(u) && sameList(u.columns, g.columns));
      if (declared) used.add(declared);
      push(out, g.table, { name: declared?.name, columns: g.columns });
    }
    return out;
  }

  async checkConstraints(scope: ReflectionScope): Promise<Map<string, ReflectedCheckConstraint[]>> {
    const m = this.master(scope, ['table']);
    const rows = await scope.query(`SELECT m.name, m.sql ${m.sql} ORDER BY m.name`, m.params);
    const out = new Map<string, ReflectedCheckConstraint[]>();
    for (const [table, sql] of rows) {
      const parsed = this.parse(sql);
      const enums = enumChecks(parsed);
      for (const c of parsed.checks) {
        if (c.column !== undefined && enums.has(c.column) && ENUM_CHECK.test(c.sqltext)) continue;
        push(out, String(table), { name: c.name, sqltext: c.sqltext });
      }
    }
    return out;
  }

  /** SQLite keeps no comments. */
  async tableComments(): Promise<Map<string, string>> {
    return new Map();
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x.toLowerCase() === b[i].toLowerCase());
}
