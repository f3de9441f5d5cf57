// Look-alikes: query()/all()/first() of objects that are not Retort legacy sessions stay as they are.
import { select, Session } from 'retort';
import { User } from '../orm-models';

interface Builder<T> {
  filter(cond: unknown): Builder<T>;
  orderBy(col: string): Builder<T>;
  all(): Promise<T[]>;
  first(): Promise<T | undefined>;
}

interface Db {
  query<T>(table: string): Builder<T>;
}

export async function calls(db: Db, session: Session) {
  const rows = await db.query<{ id: number }>('users').filter({ id: 1 }).orderBy('id').all();
  const first = await db.query('users').first();
  const modern = (await session.scalars(select(User).where(User.c.id.eq(1)))).all();
  const list = [1, 2, 3];
  return [rows, first, modern, list.filter((x) => x > 1)];
}
