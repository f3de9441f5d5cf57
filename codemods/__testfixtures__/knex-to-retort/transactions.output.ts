import type { Knex } from 'knex';
import { knex } from './db/knex';
import { update, insert, select, deleteFrom } from 'retort';
import { users as usersTable, posts as postsTable } from './db/tables';
import { engine } from './db/engine';

async function rename(trx: Knex.Transaction, id: number, name: string) {
  return engine.withKnexTransaction(trx, async (conn) =>
    (await conn.execute(
      update(usersTable)
        .values({ name })
        .where(usersTable.c.id.eq(id)),
    )).rowCount,
  );
}

/** Statements inside knex transactions, committed and rolled back. */
export async function run() {
  const seen = await knex.transaction(async (trx) => {
    await engine.withKnexTransaction(trx, (conn) =>
      conn.execute(
        insert(usersTable)
          .values({ id: 20, name: 'fay' }),
      ),
    );
    await rename(trx, 20, 'faye');
    const changed = await engine.withKnexTransaction(trx, async (conn) =>
      (await conn.execute(
        update(postsTable)
          .values({ views: 100 })
          .where(postsTable.c.userId.eq(1)),
      )).rowCount,
    );
    const inside = await engine.withKnexTransaction(trx, async (conn) =>
      (await conn.execute(
        select(usersTable.c.name)
          .where(usersTable.c.id.eq(20))
          .limit(1),
      )).mappings().first() ?? undefined,
    );
    return { changed, inside };
  });
  let failed = '';
  try {
    await knex.transaction(async (trx) => {
      await engine.withKnexTransaction(trx, async (conn) =>
        (await conn.execute(
          deleteFrom(postsTable)
            .where(postsTable.c.userId.eq(1)),
        )).rowCount,
      );
      await engine.withKnexTransaction(trx, async (conn) =>
        (await conn.execute(
          deleteFrom(usersTable)
            .where(usersTable.c.id.eq(1)),
        )).rowCount,
      );
      await engine.withKnexTransaction(trx, (conn) =>
        conn.execute(
          insert(postsTable)
            .values({ userId: 2, title: 'lost', views: 0 }),
        ),
      );
      throw new Error('undo');
    });
  } catch (e) {
    failed = (e as Error).message === 'undo' ? 'rolled back' : String(e);
  }
  const trx = await knex.transaction();
  await engine.withKnexTransaction(trx, async (conn) =>
    (await conn.execute(
      update(usersTable)
        .values({ age: 26 })
        .where(usersTable.c.id.eq(2)),
    )).rowCount,
  );
  const ages = await engine.withKnexTransaction(trx, async (conn) =>
    (await conn.execute(
      select(usersTable.c.age)
        .where(usersTable.c.id.eq(2)),
    )).mappings().all(),
  );
  await trx.commit();
  const users = await engine.begin(async (conn) =>
    (await conn.execute(
      select(usersTable.c.id, usersTable.c.name, usersTable.c.age)
        .orderBy(usersTable.c.id),
    )).mappings().all(),
  );
  const posts = await engine.begin(async (conn) =>
    (await conn.execute(
      select(postsTable.c.title, postsTable.c.views)
        .orderBy(postsTable.c.id),
    )).mappings().all(),
  );
  return { seen, failed, ages, users, posts };
}
