/**
 * The identity map: at most one object per primary key per session, so two queries that
 * return the same row give the same object.
 *
 * One map per table, keyed by the primary key value itself when the key has one column
 * (see Mapper.identityKey): a key string per object cost a concatenation, a flattening and
 * a hash on every loaded row.
 */
import type { Table } from '../schema/table';
import type { InstanceState } from './state';

/** A primary key within its table: the value of a one-column key (normalised), or a string for a composite one. */
export type IdentityKey = string | number | bigint | boolean;

export class IdentityMap {
  private readonly byTable = new Map<Table<any, any>, Map<IdentityKey, InstanceState>>();
  private count = 0;
  get(mapper: { readonly table: Table<any, any> }, key: IdentityKey): InstanceState | undefined {
    const m = this.byTable.get(mapper.table);
    return m === undefined ? undefined : m.get(key);
  }
  add(state: InstanceState): void {
    const table = state.mapper.table;
    let m = this.byTable.get(table);
    if (m === undefined) this.byTable.set(table, (m = new Map()));
    const before = m.size;
    m.set(state.key!, state);
    this.count += m.size - before;
  }
  remove(state: InstanceState): void {
    if (state.key === undefined) return;
    const m = this.byTable.get(state.mapper.table);
    if (m !== undefined && m.get(state.key) === state) {
      m.delete(state.key);
      this.count--;
    }
  }
  /** The objects of one table. */
  ofTable(table: Table<any, any>): IterableIterator<InstanceState> {
    return (this.byTable.get(table) ?? new Map<IdentityKey, InstanceState>()).values();
  }
  *values(): IterableIterator<InstanceState> {
    for (const m of this.byTable.values()) yield* m.values();
  }
  get size(): number {
    return this.count;
  }
  clear(): void {
    this.byTable.clear();
    this.count = 0;
  }
}
