/**
 * Reads back the legacy warnings Node printed (RETORT_LEGACY=warn): one line per warning,
 * `(node:123) [L102] DeprecationWarning: … (at /app/src/db.ts:11:25)`, turned into one entry
 * per code with its distinct call sites of the app — what a person wants to know first,
 * instead of hundreds of lines of warnings.
 *
 * @example
 * for (const w of summarizeLegacyWarnings(output, '/tmp/app')) console.log(w.code, w.sites.length, w.sites[0]);
 */
import { relative } from 'node:path';

export interface LegacyWarningSummary {
  readonly code: string;
  /** Distinct `file:line` of the app (relative to its root), in the order first seen. */
  readonly sites: readonly string[];
}

export function summarizeLegacyWarnings(output: string, app: string): LegacyWarningSummary[] {
  const byCode = new Map<string, Set<string>>();
  for (const m of output.matchAll(/^\(node:\d+\) \[(L\d{3})\] DeprecationWarning: .*\(at (.+):(\d+):\d+\)$/gm)) {
    const file = relative(app, m[2]).split('\\').join('/');
    if (file.startsWith('..')) continue; // a site inside Retort is not the app's to fix
    byCode.set(m[1], (byCode.get(m[1]) ?? new Set()).add(`${file}:${m[3]}`));
  }
  return [...byCode].sort(([a], [b]) => a.localeCompare(b)).map(([code, sites]) => ({ code, sites: [...sites] }));
}
