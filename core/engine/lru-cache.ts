/** A bounded least-recently-used map (the compiled statement cache). */
export class LruCache<K, V> {
  private readonly map = new Map<K, V>();
  /** The most recently used key: a hit on it needs no re-insertion (the common repeat case). */
  private newest: K | undefined;
  hits = 0;
  misses = 0;
  constructor(readonly capacity: number) {}
  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    if (key === this.newest) return v;
    // Re-insert to mark as most recently used (Map keeps insertion order).
    this.map.delete(key);
    this.map.set(key, v);
    this.newest = key;
    return v;
  }
  set(key: K, value: V): void {
    if (this.capacity <= 0) return;
    this.map.delete(key);
    this.map.set(key, value);
    this.newest = key;
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
  }
  get size(): number {
    return this.map.size;
  }
  clear(): void {
    this.map.clear();
    this.newest = undefined;
  }
}
