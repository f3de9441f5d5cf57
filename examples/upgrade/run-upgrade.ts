/**
 * The upgrade of examples/legacy-app in four parts, printed as it goes — the machinery of
 * both `npm run demo:upgrade` (./demo.ts) and tests/codemods/legacy-app-e2e.test.ts:
 *
 * 1. a committed copy of the app, its tests on the shim with RETORT_LEGACY=warn (SQLite),
 *    and the legacy warnings they raise, summed up per code;
 * 2. `retort-codemod --dry all .`: the CLI's own summary (diffs cut down to a line per file);
 * 3. `retort-codemod all --json <work>/report.json .`, then the hand edits of
 *    ./manual-fixes.ts, each announced with its code and reason;
 * 4. the app's tests with RETORT_LEGACY=error on a future engine (INVENTORY_FUTURE=1), and
 *    the share of legacy call sites rewritten automatically.
 *
 * A step that fails throws an UpgradeStepFailed naming it, with the output that shows why.
 *
 * @example
 * const result = runUpgrade({ retortRoot, cli: join(retortRoot, 'dist/cjs/codemods/cli.js'), work: mkdtempSync(...), databases: 'sqlite', print: console.log });
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunReport } from '../../codemods/run/report';
import { legacyRecord } from '../../legacy-api/registry';
import { commitApp, copyLegacyApp } from './app-copy';
import { AppTestResult, runAppTests } from './app-tests';
import { runCodemodCli } from './codemod-cli';
import { LegacyWarningSummary, summarizeLegacyWarnings } from './legacy-warnings';
import { applyManualFixes, MANUAL_FIXES } from './manual-fixes';
import { automaticShare, readLegacySites, readRemainingSites, UpgradeNumbers, upgradeNumbers } from './numbers';

export interface UpgradeOptions {
  /** The Retort checkout: its sources, node_modules and examples/legacy-app. */
  readonly retortRoot: string;
  /** The compiled retort-codemod CLI (cli.js). */
  readonly cli: string;
  /** An empty directory: the app goes to `<work>/app`, the codemod's report to `<work>/report.json`. */
  readonly work: string;
  /** Where the upgraded app's tests run (part 4); the shim run of part 1 is on SQLite. */
  readonly databases: 'sqlite' | 'configured';
  /** Table-prefix tag of the app's tests (letters and digits). */
  readonly tag?: string;
  readonly print: (line: string) => void;
  /** Called after the codemod has rewritten the app, before the hand edits. */
  readonly afterRewrite?: (app: string) => void;
}

export interface UpgradeResult {
  readonly app: string;
  readonly shim: AppTestResult;
  readonly warnings: readonly LegacyWarningSummary[];
  readonly report: RunReport;
  readonly future: AppTestResult;
  readonly numbers: UpgradeNumbers;
}

/** A part of the upgrade that did not succeed; `step` names it, the message shows why. */
export class UpgradeStepFailed extends Error {
  constructor(
    readonly step: string,
    detail: string,
  ) {
    super(`${step} failed:\n${detail}`);
    this.name = 'UpgradeStepFailed';
  }
}

/** The part headings, in order: the demo's test and the e2e test look for them. */
export const UPGRADE_PARTS = [
  "1/4 the 1.x app's tests on the shim (RETORT_LEGACY=warn, SQLite)",
  '2/4 retort-codemod --dry all: what it would rewrite',
  '3/4 the rewrite: retort-codemod all, the hand edits, and retort-codemod all again',
  '4/4 the upgraded app\'s tests in future mode (RETORT_LEGACY=error, INVENTORY_FUTURE=1)',
] as const;

/** `--- a/f` … blocks of unified diffs → one `f  +added -removed` line each. */
function diffStat(diff: string): string[] {
  const out: string[] = [];
  let file = '';
  let add = 0;
  let del = 0;
  const flush = () => file && out.push(`    ${file}  +${add} -${del}`);
  for (const line of diff.split('\n')) {
    if (line.startsWith('--- a/')) {
      flush();
      file = line.slice(6);
      add = del = 0;
    } else if (line.startsWith('+++ ')) continue;
    else if (line.startsWith('+')) add++;
    else if (line.startsWith('-')) del++;
  }
  flush();
  return out;
}

export function runUpgrade(o: UpgradeOptions): UpgradeResult {
  const { retortRoot, print } = o;
  const app = join(o.work, 'app');
  const heading = (i: number) => print(`\n== ${UPGRADE_PARTS[i]}`);
  const codemod = (step: string, args: string[]) => {
    const r = runCodemodCli(retortRoot, o.cli, args, app);
    if (r.status !== 0) throw new UpgradeStepFailed(step, `retort-codemod exited with ${r.status}\n${r.stdout}\n${r.stderr}`);
    return r.stdout;
  };

  heading(0);
  copyLegacyApp(retortRoot, app);
  const shim = runAppTests(retortRoot, app, { legacy: 'warn', future: false, databases: 'sqlite', tag: o.tag });
  if (shim.status !== 0) throw new UpgradeStepFailed("the 1.x app's tests on the shim", shim.output);
  const warnings = summarizeLegacyWarnings(shim.output, app);
  if (warnings.length === 0) throw new UpgradeStepFailed("the 1.x app's tests on the shim", `no legacy warning was printed (is Node started with --no-deprecation?)\n${shim.output}`);
  const warned = warnings.reduce((n, w) => n + w.sites.length, 0);
  print(`  ${shim.summary}`);
  print(`  legacy warnings: ${warned} call sites under ${warnings.length} codes (code, sites, what, one of them):`);
  for (const w of warnings) print(`    ${w.code} ${String(w.sites.length).padStart(3)}  ${legacyRecord(w.code).title.padEnd(60)}  e.g. ${w.sites[0]}`);

  heading(1);
  const dry = codemod('retort-codemod --dry all', ['--dry', 'all', '.']);
  const at = dry.indexOf('retort-codemod:');
  if (at < 0) throw new UpgradeStepFailed('retort-codemod --dry all', `no summary in its output:\n${dry}`);
  print('  diffs (lines added and removed per file):');
  for (const line of diffStat(dry.slice(0, at))) print(line);
  for (const line of dry.slice(at).trimEnd().split('\n')) print(`  ${line}`);

  heading(2);
  const reportFile = join(o.work, 'report.json');
  const written = codemod('retort-codemod all', ['all', '--json', reportFile, '.']);
  print(`  ${written.split('\n').find((l) => l.startsWith('retort-codemod:')) ?? written.trim().split('\n')[0]}`);
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as RunReport;
  o.afterRewrite?.(app);
  print(`  hand edits (examples/upgrade/manual-fixes.ts), ${MANUAL_FIXES.length} of them:`);
  for (const f of MANUAL_FIXES) {
    const what = f.edits.length === 0 ? 'kept on the 1.x API' : `${f.edits.length} edit${f.edits.length > 1 ? 's' : ''}`;
    print(`    ${f.code} ${f.file} (${f.kind}, ${f.sites} site${f.sites > 1 ? 's' : ''}, ${what}): ${f.why}`);
  }
  try {
    applyManualFixes(app);
  } catch (e) {
    throw new UpgradeStepFailed('the hand edits', (e as Error).message);
  }
  // Committed, as a team would, then the codemod again: the hand edits free sites a transform waited for.
  commitApp(app, 'the hand edits');
  const again = codemod('retort-codemod all (after the hand edits)', ['all', '.']);
  print(`  after the hand edits, retort-codemod all again: ${again.split('\n').find((l) => l.startsWith('retort-codemod:')) ?? again.trim().split('\n')[0]}`);

  heading(3);
  const legacyReport = join(o.work, 'legacy-left.json');
  const future = runAppTests(retortRoot, app, { legacy: 'error', future: true, databases: o.databases, tag: o.tag, report: legacyReport });
  if (future.status !== 0 || /RemovedInRetort2Error/.test(future.output)) throw new UpgradeStepFailed("the upgraded app's tests in future mode", future.output);
  print(`  ${future.summary}`);
  const numbers = upgradeNumbers(readLegacySites(retortRoot), report, MANUAL_FIXES, readRemainingSites(legacyReport, app));
  const left = numbers.remaining ?? [];
  print(`\n${automaticShare(numbers)}; ${numbers.handEdited} by the hand edits; ${left.length} stay on the legacy-status 1.x API, which keeps working in future mode${left.length ? ` (${[...new Set(left.map((r) => r.code))].join(', ')})` : ''}.`);
  return { app, shim, warnings, report, future, numbers };
}
