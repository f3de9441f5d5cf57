/**
 * The transforms on their fixtures (codemods/__testfixtures__/<transform>/<case>.input.*):
 * each input becomes its .output (and reports exactly the sites in .sites.json), each
 * output comes back unchanged when run again (idempotency), every input and output
 * type-checks against Retort's types, and each runnable fixture (`export async function
 * run`) gives the same results on SQLite before (on the shim) and after the rewrite. The
 * `all` fixtures run the whole preset, so their outputs import from 'retort' and must run
 * without a single legacy warning.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformFiles } from '../../codemods/run/api';
import type { FileResult } from '../../codemods/run/process-files';
import { TRANSFORMS } from '../../codemods/transforms/registry';
import { captureLegacyWarnings } from '../support/legacy';
import { typeErrors } from './support/typecheck';

const dir = join(__dirname, '..', '..', 'codemods', '__testfixtures__');

interface Case {
  readonly transform: string;
  readonly name: string;
  readonly input: string;
  readonly output: string;
  readonly sites: [string, number][];
}

// Other codemods keep their fixtures here too (knex-to-retort); they have tests of their own.
const ours = (d: string) => d === 'all' || TRANSFORMS.some((t) => t.name === d);
const cases: Case[] = readdirSync(dir)
  .filter(ours)
  .sort()
  .flatMap((transform) =>
    readdirSync(join(dir, transform))
      .filter((f) => /\.input\.\w+$/.test(f))
      .sort()
      .map((f) => {
        const sitesFile = join(dir, transform, f.replace(/\.input\.\w+$/, '.sites.json'));
        return {
          transform,
          name: f.replace(/\.input\.\w+$/, '') + f.slice(f.lastIndexOf('.')),
          input: join(dir, transform, f),
          output: join(dir, transform, f.replace('.input.', '.output.')),
          sites: existsSync(sitesFile) ? (JSON.parse(readFileSync(sitesFile, 'utf8')) as [string, number][]) : [],
        };
      }),
  );
const table = cases.map((c) => [`${c.transform}/${c.name}`, c] as const);
const read = (p: string) => readFileSync(p, 'utf8');
const sitesOf = (r: FileResult) => r.manual.map((m) => [m.code, m.line]);

let first = new Map<string, FileResult>();
let again = new Map<string, FileResult>();

beforeAll(() => {
  // One batch each way: one ts-morph project for all fixtures, as a worker has for its share.
  first = new Map(transformFiles(cases.map((c) => ({ path: c.input, transforms: [c.transform] }))).map((r) => [r.path, r]));
  again = new Map(transformFiles(cases.map((c) => ({ path: c.output, transforms: [c.transform] }))).map((r) => [r.path, r]));
}, 300_000);

describe('codemod fixtures', () => {
  it('cover every transform of the registry, a TSX and a JavaScript file', () => {
    const dirs = new Set(cases.map((c) => c.transform));
    for (const t of TRANSFORMS.filter((x) => !x.finalStage)) expect([t.name, dirs.has(t.name)]).toEqual([t.name, true]);
    expect(cases.some((c) => c.input.endsWith('.tsx'))).toBe(true);
    expect(cases.some((c) => c.input.endsWith('.js'))).toBe(true);
  });

  it.each(table)('%s: the input becomes the output, reporting the expected sites', (_, c) => {
    const r = first.get(c.input)!;
    expect(r.error).toBeUndefined();
    expect(r.after ?? read(c.input)).toBe(read(c.output));
    expect(sitesOf(r)).toEqual(c.sites);
  });

  it.each(table)('%s: the output is a fixed point (run again, nothing changes)', (_, c) => {
    const r = again.get(c.output)!;
    expect({ status: r.status, error: r.error }).toEqual({ status: 'unchanged', error: undefined });
    expect(sitesOf(r)).toEqual(c.sites);
  });

  it('every input and output type-checks against the retort types (one program)', () => {
    const files = cases.flatMap((c) => [c.input, c.output]).filter((f) => /\.tsx?$/.test(f));
    expect(typeErrors(files)).toEqual([]);
  }, 120_000);

  const runnable = table.filter(([, c]) => read(c.input).includes('export async function run(') || read(c.input).includes('module.exports = { run }'));
  it.each(runnable)('%s: before and after give the same results on SQLite', async (_, c) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const load = (p: string) => require(p) as { run(): Promise<unknown> };
    const before = await captureLegacyWarnings(() => load(c.input).run());
    const after = await captureLegacyWarnings(() => load(c.output).run());
    const plain = (x: unknown) => JSON.parse(JSON.stringify(x));
    expect(plain(after.result)).toEqual(plain(before.result));
    expect(before.warnings.length).toBeGreaterThan(0);
    if (c.transform === 'all') expect(after.warnings.map((w) => w.code)).toEqual([]);
    else expect(after.warnings.length).toBeLessThan(before.warnings.length);
  });
});
