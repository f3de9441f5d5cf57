/** Type tests of the 1.x spelling (retort/legacy) next to 2.0's: what each accepts and refuses. */
import * as core from 'retort';
import { column, createEngine, insert, integer, LegacyResult, MetaData, select, string, Table } from 'retort/legacy';
import type { Equal, Expect } from './helpers';

const md = new MetaData();
const users = new Table('users', md, { id: column(integer(), { primaryKey: true }), name: column(string(50), { nullable: false }) });
const engine = createEngine('sqlite://');

export async function legacySpelling() {
  const conn = await engine.connect();
  const row = (await conn.execute(select(users.c.id, users.c.name))).one();
  type _id = Expect<Equal<typeof row[0], number>>;
  const keys: string[] = row.keys(); // L109, typed
  const viaGet: unknown = row.get(users.c.name);
  const raw: LegacyResult = await conn.execute('SELECT 1'); // L104
  await conn.execute(insert(users), { id: 1, name: 'a' }, { id: 2, name: 'b' }); // L105
  const listForm = select([users.c.id, users.c.name], users.c.id.gt(1), { orderBy: [users.c.name], limit: 10 }); // L201
  const reflected: Promise<Table> = new Table('other', md, { autoload: true, autoloadWith: engine }); // L110
  await engine.execute(listForm); // L101
  await users.insert({ id: 3, name: 'c' }).execute(); // L202 + L102
  return [keys, viaGet, raw, reflected];
}

export async function modernRefuses() {
  const conn = await core.createEngine('sqlite://').connect();
  // @ts-expect-error 2.0 execute() takes statements, not strings (L104)
  await conn.execute('SELECT 1');
  // @ts-expect-error 2.0 MetaData has no bind (L102)
  new core.MetaData({ bind: engine });
  // @ts-expect-error 2.0 select() takes columns as arguments, not a list (L201)
  core.select([users.c.id]);
  // @ts-expect-error a 2.0 Engine has no execute() (L101)
  await core.createEngine('sqlite://').execute(core.select(users.c.id));
}

/** L407 in a typed model: the shim's dynamic<T>() types the attribute as the appender query, not an array. */
export async function typedDynamic() {
  const { declarativeBase, dynamic } = await import('retort/legacy');
  const Base = declarativeBase();
  class Shelf extends Base.model('shelves', {
    id: core.column(core.integer(), { primaryKey: true }),
    boxes: dynamic<Box>('Box'),
  }) {}
  class Box extends Base.model('boxes', {
    id: core.column(core.integer(), { primaryKey: true }),
    shelfId: core.column(core.integer(), { references: core.foreignKey('shelves.id') }),
  }) {}
  const shelf = new Shelf();
  shelf.boxes.append(new Box());
  const boxes = await shelf.boxes.filter(Box.c.id.gt(1)).all();
  type _boxes = Expect<Equal<typeof boxes, Box[]>>;
  // @ts-expect-error a dynamic collection is a Query, not an array
  void shelf.boxes.length;
  // @ts-expect-error it holds Boxes only
  shelf.boxes.append(new Shelf());
  // @ts-expect-error a dynamic collection is never loaded: no loader option takes it (refused at run time too)
  core.selectinLoad(Shelf.c.boxes);
  // @ts-expect-error nor a joined load
  core.joinedLoad(Shelf.c.boxes);
  // Joins and comparisons work as for any collection.
  core.select(Shelf).join(Shelf.c.boxes);
  return boxes;
}
