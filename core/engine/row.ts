/**
 * Row classes: a row is a read-only tuple with named access (`row.name`) and `_mapping`.
 * One class is made per result shape, with a getter per column name, so building a row is
 * a plain object allocation.
 */
import { AmbiguousColumnError } from '../errors';

export interface RowClass {
  new (values: readonly unknown[]): object;
}

/** Base of every row class: tuple behaviour and the mapping view. */
class RowBase {
  declare readonly length: number;
  declare readonly _fields: readonly string[];
  [i: number]: unknown;
  /** The row as a `{ name: value }` object (the first of duplicate names wins). */
  get _mapping(): Record<string, unknown> {
    const m: Record<string, unknown> = {};
    const f = this._fields;
    for (let i = 0; i < f.length; i++) {
      const k = f[i];
      // Own keys only: `in` also sees Object.prototype (a column named `constructor` or
      // `toString` was dropped), and `__proto__` must be defined, not assigned.
      if (Object.prototype.hasOwnProperty.call(m, k)) continue;
      if (k === '__proto__') Object.defineProperty(m, k, { value: this[i], enumerable: true, writable: true, configurable: true });
      else m[k] = this[i];
    }
    return Object.freeze(m);
  }
  _tuple(): unknown[] {
    return Array.from(this as unknown as ArrayLike<unknown>);
  }
  *[Symbol.iterator](): IterableIterator<unknown> {
    for (let i = 0; i < this.length; i++) yield this[i];
  }
  toJSON(): Record<string, unknown> {
    return this._mapping;
  }
  get [Symbol.toStringTag](): string {
    return 'Row';
  }
}

const RESERVED = new Set(['length', '_mapping', '_tuple', '_fields', 'toJSON', 'constructor']);

/** Makes (or reuses) the row class for these field names. */
export function rowClassFor(fields: readonly string[]): RowClass {
  const n = fields.length;
  class Row extends RowBase {
    constructor(values: readonly unknown[]) {
      super();
      for (let i = 0; i < n; i++) this[i] = values[i];
      Object.freeze(this);
    }
  }
  Object.defineProperty(Row.prototype, 'length', { value: n });
  Object.defineProperty(Row.prototype, '_fields', { value: Object.freeze([...fields]) });
  const seen = new Map<string, number>();
  fields.forEach((f, i) => seen.set(f, seen.has(f) ? -1 : i));
  for (const [name, i] of seen) {
    if (RESERVED.has(name) || /^\d+$/.test(name)) continue;
    Object.defineProperty(Row.prototype, name, {
      get:
        i >= 0
          ? function (this: RowBase) {
              return this[i];
            }
          : () => {
              throw new AmbiguousColumnError(`the result has more than one column named "${name}"; use labels, or positions`);
            },
      enumerable: false,
    });
  }
  return Row as unknown as RowClass;
}
