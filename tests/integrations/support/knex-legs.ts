/**
 * The dialect matrix for the knex integration: per database leg, a knex instance on knex's
 * client for it (better-sqlite3, pg, mysql2) and a Retort engine made from that instance.
 */
import knexFactory, { Knex } from 'knex';
import { createEngineFromKnex, KnexEngine } from 'retort';
import { Leg, legs } from '../../support/matrix';

export interface KnexLeg {
  readonly leg: Leg;
  readonly knex: Knex;
  readonly engine: KnexEngine;
}

/** knex's config for a leg: in-memory SQLite (knex keeps one connection), or the test server. */
export function knexConfig(leg: Leg, extra: Partial<Knex.Config> = {}): Knex.Config {
  // An in-memory database lives in its connection: knex must keep exactly one.
  if (leg.name === 'sqlite') return { client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true, ...extra, pool: { min: 1, max: 1 } };
  return { client: leg.name === 'postgresql' ? 'pg' : 'mysql2', connection: leg.url, ...extra };
}

/**
 * Runs `body` once per configured database with a knex instance and an engine over it.
 * @example forEachKnexLeg('knex engine', (ctx) => { it('…', async () => { ctx.engine … ctx.knex … }) })
 */
export function forEachKnexLeg(title: string, body: (ctx: KnexLeg) => void, extra: Partial<Knex.Config> = {}): void {
  for (const leg of legs()) {
    describe(`${title} [${leg.name}]`, () => {
      const ctx = { leg } as { leg: Leg; knex: Knex; engine: KnexEngine };
      beforeAll(() => {
        ctx.knex = knexFactory(knexConfig(leg, extra));
        ctx.engine = createEngineFromKnex(ctx.knex);
      });
      body(ctx);
      afterAll(async () => {
        await ctx.engine.dispose();
        await ctx.knex.destroy();
      });
    });
  }
}

/** Connections knex's pool has handed out and not had back (tarn's counters; test-only). */
export function knexInUse(knex: Knex): { used: number; pending: number } {
  const pool = knex.client.pool as { numUsed(): number; numPendingAcquires(): number };
  return { used: pool.numUsed(), pending: pool.numPendingAcquires() };
}
