/**
 * The code that replaces a knex chain: the Retort statement executed on the engine (or on
 * the Connection joined to the knex transaction), handing back what knex would have —
 * rows as plain objects, the first row or undefined, or the number of rows changed.
 */
import type { BuiltStatement } from './build';

export interface RenderNames {
  /** The engine's local name. */
  readonly engine: string;
  /** The connection parameter's name (one the statement's values do not use). */
  readonly conn: string;
}

const MAX_LINE = 110;

/**
 * `engine.begin(async (conn) => (await conn.execute(stmt)).mappings().all())`, or with
 * `engine.withKnexTransaction(trx, …)` inside a knex transaction; laid out over several
 * lines, indented from `indent`, when one line would be too long.
 */
export function renderExecution(stmt: BuiltStatement, names: RenderNames, indent: string): string {
  const { engine, conn } = names;
  const open = stmt.transaction ? `${engine}.withKnexTransaction(${stmt.transaction}, ` : `${engine}.begin(`;
  const arrow = stmt.shape === 'none' ? `(${conn}) =>` : `async (${conn}) =>`;
  const execute = stmt.shape === 'none' ? `${conn}.execute(` : `(await ${conn}.execute(`;
  const after = AFTER[stmt.shape];
  const oneLine = `${open}${arrow} ${execute}${stmt.head}${stmt.calls.join('')}${after})`;
  if (indent.length + oneLine.length <= MAX_LINE) return oneLine;
  const i1 = indent + '  ';
  const i2 = indent + '    ';
  const statement = [i2 + stmt.head, ...stmt.calls.map((c) => `${i2}  ${c}`)].join('\n');
  return `${open}${arrow}\n${i1}${execute}\n${statement},\n${i1}${after},\n${indent})`;
}

const AFTER: Record<BuiltStatement['shape'], string> = {
  rows: ')).mappings().all()',
  first: ')).mappings().first() ?? undefined',
  rowCount: ')).rowCount',
  none: ')',
};
