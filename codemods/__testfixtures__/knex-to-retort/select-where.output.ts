import { knex } from './db/knex';
import { select, or, and, not } from 'retort';
import { users } from './db/tables';
import { engine } from './db/engine';

/** Reads with every WHERE form the transform knows. */
export async function run(minAge: number, names: string[]) {
  const adults = await engine.begin(async (conn) =>
    (await conn.execute(
      select(users.c.id, users.c.name)
        .where(users.c.age.ge(minAge))
        .orderBy(users.c.id),
    )).mappings().all(),
  );
  const byObject = await engine.begin(async (conn) =>
    (await conn.execute(
      select(users.c.id, users.c.name, users.c.age, users.c.teamName.label('team_name'))
        .where(users.c.name.eq('ada'), users.c.age.eq(36)),
    )).mappings().all(),
  );
  const byPair = await engine.begin(async (conn) =>
    (await conn.execute(
      select(users.c.name)
        .where(users.c.id.eq(2)),
    )).mappings().all(),
  );
  const grouped = await engine.begin(async (conn) =>
    (await conn.execute(
      select(users.c.id)
        .where(users.c.age.gt(20), or(users.c.name.eq('bob'), users.c.name.like('c%')))
        .orderBy(users.c.id),
    )).mappings().all(),
  );
  const arrowGroup = await engine.begin(async (conn) =>
    (await conn.execute(
      select(users.c.id)
        .where(or(users.c.age.isNull(), users.c.teamName.eq('red')))
        .orderBy(users.c.id),
    )).mappings().all(),
  );
  const listed = await engine.begin(async (conn) =>
    (await conn.execute(
      select(users.c.id)
        .where(users.c.name.in(names))
        .orderBy(users.c.id),
    )).mappings().all(),
  );
  const notListed = await engine.begin(async (conn) =>
    (await conn.execute(
      select(users.c.id)
        .where(users.c.id.notIn([1, 2]))
        .orderBy(users.c.id),
    )).mappings().all(),
  );
  const noAge = await engine.begin(async (conn) =>
    (await conn.execute(
      select(users.c.name)
        .where(users.c.age.isNull()),
    )).mappings().all(),
  );
  const withTeam = await engine.begin(async (conn) =>
    (await conn.execute(
      select(users.c.name, users.c.teamName.label('team_name'))
        .where(users.c.teamName.isNotNull())
        .orderBy(users.c.name),
    )).mappings().all(),
  );
  const either = await engine.begin(async (conn) =>
    (await conn.execute(
      select(users.c.id)
        .where(or(users.c.id.eq(1), and(users.c.age.lt(30), users.c.name.ne('dan'))))
        .orderBy(users.c.id),
    )).mappings().all(),
  );
  const negated = await engine.begin(async (conn) =>
    (await conn.execute(
      select(users.c.id)
        .where(not(users.c.name.eq('ada')))
        .orderBy(users.c.id),
    )).mappings().all(),
  );
  const between = await engine.begin(async (conn) =>
    (await conn.execute(
      select(users.c.id)
        .where(users.c.age.between(20, 40))
        .orderBy(users.c.id),
    )).mappings().all(),
  );
  const notEither = await engine.begin(async (conn) =>
    (await conn.execute(
      select(users.c.id)
        .where(or(users.c.id.gt(3), not(users.c.name.eq('ada')), not(users.c.age.eq(36))))
        .orderBy(users.c.id),
    )).mappings().all(),
  );
  const orObject = await engine.begin(async (conn) =>
    (await conn.execute(
      select(users.c.id)
        .where(or(users.c.id.eq(5), and(users.c.name.eq('bob'), users.c.age.eq(25))))
        .orderBy(users.c.id),
    )).mappings().all(),
  );
  const renamed = await engine.begin(async (conn) =>
    (await conn.execute(
      select(users.c.name.label('who'), users.c.teamName.label('team_name'))
        .where(users.c.teamName.eq('red')),
    )).mappings().all(),
  );
  return { adults, byObject, byPair, grouped, arrowGroup, listed, notListed, noAge, withTeam, either, negated, between, notEither, orObject, renamed };
}
