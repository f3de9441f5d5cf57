/**
 * Shared help for mapping a database's type names back to Retort types: splitting
 * `NUMERIC(10, 2)` or `bigint(20) unsigned` into a base name and arguments, and the warning
 * for a type Retort does not know. The name → type tables themselves live in each dialect.
 */
import { SqlType } from '../sql/types';

export interface ParsedTypeName {
  /** Lower-cased name without arguments, single-spaced: `character varying`, `bigint unsigned`. */
  readonly base: string;
  /** The arguments, unquoted: `['10', '2']`, `['a', 'b']` for `enum('a','b')`. */
  readonly args: readonly string[];
  /** A trailing `[]` (PostgreSQL array). */
  readonly array: boolean;
}

/**
 * Splits a type name into base, arguments and array marker.
 * @example parseTypeName('timestamp(3) with time zone') // { base: 'timestamp with time zone', args: ['3'], array: false }
 */
export function parseTypeName(raw: string): ParsedTypeName {
  // A schema repeats a few type names thousands of times.
  let parsed = parsedNames.get(raw);
  if (!parsed) {
    if (parsedNames.size >= 1000) parsedNames.clear();
    parsedNames.set(raw, (parsed = Object.freeze(parse(raw))));
  }
  return parsed;
}
const parsedNames = new Map<string, ParsedTypeName>();

function parse(raw: string): ParsedTypeName {
  let s = raw.trim();
  let array = false;
  while (s.endsWith('[]')) {
    array = true;
    s = s.slice(0, -2).trimEnd();
  }
  const open = s.indexOf('(');
  if (open < 0) return { base: squash(s), args: [], array };
  const close = closingParen(s, open);
  const args = Object.freeze(splitArgs(s.slice(open + 1, close)));
  return { base: squash(`${s.slice(0, open)} ${s.slice(close + 1)}`), args, array };
}

function squash(s: string): string {
  return s.trim().replace(/\s+/g, ' ').toLowerCase();
}

function closingParen(s: string, open: number): number {
  let quote: string | undefined;
  for (let i = open + 1; i < s.length; i++) {
    const ch = s[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote && s[i + 1] === quote) i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === ')') return i;
  }
  return s.length;
}

/** Splits `'a','it''s',3` into `['a', "it's", '3']`. */
function splitArgs(body: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === "'") {
      quoted = true;
      for (i++; i < body.length; i++) {
        if (body[i] === '\\' && i + 1 < body.length) cur += body[++i];
        else if (body[i] === "'" && body[i + 1] === "'") cur += body[++i];
        else if (body[i] === "'") break;
        else cur += body[i];
      }
    } else if (ch === ',') {
      out.push(quoted ? cur : cur.trim());
      cur = '';
      quoted = false;
    } else if (!quoted) cur += ch;
  }
  if (cur !== '' || quoted || out.length) out.push(quoted ? cur : cur.trim());
  return out;
}

/** A positive integer argument, or undefined. */
export function intArg(args: readonly string[], i: number): number | undefined {
  const n = Number(args[i]);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Warning code for a column type Retort does not know. */
export const UNKNOWN_TYPE_WARNING = 'RT-REFLECT-UNKNOWN-TYPE';

/**
 * Makes a deduplicating handler for unknown types: each type name warns once (a
 * `RetortWarning`, never a deprecation), and the column keeps the type as `unknown` with
 * its database name, so DDL can still render it.
 */
export function unknownTypeHandler(dialectName: string): (databaseName: string, where: string) => SqlType<unknown> {
  const warned = new Set<string>();
  return (databaseName, where) => {
    const key = databaseName.toLowerCase();
    if (!warned.has(key)) {
      warned.add(key);
      process.emitWarning(`reflection: ${dialectName} type ${JSON.stringify(databaseName)} (column ${where}) has no Retort type; it is kept as an unknown type with its database name`, {
        type: 'RetortWarning',
        code: UNKNOWN_TYPE_WARNING,
      });
    }
    return new SqlType('unknown', { databaseName });
  };
}
