/**
 * JavaScript names for SQL names: camelCase identifiers for tables and columns, unique
 * within their scope, never a reserved word or a name the generated file imports; a column
 * whose name cannot become an identifier keeps its SQL name as a quoted key.
 */

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with yield let static ' +
    'implements interface package private protected public await arguments eval undefined NaN Infinity'
  ).split(' '),
);

const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !RESERVED.has(name);
}

/** `author_id` → `authorId`, `User ID` → `userId`, `createdAt` stays; empty when nothing is left. */
export function camelCase(name: string): string {
  const words = name.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const shaped = words.map((w, i) => {
    const lower = w === w.toUpperCase() ? w.toLowerCase() : w;
    return i === 0 ? lower.charAt(0).toLowerCase() + lower.slice(1) : lower.charAt(0).toUpperCase() + lower.slice(1);
  });
  const out = shaped.join('');
  return /^\p{N}/u.test(out) ? `_${out}` : out;
}

/** A property key as source text: bare when it is an identifier-like name, else a string literal. */
export function propertyKey(key: string): string {
  return /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u.test(key) ? key : quote(key);
}

/** A single-quoted string literal. */
export function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')}'`;
}

/**
 * Keys for a table's columns: camelCase where that is an identifier and unique, otherwise
 * the SQL name itself. Never an integer-like key (JavaScript would reorder it) or `__proto__`.
 */
export function columnKeys(names: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  const wanted = names.map((n) => {
    const c = camelCase(n);
    return IDENTIFIER.test(c) && c !== '__proto__' ? c : undefined;
  });
  const counts = new Map<string, number>();
  for (const w of wanted) if (w !== undefined) counts.set(w, (counts.get(w) ?? 0) + 1);
  names.forEach((n, i) => {
    const w = wanted[i];
    let key = w !== undefined && counts.get(w) === 1 ? w : n;
    if (/^(0|[1-9]\d*)$/.test(key) || key === '__proto__') key = `_${key}`;
    while (used.has(key)) key = `_${key}`;
    used.add(key);
    out.set(n, key);
  });
  return out;
}

/** Variable names for tables: camelCase identifiers, clear of reserved words, imports and each other. */
export function tableVariables(names: readonly string[], taken: ReadonlySet<string>): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set(taken);
  for (const n of names) {
    let base = camelCase(n);
    if (!IDENTIFIER.test(base)) base = 'table';
    let v = isIdentifier(base) && !used.has(base) ? base : `${base}Table`;
    for (let i = 2; used.has(v) || !isIdentifier(v); i++) v = `${base}Table${i}`;
    used.add(v);
    out.set(n, v);
  }
  return out;
}
