/**
 * MySQL / MariaDB batched reflection: one information_schema query per kind of metadata for
 * every table in scope. MariaDB stores JSON as LONGTEXT with a `json_valid()` check named
 * after the column; the columns query reads that check so the column comes back as json().
 */
import type { DialectReflector, ReflectionScope } from '../dialect';
import type {
  ReflectedCheckConstraint,
  ReflectedColumn,
  ReflectedForeignKey,
  ReflectedIndex,
  ReflectedIndexElement,
  ReflectedObject,
  ReflectedPrimaryKey,
  ReflectedUniqueConstraint,
} from '../../reflection/reflected';
import type { ReferentialAction } from '../../schema/column';
import { intArg, parseTypeName } from '../../reflection/type-names';
import { SqlType } from '../../sql/types';

/** What the reflector needs to know about the server, read when a query runs. */
export interface MysqlServerInfo {
  readonly isMariaDb: boolean;
  readonly serverVersion: string | undefined;
}

type TypeMaker = (args: readonly string[]) => SqlType<unknown>;
const str: TypeMaker = (a) => new SqlType('string', { length: intArg(a, 0) });
const bin: TypeMaker = (a) => new SqlType('binary', { length: intArg(a, 0) });
const txt: TypeMaker = () => new SqlType('text');
const blob: TypeMaker = () => new SqlType('binary', {});
/** Keyed by the base of COLUMN_TYPE without `unsigned` / `zerofill`. */
const TYPES: Record<string, TypeMaker> = {
  int: () => new SqlType('integer'),
  integer: () => new SqlType('integer'),
  mediumint: () => new SqlType('integer'),
  bigint: () => new SqlType('bigint'),
  smallint: () => new SqlType('smallint'),
  // BOOL is TINYINT(1); other TINYINTs are small integers.
  tinyint: (a) => (a[0] === '1' ? new SqlType('boolean') : new SqlType('smallint')),
  bool: () => new SqlType('boolean'),
  boolean: () => new SqlType('boolean'),
  decimal: (a) => new SqlType('numeric', { precision: intArg(a, 0), scale: a.length > 1 ? Number(a[1]) : undefined }),
  numeric: (a) => new SqlType('numeric', { precision: intArg(a, 0), scale: a.length > 1 ? Number(a[1]) : undefined }),
  double: () => new SqlType('float'),
  'double precision': () => new SqlType('float'),
  real: () => new SqlType('float'),
  float: () => new SqlType('float'),
  varchar: str,
  char: str,
  text: txt,
  tinytext: txt,
  mediumtext: txt,
  longtext: txt,
  date: () => new SqlType('date'),
  datetime: () => new SqlType('datetime', { timezone: false }),
  // TIMESTAMP values are instants (stored in UTC, shown in the session zone).
  timestamp: () => new SqlType('datetime', { timezone: true }),
  time: () => new SqlType('time'),
  json: () => new SqlType('json', { jsonb: true }),
  enum: (a) => new SqlType('enum', { values: [...a] }),
  blob: blob,
  tinyblob: blob,
  mediumblob: blob,
  longblob: blob,
  varbinary: bin,
  binary: bin,
  uuid: () => new SqlType('uuid'),
};

const NUMERIC_KINDS = new Set(['integer', 'bigint', 'smallint', 'numeric', 'float', 'boolean']);

function action(rule: unknown): ReferentialAction | undefined {
  const s = String(rule ?? '').toUpperCase();
  // RESTRICT and NO ACTION are the same in InnoDB, and the default.
  return s === '' || s === 'NO ACTION' || s === 'RESTRICT' ? undefined : (s as ReferentialAction);
}

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function quoteString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

export class MysqlReflector implements DialectReflector {
  constructor(private readonly server: MysqlServerInfo) {}

  /** ` WHERE <alias>.TABLE_SCHEMA = … [AND <alias>.TABLE_NAME IN (…)]` and its parameters. */
  private where(scope: ReflectionScope, alias: string, schemaColumn = 'TABLE_SCHEMA', nameColumn = 'TABLE_NAME'): { sql: string; params: unknown[] } {
    const params: unknown[] = [];
    let sql = ` WHERE ${alias}.${schemaColumn} = `;
    if (scope.schema !== undefined) {
      sql += '?';
      params.push(scope.schema);
    } else sql += 'DATABASE()';
    if (scope.names) {
      sql += ` AND ${alias}.${nameColumn} IN (${scope.names.map(() => '?').join(', ')})`;
      params.push(...scope.names);
    }
    return { sql, params };
  }
  private mysql8(): boolean {
    if (this.server.isMariaDb) return false;
    const [maj, min, patch] = (this.server.serverVersion ?? '0').split('.').map(Number);
    return maj > 8 || (maj === 8 && (min > 0 || patch >= 13));
  }

  async defaultSchemaName(scope: ReflectionScope): Promise<string | undefined> {
    const rows = await scope.query('SELECT DATABASE()');
    return rows[0]?.[0] == null ? undefined : String(rows[0][0]);
  }
  async schemaNames(scope: ReflectionScope): Promise<string[]> {
    const rows = await scope.query(
      "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME NOT IN ('information_schema', 'mysql', 'performance_schema', 'sys') ORDER BY SCHEMA_NAME",
    );
    return rows.map((r) => String(r[0]));
  }

  async objects(scope: ReflectionScope): Promise<ReflectedObject[]> {
    const w = this.where(scope, 't');
    const rows = await scope.query(
      `SELECT t.TABLE_NAME, t.TABLE_TYPE FROM information_schema.TABLES t${w.sql}
       AND t.TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED', 'VIEW') ORDER BY t.TABLE_NAME`,
      w.params,
    );
    return rows.map(([name, type]) => ({ name: String(name), kind: type === 'VIEW' ? 'view' : 'table' }));
  }

  async columns(scope: ReflectionScope): Promise<Map<string, ReflectedColumn[]>> {
    const w = this.where(scope, 'c');
    // MariaDB's JSON is LONGTEXT plus CHECK (json_valid(`col`)) named after the column. Those
    // checks come in the same statement (UNION ALL, kind 1): a join or a correlated subquery
    // on information_schema costs seconds on a large schema, two plain scans milliseconds.
    // Rows are sorted here for the same reason (a server-side sort spills the text columns).
    let sql = `SELECT 0, c.TABLE_NAME, c.COLUMN_NAME, c.COLUMN_TYPE, c.IS_NULLABLE, c.COLUMN_DEFAULT, c.EXTRA, c.COLUMN_COMMENT,
        c.GENERATION_EXPRESSION, c.ORDINAL_POSITION FROM information_schema.COLUMNS c${w.sql}`;
    let params = w.params;
    if (this.server.isMariaDb) {
      const j = this.where(scope, 'cc', 'CONSTRAINT_SCHEMA');
      sql += ` UNION ALL SELECT 1, cc.TABLE_NAME, cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE, NULL, NULL, NULL, NULL, NULL, NULL
        FROM information_schema.CHECK_CONSTRAINTS cc${j.sql} AND cc.CHECK_CLAUSE LIKE 'json\\_valid(%'`;
      params = [...params, ...j.params];
    }
    const rows = await scope.query(sql, params);
    const jsonChecks = new Set(rows.filter((r) => Number(r[0]) === 1).map((r) => `${r[1]}\u0000${r[2]}\u0000${r[3]}`));
    const columnRows = rows.filter((r) => Number(r[0]) === 0);
    columnRows.sort((x, y) => (x[1] === y[1] ? Number(x[9]) - Number(y[9]) : String(x[1]) < String(y[1]) ? -1 : 1));
    const out = new Map<string, ReflectedColumn[]>();
    for (const [, table, name, columnType, nullable, dflt, extra, comment, generation] of columnRows) {
      const isJson = jsonChecks.has(`${table}\u0000${name}\u0000json_valid(\`${String(name).replace(/`/g, '``')}\`)`);
      const type = isJson ? new SqlType('json', { jsonb: true }) : this.mapType(String(columnType), `${table}.${name}`, scope);
      const extraText = String(extra ?? '');
      const generated = generation != null && String(generation) !== '' ? String(generation) : undefined;
      push(out, String(table), {
        name: String(name),
        type,
        nullable: nullable === 'YES',
        default: generated ? undefined : this.defaultText(dflt, extraText, type),
        autoincrement: /auto_increment/i.test(extraText),
        ...(generated ? { computed: { sqltext: generated, persisted: /STORED|PERSISTENT/i.test(extraText) } } : {}),
        comment: comment == null || comment === '' ? undefined : String(comment),
      });
    }
    return out;
  }

  /** COLUMN_DEFAULT as SQL text: MariaDB quotes literals already; MySQL 8 marks expressions DEFAULT_GENERATED. */
  private defaultText(dflt: unknown, extra: string, type: SqlType<unknown>): string | undefined {
    if (dflt === null || dflt === undefined) return undefined;
    const s = String(dflt);
    if (this.server.isMariaDb) return s === 'NULL' ? undefined : s;
    if (/DEFAULT_GENERATED/i.test(extra) || /^current_timestamp(\(\d*\))?$/i.test(s)) return s;
    return NUMERIC_KINDS.has(type.kind) && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(s) ? s : quoteString(s);
  }

  private mapType(columnType: string, where: string, scope: ReflectionScope): SqlType<unknown> {
    const p = parseTypeName(columnType);
    const base = p.base.replace(/\s+(unsigned|zerofill|signed)\b/g, '').trim();
    const make = TYPES[base];
    return make ? make(p.args) : scope.unknownType(columnType, where);
  }

  async primaryKeys(scope: ReflectionScope): Promise<Map<string, ReflectedPrimaryKey>> {
    const w = this.where(scope, 's');
    const rows = await scope.query(
      `SELECT s.TABLE_NAME, s.COLUMN_NAME FROM information_schema.STATISTICS s${w.sql}
       AND s.INDEX_NAME = 'PRIMARY' ORDER BY s.TABLE_NAME, s.SEQ_IN_INDEX`,
      w.params,
    );
    // Every MySQL primary key is named PRIMARY; the name carries nothing.
    const out = new Map<string, { name: undefined; columns: string[] }>();
    for (const [table, col] of rows) {
      const pk = out.get(String(table)) ?? { name: undefined, columns: [] };
      pk.columns.push(String(col));
      out.set(String(table), pk);
    }
    return out;
  }

  async foreignKeys(scope: ReflectionScope): Promise<Map<string, ReflectedForeignKey[]>> {
    const w = this.where(scope, 'k');
    const rows = await scope.query(
      `SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_SCHEMA = DATABASE(),
         k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, r.DELETE_RULE, r.UPDATE_RULE
       FROM information_schema.KEY_COLUMN_USAGE k
       JOIN information_schema.REFERENTIAL_CONSTRAINTS r
         ON r.CONSTRAINT_SCHEMA = k.TABLE_SCHEMA AND r.TABLE_NAME = k.TABLE_NAME AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
       ${w.sql} AND k.REFERENCED_TABLE_NAME IS NOT NULL
       ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`,
      w.params,
    );
    const out = new Map<string, ReflectedForeignKey[]>();
    const byKey = new Map<string, { columns: string[]; referredColumns: string[] }>();
    for (const [table, name, col, refSchema, refIsDefault, refTable, refCol, del, upd] of rows) {
      const key = `${table}\u0000${name}`;
      let fk = byKey.get(key);
      if (!fk) {
        fk = { columns: [], referredColumns: [] };
        byKey.set(key, fk);
        push(out, String(table), {
          name: String(name),
          columns: fk.columns,
          referredSchema: refSchema === scope.schema || !Number(refIsDefault) ? String(refSchema) : undefined,
          referredTable: String(refTable),
          referredColumns: fk.referredColumns,
          onDelete: action(del),
          onUpdate: action(upd),
        });
      }
      fk.columns.push(String(col));
      fk.referredColumns.push(String(refCol));
    }
    return out;
  }

  /**
   * STATISTICS rows of non-primary indexes: table, index, non_unique, column, expression,
   * sub_part, type, and the foreign keys (name:column count) that have this column at this position.
   */
  private async indexRows(scope: ReflectionScope, extraWhere = ''): Promise<unknown[][]> {
    const w = this.where(scope, 's');
    const fkSchema = scope.schema !== undefined ? '?' : 'DATABASE()';
    return scope.query(
      `SELECT s.TABLE_NAME, s.INDEX_NAME, s.NON_UNIQUE, s.COLUMN_NAME, ${this.mysql8() ? 's.EXPRESSION' : 'NULL'}, s.SUB_PART, s.INDEX_TYPE,
         GROUP_CONCAT(CONCAT(fk.CONSTRAINT_NAME, ':', fk.n) SEPARATOR '\n')
       FROM information_schema.STATISTICS s
       LEFT JOIN (SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.ORDINAL_POSITION,
           COUNT(*) OVER (PARTITION BY k.TABLE_NAME, k.CONSTRAINT_NAME) AS n
         FROM information_schema.KEY_COLUMN_USAGE k WHERE k.TABLE_SCHEMA = ${fkSchema} AND k.REFERENCED_TABLE_NAME IS NOT NULL) fk
         ON fk.TABLE_NAME = s.TABLE_NAME AND fk.COLUMN_NAME = s.COLUMN_NAME AND fk.ORDINAL_POSITION = s.SEQ_IN_INDEX
       ${w.sql} AND s.INDEX_NAME <> 'PRIMARY'${extraWhere}
       GROUP BY s.TABLE_NAME, s.INDEX_NAME, s.SEQ_IN_INDEX, s.NON_UNIQUE, s.COLUMN_NAME, s.SUB_PART, s.INDEX_TYPE${this.mysql8() ? ', s.EXPRESSION' : ''}
       ORDER BY s.TABLE_NAME, s.INDEX_NAME, s.SEQ_IN_INDEX`,
      scope.schema !== undefined ? [scope.schema, ...w.params] : w.params,
    );
  }

  async indexes(scope: ReflectionScope): Promise<Map<string, ReflectedIndex[]>> {
    const rows = await this.indexRows(scope);
    type Building = { table: string; name: string; unique: boolean; elements: ReflectedIndexElement[]; options: Record<string, unknown>; fks: string[][] };
    const byKey = new Map<string, Building>();
    for (const [table, name, nonUnique, col, expr, subPart, indexType, fks] of rows) {
      const key = `${table}\u0000${name}`;
      let ix = byKey.get(key);
      if (!ix) {
        ix = { table: String(table), name: String(name), unique: !Number(nonUnique), elements: [], options: {}, fks: [] };
        if (indexType !== 'BTREE') ix.options.type = String(indexType);
        byKey.set(key, ix);
      }
      if (subPart != null) ix.options[`length:${col}`] = Number(subPart);
      ix.elements.push(col == null ? { expression: String(expr ?? '') } : { column: String(col) });
      ix.fks.push(fks == null ? [] : String(fks).split('\n'));
    }
    const out = new Map<string, ReflectedIndex[]>();
    for (const ix of byKey.values()) {
      // InnoDB makes an index for each foreign key that has none: the one whose columns are exactly the key's.
      const n = ix.elements.length;
      const fk = ix.unique ? undefined : ix.fks[0].find((f) => f.endsWith(`:${n}`) && ix.fks.every((at) => at.includes(f)));
      push(out, ix.table, {
        name: ix.name,
        unique: ix.unique,
        elements: ix.elements,
        // A unique key is the unique constraint itself.
        ...(ix.unique ? { duplicatesConstraint: ix.name } : fk ? { duplicatesConstraint: fk.slice(0, fk.lastIndexOf(':')) } : {}),
        ...(Object.keys(ix.options).length ? { dialectOptions: ix.options } : {}),
      });
    }
    return out;
  }

  async uniqueConstraints(scope: ReflectionScope): Promise<Map<string, ReflectedUniqueConstraint[]>> {
    const rows = await this.indexRows(scope, ' AND s.NON_UNIQUE = 0');
    const out = new Map<string, ReflectedUniqueConstraint[]>();
    const byKey = new Map<string, string[]>();
    const functional = new Set<string>();
    for (const [table, name, , col] of rows) {
      const key = `${table}\u0000${name}`;
      if (col == null) functional.add(key);
      let cols = byKey.get(key);
      if (!cols) {
        cols = [];
        byKey.set(key, cols);
        push(out, String(table), { name: String(name), columns: cols });
      }
      cols.push(String(col));
    }
    // A unique index on expressions is an index, not a constraint.
    for (const [table, list] of out) out.set(table, list.filter((u) => !functional.has(`${table}\u0000${u.name}`)));
    return out;
  }

  async checkConstraints(scope: ReflectionScope): Promise<Map<string, ReflectedCheckConstraint[]>> {
    let rows: unknown[][];
    if (this.server.isMariaDb) {
      const w = this.where(scope, 'cc', 'CONSTRAINT_SCHEMA');
      rows = await scope.query(
        `SELECT cc.TABLE_NAME, cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS cc${w.sql}
         ORDER BY cc.TABLE_NAME, cc.CONSTRAINT_NAME`,
        w.params,
      );
    } else {
      const w = this.where(scope, 'tc');
      rows = await scope.query(
        `SELECT tc.TABLE_NAME, tc.CONSTRAINT_NAME, cc.CHECK_CLAUSE FROM information_schema.TABLE_CONSTRAINTS tc
         JOIN information_schema.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
         ${w.sql} AND tc.CONSTRAINT_TYPE = 'CHECK' ORDER BY tc.TABLE_NAME, tc.CONSTRAINT_NAME`,
        w.params,
      );
    }
    const out = new Map<string, ReflectedCheckConstraint[]>();
    for (const [table, name, clause] of rows) {
      const n = String(name);
      // MariaDB's JSON columns carry their own json_valid() check; the column's type says it.
      if (String(clause) === `json_valid(\`${n.replace(/`/g, '``')}\`)`) continue;
      push(out, String(table), { name: n, sqltext: String(clause) });
    }
    return out;
  }

  async tableComments(scope: ReflectionScope): Promise<Map<string, string>> {
    const w = this.where(scope, 't');
    const rows = await scope.query(
      `SELECT t.TABLE_NAME, t.TABLE_COMMENT FROM information_schema.TABLES t${w.sql} AND t.TABLE_TYPE <> 'VIEW' AND t.TABLE_COMMENT <> ''`,
      w.params,
    );
    return new Map(rows.map(([t, c]) => [String(t), String(c)]));
  }
}
