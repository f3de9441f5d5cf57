/**
 * The Core quickstart: define tables, create them, insert, query with joins and
 * aggregates, update, and use a transaction — on embedded SQLite, no server needed.
 *
 * Run it with `npm run demo`. Point it at another database with
 * `RETORT_DEMO_URL=postgresql://postgres@127.0.0.1/retort_test npm run demo`.
 */
import {
  column,
  createEngine,
  deleteFrom,
  foreignKey,
  func,
  insert,
  integer,
  MetaData,
  numeric,
  select,
  string,
  Table,
  update,
} from 'retort';

const metadata = new MetaData();

const users = new Table('demo_users', metadata, {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  email: column(string(120)),
});

const orders = new Table('demo_orders', metadata, {
  id: column(integer(), { primaryKey: true }),
  userId: column(integer(), { name: 'user_id', nullable: false, references: foreignKey(() => users.c.id, { onDelete: 'CASCADE' }) }),
  total: column(numeric(10, 2), { nullable: false }),
});

async function main(): Promise<void> {
  const engine = createEngine(process.env.RETORT_DEMO_URL ?? 'sqlite://');
  await metadata.dropAll(engine);
  await metadata.createAll(engine);

  // engine.begin(): one transaction, committed when the function resolves.
  await engine.begin(async (conn) => {
    const inserted = await conn.execute(
      insert(users)
        .values([
          { name: 'Ada', email: 'ada@example.com' },
          { name: 'Grace', email: null },
        ])
        .returning(users.c.id, users.c.name),
    );
    for (const [id, name] of inserted) console.log(`inserted user ${id}: ${name}`);
    // executemany: one statement, many parameter sets.
    await conn.execute(insert(orders), [
      { userId: 1, total: '19.90' },
      { userId: 1, total: '5.10' },
      { userId: 2, total: '42.00' },
    ]);
  });

  const conn = await engine.connect();
  try {
    // Rows are typed: [string, string | null]
    const result = await conn.execute(select(users.c.name, users.c.email).orderBy(users.c.name));
    for (const row of result) console.log(`${row.name} <${row.email ?? 'no email'}>`);

    // A join inferred from the foreign key, with an aggregate per user.
    const totals = select(users.c.name, func.count(orders.c.id).label('orders'), func.sum(orders.c.total).label('spent'))
      .join(orders)
      .groupBy(users.c.name)
      .orderBy(users.c.name);
    for (const row of await conn.execute(totals)) console.log(`${row.name}: ${row.orders} orders, ${row.spent} spent`);

    // Commit as you go: the first statement began a transaction.
    await conn.execute(update(users).where(users.c.name.eq('Grace')).values({ email: 'grace@example.com' }));
    await conn.execute(deleteFrom(orders).where(orders.c.total.lt('10')));
    await conn.commit();

    const left = await conn.scalar(select(func.count()).selectFrom(orders));
    console.log(`orders left: ${left}`);
  } finally {
    await conn.close();
  }
  await metadata.dropAll(engine);
  await engine.dispose();
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
