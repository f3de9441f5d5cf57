/** What generate-tables knows about a database schema: the reflected tables, as plain data. */
import type {
  ReflectedCheckConstraint,
  ReflectedColumn,
  ReflectedForeignKey,
  ReflectedIndex,
  ReflectedPrimaryKey,
  ReflectedUniqueConstraint,
} from '../../core/index';

/** Everything the generator writes about one table. */
export interface TableModel {
  readonly name: string;
  readonly columns: readonly ReflectedColumn[];
  readonly primaryKey: ReflectedPrimaryKey;
  readonly foreignKeys: readonly ReflectedForeignKey[];
  readonly indexes: readonly ReflectedIndex[];
  readonly uniqueConstraints: readonly ReflectedUniqueConstraint[];
  readonly checkConstraints: readonly ReflectedCheckConstraint[];
  readonly comment: string | undefined;
}

export interface SchemaModel {
  readonly dialect: 'sqlite' | 'postgresql' | 'mysql';
  /** The URL with its password masked, for the file's header. */
  readonly source: string;
  readonly schema: string | undefined;
  /** The connection's default schema: a foreign key into it reports no schema. */
  readonly defaultSchema: string | undefined;
  readonly tables: readonly TableModel[];
}

/** Whether a foreign key refers to a table of the schema being read (not another schema's same-named table). */
export function refersHere(fk: ReflectedForeignKey, model: Pick<SchemaModel, 'schema' | 'defaultSchema'>): boolean {
  return (fk.referredSchema ?? model.defaultSchema) === (model.schema ?? model.defaultSchema);
}
