/**
 * `generate-tables` on every database: a rich live schema → a TypeScript module of Tables
 * that type-checks (with typed rows, and misuse failing to compile), imports, and runs
 * INSERT and SELECT against the same database.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { column, createEngine, Engine, foreignKey, insert, integer, MetaData, select, string, Table } from 'retort';
import { generateTables } from '../../codemods/generate-tables';
import { Leg, legs, tableName } from '../support/matrix';
import { capabilities, richSchema } from '../reflection/support/rich-schema';
import { typeErrors } from './support/typecheck';

const dir = process.env.KEEP_GEN ?? mkdtempSync(join(tmpdir(), 'retort-generate-'));
const p = tableName('gen', '');
/** The variable name the generator gives a table (camelCase of its name). */
const varOf = (table: string) => table.split(/[^A-Za-z0-9]+/).map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1))).join('');
const U = varOf(`${p}users`);
const O = varOf(`${p}orders`);
const generated: string[] = [];
afterAll(() => process.env.KEEP_GEN || rmSync(dir, { recursive: true, force: true }));

/** The URL the generator reads: the leg's server, or a SQLite file (an in-memory database cannot be shared). */
const urlOf = (leg: Leg) => (leg.name === 'sqlite' ? `sqlite:///${join(dir, 'gen.db')}` : leg.url);

/** Code using the generated tables: typed rows, and what must not compile. */
const usage = `
import { Connection, insert, select } from 'retort';
import { ${U}, ${O} } from './tables';
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;
declare const conn: Connection;
export async function typedRows() {
  const r = await conn.execute(select(${U}.c.id, ${U}.c.name, ${U}.c.email, ${U}.c.createdAt, ${U}.c.visits, ${U}.c.balance));
  type R = ReturnType<typeof r.one>;
  type _row = Expect<Equal<[R[0], R[1], R[2], R[3], R[4], R[5]], [number, string, string | null, Date | null, bigint | null, string]>>;
  insert(${U}).values({ name: 'Ada' });
  insert(${O}).values({ region: 'eu', num: 1, userId: 1, total: '1.00' });
  // @ts-expect-error name is a string
  insert(${U}).values({ name: 5 });
  // @ts-expect-error orders need their user (NOT NULL, no default)
  insert(${O}).values({ region: 'eu', num: 1, total: '1.00' });
  // @ts-expect-error there is no such column
  ${U}.c.nope;
}
`;

/** Column and table names a generator must quote, rename or keep apart. */
function oddNames(md: MetaData): void {
  new Table(`${p}Odd Names`, md, {
    id: column(integer(), { primaryKey: true }),
    userId: column(integer(), { name: 'user_id' }),
    userIdToo: column(integer(), { name: 'userId' }),
    klass: column(string(10), { name: 'class' }),
    first: column(string(10), { name: '1st' }),
    quoted: column(string(10), { name: "it's" }),
    spaced: column(string(10), { name: 'User Name' }),
    naive: column(string(10), { name: 'naïve' }),
    dotted: column(integer(), { name: 'a.b', references: foreignKey(() => md.table(`${p}categories`).c.id) }),
  });
}

for (const leg of legs()) {
  describe(`generate-tables [${leg.name}]`, () => {
    let engine: Engine;
    let original: MetaData;
    let code: string;
    const file = join(dir, leg.name, 'tables.ts');

    beforeAll(async () => {
      engine = createEngine(urlOf(leg));
      original = richSchema(p, capabilities(leg));
      oddNames(original);
      await original.dropAll(engine);
      await original.createAll(engine);
      // A type Retort has no name for comes back as the database's own.
      if (leg.name === 'postgresql') await engine.begin((conn) => conn.execDriverSql(`ALTER TABLE "${p}Odd Names" ADD COLUMN search tsvector`));
    });
    afterAll(async () => {
      await original.dropAll(engine);
      await engine.dispose();
    });

    it('writes a Table for every table, with keys, defaults, constraints and indexes', async () => {
      const out = await generateTables({ url: urlOf(leg), only: [`${p}order_lines`, `${p}users`, `${p}Odd Names`] });
      code = out.code;
      mkdirSync(join(dir, leg.name), { recursive: true });
      writeFileSync(file, code);
      writeFileSync(join(dir, leg.name, 'usage.ts'), usage);
      generated.push(file, join(dir, leg.name, 'usage.ts'));
      expect(out.tables.sort()).toEqual([`${p}Odd Names`, `${p}categories`, `${p}order_lines`, `${p}orders`, `${p}users`]); // referred tables come along
      expect(code).toContain(`export const ${U} = new Table('${p}users', metadata, {`);
      expect(code).toContain("createdAt: column(datetime(), { name: 'created_at', serverDefault: { sql:");
      expect(code).toMatch(/name: column\(string\(50\), \{ nullable: false(, comment: 'display name')? \}\)/);
      expect(code).toMatch(/id: column\(integer\(\), \{ primaryKey: true \}\)/);
      expect(code).toContain(`references: foreignKey('${p}users.id', { name: '${p}fk_orders_user', onDelete: 'CASCADE' })`);
      expect(code).toContain(`foreignKeyConstraint([c.parentRegion, c.parentNum], (): ColumnRef<unknown>[] => [${O}.c.region, ${O}.c.num]`);
      expect(code).toContain(`uniqueConstraint([c.userId, c.num], { name: '${p}uq_orders_user_num' })`);
      expect(code).toContain(`checkConstraint(`);
      expect(code).toContain(`index('${p}ix_users_name', [c.name, c.born])`);
      expect(code).toMatch(/line: column\(smallint\(\), \{ primaryKey: true, autoincrement: false \}\)/);
      if (leg.name !== 'sqlite') expect(code).toContain("comment: 'people who order'"); // SQLite stores no comments
      if (leg.name === 'postgresql') {
        expect(code).toContain(`enumType(['active', 'banned', 'it\\'s'], { name: '${p}status' })`);
        expect(code).toContain('tags: column(array(string(20)))');
        expect(code).toContain('seenAt: column(datetime({ timezone: true })');
      }
      if (leg.name !== 'mysql') expect(code).toContain("text('lower(");
      // Names that are not identifiers, collide, or start with a digit.
      expect(code).toContain(`export const ${varOf(`${p}Odd Names`)} = new Table('${p}Odd Names', metadata, {`);
      for (const line of [
        // user_id and userId would both be userId: each keeps its SQL name.
        'user_id: column(integer()),',
        'userId: column(integer()),',
        'class: column(string(10)),',
        "_1st: column(string(10), { name: '1st' }),",
        "itS: column(string(10), { name: 'it\\'s' }),",
        "userName: column(string(10), { name: 'User Name' }),",
        'naïve: column(string(10)),',
        `aB: column(integer(), { name: 'a.b', references: foreignKey('${p}categories.id'`,
      ]) {
        expect(code).toContain(line);
      }
      if (leg.name === 'postgresql') expect(code).toContain("search: column(new SqlType<unknown>('unknown', { databaseName: 'tsvector' })), // Retort has no type for tsvector");

    });

    it('reads another schema, leaving out foreign keys that lead out of it', async () => {
      if (leg.name !== 'postgresql') return; // schemas as namespaces of one database: PostgreSQL
      const schema = `${p}schema`;
      await engine.begin(async (conn) => {
        await conn.execDriverSql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await conn.execDriverSql(`CREATE SCHEMA ${schema}`);
        await conn.execDriverSql(`CREATE TABLE ${schema}."${p}users" (id int PRIMARY KEY, home_id int REFERENCES public."${p}categories"(id))`);
        await conn.execDriverSql(`CREATE TABLE ${schema}.pets (id serial PRIMARY KEY, owner_id int REFERENCES ${schema}."${p}users"(id))`);
      });
      try {
        const out = await generateTables({ url: urlOf(leg), schema });
        expect(out.tables).toEqual(['pets', `${p}users`]);
        expect(out.code).toContain(`ownerId: column(integer(), { name: 'owner_id', references: foreignKey('${p}users.id'`);
        expect(out.code).toContain(`homeId: column(integer(), { name: 'home_id' }), // foreign key (home_id) to ${p}categories(id) is not generated`);
        expect(out.code.match(new RegExp(`schema: '${schema}'`, 'g'))).toHaveLength(2);
      } finally {
        await engine.begin((conn) => conn.execDriverSql(`DROP SCHEMA ${schema} CASCADE`));
      }
    });

    it('gives tables that insert and select on the live database', async () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(file) as { metadata: MetaData } & Record<string, Table>;
      expect([...mod.metadata.tables.keys()].sort()).toEqual([...original.tables.keys()].sort());
      const users = mod[U]!;
      const orders = mod[O]!;
      await engine.begin(async (conn) => {
        await conn.execute(insert(users).values({ name: 'Ada', email: 'ada@example.com' } as never));
        const id = (await conn.execute(select(users.c.id).where(users.c.name.eq('Ada')))).scalarOne();
        await conn.execute(insert(orders).values({ region: 'eu', num: 1, userId: id, total: '12.50' } as never));
        const row = (await conn.execute(select(users.c.name, users.c.active, users.c.balance, orders.c.total).join(orders))).one();
        expect([...row]).toEqual(['Ada', true, '0.00', '12.50']);
      });
    });

    it('gives tables whose DDL recreates the schema', async () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(file) as { metadata: MetaData };
      await original.dropAll(engine);
      await mod.metadata.createAll(engine);
      const again = await generateTables({ url: urlOf(leg), only: [`${p}order_lines`, `${p}users`, `${p}Odd Names`] });
      // Names the database invents (constraints Retort left unnamed) may differ; the rest is the same.
      const stable = (s: string) => s.replace(/name: '(?!t_gen_)[^']*'/g, "name: '…'");
      expect(stable(again.code)).toEqual(stable(code));
    });
  });
}

describe('generated modules', () => {
  it('type-check, with typed rows and misuse rejected', () => {
    expect(generated.length).toBe(legs().length * 2);
    expect(typeErrors(generated)).toEqual([]);
  });
});
