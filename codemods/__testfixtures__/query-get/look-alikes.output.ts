// Look-alikes: get() of maps, other query builders and the 2.0 session stay as they are.
import { Session } from 'retort';
import { User } from '../orm-models';

interface Db {
  query(table: string): { get(id: number): Promise<unknown> };
}

export async function calls(db: Db, session: Session, m: Map<number, string>) {
  return [await db.query('users').get(1), await session.get(User, 1), m.get(1)];
}
