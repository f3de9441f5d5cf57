/** ORM-enabled DML typing: models in insert/update/deleteFrom, RETURNING models, execute options. */
import { column, declarativeBase, deleteFrom, insert, integer, ScalarResult, Session, string, update } from 'retort';
import type { ExecutionOptions, SynchronizeSession } from 'retort';
import type { Equal, Expect } from './helpers';

const Base = declarativeBase();
class Member extends Base.model('d_members', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  score: column(integer(), { nullable: false }),
}) {}

declare const session: Session;

async function dml() {
  // RETURNING a model gives its objects, executemany or not.
  const made = await session.scalars(insert(Member).returning(Member), [{ name: 'a', score: 1 }]);
  type _1 = Expect<Equal<typeof made, ScalarResult<Member>>>;
  const row = (await session.execute(insert(Member).values({ name: 'b', score: 2 }).returning(Member.c.id, Member))).one();
  type _2 = Expect<Equal<[typeof row[0], typeof row[1]], [number, Member]>>;

  // SET values are typed by the model's columns.
  await session.execute(update(Member).where(Member.c.score.gt(1)).values({ score: Member.c.score.add(1) }), undefined, { synchronizeSession: 'evaluate' });
  // @ts-expect-error name is a string column
  update(Member).values({ name: 5 });
  // @ts-expect-error no such column
  update(Member).values({ nickname: 'x' });
  // @ts-expect-error a required column is missing from insert values
  insert(Member).values({ name: 'c' });

  await session.execute(deleteFrom(Member).where(Member.c.id.eq(1)), undefined, { synchronizeSession: false });
  // @ts-expect-error not a synchronizeSession mode
  await session.execute(deleteFrom(Member), undefined, { synchronizeSession: 'sometimes' });

  const modes: SynchronizeSession[] = ['auto', 'evaluate', 'fetch', false];
  const opts: ExecutionOptions = { synchronizeSession: modes[0] };
  await session.execute(update(Member), [{ id: 1, score: 3 }], opts);
}
void dml;
