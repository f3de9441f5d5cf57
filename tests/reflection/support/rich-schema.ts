/**
 * A MetaData with every type and every kind of constraint Retort can create on a database:
 * composite keys, a self-referential foreign key (single and composite), named and unnamed
 * constraints, expression and partial indexes where the database has them, comments.
 */
import {
  array,
  bigint,
  binary,
  boolean,
  checkConstraint,
  column,
  date,
  datetime,
  enumType,
  float,
  foreignKey,
  foreignKeyConstraint,
  func,
  index,
  integer,
  json,
  MetaData,
  numeric,
  primaryKeyConstraint,
  smallint,
  SqlType,
  string,
  Table,
  time,
  uniqueConstraint,
  uuid,
} from 'retort';
import type { Leg } from '../../support/matrix';

/** What each database can hold, in one place, so tests ask for capabilities. */
export interface Capabilities {
  arrays: boolean;
  expressionIndexes: boolean;
  partialIndexes: boolean;
  deferrableForeignKeys: boolean;
}

export function capabilities(leg: Leg): Capabilities {
  return {
    arrays: leg.name === 'postgresql',
    expressionIndexes: leg.name !== 'mysql',
    partialIndexes: leg.name !== 'mysql',
    deferrableForeignKeys: leg.name !== 'mysql',
  };
}

const textType = () => new SqlType<string>('text');

/** Builds the rich schema with every table name starting with `p`. */
export function richSchema(p: string, caps: Capabilities): MetaData {
  const md = new MetaData();
  const users = new Table(
    `${p}users`,
    md,
    {
      id: column(integer(), { primaryKey: true }),
      name: column(string(50), { nullable: false, comment: 'display name' }),
      email: column(string(255), { unique: true }),
      bio: column(textType()),
      balance: column(numeric(12, 2), { nullable: false, serverDefault: 0 }),
      score: column(float()),
      visits: column(bigint()),
      rank: column(smallint()),
      active: column(boolean(), { nullable: false, serverDefault: true }),
      born: column(date()),
      createdAt: column(datetime(), { name: 'created_at', serverDefault: { sql: 'CURRENT_TIMESTAMP' } }),
      seenAt: column(datetime({ timezone: true }), { name: 'seen_at' }),
      wakes: column(time()),
      prefs: column(json()),
      token: column(uuid()),
      status: column(enumType(['active', 'banned', "it's"], { name: `${p}status` }), { serverDefault: 'active' }),
      avatar: column(binary()),
      nickname: column(string(30), { serverDefault: 'anon' }),
      ...(caps.arrays ? { tags: column(array(string(20))), scores: column(array(integer())) } : {}),
    },
    {
      comment: 'people who order',
      constraints: (c) => [
        checkConstraint('balance >= 0', { name: `${p}ck_balance` }),
        checkConstraint(c.rank.lt(100)),
        index(`${p}ix_users_name`, [c.name, c.born]),
        index(`${p}ix_users_token`, [c.token], { unique: true }),
        ...(caps.expressionIndexes ? [index(`${p}ix_users_lower`, [func.lower(c.name)])] : []),
        ...(caps.partialIndexes ? [index(`${p}ix_users_rich`, [c.balance], { where: c.balance.gt('1000') })] : []),
      ],
    },
  );

  new Table(`${p}categories`, md, {
    id: column(integer(), { primaryKey: true }),
    parentId: column(integer(), { name: 'parent_id', references: foreignKey(() => md.table(`${p}categories`).c.id, { onDelete: 'CASCADE' }) }),
    label: column(string(40), { nullable: false }),
  });

  const orders = new Table(
    `${p}orders`,
    md,
    {
      region: column(string(10)),
      num: column(integer()),
      userId: column(integer(), { name: 'user_id', nullable: false, references: foreignKey(() => users.c.id, { name: `${p}fk_orders_user`, onDelete: 'CASCADE' }) }),
      parentRegion: column(string(10), { name: 'parent_region' }),
      parentNum: column(integer(), { name: 'parent_num' }),
      total: column(numeric(10, 2), { nullable: false, comment: 'in cents? no: in euros' }),
    },
    {
      comment: 'orders, keyed by region',
      constraints: (c) => [
        primaryKeyConstraint([c.region, c.num], { name: `${p}pk_orders` }),
        foreignKeyConstraint([c.parentRegion, c.parentNum], () => [md.table(`${p}orders`).c.region, md.table(`${p}orders`).c.num], { name: `${p}fk_orders_parent`, onDelete: 'SET NULL' }),
        uniqueConstraint([c.userId, c.num], { name: `${p}uq_orders_user_num` }),
        checkConstraint(c.total.ge('0'), { name: `${p}ck_total` }),
      ],
    },
  );

  new Table(
    `${p}order_lines`,
    md,
    {
      region: column(string(10), { primaryKey: true }),
      num: column(integer(), { primaryKey: true }),
      line: column(smallint(), { primaryKey: true }),
      categoryId: column(integer(), { name: 'category_id', references: foreignKey(() => md.table(`${p}categories`).c.id) }),
      qty: column(integer(), { nullable: false, serverDefault: 1 }),
    },
    {
      constraints: (c) => [
        foreignKeyConstraint([c.region, c.num], () => [orders.c.region, orders.c.num], {
          name: `${p}fk_lines_order`,
          onDelete: 'CASCADE',
          onUpdate: 'CASCADE',
          ...(caps.deferrableForeignKeys ? { deferrable: true, initiallyDeferred: true } : {}),
        }),
      ],
    },
  );
  return md;
}
