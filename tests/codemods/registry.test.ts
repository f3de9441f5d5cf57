/**
 * The transform registry against the legacy registry: every legacy code has a transform
 * that rewrites it, or a reason a human has to and a transform that finds its sites, or
 * (ORM codes whose transform is not written yet) is listed as not available; names agree.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from 'retort';
import { LEGACY_RECORDS } from 'retort/legacy';
import { listText } from '../../codemods/run/list';
import { explicitExports, legacyOnlyNames, SAME_IN_2_0 } from '../../codemods/transforms/legacy-names';
import { MANUAL, PENDING, selectTransforms, TRANSFORMS } from '../../codemods/transforms/registry';

describe('transform registry', () => {
  it('accounts for every legacy code exactly one way', () => {
    for (const r of LEGACY_RECORDS) {
      const rewriting = TRANSFORMS.filter((t) => !t.reportOnly && t.codes.includes(r.code));
      const manual = MANUAL.filter((m) => m.code === r.code);
      const pending = PENDING.filter((p) => p.code === r.code);
      if (r.codemod) {
        expect([r.code, rewriting.map((t) => t.name), manual.length]).toEqual([r.code, pending.length ? [] : [r.codemod], 0]);
        // Only ORM codes may still wait for their transform (the CLI says "not available yet").
        if (pending.length) expect([r.code, r.area]).toEqual([r.code, 'orm']);
      } else {
        expect([r.code, rewriting.length, manual.length, pending.length]).toEqual([r.code, 0, 1, 0]);
        // Every code for a human has its sites found by needs-human (the report lists them).
        expect([r.code, manual[0].detectedBy]).toEqual([r.code, 'needs-human']);
        expect(manual[0].reason).toBe(r.manualReason);
      }
    }
  });

  it('names only legacy codes, each transform once, in a strict order', () => {
    const codes = new Set(LEGACY_RECORDS.map((r) => r.code));
    const names = TRANSFORMS.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const t of TRANSFORMS) for (const c of t.codes) expect([t.name, c, codes.has(c)]).toEqual([t.name, c, true]);
    const orders = TRANSFORMS.map((t) => t.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    expect(new Set(orders).size).toBe(orders.length);
    for (const t of TRANSFORMS) expect([t.name, t.typeAware]).toEqual([t.name, t.engine === 'ts-morph']);
  });

  it('selects by name, by code and with all; a code for a human selects its detector; refuses unknown names', () => {
    expect(selectTransforms(['L201', 'as-scalar']).map((t) => t.name)).toEqual(['select-list-form', 'as-scalar']);
    expect(selectTransforms([]).map((t) => t.name)).toEqual(TRANSFORMS.map((t) => t.name));
    expect(selectTransforms(['L102']).map((t) => t.name)).toEqual(['needs-human']);
    expect(() => selectTransforms(['frobnicate'])).toThrow(/unknown transform or code "frobnicate"/);
    expect(() => selectTransforms(['legacy-imports'])).toThrow(/runs only as part of all/);
  });

  it('lists every transform with its codes and engine, and every code for a human', () => {
    const text = listText([]);
    for (const t of TRANSFORMS) expect(text).toContain(`  ${t.name}\t${t.codes.join(',') || '-'}\t${t.engine}\t${t.typeAware ? 'type-aware' : 'syntax'}`);
    for (const m of MANUAL) expect(text).toContain(`  ${m.code}\t`);
  });

  it('keeps imports on retort/legacy for names that exist only there', () => {
    const index = readFileSync(join(__dirname, '..', '..', 'legacy-api', 'index.ts'), 'utf8');
    const explicit = explicitExports(index);
    expect(explicit).toContain('LegacyEngine');
    for (const n of SAME_IN_2_0) expect([n, n in core]).toEqual([n, true]);
    for (const n of explicit) expect([n, legacyOnlyNames().has(n)]).toEqual([n, !SAME_IN_2_0.has(n)]);
  });
});
