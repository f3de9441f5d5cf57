/**
 * `--todos`: a `// TODO(retort-2.0): <code> …` line above the statement of each site left
 * for a human. Idempotent: a statement already marked for a code is not marked again.
 */
import { guidePath, legacyRecord } from '../../legacy-api/registry';
import { parse, statementLineAt } from './parse';

export interface SiteAt {
  readonly code: string;
  readonly pos: number;
  readonly reason: string;
}

export const TODO_TAG = 'TODO(retort-2.0):';

/** The text with TODO lines inserted, and a function mapping an original 0-based line to its new one. */
export function insertTodos(path: string, text: string, sites: readonly SiteAt[]): { text: string; lineOf: (line: number) => number } {
  const sf = parse(path, text);
  const lines = text.split('\n');
  const wanted = new Map<number, string[]>();
  for (const s of sites) {
    const at = statementLineAt(sf, s.pos);
    const list = wanted.get(at) ?? [];
    if (list.some((l) => l.includes(`${TODO_TAG} ${s.code} `))) continue;
    if (alreadyMarked(lines, at, s.code)) continue;
    const indent = /^\s*/.exec(lines[at])?.[0] ?? '';
    const r = legacyRecord(s.code);
    list.push(`${indent}// ${TODO_TAG} ${s.code} ${s.reason} (see ${guidePath(r)})`);
    wanted.set(at, list);
  }
  if (!wanted.size) return { text, lineOf: (l) => l };
  const out: string[] = [];
  const inserted: number[] = [];
  lines.forEach((line, i) => {
    const add = wanted.get(i);
    if (add) {
      out.push(...add);
      for (let k = 0; k < add.length; k++) inserted.push(i);
    }
    out.push(line);
  });
  return { text: out.join('\n'), lineOf: (l) => l + inserted.filter((i) => i <= l).length };
}

function alreadyMarked(lines: readonly string[], at: number, code: string): boolean {
  for (let i = at - 1; i >= 0 && /^\s*\/\//.test(lines[i]); i--) if (lines[i].includes(`${TODO_TAG} ${code} `)) return true;
  return false;
}
