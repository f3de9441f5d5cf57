/**
 * The 1.x schema objects: a MetaData that may be bound to an engine (L102) and a Table with
 * the 1.x methods — select()/insert()/update()/delete() (L202), exists() (L108),
 * create()/drop() without an engine (L102) — and the autoload constructor form (L110).
 */
import {
  ArgumentError,
  autoloadTable,
  ColumnElement,
  ColumnSpec,
  Connection,
  Engine,
  inspect,
  MetaData as CoreMetaData,
  select as coreSelect,
  SchemaOperationOptions,
  Table as CoreTable,
  TableColumns,
  TableOptions,
} from '../core/index';
import { futureOf } from './engine';
import { Bind, buildDelete, buildInsert, buildUpdate, Executes, LegacySelect, metadataBinds, withExecute } from './sql';
import { legacyWarn } from './warnings';

type Cond = ColumnElement<boolean> | ColumnElement<boolean | null>;
/** What 2.0's createAll()/dropAll() run on (an Engine or Connection). */
type SchemaTarget = Parameters<CoreMetaData['createAll']>[0];

/** The bind of a metadata or table, with the L102 warning for using it implicitly. */
function implicitBind(metadata: CoreMetaData, what: string): Bind {
  const bind = metadataBinds.get(metadata);
  if (!bind) throw new ArgumentError(`${what} needs an Engine or Connection (this MetaData is not bound: pass one, e.g. ${what.replace('()', '(engine)')})`);
  legacyWarn('L102', { future: futureOf(bind) });
  return bind;
}

export interface LegacyMetaDataOptions {
  schema?: string;
  /** L102: the engine statements and schema operations on these tables use by themselves. */
  bind?: Bind;
}

/**
 * The 1.x MetaData: a 2.0 MetaData that may be bound to an engine (L102).
 * @example const metadata = new MetaData({ bind: engine }); await metadata.createAll(); // L102
 */
export class MetaData extends CoreMetaData {
  constructor(options: LegacyMetaDataOptions = {}) {
    super(MetaData.withoutBind(options));
    if (options.bind !== undefined) metadataBinds.set(this, options.bind);
  }
  private static withoutBind(options: LegacyMetaDataOptions): { schema?: string } {
    if (options === null || typeof options !== 'object') throw new ArgumentError('MetaData options must be an object');
    if (!('bind' in options)) return options;
    if (!(options.bind instanceof Engine) && !(options.bind instanceof Connection)) throw new ArgumentError('MetaData({ bind }): bind must be an Engine or Connection');
    legacyWarn('L102', { future: futureOf(options.bind) });
    const { bind: _bind, ...rest } = options;
    return rest;
  }
  /** The engine or connection this MetaData is bound to (L102), if any. */
  get bind(): Bind | undefined {
    return metadataBinds.get(this);
  }
  override createAll(bind?: SchemaTarget, opts: SchemaOperationOptions = {}): Promise<void> {
    return super.createAll(bind ?? implicitBind(this, 'createAll()'), opts);
  }
  override dropAll(bind?: SchemaTarget, opts: SchemaOperationOptions = {}): Promise<void> {
    return super.dropAll(bind ?? implicitBind(this, 'dropAll()'), opts);
  }
}

/** The 1.x table methods, added to a 2.0 Table. */
class LegacyTableMethods<N extends string = string, C extends Record<string, ColumnSpec<any, any>> = Record<string, ColumnSpec<unknown>>> extends CoreTable<N, C> {
  /** L202: `SELECT * FROM table [WHERE …]`. */
  select(whereclause?: Cond | null): LegacySelect<[this]> {
    legacyWarn('L202');
    const s = coreSelect(this);
    return new LegacySelect(whereclause ? s.where(whereclause) : s, [this]);
  }
  /** L202: `INSERT INTO table`, with values when given. */
  insert(values?: Record<string, unknown> | readonly Record<string, unknown>[]) {
    legacyWarn('L202');
    return withExecute(buildInsert(this, { values }), [this]);
  }
  /** L202: `UPDATE table [WHERE …] [SET …]`. */
  update(whereclause?: Cond | null, values?: Record<string, unknown>) {
    legacyWarn('L202');
    return withExecute(buildUpdate(this, whereclause, values), [this]);
  }
  /** L202: `DELETE FROM table [WHERE …]`. */
  delete(whereclause?: Cond | null) {
    legacyWarn('L202');
    return withExecute(buildDelete(this, whereclause), [this]);
  }
  /** L108: whether the table exists (on `bind`, or the bound metadata's engine, L102). */
  exists(bind?: Bind): Promise<boolean> {
    legacyWarn('L108', { future: futureOf(bind ?? metadataBinds.get(this.metadata)) });
    const b = bind ?? implicitBind(this.metadata, 'exists()');
    return inspect(b).hasTable(this.name, { schema: this.schema });
  }
  /** CREATE TABLE (skipped when it exists); without an engine, L102. */
  create(bind?: Bind, opts: { checkfirst?: boolean } = {}): Promise<void> {
    const b = bind ?? implicitBind(this.metadata, 'create()');
    return this.metadata.createAll(b, { ...opts, tables: [this] });
  }
  /** DROP TABLE (skipped when missing); without an engine, L102. */
  drop(bind?: Bind, opts: { checkfirst?: boolean } = {}): Promise<void> {
    const b = bind ?? implicitBind(this.metadata, 'drop()');
    return this.metadata.dropAll(b, { ...opts, tables: [this] });
  }
}

/** A 1.x table: a 2.0 Table with the 1.x methods. */
export type Table<N extends string = string, C extends Record<string, ColumnSpec<any, any>> = Record<string, ColumnSpec<unknown>>> = LegacyTableMethods<N, C>;

/** L110: the options of the autoload form of the Table constructor. */
export interface AutoloadTableOptions {
  autoload?: boolean;
  /** The engine to read the table from; the bound metadata's engine when omitted (L102 too). */
  autoloadWith?: Bind;
  schema?: string;
}

export interface LegacyTableConstructor {
  /** L110: `await new Table('users', metadata, { autoload: true, autoloadWith: engine })`. */
  new (name: string, metadata: CoreMetaData, options: AutoloadTableOptions & ({ autoload: true } | { autoloadWith: Bind })): Promise<Table>;
  new <const N extends string, C extends Record<string, ColumnSpec<any, any>>>(name: N, metadata: CoreMetaData, columns: C, options?: TableOptions<TableColumns<C>>): Table<N, C>;
  readonly prototype: Table<any, any>;
}

function isAutoloadOptions(x: unknown): x is AutoloadTableOptions {
  if (!x || typeof x !== 'object' || Object.values(x).some((v) => v instanceof ColumnSpec)) return false;
  return 'autoload' in x || 'autoloadWith' in x;
}

async function autoload(name: string, metadata: CoreMetaData, opts: AutoloadTableOptions): Promise<Table> {
  const bind = opts.autoloadWith ?? implicitBind(metadata, 'Table(…, { autoload: true })');
  const table = await autoloadTable(name, metadata, { autoloadWith: bind, schema: opts.schema });
  // Reflection makes 2.0 tables; give this one (not its referred tables) the 1.x methods.
  Object.setPrototypeOf(table, LegacyTableMethods.prototype);
  return table as unknown as Table;
}

/**
 * The 1.x `Table`: `new Table(name, metadata, columns, options?)` as in 2.0, with the 1.x
 * methods; or the autoload form (L110), which gives a Promise of the reflected table.
 */
export const Table = function Table(this: unknown, name: string, metadata: CoreMetaData, columns: unknown, options?: unknown) {
  if (!new.target) throw new ArgumentError('Table must be called with new');
  if (isAutoloadOptions(columns)) {
    legacyWarn('L110', { future: futureOf(columns.autoloadWith ?? metadataBinds.get(metadata)) });
    return autoload(name, metadata, columns);
  }
  return new LegacyTableMethods(name, metadata, columns as Record<string, ColumnSpec<any, any>>, options as TableOptions<any>);
} as unknown as LegacyTableConstructor;
(Table as unknown as { prototype: object }).prototype = LegacyTableMethods.prototype;

export type { Executes };
