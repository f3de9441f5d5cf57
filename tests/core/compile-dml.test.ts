import { bindparam, compile, deleteFrom, insert, select, update } from 'retort';
import { mariadb, sqlOf } from '../support/compile';
import { addresses, orders, users } from '../support/schema';

describe('INSERT / UPDATE / DELETE compilation', () => {
  it('renders single and multi-row VALUES with client defaults filled per row', () => {
    const s = sqlOf(insert(users).values({ name: 'a', age: 3 }));
    expect(s.postgresql).toEqual({ sql: 'INSERT INTO users (name, age, active) VALUES ($1, $2, $3)', params: ['a', 3, true] });
    expect(s.sqlite.params).toEqual(['a', 3, 1]);
    const multi = sqlOf(insert(users).values([{ name: 'a' }, { name: 'b' }]));
    expect(multi.mysql).toEqual({ sql: 'INSERT INTO users (name, active) VALUES (?, ?), (?, ?)', params: ['a', 1, 'b', 1] });
  });

  it('rejects unknown columns and rows that set different columns', () => {
    expect(() => insert(users).values({ name: 'a', nope: 1 } as never)).toThrow(/users has no column "nope"/);
    expect(() => insert(users).values([{ name: 'a' }, { name: 'b', age: 1 }])).toThrow(/row 2 sets different columns/);
    expect(() => insert(users).values([])).toThrow(/empty list/);
  });

  it('renders executemany inserts from the parameter keys', () => {
    expect(sqlOf(insert(users), { name: 'x', email: 'e' }).postgresql).toEqual({ sql: 'INSERT INTO users (name, email, active) VALUES ($1, $2, $3)', params: ['x', 'e', true] });
  });

  it('renders INSERT … SELECT and DEFAULT VALUES', () => {
    const s = sqlOf(insert(addresses).fromSelect([addresses.c.userId, addresses.c.city], select(users.c.id, users.c.name).where(users.c.age.gt(1))));
    expect(s.sqlite.sql).toBe('INSERT INTO addresses (user_id, city) SELECT users.id, users.name FROM users WHERE users.age > ?');
    expect(compile(insert(orders), 'sqlite').sql).toBe('INSERT INTO orders DEFAULT VALUES');
    expect(compile(insert(orders), mariadb()).sql).toBe('INSERT INTO orders () VALUES ()');
  });

  it('renders RETURNING where the database has it, and refuses it where not', () => {
    const stmt = insert(users).values({ name: 'a' }).returning(users.c.id, users.c.name);
    const s = sqlOf(stmt);
    expect(s.postgresql.sql).toBe('INSERT INTO users (name, active) VALUES ($1, $2) RETURNING id, name');
    expect(s.mysql.sql).toBe('INSERT INTO users (name, active) VALUES (?, ?) RETURNING id, name');
    expect(() => compile(update(users).values({ name: 'x' }).returning(users.c.id), mariadb())).toThrow(/no RETURNING on UPDATE/);
    expect(() => compile(stmt, 'mysql')).toThrow(/no RETURNING on INSERT/);
  });

  it('renders upserts per dialect', () => {
    const stmt = insert(users)
      .values({ id: 1, name: 'a' })
      .onConflictDoUpdate({ target: [users.c.id], set: (excluded) => ({ name: excluded.name, age: users.c.age.add(1) }) });
    const s = sqlOf(stmt);
    expect(s.sqlite.sql).toBe('INSERT INTO users (id, name, active) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, age = users.age + ?');
    expect(s.postgresql.sql).toBe('INSERT INTO users (id, name, active) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET name = excluded.name, age = users.age + $4');
    expect(s.mysql.sql).toBe('INSERT INTO users (id, name, active) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE name = VALUES(name), age = users.age + ?');
    const nothing = sqlOf(insert(users).values({ id: 1, name: 'a' }).onConflictDoNothing());
    expect(nothing.postgresql.sql).toBe('INSERT INTO users (id, name, active) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING');
    expect(nothing.mysql.sql).toBe('INSERT INTO users (id, name, active) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE id = id');
    expect(() => compile(insert(users).values({ id: 1, name: 'a' }).onConflictDoUpdate({ set: { name: 'b' } }), 'postgresql')).toThrow(/needs a target/);
  });

  it('renders UPDATE with WHERE, UPDATE … FROM and the MySQL multi-table form', () => {
    expect(sqlOf(update(users).where(users.c.id.eq(5)).values({ name: 'x' })).postgresql).toEqual({ sql: 'UPDATE users SET name=$1 WHERE users.id = $2', params: ['x', 5] });
    const joined = update(users).values({ name: 'moved' }).where(users.c.id.eq(addresses.c.userId), addresses.c.city.eq('Rome'));
    const s = sqlOf(joined);
    expect(s.postgresql.sql).toBe('UPDATE users SET name=$1 FROM addresses WHERE users.id = addresses.user_id AND addresses.city = $2');
    expect(s.mysql.sql).toBe('UPDATE users, addresses SET users.name=? WHERE users.id = addresses.user_id AND addresses.city = ?');
  });

  it('renders bulk UPDATE by primary key from executemany parameters', () => {
    expect(sqlOf(update(users), { id: 3, name: 'n' }).postgresql).toEqual({ sql: 'UPDATE users SET name=$1 WHERE users.id = $2', params: ['n', 3] });
    expect(() => compile(update(users), 'sqlite', { params: { name: 'n' } })).toThrow(/include the primary key/);
    const named = update(users).where(users.c.id.eq(bindparam('uid'))).values({ name: bindparam('newName') });
    expect(sqlOf(named, { uid: 1, newName: 'z' }).sqlite).toEqual({ sql: 'UPDATE users SET name=? WHERE users.id = ?', params: ['z', 1] });
  });

  it('renders DELETE, DELETE … USING and the MySQL multi-table form', () => {
    expect(sqlOf(deleteFrom(users).where(users.c.id.eq(1))).sqlite.sql).toBe('DELETE FROM users WHERE users.id = ?');
    const joined = deleteFrom(users).where(users.c.id.eq(addresses.c.userId), addresses.c.city.eq('Rome'));
    expect(compile(joined, 'postgresql').sql).toBe('DELETE FROM users USING addresses WHERE users.id = addresses.user_id AND addresses.city = $1');
    expect(compile(joined, mariadb()).sql).toBe('DELETE users FROM users, addresses WHERE users.id = addresses.user_id AND addresses.city = ?');
    expect(() => compile(joined, 'sqlite')).toThrow(/no DELETE … USING/);
    expect(compile(deleteFrom(users).returning(users.c.id), 'sqlite').sql).toBe('DELETE FROM users RETURNING id');
  });

  it('never pastes values into SQL: every value is a parameter', () => {
    const evil = "x'); DROP TABLE users; --";
    for (const d of ['sqlite', 'postgresql'] as const) {
      const c = compile(select(users.c.id).where(users.c.name.eq(evil)), d);
      expect(c.sql).not.toContain('DROP');
      expect(c.params).toEqual([evil]);
    }
  });

  it('renders literal values only on explicit request, escaped per dialect', () => {
    const stmt = select(users.c.id).where(users.c.name.eq("it's \\ odd"), users.c.id.in([1, 2]));
    expect(compile(stmt, 'postgresql', { literalBinds: true }).sql).toBe("SELECT users.id FROM users WHERE users.name = 'it''s \\ odd' AND users.id IN (1, 2)");
    expect(compile(stmt, 'mysql', { literalBinds: true }).sql).toBe("SELECT users.id FROM users WHERE users.name = 'it''s \\\\ odd' AND users.id IN (1, 2)");
  });
});
