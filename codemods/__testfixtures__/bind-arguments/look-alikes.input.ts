// Look-alikes: execute() with a third argument on things that are not legacy sessions stays as it is.
import { createEngine } from 'retort';

interface Db {
  execute(sql: string, params: object, opts: { mapper?: unknown; bind?: unknown }): Promise<unknown>;
}

export async function calls(db: Db) {
  const engine = createEngine('sqlite://');
  await engine.dispose();
  return db.execute('SELECT 1', {}, { mapper: 'users', bind: engine });
}
