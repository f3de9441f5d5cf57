/**
 * Retort Core: the typed SQL expression language, schema, and engine.
 *
 * @example
 * import { createEngine, MetaData, Table, column, integer, string, select, insert } from 'retort';
 */
export * from './errors';
export * from './sql/types';
export {
  and,
  or,
  not,
  bindparam,
  literal,
  null_,
  true_,
  false_,
  cast,
  case_,
  exists,
  escapeLike,
  ColumnElement,
  BindParameter,
  Label,
  OrderByExpression,
  FunctionCall,
} from './sql/elements';
export type { Operand, Comparable, WindowSpec, FrameBound } from './sql/elements';
export { func } from './sql/functions';
export { text, TextClause } from './sql/text';
export { select, union, unionAll, intersect, except, Select, CompoundSelect, Subquery, CTE, SelectBase } from './sql/select';
export type { SelectItem, ExecutionOptions, SynchronizeSession, LabelStyle, TablenamePlusCol } from './sql/select';
export { Alias, ColumnRef, FromClause, Join } from './sql/selectable';
export { insert, Insert } from './sql/insert';
export { update, Update } from './sql/update';
export { deleteFrom, delete_, Delete } from './sql/delete';
export type { InsertValues, UpdateValues } from './sql/dml';
export type { Row, ResultRow, RowTuple, RowMapping } from './sql/row-types';
export { MetaData } from './schema/metadata';
export type { SchemaOperationOptions } from './schema/metadata';
export { Table } from './schema/table';
export type { TableOptions, TableColumns } from './schema/table';
export { column, foreignKey, Column, ColumnSpec } from './schema/column';
export type { ColumnOptions, ForeignKeyOptions, ReferentialAction, ServerDefault } from './schema/column';
export {
  primaryKeyConstraint,
  uniqueConstraint,
  checkConstraint,
  foreignKeyConstraint,
  index,
  Index,
  PrimaryKeyConstraint,
  UniqueConstraint,
  CheckConstraint,
  ForeignKeyConstraint,
} from './schema/constraints';
export { createEngine, Engine } from './engine/engine';
export type { EngineOptions } from './engine/engine';
export { Connection, Transaction } from './engine/connection';
export type { ExecuteParams, RowOf, ConnectionOptions, Executable } from './engine/connection';
export { Result, ScalarResult, AsyncResult } from './engine/result';
export type { PoolOptions } from './engine/pool';
export type { EngineEventMap, ExecuteEvent, AfterExecuteEvent } from './engine/events';
export { parseUrl } from './engine/url';
export type { DatabaseUrl } from './engine/url';
export { compile } from './compiler/compile';
export type { CompiledSql } from './compiler/compile';
export { dialectFor } from './dialects/registry';
export { Dialect } from './dialects/dialect';
export type { DialectName, IsolationLevel, DialectCapabilities } from './dialects/dialect';
export type { DriverConnection, DriverResult, RunOptions } from './dialects/dialect';
export { inspect, Inspector } from './reflection/inspector';
export type { InspectTableOptions, InspectMultiOptions } from './reflection/inspector';
export { autoloadTable } from './reflection/autoload';
export type { AutoloadOptions } from './reflection/autoload';
export { NoSuchTableError } from './reflection/errors';
export { UNKNOWN_TYPE_WARNING } from './reflection/type-names';
export type {
  ObjectKind,
  ReflectedColumn,
  ReflectedPrimaryKey,
  ReflectedForeignKey,
  ReflectedIndex,
  ReflectedIndexElement,
  ReflectedUniqueConstraint,
  ReflectedCheckConstraint,
  ReflectedObject,
} from './reflection/reflected';
export type { ReflectBind, ReflectOptions } from './schema/metadata';
export type { DialectReflector, ReflectionScope } from './dialects/dialect';
export { createEngineFromKnex, KnexEngine } from './integrations/knex';
export type { KnexEngineOptions, KnexLike, KnexTransactionLike, KnexClientLike } from './integrations/knex';
export { toSelectable, toJoinTarget } from './sql/protocol';
export type { SelectableLike, JoinTargetLike, StatementOption } from './sql/protocol';
export * from './orm/index';
