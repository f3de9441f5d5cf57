/**
 * The identity map: at most one object per primary key per session, so two queries that
 * return the same row give the same object.
 */
import type { InstanceState } from './state';

export class IdentityMap {
  private readonly byKey = new Map<string, InstanceState>();
  get(key: string): InstanceState | undefined {
    return this.byKey.get(key);
  }
  add(state: InstanceState): void {
    this.byKey.set(state.key!, state);
  }
  remove(state: InstanceState): void {
    if (state.key !== undefined && this.byKey.get(state.key) === state) this.byKey.delete(state.key);
  }
  values(): IterableIterator<InstanceState> {
    return this.byKey.values();
  }
  get size(): number {
    return this.byKey.size;
  }
  clear(): void {
    this.byKey.clear();
  }
}
