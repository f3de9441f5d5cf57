/**
 * The dialect matrix: one behaviour suite, run on every database whose URL is set.
 * SQLite (in memory) always runs; PostgreSQL and MySQL/MariaDB run when
 * RETORT_TEST_POSTGRESQL_URL / RETORT_TEST_MYSQL_URL are set (`npm test` prints a line for
 * each leg it skips, and fails when RETORT_TEST_REQUIRE_ALL=1).
 */
import { createEngine, Engine, EngineOptions } from 'retort';

export interface Leg {
  readonly name: 'sqlite' | 'postgresql' | 'mysql';
  readonly url: string;
}

export function legs(): Leg[] {
  const out: Leg[] = [{ name: 'sqlite', url: 'sqlite://' }];
  const pg = process.env.RETORT_TEST_POSTGRESQL_URL;
  const my = process.env.RETORT_TEST_MYSQL_URL;
  if (pg) out.push({ name: 'postgresql', url: pg });
  if (my) out.push({ name: 'mysql', url: my });
  if (process.env.RETORT_TEST_REQUIRE_ALL === '1' && (!pg || !my)) {
    throw new Error('RETORT_TEST_REQUIRE_ALL=1 but RETORT_TEST_POSTGRESQL_URL or RETORT_TEST_MYSQL_URL is not set');
  }
  return out;
}

/**
 * Runs `body` once per configured database, with a fresh engine per leg (disposed after).
 * @example forEachDialect('select', (ctx) => { it('…', async () => { ctx.engine … }) })
 */
export function forEachDialect(title: string, body: (ctx: { readonly engine: Engine; readonly leg: Leg }) => void, options: EngineOptions = {}): void {
  for (const leg of legs()) {
    describe(`${title} [${leg.name}]`, () => {
      const ctx = { leg } as { engine: Engine; leg: Leg };
      beforeAll(() => {
        ctx.engine = createEngine(leg.url, options);
      });
      body(ctx);
      // Declared after the body's hooks so it runs last (jest runs afterAll in declaration order).
      afterAll(async () => {
        await ctx.engine.dispose();
      });
    });
  }
}

/**
 * A per-file table-name prefix, so suites running in parallel never share tables.
 * RETORT_TEST_RUN (letters/digits, at most 8) adds a run tag, so two test runs against the same
 * servers (e.g. two checkouts) never share tables or MySQL databases either.
 */
export function tableName(fileTag: string, name: string): string {
  return `t${runTag()}_${fileTag}_${name}`;
}

const MAX_RUN_TAG = 8;

function runTag(): string {
  const tag = process.env.RETORT_TEST_RUN ?? '';
  if (!/^[a-z0-9]*$/i.test(tag)) throw new Error(`RETORT_TEST_RUN must be letters and digits, got ${JSON.stringify(tag)}`);
  // MySQL names are at most 64 characters: the longest names the suites build (in
  // tests/core/review-core.test.ts) fit with a tag of 8 and fail with 9, mid-run.
  if (tag.length > MAX_RUN_TAG) throw new Error(`RETORT_TEST_RUN must be at most ${MAX_RUN_TAG} characters (MySQL names are at most 64), got ${JSON.stringify(tag)} (${tag.length})`);
  return tag;
}
