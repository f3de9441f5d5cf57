/**
 * `retort/legacy`: the 1.x-style API, a thin shim over Retort 2.0. Every legacy pattern
 * works with its 1.x behaviour and warns (DeprecationWarning, once per call site) with its
 * code from the registry; `configureLegacy()` / RETORT_LEGACY switch to silent, error or
 * report mode; `createEngine(url, { future: true })` makes removed patterns throw.
 *
 * Everything of 2.0 is re-exported, so a 1.x code base imports from here alone; the names
 * below replace their 2.0 namesakes with the 1.x forms.
 *
 * @example
 * import { createEngine, MetaData, Table, column, integer, select } from 'retort/legacy';
 * const engine = createEngine('sqlite://');
 * const rows = await engine.execute(select([users.c.id], users.c.id.gt(5))); // L101, L201
 */
export * from '../core/index';
export { createEngine, LegacyEngine } from './engine';
export type { LegacyConnection, LegacyEngineOptions, LegacyExecutable, LegacyResult, LegacyRow } from './engine';
export { select, LegacySelect, case_, union, unionAll, intersect, except, insert, update, delete_, deleteFrom } from './sql';
export type { LegacySelectOptions, CompoundOptions, LegacyInsertOptions, Executes, Bind } from './sql';
export { MetaData, Table } from './schema';
export { Session, LegacySubTransaction } from './session';
export type { LegacySessionOptions, LegacyExecuteOptions } from './session';
export { LegacyQuery } from './query';
export { dynamic } from './dynamic';
export type { AppenderQuery } from './dynamic';
export type { QueryJoinTarget, SynchronizeSession } from './query';
export { declarativeBase, Column, ForeignKey, Integer, Float, Boolean, Text, DateTime, String, Numeric, relationship, relation, mapper, LegacyColumnSpec, LegacyRelationship } from './declarative';
export type { LegacyDeclarativeBase, LegacyColumnOptions, LegacyRelationshipOptions } from './declarative';
export { joinedload, selectinload, eagerload, withParent, LegacyPathOption } from './loader-options';
export type { LegacyMetaDataOptions, AutoloadTableOptions, LegacyTableConstructor } from './schema';
export { configureLegacy, legacyConfig, resetLegacyWarnings, RemovedInRetort2Error, warningDetail, writeReport } from './warnings';
export type { LegacyConfig, LegacyMode, WarnOptions } from './warnings';
export { LEGACY_RECORDS, LEGACY_REGISTRY, legacyRecord, guidePath, codemodCommand } from './registry';
export type { LegacyRecord, LegacyStatus } from './registry';
