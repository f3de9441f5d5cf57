/**
 * L108: `engine.tableNames(schema?)` → `inspect(engine).getTableNames({ schema })`,
 * `engine.hasTable(name, schema?)` → `inspect(engine).hasTable(name, { schema })`,
 * `table.exists(bind)` → `inspect(bind).hasTable(table.name, { schema: table.schema })`.
 * `table.exists()` without a bind is bound metadata (L102), left to needs-human.
 */
import type { TypedTransformFn } from './types';
import { isPlainReference, legacyMethodCalls } from './ts-calls';

export const typed: TypedTransformFn = (ctx) => {
  for (const c of legacyMethodCalls(ctx, ['tableNames', 'hasTable', 'exists'], ['LegacyEngine', 'LegacyTableMethods'], 'L108')) {
    if (c.args.length === 0 && c.method === 'exists') continue;
    const inspect = ctx.retortName('inspect');
    if (!inspect) {
      ctx.manual(c.call, 'L108', 'inspect() cannot be imported into this file');
      continue;
    }
    const recv = c.receiver.getText();
    const schema = (n: number) => (c.args[n] ? `{ schema: ${c.args[n].getText()} }` : '');
    if (c.method === 'tableNames') ctx.replace(c.call, `${inspect}(${recv}).getTableNames(${schema(0)})`, 'L108');
    else if (c.method === 'hasTable') ctx.replace(c.call, `${inspect}(${recv}).hasTable(${[c.args[0].getText(), schema(1)].filter(Boolean).join(', ')})`, 'L108');
    else if (!isPlainReference(c.receiver)) ctx.manual(c.call, 'L108', 'the table expression would be evaluated twice');
    else ctx.replace(c.call, `${inspect}(${c.args[0].getText()}).hasTable(${recv}.name, { schema: ${recv}.schema })`, 'L108');
  }
};
