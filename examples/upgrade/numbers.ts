/**
 * The upgrade's numbers for examples/legacy-app: its legacy call sites (legacy-sites.json),
 * how many `retort-codemod` rewrote (its report), and how many the hand edits of
 * ./manual-fixes.ts take, by kind. The end-to-end test and the demo print the same figures.
 *
 * @example
 * const n = upgradeNumbers(readLegacySites(root), report);
 * console.log(describeUpgradeNumbers(n).join('\n'));
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { RunReport } from '../../codemods/run/report';
import { MANUAL_FIXES, ManualFix, ManualFixKind } from './manual-fixes';

export interface LegacySite {
  readonly file: string;
  readonly line: number;
  readonly code: string;
  readonly status: string;
  readonly fix: string;
}

/** The call sites of examples/legacy-app, as its legacy-sites.json lists them. */
export function readLegacySites(retortRoot: string): LegacySite[] {
  return (JSON.parse(readFileSync(join(retortRoot, 'examples', 'legacy-app', 'legacy-sites.json'), 'utf8')) as { sites: LegacySite[] }).sites;
}

/**
 * The legacy call sites of the app (under src/) the upgraded app still reached when its
 * tests ran with the shim's report on (RETORT_LEGACY=…,report=<file>): what stays on the
 * legacy-status 1.x API, measured rather than derived. One entry per code and line.
 */
export function readRemainingSites(reportFile: string, app: string): { code: string; site: string }[] {
  if (!existsSync(reportFile)) return [];
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { sites?: { code: string; site: string }[] };
  const out = new Map<string, { code: string; site: string }>();
  for (const e of report.sites ?? []) {
    const m = /^(.*):(\d+):\d+$/.exec(e.site);
    if (!m) continue;
    const file = relative(app, m[1]).split('\\').join('/');
    if (!file.startsWith('src/')) continue;
    const site = `${file}:${m[2]}`;
    out.set(`${e.code}@${site}`, { code: e.code, site });
  }
  return [...out.values()].sort((a, b) => a.code.localeCompare(b.code) || a.site.localeCompare(b.site));
}

export interface UpgradeNumbers {
  readonly sites: number;
  readonly sitesByCode: Readonly<Record<string, number>>;
  readonly rewritten: number;
  readonly rewrittenByCode: Readonly<Record<string, number>>;
  /** Sites the manual fixes cover, by kind. */
  readonly byHand: Readonly<Record<ManualFixKind, number>>;
  /** Transform-gap sites left on the legacy-status 1.x API (an entry with no edit). */
  readonly keptOnLegacyApi: number;
  /** Entries of edits a rewrite asks of the code around it (no legacy site of their own). */
  readonly followUps: number;
  /** Sites the hand edits change (entries with edits). */
  readonly handEdited: number;
  /** Sites the upgraded app still reaches on the 1.x API (measured: readRemainingSites()), when known. */
  readonly remaining?: readonly { code: string; site: string }[];
}

export function upgradeNumbers(sites: readonly LegacySite[], report: RunReport, fixes: readonly ManualFix[] = MANUAL_FIXES, remaining?: readonly { code: string; site: string }[]): UpgradeNumbers {
  const sitesByCode: Record<string, number> = {};
  for (const s of sites) sitesByCode[s.code] = (sitesByCode[s.code] ?? 0) + 1;
  const byHand: Record<ManualFixKind, number> = { human: 0, 'not-reported': 0, 'transform-gap': 0, 'pending-transform': 0, 'follow-up': 0 };
  for (const f of fixes) byHand[f.kind] += f.sites;
  return {
    sites: sites.length,
    sitesByCode: Object.fromEntries(Object.entries(sitesByCode).sort()),
    rewritten: Object.values(report.totals.rewritten).reduce((a, b) => a + b, 0),
    rewrittenByCode: report.totals.rewritten,
    byHand,
    keptOnLegacyApi: fixes.filter((f) => f.kind === 'transform-gap' && f.edits.length === 0).reduce((n, f) => n + f.sites, 0),
    followUps: fixes.filter((f) => f.kind === 'follow-up').length,
    handEdited: fixes.filter((f) => f.edits.length > 0 && f.kind !== 'follow-up').reduce((n, f) => n + f.sites, 0),
    remaining,
  };
}

/**
 * Call sites the codemod took off the 1.x API: all of them, less those a person edits and
 * those the upgraded app still reaches on the shim (measured; without that measure, the
 * entries that keep a site on the 1.x API stand in for it).
 */
export function automaticSites(n: UpgradeNumbers): number {
  return n.sites - n.handEdited - (n.remaining?.length ?? n.keptOnLegacyApi);
}

const tally = (r: Readonly<Record<string, number>>) =>
  Object.entries(r)
    .map(([c, n]) => `${c}×${n}`)
    .join(' ');

/** The share of the app's legacy call sites the codemod took off the 1.x API, as a whole percentage. */
export function automaticShare(n: UpgradeNumbers): string {
  const auto = automaticSites(n);
  return `${auto} of ${n.sites} legacy call sites (${Math.round((100 * auto) / n.sites)}%) rewritten automatically by retort-codemod (${n.rewritten} rewrites)`;
}

export function describeUpgradeNumbers(n: UpgradeNumbers): string[] {
  return [
    `examples/legacy-app: ${n.sites} legacy call sites (${tally(n.sitesByCode)})`,
    `  rewritten by retort-codemod: ${automaticSites(n)} call sites, in ${n.rewritten} rewrites (${tally(n.rewrittenByCode)})`,
    ...(n.remaining ? [`  still on the legacy-status 1.x API after the upgrade (measured): ${n.remaining.length}${n.remaining.length ? ` (${n.remaining.map((r) => `${r.code} ${r.site}`).join(', ')})` : ''}`] : []),
    `  left for a person: ${n.byHand.human} the registry gives to one, ${n.byHand['not-reported']} of those the report misses, ${n.byHand['transform-gap']} a transform left (${n.keptOnLegacyApi} of them stay on the legacy-status 1.x API), ${n.byHand['pending-transform']} awaiting their transform; ${n.followUps} follow-up edit(s) the rewrite asks of the code around it`,
  ];
}
