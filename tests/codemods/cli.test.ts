/**
 * The compiled `retort-codemod` CLI, run as a user runs it: the dispatcher, `generate-tables`
 * on every database, and wrong input (clear one-line messages, exit code 2 for usage and 1
 * when it cannot be done). It is compiled as `scripts/build.mjs` compiles it (the project's
 * tsconfig, the `dist/cjs` layout) into a private directory, so the test never races a build
 * of `dist/` by another suite.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { column, createEngine, Engine, foreignKey, integer, MetaData, string, Table } from 'retort';
import { Leg, legs, tableName } from '../support/matrix';
import { builtCli, runCli } from './support/cli-build';

const root = join(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'retort-cli-'));
let cli = '';

beforeAll(() => {
  cli = builtCli();
}, 180_000);
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  return runCli(cli, args, work);
}

describe('retort-codemod', () => {
  it('is the package bin, at the dist/cjs path of codemods/cli.ts', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.bin['retort-codemod']).toBe('./dist/cjs/codemods/cli.js');
    expect(readFileSync(cli, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
  });

  it('prints help and the list of commands', () => {
    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/usage: retort-codemod \[transforms…\] <paths…>/);
    expect(help.stdout).toMatch(/retort-codemod <command> \[options\]/);
    expect(help.stdout).toContain('generate-tables');
    const list = run(['--list']);
    expect(list.status).toBe(0);
    const commands = list.stdout.slice(list.stdout.indexOf('commands:\n') + 'commands:\n'.length);
    expect(commands.trim().split('\n').map((l) => l.trim().split('\t')[0])).toEqual(['generate-tables', 'knex-to-retort']);
    const sub = run(['generate-tables', '--help']);
    expect(sub.status).toBe(0);
    expect(sub.stdout).toContain('--url <url>');
  });

  it.each([
    [[], /usage: retort-codemod/],
    [['transmogrify'], /"transmogrify": no such file or directory \(nor a transform, code or command/],
    [['--verbose'], /unknown option "--verbose"/],
    [['generate-tables', '--out', 'x.ts'], /--url is required/],
    [['generate-tables', '--url', 'sqlite://'], /--out is required/],
    [['generate-tables', '--url', 'sqlite://', '--out', 'x.ts', '--colour'], /unknown option --colour/],
    [['generate-tables', '--url', 'sqlite://', '--out'], /--out needs a value/],
    [['generate-tables', '--url', 'sqlite://', '--url', 'sqlite://', '--out', 'x.ts'], /--url is given twice/],
    [['generate-tables', '--url', 'oracle://scott@db/orcl', '--out', 'x.ts'], /--url: unknown database "oracle"/],
    [['generate-tables', '--url', 'not a url', '--out', 'x.ts'], /--url: malformed database URL/],
    [['generate-tables', '--url', 'sqlite://', '--out', '.'], /--out \. is a directory/],
  ])('refuses %j with exit code 2', (args, message) => {
    const r = run(args as string[]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it.each([
    [['--url', 'sqlite:///no/such/dir/app.db'], /cannot read sqlite:\/\/\/no\/such\/dir\/app\.db/],
    [['--url', 'postgresql://app:s3cret@127.0.0.1:1/app'], /cannot read postgresql:\/\/app:\*\*\*@127\.0\.0\.1:1\/app: .*ECONNREFUSED/],
    [['--url', 'mysql://root@127.0.0.1:1/app'], /cannot read mysql:\/\/root@127\.0\.0\.1:1\/app: .*ECONNREFUSED/],
    [['--url', 'sqlite://'], /has no tables/],
  ])('fails with exit code 1 and writes nothing when %j cannot be read', (args, message) => {
    const out = join(work, 'never', 'tables.ts');
    const r = run(['generate-tables', ...(args as string[]), '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toContain('s3cret');
    expect(existsSync(out)).toBe(false);
  });
});

const md = new MetaData();
const authors = new Table(tableName('cli', 'authors'), md, {
  id: column(integer(), { primaryKey: true }),
  name: column(string(40), { nullable: false }),
});
new Table(tableName('cli', 'books'), md, {
  id: column(integer(), { primaryKey: true }),
  authorId: column(integer(), { name: 'author_id', nullable: false, references: foreignKey(() => authors.c.id) }),
});

const urlOf = (leg: Leg) => (leg.name === 'sqlite' ? `sqlite:///${join(work, 'cli.db')}` : leg.url);

for (const leg of legs()) {
  describe(`retort-codemod generate-tables [${leg.name}]`, () => {
    let engine: Engine;
    beforeAll(async () => {
      engine = createEngine(urlOf(leg));
      await md.dropAll(engine);
      await md.createAll(engine);
    });
    afterAll(async () => {
      await md.dropAll(engine);
      await engine.dispose();
    });

    it('writes the file, creating missing directories', () => {
      const out = join(work, leg.name, 'src', 'db', 'tables.ts');
      const r = run(['generate-tables', `--url=${urlOf(leg)}`, '--out', out, '--only', tableName('cli', 'books')]);
      expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: `wrote 2 tables to ${out}\n` });
      const code = readFileSync(out, 'utf8');
      const authors = tableName('cli', 'authors');
      const authorsVar = authors.split('_').map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('');
      expect(code).toContain(`export const ${authorsVar} = new Table('${authors}', metadata, {`);
      expect(code).toContain(`authorId: column(integer(), { name: 'author_id', nullable: false, references: foreignKey('${tableName('cli', 'authors')}.id'`);
    });

    it('writes to stdout with --out -, importing from the module given', () => {
      mkdirSync(join(work, leg.name), { recursive: true });
      const r = run(['generate-tables', '--url', urlOf(leg), '--out', '-', '--only', tableName('cli', 'authors'), '--import-from', '@acme/retort']);
      expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
      expect(r.stdout).toContain("} from '@acme/retort';");
      expect(r.stdout).not.toContain('books');
    });

    it('names a table that is not there', () => {
      const r = run(['generate-tables', '--url', urlOf(leg), '--out', '-', '--only', 'no_such_table_cli']);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/no table "no_such_table_cli" in .*; it has /);
    });
  });
}
