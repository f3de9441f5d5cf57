/**
 * Runs `metadata.createAll()` / `dropAll()`: tables in foreign-key order, foreign keys that
 * form cycles added (or dropped) with ALTER TABLE where the database can, enum types
 * before/after the tables, existing tables skipped with `checkfirst`.
 */
import type { ForeignKeyConstraint } from '../schema/constraints';
import type { MetaData, SchemaOperationOptions } from '../schema/metadata';
import type { AnyTable } from '../schema/table';
import type { Connection } from './connection';

async function exists(conn: Connection, q: { sql: string; params: unknown[] }): Promise<boolean> {
  const r = await conn.execDriverSql(q.sql, q.params);
  return r.all().length > 0;
}

export async function runSchemaOperation(conn: Connection, op: 'create' | 'drop', metadata: MetaData, opts: SchemaOperationOptions): Promise<void> {
  const dialect = conn.engine.dialect;
  const ddl = dialect.createDdlCompiler();
  const checkfirst = opts.checkfirst ?? true;
  const { tables, cyclicForeignKeys } = metadata.sortedTables(opts.tables as AnyTable[] | undefined);
  // SQLite checks foreign keys only when rows change, so cycles can stay inline there.
  const deferred: Set<object> = dialect.supports.alterForeignKeys ? cyclicForeignKeys : new Set();
  const tableExists = (t: AnyTable) => exists(conn, dialect.hasTableQuery(t.name, t.schema));
  const run = (sql: string) => conn.execDriverSql(sql);

  if (op === 'create') {
    const todo: AnyTable[] = [];
    for (const t of tables) if (!checkfirst || !(await tableExists(t))) todo.push(t);
    for (const pre of ddl.preCreate(todo)) {
      const q = dialect.hasTypeQuery(pre.name, pre.schema);
      if (checkfirst && q && (await exists(conn, q))) continue;
      await run(pre.sql);
    }
    for (const t of todo) for (const sql of ddl.createTable(t, deferred)) await run(sql);
    for (const t of todo) {
      for (const fk of t.foreignKeys) if (deferred.has(fk)) await run(ddl.addForeignKey(fk, t));
    }
    return;
  }

  const todo: AnyTable[] = [];
  for (const t of [...tables].reverse()) if (!checkfirst || (await tableExists(t))) todo.push(t);
  for (const t of todo) {
    for (const fk of t.foreignKeys as ForeignKeyConstraint[]) if (deferred.has(fk)) await run(ddl.dropForeignKey(fk, t));
  }
  for (const t of todo) await run(ddl.dropTable(t));
  for (const post of ddl.postDrop(todo)) await run(post.sql);
}
