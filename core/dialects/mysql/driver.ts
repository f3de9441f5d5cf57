/** The mysql2 adapter: prepared statements for parameterized SQL, rows as arrays (the connection's rowsAsArray), exact text for numbers and dates. */
import type { Connection as PromiseConnection } from 'mysql2/promise';
import type { DriverConnection, DriverResult, RunOptions } from '../dialect';

interface Header {
  affectedRows: number;
  insertId: number | string;
}

export class MysqlConnection implements DriverConnection {
  broken = false;
  constructor(readonly conn: PromiseConnection) {
    conn.on('error', () => {
      this.broken = true;
    });
    conn.on('end', () => {
      this.broken = true;
    });
  }

  async run(sql: string, params: readonly unknown[], _opts: RunOptions): Promise<DriverResult> {
    const [result, fields] =
      params.length === 0
        ? await this.conn.query(sql)
        : await this.conn.execute(sql, params as unknown[] as never);
    if (Array.isArray(result)) {
      return { rows: result as unknown as unknown[][], fields: (fields ?? []).map((f) => f.name), rowCount: result.length };
    }
    const h = result as unknown as Header;
    return { rows: [], fields: [], rowCount: h.affectedRows, lastInsertId: h.insertId };
  }

  /** Streams rows off the wire with back-pressure, so the result is never held whole. */
  async *stream(sql: string, params: readonly unknown[], opts: RunOptions & { batchSize: number }): AsyncIterable<unknown[][]> {
    const core = (this.conn as unknown as { connection: any }).connection;
    const query = core.query({ sql, values: params, rowsAsArray: true });
    const stream = query.stream({ highWaterMark: opts.batchSize });
    let batch: unknown[][] = [];
    for await (const row of stream as AsyncIterable<unknown[]>) {
      batch.push(row);
      if (batch.length >= opts.batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }

  async exec(sql: string): Promise<void> {
    await this.conn.query(sql);
  }
  async ping(): Promise<void> {
    if (this.broken) throw new Error('connection is broken');
    await this.conn.query('SELECT 1');
  }
  async close(): Promise<void> {
    this.broken = true;
    await this.conn.end().catch(() => this.conn.destroy());
  }
}
