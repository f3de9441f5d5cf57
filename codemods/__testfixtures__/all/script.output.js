// CommonJS JavaScript: require() of retort/legacy is followed like an import.
const { column, createEngine, insert, integer, MetaData, select, string, Table } = require('retort');

const metadata = new MetaData();
const users = new Table('users', metadata, { id: column(integer(), { primaryKey: true }), name: column(string(20)) });

async function run() {
  const engine = createEngine('sqlite://');
  await engine.begin(async (conn) => metadata.createAll(conn));
  await engine.begin((conn2) => conn2.execute(insert(users).values({ id: 1, name: 'ann' })));
  const rows = (await engine.begin((conn2) => conn2.execute(select(users.c.id, users.c.name).limit(1)))).all();
  const out = rows.map((r) => [r._mapping['id'], r._mapping['name']]);
  await engine.dispose();
  return out;
}

module.exports = { run };
