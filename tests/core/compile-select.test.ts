import { and, bindparam, compile, case_, cast, exists, func, integer, literal, not, or, select, string, text, union, unionAll, except, intersect, null_ } from 'retort';
import { sqlOf } from '../support/compile';
import { addresses, orders, reserved, users } from '../support/schema';

describe('SELECT compilation', () => {
  it('renders columns, WHERE, ORDER BY, LIMIT/OFFSET per dialect with bound parameters', () => {
    const s = sqlOf(select(users.c.id, users.c.name).where(users.c.name.eq('ada'), users.c.age.gt(18)).orderBy(users.c.id.desc()).limit(10).offset(20));
    expect(s.sqlite).toEqual({ sql: 'SELECT users.id, users.name FROM users WHERE users.name = ? AND users.age > ? ORDER BY users.id DESC LIMIT ? OFFSET ?', params: ['ada', 18, 10, 20] });
    expect(s.postgresql).toEqual({ sql: 'SELECT users.id, users.name FROM users WHERE users.name = $1 AND users.age > $2 ORDER BY users.id DESC LIMIT $3 OFFSET $4', params: ['ada', 18, 10, 20] });
    expect(s.mysql.sql).toBe('SELECT users.id, users.name FROM users WHERE users.name = ? AND users.age > ? ORDER BY users.id DESC LIMIT ? OFFSET ?');
  });

  it('selects all columns of a table', () => {
    expect(sqlOf(select(users)).sqlite.sql).toBe('SELECT users.id, users.name, users.email, users.age, users.active FROM users');
  });

  it('renders every comparison operator, AND/OR/NOT, IS NULL, BETWEEN', () => {
    const c = users.c;
    const stmt = select(c.id).where(
      or(c.age.ne(1), c.age.lt(2), c.age.le(3), c.age.ge(4)),
      not(c.email.isNull()),
      c.name.isNotNull(),
      c.age.between(1, 9),
      c.email.eq(null),
      c.age.notBetween(3, 4),
    );
    expect(sqlOf(stmt).postgresql.sql).toBe(
      'SELECT users.id FROM users WHERE (users.age <> $1 OR users.age < $2 OR users.age <= $3 OR users.age >= $4) AND NOT (users.email IS NULL) AND users.name IS NOT NULL AND users.age BETWEEN $5 AND $6 AND users.email IS NULL AND users.age NOT BETWEEN $7 AND $8',
    );
  });

  it('expands IN lists at execution, so one compiled form serves every length; empty lists are false/true', () => {
    const s = sqlOf(select(users.c.id).where(users.c.id.in([1, 2, 3])));
    expect(s.postgresql).toEqual({ sql: 'SELECT users.id FROM users WHERE users.id IN ($1, $2, $3)', params: [1, 2, 3] });
    expect(sqlOf(select(users.c.id).where(users.c.id.in([]))).postgresql.sql).toBe('SELECT users.id FROM users WHERE users.id IN (SELECT CAST(NULL AS INTEGER) WHERE 1 != 1)');
    expect(sqlOf(select(users.c.id).where(users.c.id.notIn([]))).mysql.sql).toBe('SELECT users.id FROM users WHERE users.id NOT IN (SELECT NULL FROM DUAL WHERE 1 != 1)');
    const expanding = select(users.c.id).where(users.c.id.in(bindparam('ids')), users.c.age.eq(bindparam('age')));
    expect(sqlOf(expanding, { ids: [5, 6], age: 3 }).postgresql).toEqual({ sql: 'SELECT users.id FROM users WHERE users.id IN ($1, $2) AND users.age = $3', params: [5, 6, 3] });
  });

  it('renders IN with a subquery', () => {
    const sub = select(addresses.c.userId).where(addresses.c.city.eq('Paris'));
    expect(sqlOf(select(users.c.name).where(users.c.id.in(sub))).sqlite.sql).toBe(
      'SELECT users.name FROM users WHERE users.id IN (SELECT addresses.user_id FROM addresses WHERE addresses.city = ?)',
    );
  });

  it('renders LIKE with escapes, ILIKE per dialect, startsWith escaping wildcards', () => {
    expect(sqlOf(select(users.c.id).where(users.c.name.like('a!%%', { escape: '!' }))).sqlite.sql).toBe("SELECT users.id FROM users WHERE users.name LIKE ? ESCAPE '!'");
    const il = sqlOf(select(users.c.id).where(users.c.name.ilike('A%')));
    expect(il.postgresql.sql).toBe('SELECT users.id FROM users WHERE users.name ILIKE $1');
    expect(il.sqlite.sql).toBe('SELECT users.id FROM users WHERE lower(users.name) LIKE lower(?)');
    const sw = sqlOf(select(users.c.id).where(users.c.name.startsWith('50%_off')));
    expect(sw.mysql.params).toEqual(['50\\%\\_off%']);
    expect(sw.mysql.sql).toBe("SELECT users.id FROM users WHERE users.name LIKE ? ESCAPE '\\\\'");
  });

  it('renders arithmetic and string concatenation per dialect', () => {
    const s = sqlOf(select(users.c.age.add(1).mul(2), users.c.name.concat('!')));
    expect(s.postgresql.sql).toBe('SELECT (users.age + $1) * $2, users.name || $3 FROM users');
    expect(s.mysql.sql).toBe('SELECT (users.age + ?) * ?, concat(users.name, ?) FROM users');
  });

  it('renders CASE, CAST, functions, DISTINCT, labels and literals', () => {
    const stmt = select(
      case_([users.c.age.lt(18), 'minor'], { else: 'adult' }).label('kind'),
      cast(users.c.age, string(10)),
      func.coalesce(users.c.email, 'none'),
      func.count(),
      literal(1),
    ).distinct();
    expect(sqlOf(stmt).postgresql).toEqual({
      sql: 'SELECT DISTINCT CASE WHEN users.age < $1 THEN $2 ELSE $3 END AS kind, CAST(users.age AS VARCHAR(10)), coalesce(users.email, $4), count(*), 1 FROM users',
      params: [18, 'minor', 'adult', 'none'],
    });
    expect(sqlOf(select(cast(users.c.name, integer()))).mysql.sql).toBe('SELECT CAST(users.name AS SIGNED) FROM users');
  });

  it('renders now() per dialect', () => {
    const s = sqlOf(select(func.now()));
    expect([s.sqlite.sql, s.postgresql.sql, s.mysql.sql]).toEqual(['SELECT CURRENT_TIMESTAMP', 'SELECT now()', 'SELECT CURRENT_TIMESTAMP(6)']);
  });

  it('infers the join condition from the foreign key, and takes an explicit one', () => {
    expect(sqlOf(select(users.c.name, addresses.c.city).join(addresses)).sqlite.sql).toBe(
      'SELECT users.name, addresses.city FROM users JOIN addresses ON addresses.user_id = users.id',
    );
    expect(sqlOf(select(users.c.name).outerJoin(orders, orders.c.userId.eq(users.c.id))).sqlite.sql).toBe(
      'SELECT users.name FROM users LEFT OUTER JOIN orders ON orders.user_id = users.id',
    );
    expect(() => sqlOf(select(users.c.name).fullJoin(orders)).mysql).toThrow(/FULL OUTER JOIN/);
    expect(() => select(addresses.c.id).join(orders)).toThrow(/cannot infer a join condition/);
  });

  it('a join given to selectFrom() is the FROM of the columns of its tables (no second entry for them)', () => {
    const j = users.join(addresses, addresses.c.userId.eq(users.c.id));
    expect(sqlOf(select(users.c.name, addresses.c.city).selectFrom(j).where(addresses.c.city.eq('Oslo'))).sqlite.sql).toBe(
      'SELECT users.name, addresses.city FROM users JOIN addresses ON addresses.user_id = users.id WHERE addresses.city = ?',
    );
    // A table the join does not cover still gets its own entry; one named before the join is replaced by it.
    expect(sqlOf(select(users.c.name, orders.c.id).selectFrom(users, j)).sqlite.sql).toBe(
      'SELECT users.name, orders.id FROM users JOIN addresses ON addresses.user_id = users.id, orders',
    );
  });

  it('renders GROUP BY / HAVING and NULLS FIRST/LAST (emulated on MySQL)', () => {
    const stmt = select(orders.c.userId, func.sum(orders.c.total)).groupBy(orders.c.userId).having(func.count().gt(1)).orderBy(orders.c.userId.desc().nullsLast());
    const s = sqlOf(stmt);
    expect(s.postgresql.sql).toBe('SELECT orders.user_id, sum(orders.total) FROM orders GROUP BY orders.user_id HAVING count(*) > $1 ORDER BY orders.user_id DESC NULLS LAST');
    expect(s.mysql.sql).toBe('SELECT orders.user_id, sum(orders.total) FROM orders GROUP BY orders.user_id HAVING count(*) > ? ORDER BY orders.user_id IS NULL ASC, orders.user_id DESC');
  });

  it('renders scalar subqueries, correlated EXISTS, and subqueries in FROM', () => {
    const count = select(func.count()).selectFrom(addresses).where(addresses.c.userId.eq(users.c.id)).scalarSubquery();
    expect(sqlOf(select(users.c.name, count.label('n'))).sqlite.sql).toBe(
      'SELECT users.name, (SELECT count(*) FROM addresses WHERE addresses.user_id = users.id) AS n FROM users',
    );
    const ex = exists(select(addresses.c.id).where(addresses.c.userId.eq(users.c.id)));
    expect(sqlOf(select(users.c.name).where(ex)).sqlite.sql).toBe('SELECT users.name FROM users WHERE EXISTS (SELECT addresses.id FROM addresses WHERE addresses.user_id = users.id)');
    const totals = select(orders.c.userId, func.sum(orders.c.total).label('total')).groupBy(orders.c.userId).subquery('totals');
    expect(sqlOf(select(users.c.name, totals.c.total).join(totals, totals.c.userId.eq(users.c.id))).postgresql.sql).toBe(
      'SELECT users.name, totals.total FROM users JOIN (SELECT orders.user_id AS "userId", sum(orders.total) AS total FROM orders GROUP BY orders.user_id) AS totals ON totals."userId" = users.id',
    );
  });

  it('names anonymous aliases and supports self-joins through aliases', () => {
    const a = users.alias();
    expect(sqlOf(select(a.c.name).where(a.c.id.eq(1))).sqlite.sql).toBe('SELECT anon_1.name FROM users AS anon_1 WHERE anon_1.id = ?');
    const boss = users.alias('boss');
    expect(sqlOf(select(users.c.name, boss.c.name).join(boss, boss.c.id.eq(users.c.age))).sqlite.sql).toBe(
      'SELECT users.name, boss.name FROM users JOIN users AS boss ON boss.id = users.age',
    );
  });

  it('renders CTEs, including recursive ones', () => {
    const big = select(orders.c.userId).where(orders.c.total.gt('100')).cte('big');
    expect(sqlOf(select(users.c.name).where(users.c.id.in(select(big.c.userId)))).postgresql.sql).toBe(
      'WITH big("userId") AS (SELECT orders.user_id AS "userId" FROM orders WHERE orders.total > $1) SELECT users.name FROM users WHERE users.id IN (SELECT big."userId" FROM big)',
    );
    const base = select(literal(1).label('n')).cte('nums', { recursive: true });
    const nums = base.unionAll(select(base.c.n.add(1)).where(base.c.n.lt(5)));
    expect(sqlOf(select(nums.c.n)).sqlite.sql).toBe('WITH RECURSIVE nums(n) AS (SELECT 1 AS n UNION ALL SELECT nums.n + ? FROM nums WHERE nums.n < ?) SELECT nums.n FROM nums');
  });

  it('renders UNION / UNION ALL / INTERSECT / EXCEPT with ORDER BY and LIMIT', () => {
    const a = select(users.c.name).where(users.c.age.lt(10));
    const b = select(users.c.name).where(users.c.age.gt(90));
    expect(sqlOf(union(a, b).orderBy(users.c.name).limit(3)).sqlite.sql).toBe(
      'SELECT users.name FROM users WHERE users.age < ? UNION SELECT users.name FROM users WHERE users.age > ? ORDER BY name LIMIT ?',
    );
    expect(sqlOf(unionAll(a, b)).postgresql.sql).toContain(' UNION ALL ');
    expect(sqlOf(intersect(a, b)).mysql.sql).toContain(' INTERSECT ');
    expect(sqlOf(except(a, b)).postgresql.sql).toContain(' EXCEPT ');
    expect(() => union(a, select(users.c.id, users.c.name))).toThrow(/same number of columns/);
  });

  it('renders window functions with partition, order and frame', () => {
    const w = func.sum(orders.c.total).over({ partitionBy: [orders.c.userId], orderBy: [orders.c.placedAt], rows: [null, 0] });
    expect(sqlOf(select(orders.c.id, w.label('running'), func.rowNumber().over({ orderBy: [orders.c.id.desc()] }))).postgresql.sql).toBe(
      'SELECT orders.id, sum(orders.total) OVER (PARTITION BY orders.user_id ORDER BY orders.placed_at ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running, row_number() OVER (ORDER BY orders.id DESC) FROM orders',
    );
  });

  it('quotes reserved words and mixed case per dialect', () => {
    const s = sqlOf(select(reserved.c.select, reserved.c.Group).where(reserved.c.Group.eq('x')));
    expect(s.postgresql.sql).toBe('SELECT "Order"."select", "Order"."Group" FROM "Order" WHERE "Order"."Group" = $1');
    expect(s.mysql.sql).toBe('SELECT `Order`.`select`, `Order`.`Group` FROM `Order` WHERE `Order`.`Group` = ?');
  });

  it('renders FOR UPDATE, DISTINCT ON (PostgreSQL only) and literal binds only on request', () => {
    expect(sqlOf(select(users.c.id).forUpdate({ skipLocked: true })).postgresql.sql).toBe('SELECT users.id FROM users FOR UPDATE SKIP LOCKED');
    expect(sqlOf(select(users.c.id).forUpdate()).sqlite.sql).toBe('SELECT users.id FROM users');
    expect(compile(select(users.c.id, users.c.name).distinct(users.c.name), 'postgresql').sql).toBe('SELECT DISTINCT ON (users.name) users.id, users.name FROM users');
    expect(() => compile(select(users.c.id).distinct(users.c.name), 'sqlite')).toThrow(/DISTINCT ON/);
  });

  it('keeps text() parameters bound and respects :: casts and quoted colons', () => {
    const s = sqlOf(text("SELECT id::text, ':nope' FROM users WHERE id = :id AND name = :name").bindparams({ id: 1 }), { name: 'x' });
    expect(s.postgresql).toEqual({ sql: "SELECT id::text, ':nope' FROM users WHERE id = $1 AND name = $2", params: [1, 'x'] });
  });

  it('renders NULL and the and()/or() identities', () => {
    expect(sqlOf(select(users.c.id).where(and())).sqlite.sql).toBe('SELECT users.id FROM users WHERE 1');
    expect(sqlOf(select(users.c.id).where(or())).postgresql.sql).toBe('SELECT users.id FROM users WHERE FALSE');
    expect(sqlOf(select(null_())).sqlite.sql).toBe('SELECT NULL');
  });

  it('is immutable: generative calls never change the original', () => {
    const base = select(users.c.id);
    const filtered = base.where(users.c.id.eq(1));
    expect(sqlOf(base).sqlite.sql).toBe('SELECT users.id FROM users');
    expect(sqlOf(filtered).sqlite.sql).toBe('SELECT users.id FROM users WHERE users.id = ?');
    expect(Object.isFrozen(base._state)).toBe(true);
  });
});
