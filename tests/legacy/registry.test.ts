/** The registry is the contract of LEGACY.md: every code once, its status, a guide section, a codemod or a reason, a shim test. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codemodCommand, guidePath, LEGACY_RECORDS, LEGACY_REGISTRY, legacyRecord, warningDetail } from 'retort/legacy';

/** Codes and statuses as LEGACY.md lists them (status per SQLAlchemy 2.0's own decision). */
const CONTRACT: Record<string, 'removed' | 'legacy'> = {
  L101: 'removed', L102: 'removed', L103: 'removed', L104: 'removed', L105: 'removed',
  L106: 'removed', L107: 'removed', L108: 'removed', L109: 'removed', L110: 'removed',
  L201: 'removed', L202: 'removed', L203: 'removed', L204: 'removed', L205: 'removed',
  L206: 'removed', L207: 'legacy', L208: 'removed',
  L301: 'legacy', L302: 'legacy', L303: 'legacy', L304: 'removed', L305: 'removed',
  L306: 'removed', L307: 'legacy', L308: 'legacy', L309: 'removed', L310: 'legacy',
  L401: 'removed', L402: 'removed', L403: 'removed', L404: 'legacy', L405: 'removed',
  L406: 'removed', L407: 'legacy', L408: 'legacy', L409: 'removed',
};

describe('legacy registry', () => {
  it('has exactly the codes of the contract, each once, with its status', () => {
    expect(LEGACY_RECORDS.map((r) => r.code)).toEqual(Object.keys(CONTRACT));
    expect(LEGACY_REGISTRY.size).toBe(LEGACY_RECORDS.length);
    for (const r of LEGACY_RECORDS) expect([r.code, r.status]).toEqual([r.code, CONTRACT[r.code]]);
  });

  it('fills every field: message, replacement, TypeScript spelling, guide anchor, codemod or reason', () => {
    const guides = new Set<string>();
    for (const r of LEGACY_RECORDS) {
      for (const k of ['title', 'message', 'replacement', 'spelling', 'guide'] as const) expect([r.code, k, r[k].length > 5]).toEqual([r.code, k, true]);
      expect(r.guide.startsWith(r.code + '-')).toBe(true);
      expect(guides.has(r.guide)).toBe(false);
      guides.add(r.guide);
      expect((r.codemod === null) !== (r.manualReason === null)).toBe(true);
      if (r.codemod) expect(r.codemod).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(r.area).toBe(r.code < 'L300' ? 'core' : 'orm');
      if (r.area === 'core') expect(r.implemented).toBe(true);
    }
  });

  it('gives each warning a detail with the replacement, the codemod command and the guide section', () => {
    const r = legacyRecord('L102');
    expect(warningDetail(r)).toBe(`Use instead: ${r.replacement}\nFix: ${codemodCommand(r)}\nGuide: ${guidePath(r)}`);
    expect(codemodCommand(r)).toMatch(/^no codemod: /);
    expect(codemodCommand(legacyRecord('L101'))).toBe('npx retort-codemod connectionless-execution <paths…>');
    expect(() => legacyRecord('L999')).toThrow(/unknown legacy code/);
  });

  it('has a shim test naming every implemented code, and a guide file per record (no strays)', () => {
    const dir = __dirname;
    const tests = readdirSync(dir).filter((f) => f.endsWith('.test.ts') && f !== 'registry.test.ts' && f !== 'guide.test.ts').map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    for (const r of LEGACY_RECORDS.filter((x) => x.implemented)) expect([r.code, tests.includes(`it('${r.code} `)]).toEqual([r.code, true]);
    const files = readdirSync(join(dir, '..', '..', 'migration-guide')).filter((f) => /^L\d{3}-/.test(f)).sort();
    expect(files).toEqual(LEGACY_RECORDS.map((r) => `${r.guide}.md`).sort());
  });
});
