/**
 * `metadata.reflect()` issues a fixed number of catalog statements, however many tables it
 * reads: 20 tables and 200 tables take the same count (and fewer than 15).
 */
import { checkConstraint, column, datetime, foreignKey, index, integer, MetaData, numeric, string, Table } from 'retort';
import { forEachDialect, tableName } from '../support/matrix';

/** `n` tables, each with a key, a foreign key to the one before, an index, a check and comments. */
function chain(prefix: string, n: number): MetaData {
  const md = new MetaData();
  for (let i = 0; i < n; i++) {
    const prev = i === 0 ? undefined : `${prefix}${i - 1}`;
    new Table(
      `${prefix}${i}`,
      md,
      {
        id: column(integer(), { primaryKey: true }),
        name: column(string(40), { nullable: false, comment: 'a name' }),
        amount: column(numeric(10, 2)),
        createdAt: column(datetime(), { name: 'created_at' }),
        ...(prev ? { prevId: column(integer(), { name: 'prev_id', references: foreignKey(`${prev}.id`, { onDelete: 'CASCADE' }) }) } : {}),
      },
      { comment: `table ${i}`, constraints: (c) => [index(`${prefix}${i}_ix`, [c.name]), checkConstraint('amount >= 0')] },
    );
  }
  return md;
}

forEachDialect('reflection query count', (ctx) => {
  const base = tableName('rfl', 'qc');

  /** Creates `n` tables, reflects them while counting statements, drops them. */
  async function statementsToReflect(tag: string, n: number): Promise<number> {
    const prefix = `${base}${tag}_`;
    const md = chain(prefix, n);
    await md.dropAll(ctx.engine);
    await md.createAll(ctx.engine, { checkfirst: false });
    try {
      let count = 0;
      const stop = ctx.engine.events.on('beforeExecute', () => {
        count++;
      });
      const reflected = new MetaData();
      try {
        await reflected.reflect(ctx.engine, { only: (name) => name.startsWith(prefix) });
      } finally {
        stop();
      }
      expect(reflected.tables.size).toBe(n);
      expect(reflected.table(`${prefix}${n - 1}`).foreignKeys).toHaveLength(1);
      return count;
    } finally {
      await md.dropAll(ctx.engine, { checkfirst: false });
    }
  }

  it('is the same for 20 tables as for 200', async () => {
    const small = await statementsToReflect('a', 20);
    const large = await statementsToReflect('b', 200);
    expect(large).toBe(small);
    expect(small).toBeLessThan(15);
  }, 60_000);
});
