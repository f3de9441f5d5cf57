/** The pg adapter: array row mode, date/time values kept as text for Retort's own parsing. */
import type { Client, QueryResult } from 'pg';
import type { DriverConnection, DriverResult, RunOptions } from '../dialect';

/** OIDs whose text form Retort converts itself, so no value depends on the process time zone. */
const RAW_TEXT_OIDS = new Set([1082 /* date */, 1083 /* time */, 1114 /* timestamp */, 1184 /* timestamptz */, 1266 /* timetz */, 1700 /* numeric */, 20 /* int8 */]);

export function pgTypeParsers(base: { getTypeParser: (oid: number, format?: any) => any }) {
  return {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (RAW_TEXT_OIDS.has(oid)) return (v: string) => v;
      return base.getTypeParser(oid, format);
    },
  };
}

let cursorId = 0;

export class PgConnection implements DriverConnection {
  broken = false;
  constructor(readonly client: Client) {
    client.on('error', () => {
      this.broken = true;
    });
    client.on('end', () => {
      this.broken = true;
    });
  }

  async run(sql: string, params: readonly unknown[], _opts: RunOptions): Promise<DriverResult> {
    const r: QueryResult<unknown[]> = await this.client.query({ text: sql, values: params as unknown[], rowMode: 'array' });
    return { rows: r.rows, fields: r.fields?.map((f) => f.name) ?? [], rowCount: r.rowCount ?? r.rows.length };
  }

  /**
   * Streams through a server-side cursor (DECLARE … FETCH), inside the current transaction;
   * a cursor lives only in one, so an AUTOCOMMIT connection gets one for the stream's length.
   */
  async *stream(sql: string, params: readonly unknown[], opts: RunOptions & { batchSize: number; inTransaction?: boolean }): AsyncIterable<unknown[][]> {
    const name = `retort_cursor_${++cursorId}`;
    const own = opts.inTransaction === false;
    if (own) await this.client.query('BEGIN');
    let declared = false;
    let failed = false;
    try {
      await this.client.query({ text: `DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, values: params as unknown[] });
      declared = true;
      for (;;) {
        const r: QueryResult<unknown[]> = await this.client.query({ text: `FETCH FORWARD ${opts.batchSize} FROM ${name}`, rowMode: 'array' });
        if (r.rows.length === 0) break;
        yield r.rows;
        if (r.rows.length < opts.batchSize) break;
      }
    } catch (e) {
      failed = true;
      throw e;
    } finally {
      // Also reached when the reader stops early (return()): the cursor is closed either way.
      if (!this.broken) {
        if (declared) await this.client.query(`CLOSE ${name}`).catch(() => undefined);
        if (own) await this.client.query(failed ? 'ROLLBACK' : 'COMMIT').catch(() => undefined);
      }
    }
  }

  async exec(sql: string): Promise<void> {
    await this.client.query(sql);
  }
  async ping(): Promise<void> {
    if (this.broken) throw new Error('connection is broken');
    await this.client.query('SELECT 1');
  }
  async close(): Promise<void> {
    this.broken = true;
    await this.client.end().catch(() => undefined);
  }
}
