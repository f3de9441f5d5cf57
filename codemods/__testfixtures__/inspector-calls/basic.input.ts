// engine.tableNames()/hasTable() and table.exists(bind) → inspect().
import { column, createEngine, integer, MetaData, Table } from 'retort/legacy';

const metadata = new MetaData();
const users = new Table('users', metadata, { id: column(integer(), { primaryKey: true }) });
const orders = new Table('orders', metadata, { id: column(integer(), { primaryKey: true }) });

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await engine.begin(async (conn) => users.create(conn));
  const names = await engine.tableNames();
  const hasUsers = await engine.hasTable('users');
  const hasOrders = await engine.hasTable('orders', undefined);
  const exists = await users.exists(engine);
  const ordersExist = await orders.exists(engine);
  await engine.dispose();
  return { names, hasUsers, hasOrders, exists, ordersExist };
}
