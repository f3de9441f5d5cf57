/**
 * Test setup (every test file, before it imports the service): points the service at this
 * project's database with a table prefix of its own, and decides what happens to the
 * legacy warnings the service raises.
 *
 * - RETORT_LEGACY unset (the default, as in `npm test`): every legacy warning is captured
 *   and checked against ../legacy-sites.json — a call site of the app missing from that
 *   list fails the test that reached it. Nothing is printed.
 * - RETORT_LEGACY set (warn, silent, error, report=…): the shim behaves as that mode says
 *   (warnings printed by Node, inventory written, removed patterns throwing), untouched.
 */
import { readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

const g = globalThis as { INVENTORY_TEST_LEG?: string; INVENTORY_TEST_URL?: string };
if (!g.INVENTORY_TEST_URL) throw new Error('tests/setup.ts: INVENTORY_TEST_URL is not set; run the tests through jest.projects.js');

const run = process.env.RETORT_TEST_RUN ?? '';
const tag = process.env.INVENTORY_TEST_TAG ?? '';
if (!/^[a-z0-9]*$/i.test(run + tag)) throw new Error('RETORT_TEST_RUN and INVENTORY_TEST_TAG must be letters and digits');
const fileTag = basename(expect.getState().testPath ?? 'unknown', '.test.ts').replace(/[^a-z0-9]/gi, '');
process.env.INVENTORY_DATABASE_URL = g.INVENTORY_TEST_URL;
process.env.INVENTORY_TABLE_PREFIX = `t${run}_inv${tag}_${fileTag}_`;

const appDir = join(__dirname, '..');

interface Site {
  file: string;
  line: number;
  code: string;
}

if (process.env.RETORT_LEGACY === undefined) {
  const manifest = JSON.parse(readFileSync(join(appDir, 'legacy-sites.json'), 'utf8')) as { sites: Site[] };
  const known = new Set(manifest.sites.map((s) => `${s.code}@${s.file}:${s.line}`));
  const original = process.emitWarning;
  process.emitWarning = function (this: unknown, warning: string | Error, ...rest: unknown[]) {
    const opts = (typeof rest[0] === 'object' && rest[0] !== null ? rest[0] : { type: rest[0], code: rest[1] }) as { type?: string; code?: string };
    if (opts.type === 'DeprecationWarning' && typeof opts.code === 'string' && /^L\d{3}$/.test(opts.code)) {
      const m = /\(at (.+):(\d+):\d+\)$/.exec(String(warning));
      const site = m ? `${relative(appDir, m[1]).split('\\').join('/')}:${m[2]}` : '<unknown site>';
      // Only the app's own call sites are listed; one inside Retort is not the app's to fix.
      if (!site.startsWith('..') && !known.has(`${opts.code}@${site}`)) {
        throw new Error(`legacy call site not in legacy-sites.json: ${opts.code} at ${site} (${String(warning)}); regenerate the list with UPDATE_LEGACY_SITES=1 npx jest tests/legacy/legacy-app-sites.test.ts`);
      }
      return;
    }
    return (original as (...a: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
}
