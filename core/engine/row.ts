/**
 * Row classes: a row is a read-only tuple with named access (`row.name`) and `_mapping`.
 * One class is made per result shape, with a getter per column name, so building a row is
 * a plain object allocation.
 */
import { AmbiguousColumnError } from '../errors';

export interface RowClass {
  new (values: readonly unknown[]): object;
  /**
   * The same row as `new Row(values)` (same prototype, own frozen properties `0`…`n-1`),
   * made faster: the hot path of execute() uses this. @internal
   */
  make(values: readonly unknown[]): object;
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

/**
 * A read-only array's methods, which a row's type (a readonly tuple) promises: a row answers
 * them on its values (`row.map(String)`, `row.includes(x)`, `row.slice(1)`), as a tuple does.
 * A column with one of these names is read by position or through `_mapping`, as its type says.
 */
const ARRAY_METHODS = [
  'at', 'concat', 'entries', 'every', 'filter', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flat', 'flatMap',
  'forEach', 'includes', 'indexOf', 'join', 'keys', 'lastIndexOf', 'map', 'reduce', 'reduceRight', 'slice', 'some',
  'toReversed', 'toSorted', 'toSpliced', 'values', 'with',
] as const;
for (const name of ARRAY_METHODS) {
  const method = (Array.prototype as unknown as Record<string, (...args: unknown[]) => unknown>)[name];
  // Methods of a later ECMAScript than this Node has are left out, as the array's are.
  if (typeof method !== 'function') continue;
  Object.defineProperty(RowBase.prototype, name, {
    value: function (this: RowBase, ...args: unknown[]) {
      return method.apply(this._tuple(), args);
    },
    writable: true,
    configurable: true,
  });
}

const RESERVED = new Set<string>(['length', '_mapping', '_tuple', '_fields', 'toJSON', 'constructor', ...ARRAY_METHODS]);

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
  const make = n < LITERAL_ROWS.length ? LITERAL_ROWS[n](Row.prototype) : (values: readonly unknown[]) => new Row(values);
  Object.defineProperty(Row, 'make', { value: make });
  return Row as unknown as RowClass;
}

/**
 * Row makers by column count, for the common widths: an object literal gets its element
 * storage at its final size in one allocation, where the constructor's loop grows it one
 * property at a time (about half the cost of a row, measured on 5 columns). Wider rows use
 * the constructor. Written out because generating them would need `new Function`.
 */
const LITERAL_ROWS: readonly ((P: object) => (v: readonly unknown[]) => object)[] = [
  (P) => (v) => Object.freeze({ __proto__: P }),
  (P) => (v) => Object.freeze({ __proto__: P, 0: v[0] }),
  (P) => (v) => Object.freeze({ __proto__: P, 0: v[0], 1: v[1] }),
  (P) => (v) => Object.freeze({ __proto__: P, 0: v[0], 1: v[1], 2: v[2] }),
  (P) => (v) => Object.freeze({ __proto__: P, 0: v[0], 1: v[1], 2: v[2], 3: v[3] }),
  (P) => (v) => Object.freeze({ __proto__: P, 0: v[0], 1: v[1], 2: v[2], 3: v[3], 4: v[4] }),
  (P) => (v) => Object.freeze({ __proto__: P, 0: v[0], 1: v[1], 2: v[2], 3: v[3], 4: v[4], 5: v[5] }),
  (P) => (v) => Object.freeze({ __proto__: P, 0: v[0], 1: v[1], 2: v[2], 3: v[3], 4: v[4], 5: v[5], 6: v[6] }),
  (P) => (v) => Object.freeze({ __proto__: P, 0: v[0], 1: v[1], 2: v[2], 3: v[3], 4: v[4], 5: v[5], 6: v[6], 7: v[7] }),
  (P) => (v) => Object.freeze({ __proto__: P, 0: v[0], 1: v[1], 2: v[2], 3: v[3], 4: v[4], 5: v[5], 6: v[6], 7: v[7], 8: v[8] }),
  (P) => (v) => Object.freeze({ __proto__: P, 0: v[0], 1: v[1], 2: v[2], 3: v[3], 4: v[4], 5: v[5], 6: v[6], 7: v[7], 8: v[8], 9: v[9] }),
  (P) => (v) => Object.freeze({ __proto__: P, 0: v[0], 1: v[1], 2: v[2], 3: v[3], 4: v[4], 5: v[5], 6: v[6], 7: v[7], 8: v[8], 9: v[9], 10: v[10] }),
  (P) => (v) => Object.freeze({ __proto__: P, 0: v[0], 1: v[1], 2: v[2], 3: v[3], 4: v[4], 5: v[5], 6: v[6], 7: v[7], 8: v[8], 9: v[9], 10: v[10], 11: v[11] }),
  (P) => (v) => Object.freeze({ __proto__: P, 0: v[0], 1: v[1], 2: v[2], 3: v[3], 4: v[4], 5: v[5], 6: v[6], 7: v[7], 8: v[8], 9: v[9], 10: v[10], 11: v[11], 12: v[12] }),
  (P) => (v) => Object.freeze({ __proto__: P, 0: v[0], 1: v[1], 2: v[2], 3: v[3], 4: v[4], 5: v[5], 6: v[6], 7: v[7], 8: v[8], 9: v[9], 10: v[10], 11: v[11], 12: v[12], 13: v[13] }),
  (P) => (v) => Object.freeze({ __proto__: P, 0: v[0], 1: v[1], 2: v[2], 3: v[3], 4: v[4], 5: v[5], 6: v[6], 7: v[7], 8: v[8], 9: v[9], 10: v[10], 11: v[11], 12: v[12], 13: v[13], 14: v[14] }),
  (P) => (v) => Object.freeze({ __proto__: P, 0: v[0], 1: v[1], 2: v[2], 3: v[3], 4: v[4], 5: v[5], 6: v[6], 7: v[7], 8: v[8], 9: v[9], 10: v[10], 11: v[11], 12: v[12], 13: v[13], 14: v[14], 15: v[15] }),
];
