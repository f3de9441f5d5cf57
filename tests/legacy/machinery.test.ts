/**
 * The warning machinery: warning shape, once per call site, modes, node_modules call sites,
 * report files merged across processes, Node's deprecation flags, and the test guard.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as legacy from 'retort/legacy';
import { case_ as legacyCase, column, configureLegacy, integer, legacyConfig, MetaData, RemovedInRetort2Error, select, Table } from 'retort/legacy';
import { captureLegacyWarnings, withLegacyConfig } from '../support/legacy';

const root = join(__dirname, '..', '..');
const t = new Table('t_lgm_items', new MetaData(), { id: column(integer(), { primaryKey: true }) });

/** A program using the legacy API, run by a child node (TypeScript through tsx). */
function childScript(dir: string): string {
  const file = join(dir, 'app.ts');
  writeFileSync(
    file,
    [
      `import { select, case_ as legacyCase, column, integer, MetaData, Table, select as s2 } from ${JSON.stringify(join(root, 'legacy-api/index.ts'))};`,
      `const t = new Table('t', new MetaData(), { id: column(integer(), { primaryKey: true }) });`,
      `for (let i = 0; i < 3; i++) select([t.c.id]);`,
      `legacyCase([[t.c.id.eq(1), 'one']]);`,
      `s2(t.c.id).asScalar();`,
      `console.log('ran to the end');`,
    ].join('\n'),
  );
  return file;
}

function runChild(file: string, nodeArgs: string[] = [], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [...nodeArgs, '--import', 'tsx', file], { cwd: root, env: { ...process.env, RETORT_LEGACY: '', ...env }, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('legacy warnings', () => {
  it('go through process.emitWarning as a DeprecationWarning with the code and a detail', async () => {
    const { warnings } = await captureLegacyWarnings(() => select([t.c.id]));
    expect(warnings).toHaveLength(1);
    const [w] = warnings;
    expect(w).toMatchObject({ type: 'DeprecationWarning', code: 'L201' });
    expect(w.message).toMatch(/select\(\[a, b\], where/);
    expect(w.message).toContain('machinery.test.ts:');
    expect(w.detail).toBe(legacy.warningDetail(legacy.legacyRecord('L201')));
    expect(w.detail).toContain('Use instead: select(a, b).where(');
    expect(w.detail).toContain('Fix: npx retort-codemod select-list-form <paths…>');
    expect(w.detail).toContain('Guide: migration-guide/L201-select-list-form.md');
  });

  it('warn once per call site: a loop warns once, two lines warn twice', async () => {
    const { warnings } = await captureLegacyWarnings(() => {
      for (let i = 0; i < 5; i++) select([t.c.id]);
      select([t.c.id]);
    });
    expect(warnings.map((w) => w.code)).toEqual(['L201', 'L201']);
    expect(warnings[0].message).not.toEqual(warnings[1].message); // different file:line:col
  });

  it('identify the call site as the first frame outside legacy-api/', async () => {
    const { warnings } = await captureLegacyWarnings(() => {
      select([t.c.id]); // this line
    });
    const line = readFileSync(__filename, 'utf8').split('\n').findIndex((l) => l.includes('select([t.c.id]); // this line')) + 1;
    expect(warnings[0].message).toContain(`machinery.test.ts:${line}:`);
  });

  it('stay quiet for call sites inside node_modules unless RETORT_LEGACY_ALL=1 (all: true)', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'retort-nm-')), 'node_modules', 'old-dependency');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.js'), 'module.exports = (legacy, t) => legacy.case_([[t.c.id.eq(1), "one"]]);\n');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const dependency = require(join(dir, 'index.js')) as (l: typeof legacy, table: typeof t) => unknown;
    const quiet = await captureLegacyWarnings(() => dependency(legacy, t));
    expect(quiet.warnings).toEqual([]);
    await withLegacyConfig({ mode: 'error' }, async () => {
      expect(() => dependency(legacy, t)).not.toThrow();
    });
    await withLegacyConfig({ all: true }, async () => {
      const loud = await captureLegacyWarnings(() => dependency(legacy, t));
      expect(loud.warnings.map((w) => w.code)).toEqual(['L203']);
      expect(loud.warnings[0].message).toContain('node_modules');
    });
  });

  it('silent mode emits nothing; error mode throws for removed codes and warns for legacy ones', async () => {
    await withLegacyConfig({ mode: 'silent' }, async () => {
      const { warnings } = await captureLegacyWarnings(() => legacyCase([[t.c.id.eq(1), 'one']]));
      expect(warnings).toEqual([]);
    });
    await withLegacyConfig({ mode: 'error' }, async () => {
      const { warnings } = await captureLegacyWarnings(() => {
        let err: unknown;
        try {
          legacyCase([[t.c.id.eq(1), 'one']]);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(RemovedInRetort2Error);
        expect(err).toMatchObject({ code: 'L203', guide: 'migration-guide/L203-case-list-form.md', name: 'RemovedInRetort2Error' });
        expect((err as Error).message).toContain('migration-guide/L203-case-list-form.md');
        expect((err as Error).message).toContain('machinery.test.ts:');
        select(t.c.id).asScalar(); // L207 is legacy status: works and warns
      });
      expect(warnings.map((w) => w.code)).toEqual(['L207']);
    });
  });

  it('configureLegacy() validates its mode, and RETORT_LEGACY is read from the environment', () => {
    expect(() => configureLegacy({ mode: 'loud' as never })).toThrow(/unknown mode/);
    expect(legacyConfig().mode).toBe('warn');
  });

  it('report mode inside a jest worker: a new call site is written at once, repeat counts shortly after', async () => {
    const report = join(mkdtempSync(join(tmpdir(), 'retort-report-')), 'report.json');
    await withLegacyConfig({ mode: 'silent', report }, async () => {
      await captureLegacyWarnings(async () => {
        for (let i = 0; i < 4; i++) select([t.c.id]);
        const first = JSON.parse(readFileSync(report, 'utf8')) as { sites: { code: string; count: number }[] };
        expect(first.sites).toEqual([expect.objectContaining({ code: 'L201', count: 1 })]);
        await new Promise((r) => setTimeout(r, 250));
      });
    });
    const later = JSON.parse(readFileSync(report, 'utf8')) as { sites: { code: string; site: string; count: number }[] };
    expect(later.sites).toHaveLength(1);
    expect(later.sites[0]).toMatchObject({ code: 'L201', count: 4 });
    expect(later.sites[0].site).toMatch(/machinery\.test\.ts:\d+:\d+$/);
  });

  it('fail a test that reaches a legacy pattern outside a capture (the jest guard)', () => {
    expect(() => select([t.c.id])).toThrow(/unexpected Retort legacy warning L201/);
  });
});

describe('legacy warnings in a child process', () => {
  let dir: string;
  let app: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'retort-legacy-child-'));
    app = childScript(dir);
  });

  it('print a DeprecationWarning with code and detail once per call site (default mode)', () => {
    const r = runChild(app);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('ran to the end');
    expect(r.stderr.match(/\[L201\] DeprecationWarning/g)).toHaveLength(1);
    expect(r.stderr).toContain('[L203] DeprecationWarning');
    expect(r.stderr).toContain('[L207] DeprecationWarning');
    expect(r.stderr).toContain('Fix: npx retort-codemod select-list-form');
  });

  it('--no-deprecation silences them', () => {
    const r = runChild(app, ['--no-deprecation']);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toContain('DeprecationWarning');
  });

  it('--throw-deprecation makes the first legacy warning an uncaught exception (on the next tick, as Node does)', () => {
    const r = runChild(app, ['--throw-deprecation']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("code: 'L201'");
    expect(r.stderr).not.toContain("code: 'L203'");
  });

  it('--trace-deprecation prints the stack of each warning', () => {
    const r = runChild(app, ['--trace-deprecation']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/\[L201\] DeprecationWarning[^\n]*\n(.*\n)*\s+at .*app\.ts:3/);
  });

  it('RETORT_LEGACY=error throws RemovedInRetort2Error; RETORT_LEGACY=silent prints nothing', () => {
    const e = runChild(app, [], { RETORT_LEGACY: 'error' });
    expect(e.status).not.toBe(0);
    expect(e.stderr).toContain('RemovedInRetort2Error');
    expect(e.stderr).toContain('[L201]');
    const s = runChild(app, [], { RETORT_LEGACY: 'silent' });
    expect(s.status).toBe(0);
    expect(s.stderr).not.toContain('DeprecationWarning');
  });

  it('report mode writes the inventory at exit, merged across processes', () => {
    const report = join(dir, 'legacy-report.json');
    const a = runChild(app, [], { RETORT_LEGACY: `silent,report=${report}` });
    expect(a.status).toBe(0);
    // A second program with one shared call site shape and one of its own.
    const other = join(dir, 'other.ts');
    writeFileSync(other, readFileSync(app, 'utf8').replace("console.log('ran to the end');", "select([t.c.id]);\nconsole.log('ran to the end');"));
    const b = runChild(other, [], { RETORT_LEGACY: `report=${report}` });
    expect(b.status).toBe(0);
    const c = runChild(app, [], { RETORT_LEGACY: `silent,report=${report}` });
    expect(c.status).toBe(0);
    const inventory = JSON.parse(readFileSync(report, 'utf8')) as { sites: { code: string; site: string; count: number }[] };
    const bySite = Object.fromEntries(inventory.sites.map((s) => [`${s.code} ${s.site.replace(dir + '/', '')}`, s.count]));
    expect(bySite).toEqual({
      'L201 app.ts:3:29': 6,
      'L201 other.ts:3:29': 3,
      'L201 other.ts:6:1': 1,
      'L203 app.ts:4:1': 2,
      'L203 other.ts:4:1': 1,
      'L207 app.ts:5:12': 2,
      'L207 other.ts:5:12': 1,
    });
  });

  it('two processes writing the report at the same moment lose nothing', () => {
    const report = join(dir, 'parallel-report.json');
    const script = `const { writeReport } = require(${JSON.stringify(join(root, 'legacy-api/warnings.ts'))});
      for (let i = 0; i < 20; i++) writeReport(${JSON.stringify(report)}, [{ code: 'L101', site: 'x.ts:1:1', count: 1 }]);`;
    const file = join(dir, 'writer.ts');
    writeFileSync(file, script);
    // two writers at once
    const out = execFileSync('bash', ['-c', `node --import tsx ${file} & node --import tsx ${file} & wait`], { cwd: root, encoding: 'utf8' });
    expect(out).toBe('');
    const inventory = JSON.parse(readFileSync(report, 'utf8')) as { sites: { count: number }[] };
    expect(inventory.sites).toEqual([{ code: 'L101', site: 'x.ts:1:1', count: 40 }]);
  });
});
