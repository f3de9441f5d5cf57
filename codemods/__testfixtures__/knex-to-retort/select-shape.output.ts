import { knex } from './db/knex';
import { select, func } from 'retort';
import { users, posts } from './db/tables';
import { engine } from './db/engine';

/** Joins, ordering, grouping, paging, first() and aggregates. */
export async function run(page: number) {
  const titles = await engine.begin(async (conn) =>
    (await conn.execute(
      select(users.c.name, posts.c.title)
        .selectFrom(posts)
        .join(users, users.c.id.eq(posts.c.userId))
        .orderBy(users.c.name, posts.c.title.desc()),
    )).mappings().all(),
  );
  const everyone = await engine.begin(async (conn) =>
    (await conn.execute(
      select(users.c.id, posts.c.title)
        .selectFrom(users)
        .outerJoin(posts, posts.c.userId.eq(users.c.id))
        .orderBy(users.c.id, posts.c.title),
    )).mappings().all(),
  );
  const perUser = await engine.begin(async (conn) =>
    (await conn.execute(
      select(
        posts.c.userId.label('user_id'),
        func.count(posts.c.id).label('n'),
        func.sum(posts.c.views).label('total'),
      )
        .groupBy(posts.c.userId)
        .orderBy(posts.c.userId),
    )).mappings().all(),
  );
  const stats = await engine.begin(async (conn) =>
    (await conn.execute(
      select(func.max(posts.c.views).label('most'), func.min(posts.c.views).label('least'))
        .limit(1),
    )).mappings().first() ?? undefined,
  );
  const howMany = await engine.begin(async (conn) =>
    (await conn.execute(
      select(func.count().label('n'))
        .selectFrom(users)
        .limit(1),
    )).mappings().first() ?? undefined,
  );
  const paged = await engine.begin(async (conn) =>
    (await conn.execute(
      select(users.c.id)
        .orderBy(users.c.name.desc())
        .limit(2)
        .offset(page * 2),
    )).mappings().all(),
  );
  const first = await engine.begin(async (conn) =>
    (await conn.execute(
      select(users.c.id, users.c.age)
        .where(users.c.name.eq('bob'))
        .limit(1),
    )).mappings().first() ?? undefined,
  );
  const missing = await engine.begin(async (conn) =>
    (await conn.execute(
      select(users.c.id, users.c.name, users.c.age, users.c.teamName.label('team_name'))
        .where(users.c.name.eq('nobody'))
        .limit(1),
    )).mappings().first() ?? undefined,
  );
  const whole = await engine.begin(async (conn) =>
    (await conn.execute(
      select(users.c.name)
        .where(users.c.id.eq(1)),
    )).mappings().all(),
  );
  const distinctAges = await engine.begin(async (conn) =>
    (await conn.execute(
      select(users.c.age)
        .distinct()
        .where(users.c.age.isNotNull())
        .orderBy(users.c.age),
    )).mappings().all(),
  );
  return { titles, everyone, perUser, stats, howMany, paged, first, missing, whole, distinctAges };
}
