/**
 * "Insert many values": the batches of an executemany INSERT, written as one multi-row
 * `INSERT … VALUES (…), (…), …` per batch instead of one statement per parameter set.
 *
 * The compiler marks the row an executemany repeats; this module keeps the statement in
 * three parts (what comes before the rows, the row, what comes after) and renders the SQL
 * of a batch of `n` rows on demand, once per batch size (a run of 100,000 rows has at most
 * two sizes: the full batch and the last one). Values are gathered per batch, so no string
 * or array for the whole run is ever built. See docs/decisions/insert-many-values.md.
 */
import type { ParamSlot } from './compiled';

/** Marks around the VALUES rows the compiler made from executemany parameter keys. @internal */
export const VALUES_OPEN = '\u0003';
export const VALUES_CLOSE = '\u0004';

/** A piece of SQL: text chunks with a placeholder between each two. */
export interface SqlPart {
  readonly chunks: readonly string[];
  readonly slots: readonly ParamSlot[];
}

/**
 * How a dialect writes a batch. The plain form repeats the row; PostgreSQL's ordered form
 * selects the rows from a VALUES list ordered by a sentinel counter, so the sequence hands
 * out keys in parameter order.
 */
export interface ManyValuesForm {
  /**
   * The SQL of a batch. `rows` are the rendered rows in parameter order; `ordered` asks for
   * generated keys that ascend in parameter order (a RETURNING that is sorted by them).
   */
  batch(head: string, rows: readonly RenderedRow[], tail: string, ordered: boolean): string;
}

/** One row of a batch: its placeholders (in order), their slots, and the row as the plain form writes it. */
export interface RenderedRow {
  readonly placeholders: readonly string[];
  readonly slots: readonly ParamSlot[];
  readonly plain: string;
}

/** `INSERT INTO t (a, b) VALUES (?, ?), (?, ?) …`: row order is insertion order on SQLite and MySQL/MariaDB. */
export const PLAIN_MANY_VALUES: ManyValuesForm = {
  batch: (head, rows, tail) => head + rows.map((r) => r.plain).join(', ') + tail,
};

/** The statement split around its repeatable row; renders and caches batch SQL per size. */
export class ManyValuesTemplate {
  private readonly sqlBySize = new Map<number, string>();
  /** Placeholders one row adds. */
  readonly rowWidth: number;
  /** Placeholders outside the rows (an upsert's SET values, say). */
  readonly fixedWidth: number;

  constructor(
    readonly head: SqlPart,
    readonly row: SqlPart,
    readonly tail: SqlPart,
    private readonly placeholder: (n: number) => string,
    private readonly form: ManyValuesForm,
  ) {
    this.rowWidth = row.slots.length;
    this.fixedWidth = head.slots.length + tail.slots.length;
  }

  /** The SQL for a batch of `n` rows (cached by `n` and `ordered`). */
  sql(n: number, ordered: boolean): string {
    const key = ordered ? -n : n;
    let sql = this.sqlBySize.get(key);
    if (sql === undefined) {
      let k = 0;
      const part = (p: SqlPart): string => {
        let s = p.chunks[0];
        for (let i = 0; i < p.slots.length; i++) s += this.placeholder(++k) + p.chunks[i + 1];
        return s;
      };
      const head = part(this.head);
      const rows: RenderedRow[] = [];
      for (let r = 0; r < n; r++) {
        const start = k;
        const plain = part(this.row);
        const placeholders: string[] = [];
        for (let i = 1; i <= this.rowWidth; i++) placeholders.push(this.placeholder(start + i));
        rows.push({ placeholders, slots: this.row.slots, plain });
      }
      const tail = part(this.tail);
      sql = this.form.batch(head, rows, tail, ordered);
      // Two sizes per run are usual; more (changing page sizes) are not kept without bound.
      if (this.sqlBySize.size >= 8) this.sqlBySize.clear();
      this.sqlBySize.set(key, sql);
    }
    return sql;
  }
}
