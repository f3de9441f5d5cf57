/**
 * L407 in a typed model: `dynamic<T>()` of `retort/legacy` declares a 1.x dynamic collection
 * inside `Base.model()`, so a class whose callers still use it as a Query can be typed
 * first. On every database: the attribute is a typed appender query over a write-only
 * collection, it warns L407 where it is declared, and it keeps working in error mode on a
 * future session (legacy status).
 */
import { column, foreignKey, integer, one, select, Session as CoreSession, string } from 'retort';
import { AppenderQuery, declarativeBase, dynamic, RemovedInRetort2Error, Session } from 'retort/legacy';
import { forEachDialect, tableName } from '../support/matrix';
import { captureLegacyWarnings, expectLegacyWarnings, withLegacyConfig } from '../support/legacy';
import { lineOf } from '../support/legacy-orm';

const T = (n: string) => tableName('ltd', n);

function models() {
  const Base = declarativeBase();
  class Shelf extends Base.model(T('shelves'), {
    id: column(integer(), { primaryKey: true, autoincrement: false }),
    boxes: dynamic<Box>('Box', { backPopulates: 'shelf', orderBy: (b) => b.label }), // L407 typed here
  }) {}
  class Box extends Base.model(T('boxes'), {
    id: column(integer(), { primaryKey: true, autoincrement: false }),
    shelfId: column(integer(), { name: 'shelf_id', references: foreignKey(`${T('shelves')}.id`) }),
    label: column(string(20), { nullable: false }),
    shelf: one<Shelf>('Shelf', { backPopulates: 'boxes' }),
  }) {}
  Base.register(Shelf, Box);
  return { Base, Shelf, Box };
}

forEachDialect('legacy dynamic() in a typed model', (ctx) => {
  let m: ReturnType<typeof models>;
  beforeAll(async () => {
    const { result, warnings } = await captureLegacyWarnings(models);
    expect(warnings.map((w) => w.code)).toEqual(['L407']);
    expect(warnings[0].message).toContain(lineOf(__filename, '// L407 typed here'));
    m = result;
    await m.Base.metadata.dropAll(ctx.engine);
    await m.Base.metadata.createAll(ctx.engine);
  });
  afterAll(async () => {
    await m.Base.metadata.dropAll(ctx.engine);
  });

  it('is typed as the appender query: append()/extend()/remove() queue changes, the Query methods read them', async () => {
    const { Shelf, Box } = m;
    const session = new Session(ctx.engine);
    try {
      const shelf = new Shelf({ id: 1 });
      session.add(shelf);
      await session.flush();
      const boxes: AppenderQuery<InstanceType<typeof Box>> = shelf.boxes;
      boxes.append(new Box({ id: 1, label: 'c' }));
      boxes.extend([new Box({ id: 2, label: 'a' }), new Box({ id: 3, label: 'b' })]);
      // The Query reads autoflush the queued boxes; the relationship's orderBy orders them.
      const labels = await expectLegacyWarnings(['L301'], async () => (await shelf.boxes.all()).map((b) => b.label));
      expect(labels).toEqual(['a', 'b', 'c']);
      const picked = await expectLegacyWarnings(['L301'], () => shelf.boxes.filter(Box.c.label.ne('b')).filterBy({ shelfId: 1 }).all());
      expect(picked.map((b) => b.id)).toEqual([2, 1]);
      expect(await expectLegacyWarnings(['L303'], () => shelf.boxes.count())).toBe(3);
      // The other side is the typed one<Shelf>, kept in step.
      const b3 = (await session.get(Box, 3))!;
      expect(b3.shelf).toBe(shelf);
      shelf.boxes.remove(b3);
      await session.commit();
      const left = await captureLegacyWarnings(() => shelf.boxes.all());
      expect(left.result.map((b) => b.id)).toEqual([2, 1]);
      expect((await session.get(Box, 3))!.shelfId).toBeNull();
      // Never an array: reading it as one says what it is.
      expect(() => (shelf.boxes as unknown as unknown[]).length).toThrow(/is a dynamic collection, a Query of the related objects, not an array/);
    } finally {
      await session.close();
    }
  });

  it('needs a persistent parent in a session to be read', async () => {
    const { Shelf } = m;
    const lonely = new Shelf({ id: 9 });
    expect(() => lonely.boxes.all()).toThrow(/needs its parent in a session/);
    const session = new Session(ctx.engine);
    try {
      session.add(lonely);
      expect(() => lonely.boxes.all()).toThrow(/flush the session/);
    } finally {
      await session.close();
    }
  });

  it('legacy status: works in error mode on a future 1.x session and on a 2.0 Session, where its Query methods warn as usual', async () => {
    const { Shelf, Box } = m;
    await withLegacyConfig({ mode: 'error' }, async () => {
      // Declaring it in error mode warns and does not throw (L407 is legacy, not removed).
      const { warnings } = await captureLegacyWarnings(() => dynamic<unknown>('Box'));
      expect(warnings.map((w) => w.code)).toEqual(['L407']);
      const future = new Session(ctx.engine, { future: true });
      try {
        const shelf = (await future.get(Shelf, 1))!;
        const ids = await expectLegacyWarnings(['L301'], async () => (await shelf.boxes.all()).map((b) => b.id));
        expect(ids).toEqual([2, 1]);
        // A removed pattern still throws in that mode: the Query's string join (L304).
        await captureLegacyWarnings(() => expect(() => shelf.boxes.join('shelf')).toThrow(RemovedInRetort2Error));
      } finally {
        await future.close();
      }
    });
    const core = new CoreSession(ctx.engine);
    try {
      const shelf = (await core.get(Shelf, 1))!;
      // The relationship's own order (by label) comes before the one the Query adds, as in 1.x.
      const rows = await expectLegacyWarnings(['L301'], () => shelf.boxes.orderBy(Box.c.id).all());
      expect(rows.map((b) => b.id)).toEqual([2, 1]);
      // The 2.0 way to the same rows, once the callers move: a select() of the related class.
      expect((await core.scalars(select(Box).where(Box.c.shelfId.eq(1)).orderBy(Box.c.id))).all().map((b) => b.id)).toEqual([1, 2]);
    } finally {
      await core.close();
    }
  });

  it('takes the options of writeOnly() only', async () => {
    await captureLegacyWarnings(() => {
      expect(() => dynamic<unknown>('Box', { lazy: 'selectin' } as never)).toThrow(/unknown option "lazy"/);
      expect(() => dynamic<unknown>(42 as never)).toThrow(/needs the target class name/);
    });
  });
});
