// Uses of a SELECT as a FROM that stay for a human: which of them share one subquery is the author's call.
import { column, integer, MetaData, select, Table } from 'retort/legacy';

const metadata = new MetaData();
const moves = new Table('moves', metadata, { id: column(integer(), { primaryKey: true }), item: column(integer()) });

export const shared = select(moves.c.item);

export function statements(make: () => ReturnType<typeof select>) {
  const both = select(moves.c.item);
  let changing = select(moves.c.id);
  const fromShared = select(shared.c.item);
  const fromBoth = select(both.c.item).where(both.c.item.gt(1));
  const wrapped = select(changing.c.id);
  changing = select(moves.c.id).where(moves.c.id.gt(1));
  const made = make().c;
  const outer = both.select();
  return { both, fromShared, fromBoth, wrapped, made, outer, changing };
}
