// An optional call on a row is reported (the rewrite would lose the `?.`); a plain object's keys() is not a row's.
import { column, integer, LegacyResult, MetaData, Table } from 'retort/legacy';

const metadata = new MetaData();
export const users = new Table('users', metadata, { id: column(integer(), { primaryKey: true }) });

export function firstKeys(result: LegacyResult) {
  const row = result.all()[0];
  const other = { keys: () => ['x'] };
  return [row?.keys(), other.keys()];
}
