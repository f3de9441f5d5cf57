/** The ORM's answers to bad input from JavaScript callers, on every database: each error names what was wrong, and nothing is half-written. */
import { boolean, column, declarativeBase, FlushError, func, integer, InvalidRequestError, select, Session, string } from 'retort';
import { forEachDialect, tableName } from '../support/matrix';
import { sessionPerTest } from '../support/orm-session';

const T = (n: string) => tableName('ormb', n);

function models() {
  const Base = declarativeBase();
  class Pet extends Base.model(T('pet'), {
    id: column(integer(), { primaryKey: true }),
    name: column(string(30), { nullable: false }),
    age: column(integer()),
    indoor: column(boolean()),
  }) {}
  Base.register(Pet);
  return { Base, Pet };
}

/** Not mapped: the ORM must refuse it by name. */
class Plain {
  name = 'plain';
}

forEachDialect('orm bad input', (ctx) => {
  const { Base, Pet } = models();
  let session: Session;
  sessionPerTest(ctx, Base.metadata, (s) => (session = s));
  const count = async () => Number(await session.scalar(select(func.count()).selectFrom(Pet.table)));

  it('unknown attributes in the constructor and in filterBy', async () => {
    expect(() => new Pet({ nmae: 'x' } as never)).toThrow(/new Pet\(\): unknown attribute "nmae" \(attributes: id, name, age, indoor\)/);
    expect(() => select(Pet).filterBy({ colour: 'red' })).toThrow(/has no column "colour"/);
    expect(() => new Pet('rex' as never)).toThrow(/the argument must be an object of attribute values/);
  });

  it('a wrong value type from a JavaScript caller fails the flush naming Model.attribute and the value; nothing is written', async () => {
    const before = await count();
    const ok = new Pet({ name: 'ok' });
    const bad = new Pet({ name: 'rex', age: 'three' as never });
    session.addAll([ok, bad]);
    const err = await session.flush().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FlushError);
    expect((err as Error).message).toMatch(/^Pet\.age: cannot write "three" to a column of type integer/);
    // The flush rolled back: the session is usable, the objects are transient again, no row was written.
    expect(await count()).toBe(before);
    expect(session.contains(ok)).toBe(false);
    const named = new Pet({ name: 42 as never });
    session.add(named);
    await expect(session.commit()).rejects.toThrow(/Pet\.name: cannot write 42 \(number\) to a column of type string\(30\)/);
    const flag = new Pet({ name: 'flag', indoor: 'yes' as never });
    session.add(flag);
    await expect(session.flush()).rejects.toThrow(/Pet\.indoor: cannot write "yes" to a column of type boolean/);
    // An UPDATE is checked the same way.
    const fine = new Pet({ name: 'fine', age: 2 });
    session.add(fine);
    await session.commit();
    fine.age = { years: 3 } as never;
    await expect(session.flush()).rejects.toThrow(/Pet\.age: cannot write Object \{"years":3\} to a column of type integer/);
    await session.close();
    expect((await session.get(Pet, fine.id))!.age).toBe(2);
  });

  it('deleting an object twice, or adding a deleted one back, is refused', async () => {
    const p = new Pet({ name: 'twice' });
    session.add(p);
    await session.commit();
    session.delete(p);
    session.delete(p); // before the flush: still one deletion
    expect(session.deleted).toEqual([p]);
    await session.flush();
    expect(() => session.delete(p)).toThrow(/delete\(\): this Pet \(id=\d+\) is deleted already \(its DELETE was flushed\)/);
    await session.commit();
    expect(() => session.delete(p)).toThrow(/is deleted already \(its DELETE was flushed and committed\)/);
    expect(() => session.add(p)).toThrow(InvalidRequestError);
    expect(() => session.add(p)).toThrow(/add\(\): this Pet \(id=\d+\) was deleted and the deletion committed; create a new object/);
    // Rolled back, a deletion is undone and the object can be deleted again.
    const q = new Pet({ name: 'undo' });
    session.add(q);
    await session.commit();
    session.delete(q);
    await session.flush();
    await session.rollback();
    session.delete(q);
    await session.commit();
    expect(await session.get(Pet, q.id)).toBeNull();
  });

  it('objects of unmapped classes are refused by every session method', async () => {
    const plain = new Plain();
    expect(() => session.add(plain as never)).toThrow(/add\(\): an object of Plain is not a mapped class or instance \(declare it with Base.model\(\)\)/);
    expect(() => session.delete(plain as never)).toThrow(/delete\(\): an object of Plain is not a mapped/);
    expect(() => session.expunge(plain as never)).toThrow(/expunge\(\): an object of Plain/);
    await expect(session.merge(plain as never)).rejects.toThrow(/merge\(\): an object of Plain/);
    await expect(session.refresh(plain as never)).rejects.toThrow(/refresh\(\): an object of Plain/);
    await expect(session.get(Plain as never, 1)).rejects.toThrow(/get\(\) needs a model class .* got the class Plain/);
    expect(() => session.add(null as never)).toThrow(/add\(\) needs a mapped object, got null/);
  });
});
