// Look-alikes: count() of other query builders and the 2.0 func.count() stay as they are.
import { func, select, Session } from 'retort';
import { User } from '../orm-models';

interface Db {
  query(table: string): { filter(c: object): { count(): Promise<number> } };
}

export async function calls(db: Db, session: Session) {
  const n = await db.query('users').filter({ id: 1 }).count();
  const m = (await session.execute(select(func.count()).selectFrom(User.table))).scalarOne();
  return n + m;
}
