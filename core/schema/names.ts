/**
 * Names Retort makes up for schema objects (`ix_<table>_<column>`, `fk_…`, PostgreSQL enum
 * types). Made from long table and column names they can pass what a database takes:
 * PostgreSQL cuts identifiers to 63 bytes without a word (two such names then collide) and
 * MySQL refuses more than 64 characters. A name over 63 UTF-8 bytes is cut and ends in a
 * hash of the whole name, so it stays the same from run to run and distinct from its
 * neighbours.
 */

/** The longest identifier every supported database keeps as given (PostgreSQL's, in bytes). */
export const MAX_IDENTIFIER_BYTES = 63;

export function conventionalName(name: string): string {
  if (Buffer.byteLength(name, 'utf8') <= MAX_IDENTIFIER_BYTES) return name;
  const suffix = `_${fnv1a(name)}`;
  let cut = '';
  let bytes = 0;
  // Whole code points only, so no character is split.
  for (const ch of name) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (bytes + n > MAX_IDENTIFIER_BYTES - suffix.length) break;
    cut += ch;
    bytes += n;
  }
  return cut + suffix;
}

/** 32-bit FNV-1a of the UTF-8 bytes, as 8 hex digits. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(s, 'utf8')) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
