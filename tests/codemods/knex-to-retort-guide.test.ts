/**
 * The "coming from knex" chapter of the migration guide works as written: its tables and
 * engine module are the fixture ones; each `ts example` block runs on a seeded SQLite
 * database through knex and ends with the values its `// name: value` comments state; its
 * `ts before`/`ts after` pair is the `guide` fixture (so the fixture suite checks that the
 * codemod turns one into the other, that both return the same values, and that the after
 * side and the examples type-check); the commands it shows exist.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import * as core from 'retort';
import { COMMANDS } from '../../codemods/commands';
import { blocks, chapter, exampleProgram, examples, expectations } from './support/knex-guide';
import { fixtureDir, seeded } from './support/knex-fixtures';

function evaluate(source: string): { run: (...args: unknown[]) => Promise<unknown> } {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
  const mod = { exports: {} as { run: (...args: unknown[]) => Promise<unknown> } };
  const req = (id: string) => (id === 'retort' ? core : id === './db/tables' ? require(join(fixtureDir, 'db', 'tables')) : require(id));
  new Function('require', 'module', 'exports', js)(req, mod, mod.exports);
  return mod.exports;
}

const fixture = (f: string) => readFileSync(join(fixtureDir, f), 'utf8');

describe('migration guide: coming from knex', () => {
  it('has examples that state their values', () => {
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const e of examples) expect(Object.keys(expectations(e)).length).toBeGreaterThan(0);
  });

  it('shows the tables and the engine module the examples use', () => {
    const [tables, engineModule] = blocks('ts');
    expect(fixture('db/tables.ts')).toContain(tables);
    expect(fixture('db/engine.ts')).toContain(engineModule);
  });

  it('its before/after pair is the guide fixture (rewritten, run and type-checked by the fixture suite)', () => {
    expect(blocks('ts before')).toEqual([fixture('guide.input.ts').trimEnd()]);
    expect(blocks('ts after')).toEqual([fixture('guide.output.ts').trimEnd()]);
  });

  examples.forEach((block, i) => {
    it(`example ${i + 1} ends with the values it states`, async () => {
      const { knex, engine } = await seeded();
      try {
        expect(await evaluate(exampleProgram(block)).run(knex)).toEqual(expectations(block));
      } finally {
        await engine.dispose();
        await knex.destroy();
      }
    });
  });

  it('the commands it shows are retort-codemod commands', () => {
    const shown = [...chapter.matchAll(/npx retort-codemod (\S+)/g)].map((m) => m[1]);
    expect(shown).toEqual(expect.arrayContaining(['generate-tables', 'knex-to-retort']));
    for (const name of shown) expect(COMMANDS.map((c) => c.name)).toContain(name);
  });
});
