/**
 * `retort-codemod knex-to-retort` over files on disk: writes the rewrites, reports the sites
 * left alone with file:line and a summary by kind, `--dry` changes nothing, `--json` lists every
 * site, a file that does not parse is left alone with exit code 1, and wrong usage is exit 2.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../codemods/cli';
import { fixtureDir } from './support/knex-fixtures';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'retort-knex-cli-'));
  cpSync(join(fixtureDir, 'db'), join(dir, 'db'), { recursive: true });
  for (const f of ['select-where', 'left-alone']) cpSync(join(fixtureDir, `${f}.input.ts`), join(dir, `${f}.ts`));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['knex-to-retort', ...args], { out: (t) => (out += t), err: (t) => (err += t), cwd: dir });
  return { code, out, err };
}

const read = (f: string) => readFileSync(join(dir, f), 'utf8');
const expected = (f: string) => readFileSync(join(fixtureDir, f), 'utf8');

describe('retort-codemod knex-to-retort', () => {
  it('rewrites files in place and reports what it left alone', async () => {
    const r = await run(['--tables', 'db/tables.ts', '--engine', 'db/engine.ts', '.']);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(read('select-where.ts')).toBe(expected('select-where.output.ts'));
    expect(read('left-alone.ts')).toBe(expected('left-alone.input.ts'));
    expect(r.out).toContain(`${join(dir, 'left-alone.ts')}:6:30: left alone (raw-interpolated): knex.raw() with SQL built by string interpolation`);
    const reported = expected('left-alone.sites.txt').trim().split('\n').length;
    const rewritten = expected('select-where.sites.txt').trim().split('\n').length;
    expect(r.out).toContain(`knex sites: ${reported + rewritten}, rewritten: ${rewritten}, left alone and reported: ${reported}; files changed: 1`);
    expect(r.out).toMatch(/^ +2 {2}not-awaited$/m);
  });

  it('--dry changes nothing; --json lists every site', async () => {
    const before = read('select-where.ts');
    const r = await run(['--tables', 'db/tables.ts', '--engine', 'db/engine.ts', '--dry', '--quiet', '--json', 'sites.json', 'select-where.ts']);
    expect(r.code).toBe(0);
    expect(read('select-where.ts')).toBe(before);
    expect(r.out).toMatch(/files that would change: 1/);
    const sites = JSON.parse(read('sites.json')) as { outcome: string; line: number }[];
    expect(sites.length).toBe(expected('select-where.sites.txt').trim().split('\n').length);
    expect(sites.every((s) => s.outcome === 'rewritten')).toBe(true);
  });

  it('leaves a file that does not parse alone and exits 1', async () => {
    writeFileSync(join(dir, 'broken.ts'), "await knex('users').where(");
    const r = await run(['--tables', 'db/tables.ts', '--engine', 'db/engine.ts', 'broken.ts']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/broken\.ts: not parsed, left alone/);
    expect(read('broken.ts')).toBe("await knex('users').where(");
  });

  it.each([
    [['--engine', 'db/engine.ts', '.'], 2, /--tables is required/],
    [['--tables', 'db/tables.ts', '.'], 2, /--engine is required/],
    [['--tables', 'db/tables.ts', '--engine', 'db/engine.ts'], 2, /no paths to rewrite/],
    [['--tables', 'db/tables.ts', '--tables', 'db/tables.ts', '--engine', 'db/engine.ts', '.'], 2, /--tables is given twice/],
    [['--tables', 'db/tables.ts', '--engine', 'db/engine.ts', '--colour', '.'], 2, /unknown option --colour/],
    [['--tables', 'db/nope.ts', '--engine', 'db/engine.ts', '.'], 1, /nope\.ts/],
    [['--tables', 'db/knex.ts', '--engine', 'db/engine.ts', '.'], 1, /no exported `new Table\(\.\.\.\)` declarations/],
    [['--tables', 'db/tables.ts', '--engine', 'db/engine.ts', 'missing-dir'], 1, /missing-dir: no such file or folder/],
  ])('%j exits %i with a clear message', async (args, code, message) => {
    const r = await run(args as string[]);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(message);
    expect(r.err.split('\n').filter(Boolean).length).toBeLessThanOrEqual(2);
  });
});
