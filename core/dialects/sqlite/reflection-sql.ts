/**
 * Reads what SQLite's catalog does not store elsewhere out of the CREATE statements kept in
 * sqlite_master: constraint names, CHECK conditions, DEFERRABLE, AUTOINCREMENT, and index
 * expressions and WHERE clauses.
 */

interface Token {
  /** Upper-cased word, unquoted identifier/string body, or the punctuation itself. */
  readonly value: string;
  readonly kind: 'word' | 'quoted' | 'string' | 'punct';
  readonly start: number;
  readonly end: number;
}

export interface ParsedCreateTable {
  readonly primaryKeyName: string | undefined;
  /** AUTOINCREMENT appears on the rowid-alias primary key. */
  readonly autoincrement: boolean;
  readonly checks: readonly { name: string | undefined; sqltext: string; column: string | undefined }[];
  readonly uniques: readonly { name: string | undefined; columns: readonly string[] }[];
  readonly foreignKeys: readonly { name: string | undefined; columns: readonly string[]; deferrable: boolean; initiallyDeferred: boolean }[];
  /** Generated columns' expressions, by column name. */
  readonly generated: ReadonlyMap<string, { sqltext: string; stored: boolean }>;
  /** `WITHOUT ROWID` tables have no rowid alias, so no autoincrement. */
  readonly withoutRowid: boolean;
}

export interface ParsedCreateIndex {
  /** Each element's SQL text, ASC/DESC and COLLATE left off. */
  readonly elements: readonly string[];
  readonly where: string | undefined;
}

const CONSTRAINT_WORDS = new Set(['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN']);

const CLOSERS: Record<string, string> = { '"': '"', '`': '`', '[': ']', "'": "'" };

/** Letters, digits, `_`, `$` and anything beyond ASCII make up words. */
function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36 || code >= 128;
}

function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const closers = CLOSERS;
  while (i < sql.length) {
    const ch = sql[i];
    const code = sql.charCodeAt(i);
    if (code === 32 || (code >= 9 && code <= 13)) {
      i++;
    } else if (ch === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl + 1;
    } else if (ch === '/' && sql[i + 1] === '*') {
      const e = sql.indexOf('*/', i + 2);
      i = e < 0 ? sql.length : e + 2;
    } else if (ch in closers) {
      const close = closers[ch];
      let j = i + 1;
      let body = '';
      for (;;) {
        const end = sql.indexOf(close, j);
        if (end < 0) {
          body += sql.slice(j);
          j = sql.length;
          break;
        }
        body += sql.slice(j, end);
        // A doubled closing quote stands for itself (not for ]).
        if (close !== ']' && sql[end + 1] === close) {
          body += close;
          j = end + 2;
          continue;
        }
        j = end;
        break;
      }
      out.push({ value: body, kind: ch === "'" ? 'string' : 'quoted', start: i, end: j + 1 });
      i = j + 1;
    } else if (isWordChar(code)) {
      let j = i + 1;
      while (j < sql.length && isWordChar(sql.charCodeAt(j))) j++;
      out.push({ value: sql.slice(i, j).toUpperCase(), kind: 'word', start: i, end: j });
      i = j;
    } else {
      out.push({ value: ch, kind: 'punct', start: i, end: i + 1 });
      i++;
    }
  }
  return out;
}

/** The identifier a token stands for (words keep their written case). */
function ident(sql: string, t: Token | undefined): string {
  if (!t) return '';
  return t.kind === 'word' ? sql.slice(t.start, t.end) : t.value;
}

/** Index of the `)` matching the `(` at `open`. */
function matching(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i].value === '(' && tokens[i].kind === 'punct') depth++;
    else if (tokens[i].value === ')' && tokens[i].kind === 'punct' && --depth === 0) return i;
  }
  return tokens.length - 1;
}

/** Splits tokens[from, to) at top-level commas. */
function splitTopLevel(tokens: Token[], from: number, to: number): Token[][] {
  const parts: Token[][] = [];
  let cur: Token[] = [];
  let depth = 0;
  for (let i = from; i < to; i++) {
    const t = tokens[i];
    if (t.kind === 'punct' && t.value === '(') depth++;
    if (t.kind === 'punct' && t.value === ')') depth--;
    if (depth === 0 && t.kind === 'punct' && t.value === ',') {
      parts.push(cur);
      cur = [];
    } else cur.push(t);
  }
  if (cur.length) parts.push(cur);
  return parts;
}

function firstParen(tokens: Token[], from: number): number {
  for (let i = from; i < tokens.length; i++) if (tokens[i].kind === 'punct' && tokens[i].value === '(') return i;
  return -1;
}

/** The column names inside `( … )` starting at `open`. */
function nameList(sql: string, tokens: Token[], open: number): string[] {
  const close = matching(tokens, open);
  return splitTopLevel(tokens, open + 1, close).map((p) => ident(sql, p[0]));
}

type Check = { name: string | undefined; sqltext: string; column: string | undefined };
type Builder = {
  primaryKeyName: string | undefined;
  autoincrement: boolean;
  checks: Check[];
  uniques: { name: string | undefined; columns: string[] }[];
  foreignKeys: { name: string | undefined; columns: string[]; deferrable: boolean; initiallyDeferred: boolean }[];
  generated: Map<string, { sqltext: string; stored: boolean }>;
  withoutRowid: boolean;
};

/** Parses one CREATE TABLE statement (as stored in sqlite_master.sql). */
export function parseCreateTable(sql: string): ParsedCreateTable {
  const all = tokenize(sql);
  const open = firstParen(all, 0);
  const out: Builder = { primaryKeyName: undefined, autoincrement: false, checks: [], uniques: [], foreignKeys: [], generated: new Map(), withoutRowid: false };
  if (open < 0) return out;
  const close = matching(all, open);
  out.withoutRowid = all.slice(close + 1).some((t, i, rest) => t.value === 'WITHOUT' && rest[i + 1]?.value === 'ROWID');
  for (const def of splitTopLevel(all, open + 1, close)) {
    if (def.length === 0) continue;
    const isTableConstraint = def[0].kind === 'word' && CONSTRAINT_WORDS.has(def[0].value);
    readConstraints(sql, def, isTableConstraint ? 0 : 1, isTableConstraint ? undefined : ident(sql, def[0]), out);
  }
  return out;
}

function readConstraints(sql: string, def: Token[], from: number, column: string | undefined, out: Builder): void {
  let name: string | undefined;
  for (let i = from; i < def.length; i++) {
    const t = def[i];
    if (t.kind === 'punct' && t.value === '(') {
      i = matching(def, i); // type arguments, default expressions
      continue;
    }
    if (t.kind !== 'word') continue;
    switch (t.value) {
      case 'CONSTRAINT':
        name = ident(sql, def[++i]);
        continue;
      case 'AUTOINCREMENT':
        out.autoincrement = true;
        break;
      case 'PRIMARY':
        if (name !== undefined) out.primaryKeyName = name;
        if (!column) i = matching(def, firstParen(def, i));
        break;
      case 'AS': {
        // [GENERATED ALWAYS] AS (expr) [STORED | VIRTUAL]
        const o = firstParen(def, i);
        if (!column || o !== i + 1) break;
        const c = matching(def, o);
        out.generated.set(column, { sqltext: sql.slice(def[o].end, def[c].start).trim(), stored: def[c + 1]?.value === 'STORED' });
        i = c;
        break;
      }
      case 'CHECK': {
        const o = firstParen(def, i);
        const c = matching(def, o);
        out.checks.push({ name, sqltext: sql.slice(def[o].end, def[c].start).trim(), column });
        i = c;
        break;
      }
      case 'UNIQUE':
        if (column) out.uniques.push({ name, columns: [column] });
        else {
          const o = firstParen(def, i);
          out.uniques.push({ name, columns: nameList(sql, def, o) });
          i = matching(def, o);
        }
        break;
      case 'FOREIGN':
      case 'REFERENCES':
        i = readReference(sql, def, i, column, name, out);
        break;
      default:
        continue;
    }
    name = undefined;
  }
}

/** Reads `[FOREIGN KEY (cols)] REFERENCES t [(cols)] [ON …] [[NOT] DEFERRABLE [INITIALLY …]]`; returns the last index read. */
function readReference(sql: string, def: Token[], at: number, column: string | undefined, name: string | undefined, out: Builder): number {
  let i = at;
  let columns = column ? [column] : [];
  if (def[i].value === 'FOREIGN') {
    const o = firstParen(def, i);
    columns = nameList(sql, def, o);
    i = matching(def, o);
    while (i < def.length && def[i].value !== 'REFERENCES') i++;
  }
  let deferrable = false;
  let initiallyDeferred = false;
  let j = i + 1;
  for (; j < def.length; j++) {
    const w = def[j];
    if (w.kind === 'punct' && w.value === '(') {
      j = matching(def, j);
      continue;
    }
    if (w.kind !== 'word') continue;
    // The next constraint of the column starts here.
    if (['CONSTRAINT', 'CHECK', 'UNIQUE', 'PRIMARY', 'COLLATE', 'GENERATED', 'AS', 'DEFAULT'].includes(w.value)) break;
    if (w.value === 'DEFERRABLE') deferrable = def[j - 1]?.value !== 'NOT';
    if (w.value === 'DEFERRED' && def[j - 1]?.value === 'INITIALLY') initiallyDeferred = true;
  }
  out.foreignKeys.push({ name, columns, deferrable, initiallyDeferred: deferrable && initiallyDeferred });
  return j - 1;
}

/** Parses a CREATE INDEX statement: its elements' text and its WHERE clause. */
export function parseCreateIndex(sql: string): ParsedCreateIndex {
  const tokens = tokenize(sql);
  const on = tokens.findIndex((t) => t.kind === 'word' && t.value === 'ON');
  const open = firstParen(tokens, on < 0 ? 0 : on);
  if (open < 0) return { elements: [], where: undefined };
  const close = matching(tokens, open);
  const elements = splitTopLevel(tokens, open + 1, close).map((part) => {
    let end = part.length;
    // Drop trailing ASC/DESC and COLLATE name.
    if (end && part[end - 1].kind === 'word' && (part[end - 1].value === 'ASC' || part[end - 1].value === 'DESC')) end--;
    if (end >= 2 && part[end - 2].kind === 'word' && part[end - 2].value === 'COLLATE') end -= 2;
    return sql.slice(part[0].start, part[end - 1].end).trim();
  });
  const whereAt = tokens.findIndex((t, i) => i > close && t.kind === 'word' && t.value === 'WHERE');
  const where = whereAt < 0 ? undefined : sql.slice(tokens[whereAt].end).trim().replace(/;$/, '').trim();
  return { elements, where };
}
