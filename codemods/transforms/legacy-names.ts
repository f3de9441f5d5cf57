/**
 * Which names of `retort/legacy` only exist there: those its index exports explicitly
 * (the shim's own), except the ones whose 2.0 namesake is the same call once the legacy
 * argument forms are gone. Read from the index this copy of the codemod ships with, so a
 * name added to the shim is legacy-only until it is listed here.
 */
import { readFileSync } from 'node:fs';
import { retortTypes } from '../run/retort-types';

/** Shim names whose 2.0 namesakes accept every non-legacy use of them. */
export const SAME_IN_2_0: ReadonlySet<string> = new Set(['createEngine', 'declarativeBase', 'select', 'case_', 'union', 'unionAll', 'intersect', 'except', 'insert', 'update', 'delete_', 'deleteFrom', 'MetaData', 'Table']);

let cached: Set<string> | undefined;

/** Names of the explicit export lists of an index module's text. */
export function explicitExports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}\s*from/g)) {
    for (const part of m[1].split(',')) {
      const name = part.trim().split(/\s+as\s+/).pop()?.replace(/^type\s+/, '').trim();
      if (name) out.push(name);
    }
  }
  return out;
}

/** The names a file must not import from `retort` instead of `retort/legacy`. */
export function legacyOnlyNames(): ReadonlySet<string> {
  if (!cached) cached = new Set(explicitExports(readFileSync(retortTypes().legacyEntry, 'utf8')).filter((n) => !SAME_IN_2_0.has(n)));
  return cached;
}
