// new Table(name, metadata, { autoload, autoloadWith }) → autoloadTable().
import { createEngine, MetaData, select, Table } from 'retort/legacy';

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await engine.begin(async (conn) => {
    await conn.execDriverSql('CREATE TABLE pets (id INTEGER PRIMARY KEY, name TEXT)');
    await conn.execDriverSql("INSERT INTO pets VALUES (1, 'rex')");
  });
  const metadata = new MetaData();
  const pets = await new Table('pets', metadata, { autoload: true, autoloadWith: engine });
  const conn = await engine.connect();
  try {
    return [Object.keys(pets.c), (await conn.execute(select(pets))).all().map((r) => [...r])];
  } finally {
    await conn.close();
    await engine.dispose();
  }
}
