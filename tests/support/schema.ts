/** A small shared schema for compile tests (never created in a database). */
import {
  column,
  foreignKey,
  integer,
  MetaData,
  numeric,
  string,
  Table,
  datetime,
  boolean,
} from 'retort';

export const md = new MetaData();

export const users = new Table('users', md, {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  email: column(string(100)),
  age: column(integer()),
  active: column(boolean(), { default: true }),
});

export const addresses = new Table('addresses', md, {
  id: column(integer(), { primaryKey: true }),
  userId: column(integer(), { name: 'user_id', nullable: false, references: foreignKey(() => users.c.id) }),
  city: column(string(50), { nullable: false }),
});

export const orders = new Table('orders', md, {
  id: column(integer(), { primaryKey: true }),
  userId: column(integer(), { name: 'user_id', references: foreignKey('users.id') }),
  total: column(numeric(10, 2), { nullable: false }),
  placedAt: column(datetime(), { name: 'placed_at' }),
});

/** Reserved words and mixed case, to check quoting. */
export const reserved = new Table('Order', md, {
  select: column(integer(), { primaryKey: true }),
  Group: column(string(20)),
});
