// Queries kept in a variable or passed around are reported, not rewritten (the file still compiles).
// A chain through fromSelf() is left without a report of its own: it is needs-human's L306 site.
import { LegacyQuery, Session } from 'retort/legacy';
import { User } from '../orm-models';

export async function page(q: LegacyQuery<User>, n: number) {
  return q.limit(n).all();
}

export async function stored(session: Session, name: string) {
  let q = session.query(User);
  if (name) q = q.filter(User.c.name.eq(name));
  const users = await q.all();
  const sliced = await session.query(User).slice(0, n()).all();
  const latest = await session.query(User).orderBy(User.c.id.desc()).limit(2).fromSelf().all();
  return [users, sliced, latest, await page(session.query(User), 2)];
}

function n() {
  return 2;
}
