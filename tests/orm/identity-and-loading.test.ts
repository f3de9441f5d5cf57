/**
 * Identity map and loader round trips, counted on every database: one object per row per
 * session; get() answers from the identity map with no SQL; select-in loads the children of
 * N parents with one more SELECT (never N), joined loading with none, a select-in chain with
 * one per level; raise-on-access refuses instead of querying.
 */
import {
  column,
  declarativeBase,
  foreignKey,
  integer,
  joinedLoad,
  many,
  one,
  raiseLoad,
  select,
  selectinLoad,
  Session,
  string,
  UnloadedAttributeError,
} from 'retort';
import { forEachDialect, tableName } from '../support/matrix';

const T = (n: string) => tableName('orml', n);
const SHELVES = 50;

function models() {
  const Base = declarativeBase();
  class Shelf extends Base.model(T('shelf'), {
    id: column(integer(), { primaryKey: true }),
    name: column(string(20), { nullable: false }),
    boxes: many<Box>('Box', { backPopulates: 'shelf' }),
  }) {}
  class Box extends Base.model(T('box'), {
    id: column(integer(), { primaryKey: true }),
    label: column(string(20), { nullable: false }),
    shelfId: column(integer(), { name: 'shelf_id', nullable: false, references: foreignKey(`${T('shelf')}.id`) }),
    shelf: one<Shelf>('Shelf', { backPopulates: 'boxes' }),
    items: many<Item>('Item', { backPopulates: 'box' }),
  }) {}
  class Item extends Base.model(T('item'), {
    id: column(integer(), { primaryKey: true }),
    name: column(string(20), { nullable: false }),
    boxId: column(integer(), { name: 'box_id', nullable: false, references: foreignKey(`${T('box')}.id`) }),
    box: one<Box>('Box', { backPopulates: 'items' }),
  }) {}
  class Sticker extends Base.model(T('sticker'), {
    id: column(integer(), { primaryKey: true }),
    boxId: column(integer(), { name: 'box_id', nullable: false, references: foreignKey(`${T('box')}.id`) }),
    box: one<Box>('Box', { lazy: 'raise' }), // never loaded unless a query asks for it
  }) {}
  Base.register(Shelf, Box, Item, Sticker);
  return { Base, Shelf, Box, Item, Sticker };
}

forEachDialect('orm identity map and loader round trips', (ctx) => {
  const { Base, Shelf, Box, Item, Sticker } = models();
  const statements: string[] = [];
  let stop = () => {};
  let session: Session;
  const selects = () => statements.filter((s) => /^\s*SELECT/i.test(s)).length;
  /** Runs `fn` and returns how many statements it sent. */
  const counted = async <R>(fn: () => Promise<R>): Promise<[R, number]> => {
    statements.length = 0;
    const out = await fn();
    return [out, statements.length];
  };

  beforeAll(async () => {
    await Base.metadata.dropAll(ctx.engine);
    await Base.metadata.createAll(ctx.engine);
    const s = new Session(ctx.engine);
    for (let i = 0; i < SHELVES; i++) {
      s.add(
        new Shelf({
          name: `s${i}`,
          boxes: [0, 1].map((b) => new Box({ label: `s${i}b${b}`, items: [0, 1].map((k) => new Item({ name: `s${i}b${b}i${k}` })) })),
        }),
      );
    }
    await s.commit();
    const box = (await s.scalars(select(Box).where(Box.c.label.eq('s0b0')))).one();
    s.add(new Sticker({ boxId: box.id }));
    await s.commit();
    await s.close();
    stop = ctx.engine.events.on('beforeExecute', (e) => void statements.push(e.sql));
  });
  beforeEach(() => {
    session = new Session(ctx.engine);
  });
  afterEach(async () => {
    await session.close();
  });
  afterAll(async () => {
    stop();
    await Base.metadata.dropAll(ctx.engine);
  });

  it('the same row loaded by different queries is the same object', async () => {
    const byName = (await session.scalars(select(Shelf).where(Shelf.c.name.eq('s3')))).one();
    const byId = (await session.scalars(select(Shelf).where(Shelf.c.id.eq(byName.id)))).one();
    expect(byId).toBe(byName);
    const [row] = (await session.execute(select(Shelf, Box).join(Shelf.c.boxes).where(Shelf.c.name.eq('s3')).orderBy(Box.c.label))).all();
    expect(row[0]).toBe(byName);
    const box = row[1];
    expect(await session.load(box, 'shelf')).toBe(byName);
    const boxes = await session.load(byName, 'boxes');
    expect(boxes[0]).toBe(box); // the collection holds the identity-mapped Box, not a copy
    // A different session has its own objects for the same rows (commit first: SQLite in memory has one connection).
    await session.commit();
    const other = new Session(ctx.engine);
    try {
      const there = (await other.get(Shelf, byName.id))!;
      expect(there).not.toBe(byName);
      expect(there.name).toBe('s3');
    } finally {
      await other.close();
    }
  });

  it('get() of an object in the identity map sends no SQL; a miss or an expired object queries once', async () => {
    const shelf = (await session.scalars(select(Shelf).where(Shelf.c.name.eq('s4')))).one();
    const [again, n] = await counted(() => session.get(Shelf, shelf.id));
    expect(again).toBe(shelf);
    expect(n).toBe(0);
    const [missing, nMiss] = await counted(() => session.get(Shelf, -1));
    expect(missing).toBeNull();
    expect(nMiss).toBe(1);
    session.expire(shelf);
    const [reloaded, nExpired] = await counted(() => session.get(Shelf, shelf.id));
    expect(reloaded).toBe(shelf);
    expect(nExpired).toBe(1);
    expect(shelf.name).toBe('s4');
    // A many-to-one whose target is in the identity map loads without SQL.
    const box = (await session.scalars(select(Box).where(Box.c.shelfId.eq(shelf.id)).orderBy(Box.c.id))).first()!;
    const [owner, nOwner] = await counted(() => session.load(box, 'shelf'));
    expect(owner).toBe(shelf);
    expect(nOwner).toBe(0);
  });

  it(`select-in loads the children of ${SHELVES} parents with one more SELECT`, async () => {
    const [shelves, n] = await counted(async () => (await session.scalars(select(Shelf).options(selectinLoad(Shelf.c.boxes)).orderBy(Shelf.c.id))).all());
    expect(shelves).toHaveLength(SHELVES);
    expect(n).toBe(2);
    expect(selects()).toBe(2);
    shelves.forEach((s) => expect(s.boxes.map((b) => b.label)).toEqual([`${s.name}b0`, `${s.name}b1`]));
    // Loading the children's many-to-one back to their parents needs no SQL: the parents are in the identity map.
    const [, nBack] = await counted(async () => {
      for (const s of shelves) for (const b of s.boxes) expect(await session.load(b, 'shelf')).toBe(s);
    });
    expect(nBack).toBe(0);
  });

  it('joined loading loads them in the same SELECT, each parent once', async () => {
    const [shelves, n] = await counted(async () => (await session.scalars(select(Shelf).options(joinedLoad(Shelf.c.boxes)).orderBy(Shelf.c.id))).all());
    expect(n).toBe(1);
    expect(shelves).toHaveLength(SHELVES);
    expect(new Set(shelves).size).toBe(SHELVES);
    shelves.forEach((s) => expect(s.boxes.map((b) => b.label).sort()).toEqual([`${s.name}b0`, `${s.name}b1`]));
    const [boxes, nMany] = await counted(async () => (await session.scalars(select(Box).options(joinedLoad(Box.c.shelf)))).all());
    expect(nMany).toBe(1);
    expect(boxes).toHaveLength(SHELVES * 2);
  });

  it('a select-in chain costs one SELECT per level, down and up', async () => {
    const [shelves, n] = await counted(async () =>
      (await session.scalars(select(Shelf).where(Shelf.c.name.like('s%')).options(selectinLoad(Shelf.c.boxes).selectinLoad(Box.c.items)))).all(),
    );
    expect(n).toBe(3);
    const items = shelves.flatMap((s) => s.boxes.flatMap((b) => b.items));
    expect(items).toHaveLength(SHELVES * 4);
    await session.close();
    const [fromItems, nUp] = await counted(async () => (await session.scalars(select(Item).options(selectinLoad(Item.c.box).selectinLoad(Box.c.shelf)))).all());
    expect(nUp).toBe(3); // items, their boxes, the boxes' shelves
    expect(new Set(fromItems.map((i) => i.box!.shelf!)).size).toBe(SHELVES);
    await session.close();
    const [, nMixed] = await counted(async () => (await session.scalars(select(Shelf).options(joinedLoad(Shelf.c.boxes).selectinLoad(Box.c.items)))).all());
    expect(nMixed).toBe(2); // shelves with boxes joined, then one SELECT for all the items
  });

  it('raise-on-access: a relationship that would need SQL throws, by default or by raiseLoad()', async () => {
    const sticker = (await session.scalars(select(Sticker))).one();
    expect(() => sticker.box).toThrow(UnloadedAttributeError);
    expect(() => sticker.box).toThrow(/raise-on-access/);
    await expect(session.load(sticker, 'box')).rejects.toThrow(/raise-on-access/);
    // A loader option on the query overrides the relationship's default.
    await session.close();
    const [loaded, n] = await counted(async () => (await session.scalars(select(Sticker).options(selectinLoad(Sticker.c.box)))).one());
    expect(n).toBe(2);
    expect(loaded.box!.label).toBe('s0b0');
    await session.close();
    const [shelves, nRaise] = await counted(async () => (await session.scalars(select(Shelf).where(Shelf.c.name.in(['s0', 's1'])).options(raiseLoad(Shelf.c.boxes)))).all());
    expect(nRaise).toBe(1);
    expect(() => shelves[0].boxes).toThrow(/raise-on-access/);
    await expect(session.load(shelves[0], 'boxes')).rejects.toThrow(/raise-on-access/);
  });
});
