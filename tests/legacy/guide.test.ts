/**
 * The migration guide agrees with the registry and its examples work: every section exists
 * with the registry's title and status; the README's index table is the one generated from
 * the registry; each "before" example runs on retort/legacy and warns with exactly its code
 * (plus the codes its section says it "also warns"); each "after" example runs on 2.0 with
 * no warning; both type-check; both leave the same rows in the tables and give the same
 * values to the top-level constants they both declare. Examples of codes the shim does not
 * implement yet are skipped with a line saying so.
 * `UPDATE_GUIDE=1` rewrites the index table from the registry.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ts from 'typescript';
import * as core from 'retort';
import * as legacy from 'retort/legacy';
import { LEGACY_RECORDS, LegacyRecord } from 'retort/legacy';
import { captureLegacyWarnings } from '../support/legacy';

const root = join(__dirname, '..', '..');
const guideDir = join(root, 'migration-guide');
const readme = join(guideDir, 'README.md');

interface Section {
  record: LegacyRecord;
  text: string;
  before: string;
  after: string;
  /** Codes the "before" example warns besides its own (`Also warns L301.` in the section). */
  also: string[];
}

function blocks(text: string, tag: string): string[] {
  const re = new RegExp('```ts ' + tag + '\\n([\\s\\S]*?)\\n```', 'g');
  return [...text.matchAll(re)].map((m) => m[1]);
}

function sectionOf(record: LegacyRecord): Section {
  const file = join(guideDir, `${record.guide}.md`);
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const [before = '', after = ''] = [blocks(text, 'before')[0], blocks(text, 'after')[0]];
  const also = [...(/^Also warns ((?:L\d{3}(?:, | and )?)+)/m.exec(text)?.[1].matchAll(/L\d{3}/g) ?? [])].map((m) => m[0]);
  return { record, text, before, after, also };
}

/** The index table of the README, generated from the registry. */
export function renderIndex(records: readonly LegacyRecord[]): string {
  const rows = records.map((r) => {
    const fix = r.codemod ? `\`${r.codemod}\`` : `needs a human: ${r.manualReason}`;
    const shim = r.implemented ? 'yes' : 'not yet';
    return `| [${r.code}](${r.guide}.md) | ${r.title} | ${r.status} | ${fix} | ${shim} |`;
  });
  return ['| code | pattern | status | codemod | in the shim |', '|---|---|---|---|---|', ...rows].join('\n');
}

const START = /<!-- index:start[^>]*-->\n/;
const END = '<!-- index:end -->';

/** Core sections run against `users` and `addresses` tables; ORM sections against the models `User` and `Address` on them, and a `session`. */
function schema(area: 'core' | 'orm'): string[] {
  if (area === 'core') {
    return [
      '  const metadata = new __r.MetaData();',
      "  const users = new __r.Table('users', metadata, {",
      '    id: __r.column(__r.integer(), { primaryKey: true }),',
      '    name: __r.column(__r.string(50), { nullable: false }),',
      '  });',
      "  const addresses = new __r.Table('addresses', metadata, {",
      '    id: __r.column(__r.integer(), { primaryKey: true }),',
      "    userId: __r.column(__r.integer(), { name: 'user_id', nullable: false, references: __r.foreignKey(() => users.c.id) }),",
      '    email: __r.column(__r.string(100), { nullable: false }),',
      '  });',
    ];
  }
  return [
    '  const Base = __core.declarativeBase();',
    "  class User extends Base.model('users', {",
    '    id: __r.column(__r.integer(), { primaryKey: true }),',
    '    name: __r.column(__r.string(50), { nullable: false }),',
    "    addresses: __r.many<Address>('Address', { backPopulates: 'user' }),",
    '  }) {}',
    "  class Address extends Base.model('addresses', {",
    '    id: __r.column(__r.integer(), { primaryKey: true }),',
    "    userId: __r.column(__r.integer(), { name: 'user_id', nullable: false, references: __r.foreignKey('users.id') }),",
    '    email: __r.column(__r.string(100), { nullable: false }),',
    "    user: __r.one<User>('User', { backPopulates: 'addresses' }),",
    '  }) {}',
    '  Base.register(User, Address);',
    '  const metadata = Base.metadata;',
    '  const users = User.table;',
    '  const addresses = Address.table;',
  ];
}

/** Top-level `const name =` declarations of a block: the values "before" and "after" are compared by. */
function constants(body: readonly string[]): string[] {
  return body.map((l) => /^const (\w+)\s*=/.exec(l)?.[1]).filter((n): n is string => !!n);
}

/**
 * A runnable module: the block's imports, then its body inside `run()` after the shared
 * schema is set up. `run()` returns the block's constants and the rows left in the tables.
 */
function program(block: string, kind: 'before' | 'after', area: 'core' | 'orm'): string {
  const lines = block.split('\n');
  const imports = lines.filter((l) => l.startsWith('import '));
  const body = lines.filter((l) => !l.startsWith('import '));
  const lib = kind === 'before' ? 'retort/legacy' : 'retort';
  const orm = area === 'orm';
  const uses = (name: string) => new RegExp(`\\b${name}\\b`).test(body.join('\n'));
  return [
    ...imports,
    `import * as __r from '${lib}';`,
    "import * as __core from 'retort';",
    'export async function run(): Promise<{ constants: Record<string, unknown>; tables: unknown[][][] }> {',
    "  const engine = __r.createEngine('sqlite://');",
    ...schema(area),
    '  await metadata.createAll(engine);',
    '  await engine.begin(async (conn) => {',
    "    await conn.execute(__r.insert(users), [{ id: 1, name: 'ada' }, { id: 2, name: 'bob' }]);",
    "    await conn.execute(__r.insert(addresses), [{ id: 1, userId: 1, email: 'ada@example.com' }, { id: 2, userId: 1, email: 'ada@work.example' }, { id: 3, userId: 2, email: 'bob@example.com' }]);",
    '  });',
    ...(orm ? ['  const session = new __r.Session(engine);'] : []),
    ...(orm && uses('ada') ? ['  const ada = (await session.get(User, 1))!;'] : []),
    '  try {',
    ...body.map((l) => '    ' + l),
    ...(orm ? ['    await session.close();'] : []),
    `    const __constants: Record<string, unknown> = { ${constants(body).join(', ')} };`,
    '    const __conn = await engine.connect();',
    '    try {',
    '      const __tables: unknown[][][] = [];',
    '      for (const t of [users, addresses]) __tables.push((await __conn.execute(__core.select(t).orderBy(t.c.id))).all().map((r) => [...r]));',
    '      return { constants: __constants, tables: __tables };',
    '    } finally {',
    '      await __conn.close();',
    '    }',
    '  } finally {',
    '    await engine.dispose();',
    '  }',
    '}',
    '',
  ].join('\n');
}

type Outcome = { constants: Record<string, unknown>; tables: unknown[][][] };

async function runProgram(source: string): Promise<Outcome> {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
  const mod = { exports: {} as { run?: () => Promise<Outcome> } };
  const req = (id: string) => (id === 'retort' ? core : id === 'retort/legacy' ? legacy : require(id));
  new Function('require', 'module', 'exports', js)(req, mod, mod.exports);
  return mod.exports.run!();
}

const MAPPER = Symbol.for('retort.orm.mapper');

/**
 * A value as plain data, to compare "before" with "after": an ORM object as its class name
 * and loaded columns, a row as its values, a result as its rows. Statements, connections,
 * sessions and other machinery are not data (undefined: not compared).
 */
function data(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return typeof v === 'bigint' ? `${v}n` : typeof v === 'function' ? undefined : v;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(data);
  if (v instanceof core.Result || v instanceof core.ScalarResult) return data(v.all());
  const ctor = (v as object).constructor as { [MAPPER]?: unknown; table?: { c: object }; name: string } | undefined;
  if (ctor?.[MAPPER] && ctor.table) {
    const cols: Record<string, unknown> = {};
    for (const k of Object.keys(ctor.table.c)) {
      try {
        cols[k] = data((v as Record<string, unknown>)[k]);
      } catch {
        // not loaded: not compared
      }
    }
    return { [ctor.name]: cols };
  }
  if (typeof (v as { _tuple?: unknown })._tuple === 'function') return data((v as { _tuple(): unknown[] })._tuple());
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, data(x)]));
  return undefined;
}

/** The constants both examples declare whose values are data, side by side. */
function comparable(a: Outcome, b: Outcome): [Record<string, unknown>, Record<string, unknown>] {
  const left: Record<string, unknown> = {};
  const right: Record<string, unknown> = {};
  for (const k of Object.keys(a.constants)) {
    if (!(k in b.constants)) continue;
    const [x, y] = [data(a.constants[k]), data(b.constants[k])];
    if (x === undefined && y === undefined) continue;
    left[k] = x;
    right[k] = y;
  }
  return [left, right];
}

const sections = LEGACY_RECORDS.map(sectionOf);
const runnable = sections.filter((s) => s.record.implemented);

describe('migration guide', () => {
  it('has one section per registry code, with its title, status, a before/after pair, codemod and pitfalls', () => {
    for (const s of sections) {
      expect({ code: s.record.code, exists: s.text.length > 0 }).toEqual({ code: s.record.code, exists: true });
      expect(s.text.split('\n')[0]).toBe(`# ${s.record.code} — ${s.record.title}`);
      expect(s.text).toContain(`**Status:** ${s.record.status} `);
      expect(blocks(s.text, 'before')).toHaveLength(1);
      expect(blocks(s.text, 'after')).toHaveLength(1);
      for (const h of ['## What changed and why', '## Codemod', '## Pitfalls']) expect(s.text).toContain(h);
      if (s.record.codemod) expect(s.text).toContain(`npx retort-codemod ${s.record.codemod}`);
      else expect(s.text).toContain('No codemod');
      expect([s.record.code, s.text.includes('Waiting for the shim')]).toEqual([s.record.code, !s.record.implemented]);
    }
  });

  it("README's index table is the one generated from the registry", () => {
    const text = readFileSync(readme, 'utf8');
    const start = START.exec(text);
    expect(start).not.toBeNull();
    const from = start!.index + start![0].length;
    const to = text.indexOf(END);
    const table = renderIndex(LEGACY_RECORDS) + '\n';
    if (process.env.UPDATE_GUIDE === '1') writeFileSync(readme, text.slice(0, from) + table + text.slice(to));
    else expect(text.slice(from, to)).toBe(table);
  });

  it('README walks the upgrade path with its commands', () => {
    const text = readFileSync(readme, 'utf8');
    for (const step of ['RETORT_LEGACY=silent,report=legacy-report.json npm test', 'npx retort-codemod --list', 'RETORT_LEGACY=error npm test', '{ future: true }', "from 'retort/legacy'"]) {
      expect(text).toContain(step);
    }
  });

  for (const s of sections.filter((x) => !x.record.implemented)) {
    it(`${s.record.code} examples wait for the shim`, () => {
      console.log(`SKIPPED guide examples of ${s.record.code} (${s.record.title}): retort/legacy does not implement this pattern yet`);
    });
  }

  for (const s of runnable) {
    it(`${s.record.code} "before" warns exactly its codes, "after" none, and both give the same results`, async () => {
      const before = await captureLegacyWarnings(() => runProgram(program(s.before, 'before', s.record.area)));
      expect([...new Set(before.warnings.map((w) => w.code))].sort()).toEqual([s.record.code, ...s.also].sort());
      const after = await captureLegacyWarnings(() => runProgram(program(s.after, 'after', s.record.area)));
      expect(after.warnings).toEqual([]);
      expect(after.result.tables).toEqual(before.result.tables);
      const [b, a] = comparable(before.result, after.result);
      expect(a).toEqual(b);
    });
  }

  it('every runnable before/after example type-checks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'retort-guide-'));
    for (const s of runnable) {
      writeFileSync(join(dir, `${s.record.code}-before.ts`), program(s.before, 'before', s.record.area));
      writeFileSync(join(dir, `${s.record.code}-after.ts`), program(s.after, 'after', s.record.area));
    }
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'commonjs',
          moduleResolution: 'node',
          lib: ['ES2022'],
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          esModuleInterop: true,
          baseUrl: root,
          paths: { retort: ['core/index.ts'], 'retort/legacy': ['legacy-api/index.ts'] },
          typeRoots: [join(root, 'node_modules/@types')],
          types: ['node'],
        },
        include: ['./*.ts'],
      }),
    );
    let out = '';
    try {
      execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    } catch (e) {
      out = String((e as { stdout?: string }).stdout ?? e);
    }
    expect(out).toBe('');
  }, 120000);
});
