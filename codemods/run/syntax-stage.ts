/** Runs the selected jscodeshift transforms over one file's text, in order. */
import type { API, JSCodeshift } from 'jscodeshift';
import type { TransformInfo } from '../transforms/types';
import { parserName } from '../transforms/js-parse';

export interface SyntaxSite {
  readonly transform: string;
  readonly code: string;
  /** 1-based line and column in the text the transform saw. */
  readonly line: number;
  readonly column: number;
  readonly reason: string;
}

export interface SyntaxOutcome {
  readonly text: string;
  readonly rewritten: Record<string, number>;
  readonly manual: SyntaxSite[];
}

const LEGACY_MODULE = 'retort/legacy';

let core: JSCodeshift | undefined;
const parsers = new Map<string, JSCodeshift>();

/** jscodeshift with the parser for a file's extension (TypeScript, TSX, or Babel for JavaScript). */
export function jscodeshiftFor(path: string): JSCodeshift {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  core ??= require('jscodeshift') as JSCodeshift;
  const parser = parserName(path);
  let j = parsers.get(parser);
  if (!j) parsers.set(parser, (j = core.withParser(parser)));
  return j;
}

/** Applies `transforms` (jscodeshift ones; others are skipped) whose trigger matches; throws what a transform throws. */
export function runSyntaxStage(path: string, text: string, transforms: readonly TransformInfo[]): SyntaxOutcome {
  const rewritten: Record<string, number> = {};
  const manual: SyntaxSite[] = [];
  let current = text;
  // The syntax-only transforms find Retort's functions through the file's imports of
  // retort/legacy (js-bindings.ts): a file that never names that module has none to rewrite,
  // and is not parsed once per transform to find that out.
  if (!text.includes(LEGACY_MODULE)) return { text, rewritten, manual };
  for (const t of transforms) {
    if (t.engine !== 'jscodeshift' || t.finalStage || !t.trigger.test(current)) continue;
    const mod = t.load();
    if (!('syntax' in mod)) throw new Error(`${t.name}: registered as jscodeshift but exports no syntax transform`);
    const j = jscodeshiftFor(path);
    const api = { jscodeshift: j, j, stats: () => undefined, report: () => undefined } as unknown as API;
    const out = mod.syntax({ path, source: current }, api, {
      rewritten: (code) => void (rewritten[code] = (rewritten[code] ?? 0) + 1),
      manual: (code, line, column, reason) => void manual.push({ transform: t.name, code, line, column, reason }),
    });
    if (typeof out === 'string') current = out;
  }
  return { text: current, rewritten, manual };
}
