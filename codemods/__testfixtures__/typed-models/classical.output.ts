// A relationship to a classically mapped class, and tables named through a function: the foreign key
// `${t('depots')}.id` names the table t('depots'), so Crate.depot is one object; Depot's mapper() call
// moves to the same base so the name 'Depot' resolves there.
import { Column, column, createEngine, declarativeBase, ForeignKey, insert, integer, Integer, mapper, relation, Session, string, Table, foreignKey, one } from 'retort/legacy';

const t = (name: string) => `cl_${name}`;
const Base = declarativeBase();
const depots = new Table(t('depots'), Base.metadata, {
  id: column(integer(), { primaryKey: true, autoincrement: false }),
  code: column(string(10), { nullable: false }),
});

export class Depot {
  declare id: number;
  declare code: string;
}
Base.mapImperatively(Depot, depots);

export class Crate extends Base.model(t('crates'), {
  id: column(integer(), { primaryKey: true, autoincrement: false }),
  depotId: column(integer(), { name: 'depot_id', nullable: false, references: foreignKey(`${t('depots')}.id`) }),
  depot: one<Depot>('Depot'),
}) {}

export async function run(): Promise<unknown> {
  Base.register(Crate as never);
  const engine = createEngine('sqlite://');
  await Base.metadata.createAll(engine);
  await engine.begin(async (conn) => {
    await conn.execute(insert(depots), [{ id: 1, code: 'NORTH' }]);
  });
  const session = new Session(engine);
  try {
    session.add(new Crate({ id: 7, depotId: 1 }));
    await session.commit();
    const crate = (await session.get(Crate, 7))!;
    await session.load(crate, 'depot');
    return [crate.depotId, crate.depot!.code];
  } finally {
    await session.close();
    await engine.dispose();
  }
}
