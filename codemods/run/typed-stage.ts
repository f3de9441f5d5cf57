/**
 * The type-aware stage over a batch of files: one ts-morph project holds them (their
 * imports are read from disk), each pass collects every transform's facts and edits on
 * an unchanged program, then applies the edits that do not overlap. A file whose edits
 * overlapped is collected again on its new text; the pass that records no edit is the one
 * whose reports (sites for a human) stand, so their positions are those of the final text.
 */
import { Project, ts } from 'ts-morph';
import { createTypedContext, PassOutput } from '../transforms/typed-context';
import type { TextEdit, TransformInfo } from '../transforms/types';
import { retortTypes } from './retort-types';
import { applyEdits } from './text-edits';

export interface TypedFileOutcome {
  text: string;
  readonly rewritten: Record<string, number>;
  manual: { transform: string; code: string; pos: number; reason: string }[];
  error?: string;
}

const MAX_PASSES = 6;
const IMPORTS = /\bimport\b|\brequire\s*\(/;

function compilerOptions(): ts.CompilerOptions {
  const t = retortTypes();
  return {
    allowJs: true,
    checkJs: false,
    jsx: ts.JsxEmit.Preserve,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
    // ECMAScript only: no DOM declarations to parse (a DOM value is never a Retort object).
    lib: ['lib.esnext.d.ts'],
    paths: { retort: [t.coreEntry], 'retort/legacy': [t.legacyEntry] },
  };
}


/** Whether two groups are one rewrite: the same code and the same edits in the same order. */
const sameGroup = (a: { code: string; edits: readonly TextEdit[] }, b: { code: string; edits: readonly TextEdit[] }) =>
  a.code === b.code && a.edits.length === b.edits.length && a.edits.every((e, i) => e.start === b.edits[i].start && e.end === b.edits[i].end && e.text === b.edits[i].text);

const overlaps = (a: TextEdit, b: TextEdit) => (a.start < b.end && b.start < a.end) || (a.start === b.start && (a.start === a.end || b.start === b.end));

/** A file for the typed stage: its current text and the transforms chosen for it. */
export interface TypedInput {
  readonly text: string;
  readonly transforms: readonly TransformInfo[];
}

/** Runs the type-aware transforms chosen for each file over `files` (path → text and transforms). */
export function runTypedStage(files: ReadonlyMap<string, TypedInput>): Map<string, TypedFileOutcome> {
  const result = new Map<string, TypedFileOutcome>();
  const typedOf = new Map([...files].map(([p, f]) => [p, f.transforms.filter((t) => t.typeAware)]));
  // A file that imports nothing cannot hold a Retort object: the checker is not asked about it.
  const candidates = [...files].filter(([p, f]) => IMPORTS.test(f.text) && typedOf.get(p)!.some((t) => t.trigger.test(f.text))).map(([p, f]) => [p, f.text] as const);
  if (!candidates.length) return result;
  const project = new Project({ compilerOptions: compilerOptions(), skipAddingFilesFromTsConfig: true });
  const all = [...new Set([...typedOf.values()].flat())].sort((a, b) => a.order - b.order);
  const order = new Map(all.map((t, i) => [t.name, i]));
  const modules = new Map(all.map((t) => [t.name, t.load()]));
  const reshapers = new Set(all.filter((t) => t.reshapesTypes).map((t) => t.name));
  for (const [path, text] of candidates) {
    project.createSourceFile(path, text, { overwrite: true });
    result.set(path, { text, rewritten: {}, manual: [] });
  }
  let pending = candidates.map(([p]) => p);
  const { legacyDir } = retortTypes();
  for (let pass = 0; pending.length; pass++) {
    const next: string[] = [];
    const changed: [string, string][] = [];
    const reshaped: [string, string][] = [];
    for (const path of pending) {
      const outcome = result.get(path)!;
      const sf = project.getSourceFileOrThrow(path);
      const out: PassOutput = { groups: [], imports: [], manual: [] };
      const ctx = createTypedContext(sf, legacyDir, out);
      try {
        for (const t of typedOf.get(path)!) {
          if (!t.trigger.test(outcome.text)) continue;
          const mod = modules.get(t.name)!;
          if (!('typed' in mod)) throw new Error(`${t.name}: registered as ts-morph but exports no typed transform`);
          ctx.transform(t.name);
          mod.typed(ctx);
        }
      } catch (e) {
        outcome.error = `${ctx.sourceFile.getBaseName()}: transform failed: ${(e as Error).message}`;
        continue;
      }
      const groups = [...out.groups].sort((a, b) => order.get(a.transform)! - order.get(b.transform)! || a.edits[0].start - b.edits[0].start);
      const accepted: TextEdit[] = [];
      let rejected = false;
      let reshaping = false;
      const taken: { code: string; edits: TextEdit[] }[] = [];
      for (const g of groups) {
        // The same rewrite found by two transforms (a Query chain's join fixed by the chain's
        // rewrite and by the join transform): it is in already, not a conflict that needs
        // another pass (whose fresh program would type the whole file again).
        if (taken.some((t) => sameGroup(t, g))) continue;
        if (g.edits.some((e) => accepted.some((a) => overlaps(a, e)))) {
          rejected = true;
          continue;
        }
        accepted.push(...g.edits);
        taken.push(g);
        if (reshapers.has(g.transform)) reshaping = true;
        outcome.rewritten[g.code] = (outcome.rewritten[g.code] ?? 0) + 1;
      }
      if (!accepted.length) {
        if (rejected) outcome.error = 'type-aware edits overlap and never settle';
        outcome.manual = out.manual;
        continue;
      }
      const imports = out.imports.filter((e, i) => out.imports.findIndex((x) => x.start === e.start && x.text === e.text) === i);
      const applied = mergeInsertions([...accepted, ...imports]);
      outcome.text = applyEdits(outcome.text, applied);
      if (reshaping) reshaped.push([path, outcome.text]);
      // A site inside a replaced span (a dynamic() in a model class rewritten whole) has no
      // exact place in the new text: the next pass, on that text, reports it where it is.
      const lost = out.manual.some((m) => applied.some((e) => e.start < m.pos && m.pos < e.end));
      if (rejected || lost) {
        // Some edits wait for the next pass, on the new text; its reports replace these.
        changed.push([path, outcome.text]);
        next.push(path);
      } else outcome.manual = out.manual.map((m) => ({ ...m, pos: mapPosition(m.pos, applied) }));
    }
    for (const [path, text] of changed) project.getSourceFileOrThrow(path).replaceWithText(text);
    // Declarations other files see have changed: their importers in this batch are collected again on the new types.
    if (reshaped.length) {
      for (const [path, text] of reshaped) if (!next.includes(path)) project.getSourceFileOrThrow(path).replaceWithText(text);
      const paths = new Set(reshaped.map(([p]) => project.getSourceFileOrThrow(p).getFilePath()));
      for (const [path] of candidates) {
        if (next.includes(path) || result.get(path)!.error) continue;
        const imports = project.getSourceFileOrThrow(path).getImportDeclarations().map((d) => d.getModuleSpecifierSourceFile()?.getFilePath());
        if (!imports.some((p) => p !== undefined && paths.has(p))) continue;
        // Its own edits of this pass are in its text already: the program must hold that text.
        const sf = project.getSourceFileOrThrow(path);
        if (sf.getFullText() !== result.get(path)!.text) sf.replaceWithText(result.get(path)!.text);
        next.push(path);
      }
    }
    if (pass + 1 >= MAX_PASSES && next.length) {
      for (const p of next) result.get(p)!.error = `type-aware transforms still changed the file after ${MAX_PASSES} passes`;
      break;
    }
    pending = next;
  }
  return result;
}

/** Where a position of the old text is in the text after `edits` (a position inside a replaced range goes to its start). */
export function mapPosition(pos: number, edits: readonly TextEdit[]): number {
  let shift = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    if (e.end <= pos) shift += e.text.length - (e.end - e.start);
    else if (e.start < pos && pos < e.end) return e.start + shift;
  }
  return pos + shift;
}

/** Several insertions at one position become one (their texts in order). */
function mergeInsertions(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const same = out.findIndex((o) => o.start === e.start && o.end === e.end && o.start === o.end && e.start === e.end);
    if (same >= 0) out[same] = { ...out[same], text: out[same].text + e.text };
    else out.push(e);
  }
  return out;
}
