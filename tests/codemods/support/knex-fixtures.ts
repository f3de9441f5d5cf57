/**
 * The knex-to-Retort fixtures: each `name.input.ts` under codemods/__testfixtures__/knex-to-retort
 * with its expected `name.output.ts` and `name.sites.txt` (one line per knex site: rewritten, or
 * left alone with the reason), the options the transform runs with there, and a runner that
 * executes a fixture module against a given knex instance.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import knexFactory, { Knex } from 'knex';
import * as core from 'retort';
import { KnexSite, resolveOptions, rewriteKnexFile } from '../../../codemods/transforms/knex-to-retort';

export const fixtureDir = join(__dirname, '..', '..', '..', 'codemods', '__testfixtures__', 'knex-to-retort');

/** Fixture names with their extension: `select-where` (`.ts`), `commonjs` (`.js`). */
const fixtureFiles = readdirSync(fixtureDir)
  .map((f) => /^(.+)\.input\.(ts|js)$/.exec(f))
  .filter((m): m is RegExpExecArray => m !== null)
  .map((m) => ({ name: m[1], ext: m[2] }));

export const fixtureNames = fixtureFiles.map((f) => f.name).sort();

/** The file of a fixture: `input`, `output` (with the input's extension) or `sites` (`.sites.txt`). */
export function fixtureFile(name: string, kind: 'input' | 'output' | 'sites'): string {
  if (kind === 'sites') return `${name}.sites.txt`;
  return `${name}.${kind}.${fixtureFiles.find((f) => f.name === name)?.ext ?? 'ts'}`;
}

export const options = resolveOptions({ tables: 'db/tables.ts', engine: 'db/engine.ts' }, fixtureDir);

/** The transform over a fixture file's text, as if it were `name.input.ts` in the fixture folder. */
export function transform(name: string, source: string): { output: string; sites: KnexSite[] } {
  return rewriteKnexFile(source, join(fixtureDir, fixtureFile(name, 'input')), options);
}

/** Sites as the `.sites.txt` files list them. */
export function sitesText(sites: readonly KnexSite[]): string {
  return sites.map((s) => `${s.line}:${s.column} ${s.outcome === 'rewritten' ? 'rewritten' : `${s.kind}: ${s.reason}`}`).join('\n') + '\n';
}

/**
 * Evaluates a fixture module's TypeScript with `./db/knex` bound to `knex` and `./db/engine`
 * to an engine made from it; the tables module and Retort are the real ones.
 */
export function loadFixture(source: string, knex: Knex, engine: core.KnexEngine): { run: (...args: unknown[]) => Promise<unknown> } {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
  const mod = { exports: {} as { run?: (...args: unknown[]) => Promise<unknown> } };
  const req = (id: string): unknown => {
    if (id === 'retort') return core;
    if (id === './db/knex') return { knex };
    if (id === './db/engine') return { engine };
    if (id === './db/tables') return require(join(fixtureDir, 'db', 'tables'));
    throw new Error(`fixture imports ${id}, which the runner does not provide`);
  };
  new Function('require', 'module', 'exports', js)(req, mod, mod.exports);
  if (typeof mod.exports.run !== 'function') throw new Error('the fixture exports no run()');
  return mod.exports as { run: (...args: unknown[]) => Promise<unknown> };
}

/** A knex instance on a fresh in-memory SQLite database holding the fixture rows, and an engine over it. */
export async function seeded(): Promise<{ knex: Knex; engine: core.KnexEngine }> {
  const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true, pool: { min: 1, max: 1 } });
  const engine = core.createEngineFromKnex(knex);
  const { metadata } = require(join(fixtureDir, 'db', 'tables')) as { metadata: core.MetaData };
  await metadata.createAll(engine);
  await knex('users').insert([
    { id: 1, name: 'ada', age: 36, team_name: 'red' },
    { id: 2, name: 'bob', age: 25, team_name: null },
    { id: 3, name: 'cy', age: 41, team_name: 'blue' },
    { id: 4, name: 'dan', age: null, team_name: 'red' },
    { id: 5, name: 'cat', age: 19, team_name: null },
  ]);
  await knex('posts').insert([
    { id: 1, user_id: 1, title: 'a1', views: 10 },
    { id: 2, user_id: 1, title: 'a2', views: 3 },
    { id: 3, user_id: 2, title: 'b1', views: 7 },
    { id: 4, user_id: 3, title: 'c1', views: 0 },
  ]);
  return { knex, engine };
}
