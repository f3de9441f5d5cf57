// engine.tableNames()/hasTable() and table.exists(bind) → inspect().
import { column, createEngine, integer, MetaData, Table, inspect } from 'retort/legacy';

const metadata = new MetaData();
const users = new Table('users', metadata, { id: column(integer(), { primaryKey: true }) });
const orders = new Table('orders', metadata, { id: column(integer(), { primaryKey: true }) });

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await engine.begin(async (conn) => users.create(conn));
  const names = await inspect(engine).getTableNames();
  const hasUsers = await inspect(engine).hasTable('users');
  const hasOrders = await inspect(engine).hasTable('orders', { schema: undefined });
  const exists = await inspect(engine).hasTable(users.name, { schema: users.schema });
  const ordersExist = await inspect(engine).hasTable(orders.name, { schema: orders.schema });
  await engine.dispose();
  return { names, hasUsers, hasOrders, exists, ordersExist };
}
