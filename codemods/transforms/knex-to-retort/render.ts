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
  const statement = [fit(stmt.head, i2), ...stmt.calls.map((c) => fit(c, `${i2}  `))].join('\n');
  return `${open}${arrow}\n${i1}${execute}\n${statement},\n${i1}${after},\n${indent})`;
}

const AFTER: Record<BuiltStatement['shape'], string> = {
  rows: ')).mappings().all()',
  first: ')).mappings().first() ?? undefined',
  rowCount: ')).rowCount',
  none: ')',
};

/** `name(a, b, c)` on one line when it fits, else one argument a line. */
function fit(call: string, indent: string): string {
  if (indent.length + call.length <= MAX_LINE) return indent + call;
  const open = call.indexOf('(');
  if (open < 0 || !call.endsWith(')')) return indent + call;
  const inner = call.slice(open + 1, -1).trim();
  const args = splitTopLevel(inner);
  if (args.length >= 2) return [`${indent}${call.slice(0, open + 1)}`, ...args.map((a) => `${indent}  ${a},`), `${indent})`].join('\n');
  // One object literal: one entry a line.
  if (inner.startsWith('{') && inner.endsWith('}')) {
    const entries = splitTopLevel(inner.slice(1, -1));
    if (entries.length >= 2) return [`${indent}${call.slice(0, open + 1)}{`, ...entries.map((e) => `${indent}  ${e},`), `${indent}})`].join('\n');
  }
  return indent + call;
}

/** Splits at the commas outside brackets and string literals. */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === ',' && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out.filter((a) => a.length > 0);
}
