/**
 * The upgrade of examples/legacy-app end to end, as a team would do it: a copy of the app
 * in its own git repository, `retort-codemod all --json report.json .` over it, then the
 * hand edits for every site left to a person (examples/upgrade/manual-fixes.ts), then the
 * app's own tests with removed patterns throwing (RETORT_LEGACY=error) on a future engine
 * (INVENTORY_FUTURE=1), on every database configured, and a type check; a second codemod
 * run over its own output must change nothing.
 *
 * It also holds the codemod to its word: the sites its report leaves for a human must be
 * the ones legacy-sites.json marks as needing one (the registry has no codemod for their
 * code). Where they differ today, each difference is a labelled entry of the manual fixes —
 * `not-reported` (the report misses a site the registry gives to a human) or
 * `transform-gap` (a transform left a site although the registry names it) — so any change
 * in either direction fails here until the list says so. Sites of codes whose transform
 * is not written yet are `pending-transform` entries.
 *
 * When a transform or a detector changes what the codemod does to the app, this test fails
 * until examples/upgrade/manual-fixes.ts says what a person still does: drop the entries the
 * codemod now covers, relabel or add the ones it leaves, and fix any edit whose text moved.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { legacyRecord } from '../../legacy-api/registry';
import { PENDING, transformByName } from '../../codemods/transforms/registry';
import { commitApp, copyLegacyApp } from '../../examples/upgrade/app-copy';
import { runAppTests } from '../../examples/upgrade/app-tests';
import { applyManualFixes, MANUAL_FIXES, ManualFixKind } from '../../examples/upgrade/manual-fixes';
import { automaticShare, automaticSites, describeUpgradeNumbers, readLegacySites, readRemainingSites, upgradeNumbers } from '../../examples/upgrade/numbers';
import type { RunReport } from '../../codemods/run/report';
import { builtCli, runCli } from './support/cli-build';
import { typeErrors } from './support/typecheck';

const root = join(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'retort-legacy-app-e2e-'));
const app = join(work, 'app');
/** The shim's report of the legacy call sites the upgraded app still reaches. */
const legacyLeft = join(work, 'legacy-left.json');

const sites = readLegacySites(root);

/** `file code` → number of distinct lines. */
type Tally = Record<string, number>;
const key = (file: string, code: string) => `${file} ${code}`;
function tallyLines(entries: readonly { file: string; code: string; line: number }[]): Tally {
  const lines = new Map<string, Set<number>>();
  for (const e of entries) {
    const k = key(e.file, e.code);
    lines.set(k, (lines.get(k) ?? new Set()).add(e.line));
  }
  return Object.fromEntries([...lines].map(([k, v]) => [k, v.size]).sort());
}
function tallyFixes(kinds: readonly ManualFixKind[]): Tally {
  const out: Tally = {};
  for (const f of MANUAL_FIXES) if (kinds.includes(f.kind)) out[key(f.file, f.code)] = (out[key(f.file, f.code)] ?? 0) + f.sites;
  return Object.fromEntries(Object.entries(out).sort());
}

let report: RunReport;
let secondRun: RunReport;
let cliOutput = '';
let fixed = false;
let afterFixes: RunReport;
/**
 * The copy with the manual fixes applied (once), committed, and the codemod run again: the
 * hand edits free sites a transform waited for (a Query chain held by fromSelf() or by a
 * joined collection load), as they do in a team's upgrade.
 */
function upgraded(): string {
  if (!fixed) {
    fixed = true;
    applyManualFixes(app);
    commitApp(app, 'the hand edits');
    const r = runCli(builtCli(), ['all', '--json', join(work, 'after-fixes.json'), '.'], app);
    if (r.status !== 0) throw new Error(`retort-codemod after the hand edits exited with ${r.status}:\n${r.stdout}\n${r.stderr}`);
    afterFixes = JSON.parse(readFileSync(join(work, 'after-fixes.json'), 'utf8')) as RunReport;
  }
  return app;
}

beforeAll(() => {
  copyLegacyApp(root, app);
  const cli = builtCli();
  const r = runCli(cli, ['all', '--json', join(work, 'report.json'), '.'], app);
  cliOutput = `${r.stdout}\n${r.stderr}`;
  if (r.status !== 0) throw new Error(`retort-codemod exited with ${r.status}:\n${cliOutput}`);
  report = JSON.parse(readFileSync(join(work, 'report.json'), 'utf8')) as RunReport;
  // A second run over the rewritten app (before any hand edit) must find nothing to change.
  const again = runCli(cli, ['all', '--dry', '--json', join(work, 'again.json'), '.'], app);
  if (again.status !== 0) throw new Error(`the second retort-codemod run exited with ${again.status}:\n${again.stdout}\n${again.stderr}`);
  secondRun = JSON.parse(readFileSync(join(work, 'again.json'), 'utf8')) as RunReport;
}, 300_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('examples/legacy-app upgraded with retort-codemod', () => {
  it('parses every file and rewrites only with transforms that exist', () => {
    expect(report.totals.failed).toEqual([]);
    expect(report.totals.writeErrors).toEqual([]);
    expect(report.totals.files.changed).toBeGreaterThan(0);
    for (const code of Object.keys(report.totals.rewritten)) expect(transformByName(legacyRecord(code).codemod ?? '')).toBeDefined();
  });

  it('is idempotent: run again over its own output, it changes nothing and leaves the same sites, on the same lines', () => {
    expect(secondRun.totals.files.changed).toBe(0);
    expect(secondRun.totals.rewritten).toEqual({});
    // The lines too: a site inside a span the first run replaced (a dynamic() in a model class
    // rewritten whole) is reported where it is in the written file, not at the span's start.
    const at = (r: RunReport) => r.totals.manual.map((m) => `${m.file}:${m.line} ${m.code}`).sort();
    expect(at(secondRun)).toEqual(at(report));
  });

  it('leaves for a human exactly the sites the registry gives to one, apart from the labelled differences', () => {
    const reported = tallyLines(report.totals.manual);
    const registryHuman = tallyLines(sites.filter((s) => s.fix === 'human'));
    // What the report lists: the registry's human sites it finds, and the sites a transform left.
    expect(reported).toEqual(tallyFixes(['human', 'transform-gap']));
    // What the registry gives to a human: those the report lists, and those it does not find yet.
    expect(registryHuman).toEqual(tallyFixes(['human', 'not-reported']));
    // A transform gap is a site of a code whose transform exists.
    const noTransform = MANUAL_FIXES.filter((x) => x.kind === 'transform-gap' && !transformByName(legacyRecord(x.code).codemod ?? ''));
    expect(noTransform.map((f) => `${f.code} ${f.file}: labelled transform-gap, but the code has no transform`)).toEqual([]);
  });

  it('has a fix for every removed-status site of a transform not written yet, and for nothing else pending', () => {
    const pendingCodes = new Set(PENDING.map((p) => p.code));
    const fixes = MANUAL_FIXES.filter((f) => f.kind === 'pending-transform');
    const stale = fixes.filter((f) => !pendingCodes.has(f.code));
    expect(stale.map((f) => `${f.code} ${f.file}: its transform ${legacyRecord(f.code).codemod} exists now; drop this pending-transform entry (or relabel what the transform leaves) in examples/upgrade/manual-fixes.ts`)).toEqual([]);
    const needed = tallyLines(sites.filter((s) => pendingCodes.has(s.code) && s.status === 'removed'));
    expect(tallyFixes(['pending-transform'])).toEqual(needed);
  });

  it("passes its own tests in error mode on a future engine after the manual fixes", () => {
    upgraded();
    const { status, output } = runAppTests(root, app, { legacy: 'error', future: true, databases: 'configured', tag: 'e2e', report: legacyLeft });
    if (status !== 0) throw new Error(`the upgraded app's tests failed:\n${output}`);
    // What the app still reaches of the 1.x API is legacy-status only (removed patterns would have thrown).
    const left = readRemainingSites(legacyLeft, app);
    expect(left.filter((r) => legacyRecord(r.code).status !== 'legacy')).toEqual([]);
    expect(output).toMatch(/Tests:\s+\d+ passed, \d+ total/);
    const legs = 1 + (process.env.RETORT_TEST_POSTGRESQL_URL ? 1 : 0) + (process.env.RETORT_TEST_MYSQL_URL ? 1 : 0);
    if (legs > 1) expect(output).toContain(`Ran all test suites in ${legs} projects.`);
    expect(output).not.toMatch(/RemovedInRetort2Error/);
  }, 300_000);

  it('runs again after the hand edits: it rewrites the Query chains they freed and leaves only the sites a person keeps on the 1.x API', () => {
    upgraded();
    expect(afterFixes.totals.failed).toEqual([]);
    expect(afterFixes.totals.rewritten).toEqual({ L301: 2 });
    // Left by the hand edits on the legacy-status API, as their entries say (no edit): bulkSaveObjects and the dynamic collection.
    const kept = MANUAL_FIXES.filter((f) => f.kind === 'human' && f.edits.length === 0).map((f) => f.code);
    expect([...new Set(afterFixes.totals.manual.map((m) => m.code))].sort()).toEqual([...new Set(kept)].sort());
  }, 300_000);

  it('type-checks after the rewrite and the manual fixes, with no import left unused', () => {
    const dir = join(upgraded(), 'src');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));
    expect(files.length).toBeGreaterThan(10);
    // noUnusedLocals: a project built with it must still compile after the codemod.
    expect(typeErrors(files, {}, { noUnusedLocals: true })).toEqual([]);
  }, 120_000);

  it('reports its numbers: sites per code, rewritten by the codemod, left for a person', () => {
    // The measured sites left on 1.x, when the future-mode run above has written them.
    const numbers = upgradeNumbers(sites, report, MANUAL_FIXES, existsSync(legacyLeft) ? readRemainingSites(legacyLeft, app) : undefined);
    console.log([...describeUpgradeNumbers(numbers), automaticShare(numbers)].join('\n'));
    expect(numbers.sites).toBe(sites.length);
    expect(automaticSites(numbers)).toBeGreaterThan(0);
  });
});
