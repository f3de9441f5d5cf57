import { select } from 'retort';
import { knex } from './db/knex';
import { users, posts as postsTable } from './db/tables';
import { engine } from './db/engine';

/** A file already part-way through: existing imports are reused, names in use are not taken. */
export async function run(conn: number) {
  const posts = await engine.begin(async (retortConn) =>
    (await retortConn.execute(
      select(postsTable.c.title)
        .where(postsTable.c.userId.eq(conn))
        .orderBy(postsTable.c.title),
    )).mappings().all(),
  );
  const typed = select(users.c.name);
  const left = await knex('posts').where('title', knex.raw('?', ['x']));
  const names = await engine.begin(async (retortConn) =>
    (await retortConn.execute(
      select(users.c.name)
        .where(users.c.id.eq(conn)),
    )).mappings().all(),
  ).then((rows) => rows.map((r) => r.name));
  return { posts, typed: typeof typed.where, left, names };
}
