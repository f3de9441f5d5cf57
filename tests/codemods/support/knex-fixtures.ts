/**
 * The knex-to-Retort fixtures: each `name.input.ts` under codemods/__testfixtures__/knex-to-retort
 * with its expected `name.output.ts` and `name.sites.txt` (one line per knex site: rewritten, or
 * left alone with the reason), the options the transform runs with there, and a runner that
 * executes a fixture module against a given knex instance.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import type { Knex } from 'knex';
import * as core from 'retort';
import { KnexSite, resolveOptions, rewriteKnexFile } from '../../../codemods/transforms/knex-to-retort';

export const fixtureDir = join(__dirname, '..', '..', '..', 'codemods', '__testfixtures__', 'knex-to-retort');

export const fixtureNames = readdirSync(fixtureDir)
  .filter((f) => f.endsWith('.input.ts'))
  .map((f) => f.slice(0, -'.input.ts'.length))
  .sort();

export const options = resolveOptions({ tables: 'db/tables.ts', engine: 'db/engine.ts' }, fixtureDir);

/** The transform over a fixture file's text, as if it were `name.input.ts` in the fixture folder. */
export function transform(name: string, source: string): { output: string; sites: KnexSite[] } {
  return rewriteKnexFile(source, join(fixtureDir, `${name}.input.ts`), options);
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
