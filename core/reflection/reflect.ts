/**
 * `metadata.reflect()`: loads tables from the database into a MetaData with a fixed number
 * of catalog queries — one per kind of metadata for all requested tables, plus one listing
 * the schema — however many tables there are. Tables referred to by foreign keys are
 * loaded too (one more batch per level of references that leads outside the request).
 */
import { ArgumentError } from '../errors';
import type { Connection } from '../engine/connection';
import type { MetaData, ReflectOptions } from '../schema/metadata';
import { NoSuchTableError } from './errors';
import { Inspector } from './inspector';
import type { ObjectKind } from './reflected';
import { buildTable, tableKey } from './table-builder';

const OPTION_KEYS = new Set(['only', 'schema', 'views', 'resolveForeignKeys']);

function checkOptions(opts: ReflectOptions): void {
  if (opts === null || typeof opts !== 'object') throw new ArgumentError('reflect() options must be an object');
  for (const k of Object.keys(opts)) {
    if (!OPTION_KEYS.has(k)) throw new ArgumentError(`reflect(): unknown option "${k}" (known: ${[...OPTION_KEYS].join(', ')})`);
  }
  const { only, schema } = opts;
  if (only !== undefined && typeof only !== 'function' && (!Array.isArray(only) || only.some((n) => typeof n !== 'string' || n === ''))) {
    throw new ArgumentError('reflect(): only must be an array of table names or a function (name) => boolean');
  }
  if (schema !== undefined && (typeof schema !== 'string' || schema === '')) throw new ArgumentError('reflect(): schema must be a non-empty string');
}

/**
 * Reflects tables into `metadata` over `conn`. Tables already in the MetaData are kept as
 * they are (and foreign keys to them resolve to them).
 * @internal called through `metadata.reflect(bind, opts)`.
 */
export async function reflectMetaData(conn: Connection, metadata: MetaData, opts: ReflectOptions = {}): Promise<void> {
  checkOptions(opts);
  const insp = new Inspector(conn);
  const schema = opts.schema ?? metadata.options.schema;
  const kinds: ObjectKind[] = opts.views ? ['table', 'view', 'materializedView'] : ['table'];
  const objects = (await insp.objects(schema)).filter((o) => kinds.includes(o.kind));
  let names = objects.map((o) => o.name);
  const { only } = opts;
  if (Array.isArray(only)) {
    const available = new Set(names);
    const missing = only.filter((n) => !available.has(n));
    if (missing.length) throw new NoSuchTableError(missing, schema, `${conn.engine.toString()}${opts.views ? '' : ' (views are reflected only with { views: true })'}`);
    names = [...new Set(only)];
  } else if (typeof only === 'function') {
    names = names.filter((n) => only(n, metadata));
  }
  const everything = names.length === objects.length;
  await loadBatch(insp, metadata, schema, names, everything, kinds, opts.resolveForeignKeys !== false);
}

/** Loads `names` from `schema` with one query per kind of metadata, then what their foreign keys refer to. */
async function loadBatch(
  insp: Inspector,
  metadata: MetaData,
  schema: string | undefined,
  requested: readonly string[],
  everything: boolean,
  kinds: readonly ObjectKind[],
  resolveFks: boolean,
): Promise<void> {
  const names = requested.filter((n) => !metadata.tables.has(tableKey(schema, n)));
  if (names.length === 0) return;
  // Asking for every relation lets the catalog queries run without a name filter.
  const o = { schema, kind: kinds, names: everything && names.length === requested.length ? undefined : names };
  const columns = await insp.getMultiColumns(o);
  const primaryKeys = await insp.getMultiPrimaryKeys(o);
  const foreignKeys = await insp.getMultiForeignKeys(o);
  const indexes = await insp.getMultiIndexes(o);
  const uniques = await insp.getMultiUniqueConstraints(o);
  const checks = await insp.getMultiCheckConstraints(o);
  const comments = await insp.getMultiTableComments(o);

  const referred = new Map<string | undefined, Set<string>>();
  for (const name of names) {
    const cols = columns.get(name);
    if (!cols || cols.length === 0) {
      process.emitWarning(`reflection: ${tableKey(schema, name)} has no columns Retort can see; it is left out`, { type: 'RetortWarning', code: 'RT-REFLECT-SKIPPED' });
      continue;
    }
    const fks = foreignKeys.get(name) ?? [];
    buildTable(metadata, {
      name,
      schema,
      columns: cols,
      primaryKey: primaryKeys.get(name) ?? { name: undefined, columns: [] },
      foreignKeys: fks,
      indexes: indexes.get(name) ?? [],
      uniqueConstraints: uniques.get(name) ?? [],
      checkConstraints: checks.get(name) ?? [],
      comment: comments.get(name),
    });
    for (const fk of fks) {
      if (!metadata.tables.has(tableKey(fk.referredSchema, fk.referredTable))) {
        const set = referred.get(fk.referredSchema) ?? new Set();
        set.add(fk.referredTable);
        referred.set(fk.referredSchema, set);
      }
    }
  }
  if (!resolveFks) return;
  for (const [s, set] of referred) {
    await loadBatch(insp, metadata, s, [...set].filter((n) => !metadata.tables.has(tableKey(s, n))), false, ['table'], true);
  }
}
