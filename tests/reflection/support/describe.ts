/**
 * Describes Tables as plain data for comparison, normalized for what a database stores
 * differently from what Retort asked for (so a MetaData and its reflection compare equal).
 */
import { CheckConstraint, ColumnRef, ForeignKeyConstraint, Index, MetaData, SqlType, Table, UniqueConstraint } from 'retort';
import type { Leg } from '../../support/matrix';

type AnyTable = Table<any, any>;

/** A type as the database gives it back. */
export function typeKey(t: SqlType<unknown>, dialect: Leg['name']): string {
  const o = t.options;
  switch (t.kind) {
    case 'uuid':
      return dialect === 'postgresql' ? 'uuid' : 'string(36)';
    case 'json':
      return dialect === 'sqlite' ? 'text' : dialect === 'postgresql' ? `json(${o.jsonb === false ? 'json' : 'jsonb'})` : 'json';
    case 'datetime':
      return dialect === 'postgresql' && o.timezone ? 'datetime(tz)' : 'datetime';
    case 'enum':
      return `enum(${(o.values ?? []).join('|')})${dialect === 'postgresql' ? ` ${o.enumName}` : ''}`;
    case 'binary':
      return dialect === 'mysql' && o.length ? `binary(${o.length})` : 'binary';
    case 'array':
      return `array(${typeKey(o.item!, dialect)})`;
    default:
      return t.describe();
  }
}

/** Server defaults compared loosely: quotes, casts, parentheses and case do not matter. */
export function defaultKey(d: unknown): string | undefined {
  if (d === undefined || d === null) return undefined;
  let s = typeof d === 'object' && 'sql' in (d as object) ? String((d as { sql: string }).sql) : String(d);
  s = s.toLowerCase().replace(/current_timestamp\(\d*\)|now\(\)/g, 'current_timestamp');
  s = s.replace(/::("[^"]*"|[\w. ]+)(\[\])?/g, '').replace(/[()'"`]/g, '').trim();
  if (/^-?\d+(\.\d+)?$/.test(s)) return String(Number(s));
  return s === 'true' ? '1' : s === 'false' ? '0' : s;
}

/** CHECK conditions compared loosely, the same way. */
export function checkKey(sql: string): string {
  return sql.toLowerCase().replace(/::("[^"]*"|[\w. ]+)/g, '').replace(/[()"`\s]/g, '');
}

/** The DDL compiler's view of a CHECK: its condition as the dialect renders it. */
interface DdlCompiler {
  constraint(c: CheckConstraint, t: AnyTable): string | undefined;
}
function checkSql(c: CheckConstraint, t: AnyTable, ddl: DdlCompiler): string {
  const full = ddl.constraint(c, t) ?? '';
  return full.slice(full.indexOf('CHECK (') + 7, -1);
}

const names = (cols: readonly ColumnRef<unknown>[]) => cols.map((c) => c.name);
const byJson = <T>(list: T[]) => list.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/**
 * One table as data. `named` says which constraint names to keep: those the original
 * MetaData gave (databases invent names for the others, and MySQL calls every key PRIMARY).
 */
export function describeTable(t: AnyTable, dialect: Leg['name'], named: (name: string | undefined) => boolean, ddl: DdlCompiler) {
  const pk = new Set(t.primaryKey.columns.map((c) => c.name));
  const uniques: { name?: string; columns: string[] }[] = [];
  const indexes: { name: string; unique: boolean; elements: string[]; partial: boolean }[] = [];
  for (const i of t.indexes as Index[]) {
    const elements = i.expressions.map((e) => (e instanceof ColumnRef ? e.name : 'expr'));
    // A unique index is a unique key on MySQL: it is reflected as the constraint.
    if (dialect === 'mysql' && i.unique) uniques.push({ ...(named(i.name) ? { name: i.name } : {}), columns: elements });
    else indexes.push({ name: i.name, unique: i.unique, elements, partial: i.where !== undefined });
  }
  for (const u of t.constraints.filter((c): c is UniqueConstraint => c instanceof UniqueConstraint)) {
    uniques.push({ ...(named(u.name) ? { name: u.name } : {}), columns: names(u.columns) });
  }
  return {
    name: t.name,
    comment: dialect === 'sqlite' ? undefined : t.comment,
    columns: t.columns.map((c: any) => ({
      name: c.name,
      type: typeKey(c.type, dialect),
      nullable: pk.has(c.name) ? false : c.nullable,
      default: defaultKey(c.serverDefault),
      autoincrement: t.autoincrementColumn === c,
      comment: dialect === 'sqlite' ? undefined : c.comment,
    })),
    primaryKey: { name: dialect !== 'mysql' && named(t.primaryKey.name) ? t.primaryKey.name : undefined, columns: names(t.primaryKey.columns) },
    foreignKeys: byJson(
      t.foreignKeys.map((fk: ForeignKeyConstraint) => ({
        ...(named(fk.options.name) ? { name: fk.options.name } : {}),
        columns: names(fk.columns),
        referred: `${(fk.referredTable as AnyTable).name}(${names(fk.referred).join(',')})`,
        onDelete: fk.options.onDelete === 'NO ACTION' ? undefined : fk.options.onDelete,
        onUpdate: fk.options.onUpdate === 'NO ACTION' ? undefined : fk.options.onUpdate,
        deferrable: !!fk.options.deferrable,
        initiallyDeferred: !!fk.options.initiallyDeferred,
      })),
    ),
    uniques: byJson(uniques),
    checks: byJson(
      t.constraints
        .filter((c): c is CheckConstraint => c instanceof CheckConstraint)
        .map((c) => ({ ...(named(c.name) ? { name: c.name } : {}), sql: checkKey(checkSql(c, t, ddl)) })),
    ),
    indexes: byJson(indexes),
  };
}

/** Every table of a MetaData, by name. */
export function describeAll(md: MetaData, dialect: Leg['name'], named: (name: string | undefined) => boolean, ddl: DdlCompiler) {
  return [...md.tables.values()].map((t) => describeTable(t as AnyTable, dialect, named, ddl)).sort((a, b) => a.name.localeCompare(b.name));
}
