// A CommonJS module (sloppy mode: `protected` is an allowed name here): new bindings come in as requires.
const knex = require('./db/knex').knex;
const { select, update } = require('retort');
const { users, posts } = require('./db/tables');
const { engine } = require('./db/engine');

function protected(value) {
  return value;
}

async function run(id) {
  const user = await engine.begin(async (conn) =>
    (await conn.execute(
      select(users.c.name, users.c.teamName.label('team_name'))
        .where(users.c.id.eq(protected(id)))
        .limit(1),
    )).mappings().first() ?? undefined,
  );
  const count = await engine.begin(async (conn) =>
    (await conn.execute(
      update(posts)
        .values({ views: 1 })
        .where(posts.c.userId.eq(id)),
    )).rowCount,
  );
  return { user, count };
}

module.exports = { run };
