/**
 * The final stage's rewrite of one file: `legacy-imports` on its text. Whether a file gets
 * it depends on the whole repository (see `finalStage` in run.ts), but the rewrite itself
 * depends only on the file, so the workers compute it with the rest of the file's work and
 * the coordinator only picks it up (it used to parse every changed file again, in one thread).
 */
import { pruneUnusedLegacyImports } from '../transforms/legacy-imports';
import { transformByName } from '../transforms/registry';
import { syntaxError } from './parse';
import { jscodeshiftFor } from './syntax-stage';

/** The text after `legacy-imports`, or null when it changes nothing (or its output would not parse). */
export function legacyImportsRewrite(path: string, text: string): string | null {
  const info = transformByName('legacy-imports')!;
  if (!info.trigger.test(text)) return null;
  const mod = info.load();
  if (!('syntax' in mod)) throw new Error('legacy-imports must be a jscodeshift transform');
  const j = jscodeshiftFor(path);
  const out = mod.syntax({ path, source: text }, { jscodeshift: j, j, stats: () => undefined, report: () => undefined } as never, {
    rewritten: () => undefined,
    manual: () => undefined,
  });
  if (typeof out !== 'string' || out === text || syntaxError(path, out)) return null;
  return out;
}

/** For a changed file that keeps its legacy imports: the text without the names the rewrites left unused, or null when none is dropped (or the result would not parse). */
export function prunedLegacyImports(path: string, text: string, before: string): string | null {
  const out = pruneUnusedLegacyImports(jscodeshiftFor(path), path, text, before);
  if (typeof out !== 'string' || out === text || syntaxError(path, out)) return null;
  return out;
}
