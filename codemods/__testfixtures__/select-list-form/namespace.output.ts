// A namespace import, a nested list form, labels, and sites the transform must leave for a human.
import * as R from 'retort/legacy';

const metadata = new R.MetaData();
const users = new R.Table('users', metadata, { id: R.column(R.integer(), { primaryKey: true }), name: R.column(R.string(20)) });

export function statements(where: R.ColumnElement<boolean> | undefined, order: R.ColumnElement<unknown>[]) {
  const inner = R.select(users.c.id).where(users.c.name.eq('ann'));
  const outer = R.select(users.c.name).where(users.c.id.gt(R.select(R.func.max(users.c.id)).where(users.c.id.lt(3)).scalarSubquery()));
  const maybe = R.select([users.c.id], where);
  const ordered = R.select([users.c.id], null, { orderBy: order });
  const labelled = R.select(users.c.id).setLabelStyle('tablenamePlusCol');
  const plain = R.select(users.c.name);
  return { inner, outer, maybe, ordered, labelled, plain };
}
