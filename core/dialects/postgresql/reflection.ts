/**
 * PostgreSQL's batched reflection: one pg_catalog query per kind of metadata for every
 * relation in scope (names filtered with `= ANY($2)`), types read from pg_type so enums,
 * arrays and domains are told apart, and enum labels fetched in the same columns query.
 */
import type { DialectReflector, ReflectionScope } from '../dialect';
import type {
  ObjectKind,
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

const RELKINDS: Record<ObjectKind, string[]> = { table: ['r', 'p'], view: ['v'], materializedView: ['m'] };
const KIND_OF: Record<string, ObjectKind> = { r: 'table', p: 'table', v: 'view', m: 'materializedView' };

type TypeMaker = (args: readonly string[]) => SqlType<unknown>;
const str: TypeMaker = (a) => new SqlType('string', { length: intArg(a, 0) });
/** Keyed by the base of `format_type()` output. */
const TYPES: Record<string, TypeMaker> = {
  integer: () => new SqlType('integer'),
  bigint: () => new SqlType('bigint'),
  smallint: () => new SqlType('smallint'),
  numeric: (a) => new SqlType('numeric', { precision: intArg(a, 0), scale: a.length > 1 ? Number(a[1]) : undefined }),
  'double precision': () => new SqlType('float'),
  real: () => new SqlType('float'),
  'character varying': str,
  character: str,
  text: () => new SqlType('text'),
  boolean: () => new SqlType('boolean'),
  date: () => new SqlType('date'),
  'timestamp without time zone': () => new SqlType('datetime', { timezone: false }),
  'timestamp with time zone': () => new SqlType('datetime', { timezone: true }),
  'time without time zone': () => new SqlType('time'),
  json: () => new SqlType('json', { jsonb: false }),
  jsonb: () => new SqlType('json', { jsonb: true }),
  uuid: () => new SqlType('uuid'),
  bytea: () => new SqlType('binary', {}),
};

const ACTIONS: Record<string, ReferentialAction | undefined> = { a: undefined, r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export class PgReflector implements DialectReflector {
  /**
   * `FROM pg_class c JOIN pg_namespace n … WHERE …` for the relations in scope; parameters
   * are $1 (schema, when given) and the names array. Returns the SQL and its parameters.
   */
  private relations(scope: ReflectionScope, kinds: readonly ObjectKind[] = scope.kinds, joins = ''): { sql: string; params: unknown[] } {
    const params: unknown[] = [];
    const relkinds = kinds.flatMap((k) => RELKINDS[k]);
    let schemaCond = 'n.nspname = current_schema()';
    if (scope.schema !== undefined) {
      params.push(scope.schema);
      schemaCond = `n.nspname = $${params.length}`;
    }
    let sql = `FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace${joins}
      WHERE ${schemaCond} AND c.relkind IN (${(relkinds.length ? relkinds : ['-']).map((k) => `'${k}'`).join(', ')})`;
    if (scope.names) {
      params.push(scope.names);
      sql += ` AND c.relname = ANY($${params.length}::text[])`;
    }
    return { sql, params };
  }
  private tables(scope: ReflectionScope): readonly ObjectKind[] {
    return scope.kinds.filter((k) => k !== 'view');
  }

  async defaultSchemaName(scope: ReflectionScope): Promise<string | undefined> {
    const rows = await scope.query('SELECT current_schema()');
    return rows[0]?.[0] == null ? undefined : String(rows[0][0]);
  }
  async schemaNames(scope: ReflectionScope): Promise<string[]> {
    const rows = await scope.query(
      `SELECT nspname FROM pg_catalog.pg_namespace
       WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY nspname`,
    );
    return rows.map((r) => String(r[0]));
  }

  async objects(scope: ReflectionScope): Promise<ReflectedObject[]> {
    const r = this.relations(scope);
    const rows = await scope.query(`SELECT c.relname, c.relkind ${r.sql} AND NOT c.relispartition ORDER BY c.relname`, r.params);
    return rows.map(([name, kind]) => ({ name: String(name), kind: KIND_OF[String(kind)] }));
  }

  async columns(scope: ReflectionScope): Promise<Map<string, ReflectedColumn[]>> {
    const r = this.relations(
      scope,
      scope.kinds,
      ` JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_catalog.pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
        LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        LEFT JOIN pg_catalog.pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_catalog.pg_class'::regclass AND ds.objsubid = a.attnum`,
    );
    const rows = await scope.query(
      `SELECT c.relname, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), t.typtype, t.typname,
         COALESCE(et.typtype, ''), et.typname,
         CASE WHEN t.typtype = 'e' OR et.typtype = 'e' THEN
           (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e
             WHERE e.enumtypid = CASE WHEN t.typtype = 'e' THEN t.oid ELSE et.oid END) END,
         a.attnotnull, CASE WHEN d.adbin IS NOT NULL THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END, a.attidentity, a.attgenerated,
         ds.description, a.attnum
       ${r.sql}`,
      r.params,
    );
    // Sorting here is cheaper than on the server (where the sort spills to disk for big schemas).
    rows.sort((x, y) => (x[0] === y[0] ? Number(x[13]) - Number(y[13]) : String(x[0]) < String(y[0]) ? -1 : 1));
    const out = new Map<string, ReflectedColumn[]>();
    for (const [table, name, formatted, typtype, typname, elemType, elemName, labels, notnull, dflt, identity, generated, comment] of rows) {
      const where = `${table}.${name}`;
      let type: SqlType<unknown>;
      if (typtype === 'e') type = new SqlType('enum', { values: labels as string[], enumName: String(typname) });
      else if (elemType === 'e') type = new SqlType('array', { item: new SqlType('enum', { values: labels as string[], enumName: String(elemName) }) });
      else type = this.mapType(String(formatted), where, scope);
      const isGenerated = generated === 's';
      const dfltText = dflt == null || isGenerated ? undefined : String(dflt);
      const autoincrement = identity === 'a' || identity === 'd' || (dfltText !== undefined && /^nextval\(/i.test(dfltText));
      push(out, String(table), {
        name: String(name),
        type,
        nullable: !notnull,
        default: dfltText,
        autoincrement,
        ...(identity === 'a' || identity === 'd' ? { identity: { always: identity === 'a' } } : {}),
        ...(isGenerated ? { computed: { sqltext: String(dflt), persisted: true } } : {}),
        comment: comment == null ? undefined : String(comment),
      });
    }
    return out;
  }

  private mapType(formatted: string, where: string, scope: ReflectionScope): SqlType<unknown> {
    const p = parseTypeName(formatted);
    const make = TYPES[p.base];
    if (!make) return scope.unknownType(formatted, where);
    const t = make(p.args);
    return p.array ? new SqlType('array', { item: t }) : t;
  }

  /** `array(SELECT attname …)` for the columns whose numbers are in `keys` (an int2 array), in key order. */
  private columnNames(keys: string, rel: string): string {
    return `ARRAY(SELECT att.attname::text FROM unnest(${keys}) WITH ORDINALITY AS k(num, ord)
      JOIN pg_catalog.pg_attribute att ON att.attrelid = ${rel} AND att.attnum = k.num ORDER BY k.ord)`;
  }

  private async constraints(scope: ReflectionScope, types: string, select: string): Promise<unknown[][]> {
    const r = this.relations(scope, this.tables(scope), ' JOIN pg_catalog.pg_constraint con ON con.conrelid = c.oid');
    return scope.query(`SELECT c.relname, con.conname, ${select} ${r.sql} AND con.contype IN (${types}) ORDER BY c.relname, con.conname`, r.params);
  }

  async primaryKeys(scope: ReflectionScope): Promise<Map<string, ReflectedPrimaryKey>> {
    const rows = await this.constraints(scope, "'p'", this.columnNames('con.conkey', 'con.conrelid'));
    return new Map(rows.map(([table, name, cols]) => [String(table), { name: String(name), columns: cols as string[] }]));
  }

  async foreignKeys(scope: ReflectionScope): Promise<Map<string, ReflectedForeignKey[]>> {
    const r = this.relations(
      scope,
      this.tables(scope),
      ` JOIN pg_catalog.pg_constraint con ON con.conrelid = c.oid AND con.contype = 'f'
        JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
        JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace`,
    );
    const rows = await scope.query(
      `SELECT c.relname, con.conname, ${this.columnNames('con.conkey', 'con.conrelid')}, rn.nspname, rn.nspname = current_schema(),
         rc.relname, ${this.columnNames('con.confkey', 'con.confrelid')}, con.confdeltype, con.confupdtype, con.condeferrable, con.condeferred
       ${r.sql} ORDER BY c.relname, con.conname`,
      r.params,
    );
    const out = new Map<string, ReflectedForeignKey[]>();
    for (const [table, name, cols, refSchema, refIsDefault, refTable, refCols, del, upd, deferrable, deferred] of rows) {
      push(out, String(table), {
        name: String(name),
        columns: cols as string[],
        // Named when it is the schema asked for, or not the default one.
        referredSchema: refSchema === scope.schema || !refIsDefault ? String(refSchema) : undefined,
        referredTable: String(refTable),
        referredColumns: refCols as string[],
        onDelete: ACTIONS[String(del)],
        onUpdate: ACTIONS[String(upd)],
        ...(deferrable ? { deferrable: true, initiallyDeferred: !!deferred } : {}),
      });
    }
    return out;
  }

  async indexes(scope: ReflectionScope): Promise<Map<string, ReflectedIndex[]>> {
    const r = this.relations(
      scope,
      this.tables(scope),
      ` JOIN pg_catalog.pg_index ix ON ix.indrelid = c.oid AND NOT ix.indisprimary
        JOIN pg_catalog.pg_class i ON i.oid = ix.indexrelid
        JOIN pg_catalog.pg_am am ON am.oid = i.relam
        LEFT JOIN pg_catalog.pg_constraint con ON con.conindid = ix.indexrelid AND con.conrelid = c.oid AND con.contype IN ('u', 'x')`,
    );
    // Per key element: the column name, or NULL and the expression text.
    const rows = await scope.query(
      `SELECT c.relname, i.relname, ix.indisunique,
         ARRAY(SELECT CASE WHEN ix.indkey[k - 1] = 0 THEN NULL ELSE
           (SELECT att.attname::text FROM pg_catalog.pg_attribute att WHERE att.attrelid = c.oid AND att.attnum = ix.indkey[k - 1]) END
           FROM generate_series(1, ix.indnkeyatts) AS k ORDER BY k),
         ARRAY(SELECT CASE WHEN ix.indkey[k - 1] = 0 THEN pg_catalog.pg_get_indexdef(ix.indexrelid, k, true) END
           FROM generate_series(1, ix.indnkeyatts) AS k ORDER BY k),
         pg_catalog.pg_get_expr(ix.indpred, ix.indrelid, true), con.conname, am.amname
       ${r.sql} ORDER BY c.relname, i.relname`,
      r.params,
    );
    const out = new Map<string, ReflectedIndex[]>();
    for (const [table, name, unique, cols, exprs, pred, constraint, method] of rows) {
      const names = cols as (string | null)[];
      const texts = exprs as string[];
      push(out, String(table), {
        name: String(name),
        unique: !!unique,
        elements: names.map((c, i) => (c === null ? { expression: texts[i] } : { column: c })),
        ...(pred == null ? {} : { where: String(pred) }),
        ...(constraint == null ? {} : { duplicatesConstraint: String(constraint) }),
        ...(method !== 'btree' ? { dialectOptions: { method } } : {}),
      });
    }
    return out;
  }

  async uniqueConstraints(scope: ReflectionScope): Promise<Map<string, ReflectedUniqueConstraint[]>> {
    const rows = await this.constraints(scope, "'u'", this.columnNames('con.conkey', 'con.conrelid'));
    const out = new Map<string, ReflectedUniqueConstraint[]>();
    for (const [table, name, cols] of rows) push(out, String(table), { name: String(name), columns: cols as string[] });
    return out;
  }

  async checkConstraints(scope: ReflectionScope): Promise<Map<string, ReflectedCheckConstraint[]>> {
    const rows = await this.constraints(scope, "'c'", 'pg_catalog.pg_get_constraintdef(con.oid, true)');
    const out = new Map<string, ReflectedCheckConstraint[]>();
    for (const [table, name, def] of rows) {
      // `CHECK ((price > 0)) [NOT VALID]` → `price > 0`
      const m = /^CHECK \(([\s\S]*)\)(?:\s+NOT VALID)?(?:\s+NO INHERIT)?$/.exec(String(def));
      push(out, String(table), { name: String(name), sqltext: m ? m[1] : String(def) });
    }
    return out;
  }

  async tableComments(scope: ReflectionScope): Promise<Map<string, string>> {
    const r = this.relations(scope, scope.kinds, ' JOIN pg_catalog.pg_description ds ON ds.objoid = c.oid AND ds.classoid = \'pg_catalog.pg_class\'::regclass AND ds.objsubid = 0');
    const rows = await scope.query(`SELECT c.relname, ds.description ${r.sql}`, r.params);
    return new Map(rows.map(([t, d]) => [String(t), String(d)]));
  }
}
