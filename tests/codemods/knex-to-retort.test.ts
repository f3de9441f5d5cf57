/**
 * knex-to-retort on its fixtures: each input becomes its expected output with the expected
 * sites rewritten or reported; a second run changes nothing; the outputs type-check against
 * Retort's real types; and each runnable fixture returns the same values on the same seeded
 * SQLite database before (knex) and after (Retort on knex's connection) the rewrite.
 * `UPDATE_FIXTURES=1` writes the outputs and site lists from the transform (review the diff).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureDir, fixtureFile, fixtureNames, loadFixture, seeded, sitesText, transform } from './support/knex-fixtures';
import { examples as guideExamples, exampleProgram } from './support/knex-guide';
import { typeErrors } from './support/typecheck';

const update = process.env.UPDATE_FIXTURES === '1';
const read = (f: string) => readFileSync(join(fixtureDir, f), 'utf8');

describe('knex-to-retort fixtures', () => {
  it('has fixtures', () => {
    expect(fixtureNames).toEqual(expect.arrayContaining(['commonjs', 'guide', 'select-where', 'select-shape', 'writes', 'transactions', 'left-alone', 'look-alikes', 'mixed']));
  });

  for (const name of fixtureNames) {
    describe(name, () => {
      const input = read(fixtureFile(name, 'input'));
      const result = transform(name, input);
      if (update) {
        writeFileSync(join(fixtureDir, fixtureFile(name, 'output')), result.output);
        writeFileSync(join(fixtureDir, fixtureFile(name, 'sites')), sitesText(result.sites));
      }

      it('rewrites the input to the expected output', () => {
        expect(result.output).toBe(read(fixtureFile(name, 'output')));
      });

      it('rewrites and reports the expected sites', () => {
        expect(sitesText(result.sites)).toBe(read(fixtureFile(name, 'sites')));
      });

      it('is idempotent: the output goes through unchanged', () => {
        const again = transform(name, result.output);
        expect(again.output).toBe(result.output);
        expect(again.sites.filter((s) => s.outcome === 'rewritten')).toEqual([]);
      });

      it('leaves reported sites exactly as they were', () => {
        for (const site of result.sites.filter((s) => s.outcome === 'reported')) {
          const line = input.split('\n')[site.line - 1];
          expect(result.output.split('\n')).toContain(line);
        }
      });
    });
  }

  it('left-alone and look-alike inputs come out byte for byte unchanged', () => {
    for (const name of ['left-alone', 'look-alikes']) {
      const input = read(`${name}.input.ts`);
      expect(transform(name, input).output).toBe(input);
    }
  });

  it('look-alike calls are not even reported', () => {
    expect(transform('look-alikes', read('look-alikes.input.ts')).sites).toEqual([]);
  });

  it('every output, and every example of the guide chapter, type-checks against the Retort types', () => {
    // The chapter's examples join this program: one type-check of Retort serves both.
    const dir = mkdtempSync(join(tmpdir(), 'retort-knex-guide-'));
    try {
      mkdirSync(join(dir, 'db'));
      copyFileSync(join(fixtureDir, 'db', 'tables.ts'), join(dir, 'db', 'tables.ts'));
      const examples = guideExamples.map((e, i) => {
        const f = join(dir, `example-${i + 1}.ts`);
        writeFileSync(f, exampleProgram(e));
        return f;
      });
      const files = [...fixtureNames.filter((n) => fixtureFile(n, 'output').endsWith('.ts')).map((n) => join(fixtureDir, fixtureFile(n, 'output'))), ...['tables', 'knex', 'engine', 'other'].map((f) => join(fixtureDir, 'db', `${f}.ts`)), ...examples];
      expect(typeErrors(files, { knex: ['node_modules/knex'] })).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180000);
});

/** Runnable fixtures and the arguments their run() is called with. */
const RUNS: Record<string, unknown[]> = {
  'select-where': [30, ['ada', 'cy', 'nobody']],
  'select-shape': [1],
  writes: ['first'],
  transactions: [],
  mixed: [1],
  guide: [30],
  commonjs: [2],
};

describe('knex-to-retort: the knex chain and its rewrite return the same values (SQLite)', () => {
  for (const [name, args] of Object.entries(RUNS)) {
    it(name, async () => {
      const results: unknown[] = [];
      for (const file of [fixtureFile(name, 'input'), fixtureFile(name, 'output')]) {
        const { knex, engine } = await seeded();
        try {
          results.push(await loadFixture(read(file), knex, engine).run(...args));
        } finally {
          await engine.dispose();
          await knex.destroy();
        }
      }
      const [before, after] = results;
      expect(JSON.parse(JSON.stringify(after))).toEqual(JSON.parse(JSON.stringify(before)));
      // The comparison means something: every fixture reads rows.
      expect(JSON.stringify(before)).toMatch(/\{"/);
    });
  }
});
