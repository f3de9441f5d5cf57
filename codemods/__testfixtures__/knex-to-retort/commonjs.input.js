// A CommonJS module (sloppy mode: `protected` is an allowed name here): new bindings come in as requires.
const knex = require('./db/knex').knex;

function protected(value) {
  return value;
}

async function run(id) {
  const user = await knex('users').where('id', protected(id)).first('name', 'team_name');
  const count = await knex('posts').where('user_id', id).update({ views: 1 });
  return { user, count };
}

module.exports = { run };
