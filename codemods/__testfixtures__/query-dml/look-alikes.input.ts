// Look-alikes: update()/delete() of other query builders, maps and 2.0 statements stay as they are.
import { deleteFrom, Session, update } from 'retort';
import { User } from '../orm-models';

interface Repo {
  query(name: string): { filter(c: unknown): { update(v: object): Promise<number>; delete(): Promise<number> } };
}

export async function calls(repo: Repo, session: Session, cache: Map<string, number>) {
  const n = await repo.query('users').filter({ id: 1 }).update({ name: 'x' });
  const m = await repo.query('users').filter({ id: 2 }).delete();
  cache.delete('k');
  await session.execute(update(User.table).where(User.c.id.eq(1)).values({ name: 'y' }));
  await session.execute(deleteFrom(User.table).where(User.c.id.eq(2)));
  return [n, m];
}
