import { knex } from './db/knex';
import { select, func, insert, update } from 'retort';
import { users, posts } from './db/tables';
import { engine } from './db/engine';

export async function run(minAge: number) {
  const adults = await engine.begin(async (conn) =>
    (await conn.execute(
      select(users.c.id, users.c.teamName.label('team_name'))
        .where(users.c.age.ge(minAge))
        .orderBy(users.c.id),
    )).mappings().all(),
  );
  const bob = await engine.begin(async (conn) =>
    (await conn.execute(
      select(users.c.id, users.c.age)
        .where(users.c.name.eq('bob'))
        .limit(1),
    )).mappings().first() ?? undefined,
  );
  const perUser = await engine.begin(async (conn) =>
    (await conn.execute(
      select(posts.c.userId.label('user_id'), func.count(posts.c.id).label('n'))
        .groupBy(posts.c.userId)
        .orderBy(posts.c.userId),
    )).mappings().all(),
  );
  const changed = await knex.transaction(async (trx) => {
    await engine.withKnexTransaction(trx, (conn) =>
      conn.execute(
        insert(posts)
          .values({ userId: 2, title: 'b2', views: 0 }),
      ),
    );
    return engine.withKnexTransaction(trx, async (conn) =>
      (await conn.execute(
        update(posts)
          .values({ views: posts.c.views.add(1) })
          .where(posts.c.userId.eq(2)),
      )).rowCount,
    );
  });
  return { adults, bob, perUser, changed };
}
