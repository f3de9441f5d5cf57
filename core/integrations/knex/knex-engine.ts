/**
 * An Engine that runs on knex's connections: every checkout borrows a connection from
 * knex's pool and every close gives it back, so one pool serves both libraries; and a
 * Connection that joins an open `knex.transaction()`, so knex and Retort writes commit or
 * roll back together.
 */
import { Connection } from '../../engine/connection';
import { Engine, EngineOptions } from '../../engine/engine';
import type { DialectName, DriverConnection } from '../../dialects/dialect';
import { ArgumentError, InvalidRequestError, PoolTimeoutError } from '../../errors';
import { adapterFor } from './adapters';
import { BorrowedDriver, TransactionDriver } from './borrowed-driver';
import { describeKnexDatabase, dialectOfKnex } from './client-kind';
import type { KnexLike, KnexTransactionLike } from './knex-types';

/** Engine options that make sense on knex's connections (knex owns the pool and the driver settings). */
export type KnexEngineOptions = Omit<EngineOptions, 'pool' | 'driverOptions' | 'creator'>;

const OWNED_BY_KNEX = ['pool', 'driverOptions', 'creator'];

/** An Engine over a knex instance's pool. Made by {@link createEngineFromKnex}. */
export class KnexEngine extends Engine {
  private readonly knexDialect: DialectName;

  constructor(
    readonly knex: KnexLike,
    options: KnexEngineOptions = {},
  ) {
    checkKnex(knex, 'createEngineFromKnex()');
    if (options === null || typeof options !== 'object') throw new ArgumentError('createEngineFromKnex() options must be an object');
    for (const key of OWNED_BY_KNEX) {
      if (key in options) throw new ArgumentError(`createEngineFromKnex(): "${key}" is knex's to configure (the engine borrows knex's pooled connections)`);
    }
    const dialect = dialectOfKnex(knex);
    super(describeKnexDatabase(knex, dialect), {
      ...options,
      creator: () => borrow(knex, dialect),
      // Keep nothing idle and set no limit of Retort's own: knex's pool limits and times out.
      pool: { size: 0, maxOverflow: Infinity },
    });
    this.knexDialect = dialect;
  }

  /**
   * A Connection inside an open knex transaction: its statements see the transaction's
   * uncommitted rows, and what it commits becomes part of the knex transaction. Retort never
   * begins, commits or rolls back knex's transaction: this connection's own transaction is a
   * SAVEPOINT in it, begun by its first statement, so `commit()` releases the savepoint (knex
   * commits or rolls back the rows with everything else) and `rollback()` — or closing without
   * committing — undoes only what this connection did since. Use it only while `trx` is open;
   * afterwards every statement throws.
   *
   * @example
   * await knex.transaction(async (trx) => {
   *   await trx('users').insert({ name: 'Ada' });
   *   const conn = await engine.joinKnexTransaction(trx);
   *   try {
   *     const n = await conn.scalar(select(func.count()).selectFrom(users)); // sees Ada
   *     await conn.execute(insert(posts).values({ authorId: 1, title: 'Notes' })); // SAVEPOINT retort_tx_1; INSERT …
   *     await conn.commit(); // RELEASE SAVEPOINT retort_tx_1
   *   } finally {
   *     await conn.close();
   *   }
   * }); // knex commits both rows, or rolls both back if anything threw
   */
  async joinKnexTransaction(trx: KnexTransactionLike): Promise<Connection> {
    checkTransaction(trx, this.knex);
    const raw = await trx.client.acquireConnection();
    const driver: DriverConnection = new TransactionDriver(await adapterFor(raw, this.knexDialect), () => trx.isCompleted());
    return this.joinExternalTransaction(driver);
  }

  /**
   * Runs `fn` on a Connection joined to an open knex transaction, like `engine.begin(fn)`:
   * what it does is committed into the knex transaction when `fn` resolves and rolled back
   * (to the savepoint) when it throws; the error propagates, so knex rolls everything back
   * unless the caller catches it.
   *
   * @example
   * await knex.transaction(async (trx) => {
   *   await trx('accounts').where({ id: 1 }).decrement('balance', 10);
   *   await engine.withKnexTransaction(trx, (conn) =>
   *     conn.execute(update(accounts).values({ balance: accounts.c.balance.add(10) }).where(accounts.c.id.eq(2))),
   *   );
   * });
   */
  async withKnexTransaction<T>(trx: KnexTransactionLike, fn: (conn: Connection) => Promise<T>): Promise<T> {
    if (typeof fn !== 'function') throw new ArgumentError('withKnexTransaction(trx, fn) takes a function: (conn) => …');
    const conn = await this.joinKnexTransaction(trx);
    try {
      const out = await fn(conn);
      if (conn.closed) throw new InvalidRequestError('the connection was closed inside withKnexTransaction(); nothing was committed');
      await conn.commit();
      return out;
    } finally {
      await conn.close();
    }
  }

  /**
   * This engine as seen from inside an open knex transaction: every `connect()` joins `trx`
   * (see {@link joinKnexTransaction}), so whatever takes an engine — an ORM `Session`,
   * `engine.begin()`, `inspect()`, `metadata.reflect()` — works inside the knex transaction.
   * `dispose()` on it does nothing.
   *
   * @example
   * await knex.transaction(async (trx) => {
   *   await trx('users').insert({ id: 1, name: 'Ada' });
   *   const session = new Session(engine.forKnexTransaction(trx));
   *   const ada = await session.get(User, 1); // knex's uncommitted row
   *   ada!.name = 'Ada Lovelace';
   *   await session.commit(); // UPDATE … inside knex's transaction (a released savepoint)
   *   await session.close();
   * });
   */
  forKnexTransaction(trx: KnexTransactionLike): Engine {
    checkTransaction(trx, this.knex);
    const view = Object.create(this) as Engine;
    Object.defineProperties(view, {
      connect: { value: () => this.joinKnexTransaction(trx) },
      dispose: { value: async () => undefined },
    });
    return view;
  }
}

/** One checkout: a connection from knex's pool, with Retort's adapter, given back on close. */
async function borrow(knex: KnexLike, dialect: DialectName): Promise<DriverConnection> {
  let raw: unknown;
  try {
    raw = await knex.client.acquireConnection();
  } catch (e) {
    if ((e as { name?: string })?.name === 'KnexTimeoutError') {
      throw new PoolTimeoutError(`knex's pool had no free connection in time: ${(e as Error).message}`, { cause: e });
    }
    throw e;
  }
  try {
    return new BorrowedDriver(await adapterFor(raw, dialect), () => knex.client.releaseConnection(raw));
  } catch (e) {
    await knex.client.releaseConnection(raw);
    throw e;
  }
}

function checkKnex(knex: unknown, where: string): asserts knex is KnexLike {
  const client = (knex as KnexLike | null | undefined)?.client;
  if (!client || typeof client.acquireConnection !== 'function' || typeof client.releaseConnection !== 'function') {
    throw new ArgumentError(`${where} takes a knex instance, e.g. knex({ client: 'pg', connection: … })`);
  }
}

function checkTransaction(trx: unknown, knex: KnexLike): asserts trx is KnexTransactionLike {
  const t = trx as KnexTransactionLike | null | undefined;
  if (!t || t.isTransaction !== true || typeof t.isCompleted !== 'function' || !t.client || typeof t.client.acquireConnection !== 'function') {
    throw new ArgumentError('joinKnexTransaction() takes the trx of knex.transaction(async (trx) => …)');
  }
  if (t.client.config !== knex.client.config) {
    throw new ArgumentError("joinKnexTransaction(): this transaction belongs to another knex instance than the engine's");
  }
  if (t.isCompleted()) throw new InvalidRequestError('joinKnexTransaction(): the knex transaction has already been committed or rolled back');
}

/**
 * An Engine that shares a knex instance's connection pool: each Retort checkout borrows a
 * connection from knex and gives it back when closed, so adopting Retort adds no second
 * pool. Works with knex's `pg`, `mysql2` and `better-sqlite3` clients. knex must not be
 * destroyed while the engine is in use; `engine.dispose()` leaves knex's pool alone.
 *
 * Retort does not change the session settings of knex's connections (they are knex's): its
 * own engines run sessions in UTC and with SQLite foreign keys on, so configure knex alike
 * where server-side defaults or foreign keys matter — see docs/decisions/knex-integration.md.
 *
 * @example
 * import knexFactory from 'knex';
 * import { createEngineFromKnex, insert, select } from 'retort';
 *
 * const knex = knexFactory({ client: 'pg', connection: process.env.DATABASE_URL });
 * const engine = createEngineFromKnex(knex);
 * const rows = await engine.begin((conn) => conn.execute(select(users.c.id, users.c.name))); // on a knex connection
 * await knex.transaction(async (trx) => {
 *   await trx('users').insert({ name: 'Ada' });
 *   await engine.withKnexTransaction(trx, (conn) => conn.execute(insert(posts).values({ authorId: 1, title: 'Notes' })));
 * }); // one transaction: both rows commit, or neither
 */
export function createEngineFromKnex(knex: KnexLike, options: KnexEngineOptions = {}): KnexEngine {
  return new KnexEngine(knex, options);
}
