import { knex } from './db/knex';
import { insert, update, deleteFrom, select } from 'retort';
import { users as usersTable, posts as postsTable } from './db/tables';
import { engine } from './db/engine';

/** INSERT, UPDATE and DELETE, with and without returning(), and what they leave behind. */
export async function run(title: string) {
  await engine.begin((conn) => conn.execute(insert(usersTable).values({ id: 10, name: 'eve', age: 22 })));
  const inserted = await engine.begin(async (conn) =>
    (await conn.execute(
      insert(postsTable)
        .values([{ userId: 10, title, views: 0 }, { userId: 10, title: 'second', views: 1 }])
        .returning(postsTable.c.id, postsTable.c.title),
    )).mappings().all(),
  );
  const keyed = await engine.begin(async (conn) =>
    (await conn.execute(
      insert(postsTable)
        .values({ userId: 1, title: 'third', views: 2 })
        .returning(postsTable.c.userId.label('user_id')),
    )).mappings().all(),
  );
  const updated = await engine.begin(async (conn) =>
    (await conn.execute(
      update(usersTable)
        .values({ teamName: 'blue', age: 23 })
        .where(usersTable.c.id.eq(10)),
    )).rowCount,
  );
  const renamed = await engine.begin(async (conn) =>
    (await conn.execute(
      update(usersTable)
        .values({ name: 'eve2' })
        .where(usersTable.c.id.eq(10))
        .returning(
          usersTable.c.id,
          usersTable.c.name,
          usersTable.c.age,
          usersTable.c.teamName.label('team_name'),
        ),
    )).mappings().all(),
  );
  const bumped = await engine.begin(async (conn) =>
    (await conn.execute(
      update(postsTable)
        .values({ views: postsTable.c.views.add(5) })
        .where(postsTable.c.userId.eq(10)),
    )).rowCount,
  );
  const lowered = await engine.begin(async (conn) =>
    (await conn.execute(
      update(postsTable)
        .values({ views: postsTable.c.views.sub(1) })
        .where(postsTable.c.title.eq('second')),
    )).rowCount,
  );
  const removed = await engine.begin(async (conn) =>
    (await conn.execute(
      deleteFrom(postsTable)
        .where(postsTable.c.views.lt(3)),
    )).rowCount,
  );
  const gone = await engine.begin(async (conn) =>
    (await conn.execute(
      deleteFrom(usersTable)
        .where(usersTable.c.id.eq(5)),
    )).rowCount,
  );
  const users = await engine.begin(async (conn) =>
    (await conn.execute(
      select(usersTable.c.id, usersTable.c.name, usersTable.c.age, usersTable.c.teamName.label('team_name'))
        .orderBy(usersTable.c.id),
    )).mappings().all(),
  );
  const posts = await engine.begin(async (conn) =>
    (await conn.execute(
      select(postsTable.c.userId.label('user_id'), postsTable.c.title, postsTable.c.views)
        .orderBy(postsTable.c.title),
    )).mappings().all(),
  );
  return { inserted, keyed, updated, renamed, bumped, lowered, removed, gone, users, posts };
}
