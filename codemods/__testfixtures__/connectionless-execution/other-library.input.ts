// Look-alikes: execute()/scalar() of objects that are not Retort legacy engines stay as they are.
import { createEngine } from 'retort';

interface Db {
  execute(sql: string): Promise<unknown>;
  scalar(sql: string): Promise<unknown>;
}

class Runner {
  async execute(statement: string) {
    return statement.length;
  }
}

export async function calls(db: Db) {
  const engine = createEngine('sqlite://');
  const conn = await engine.connect();
  await conn.execute(engine.dialect.name === 'sqlite' ? ({} as never) : ({} as never)).catch(() => undefined);
  await conn.close();
  return [await db.execute('SELECT 1'), await db.scalar('SELECT 1'), await new Runner().execute('x')];
}
