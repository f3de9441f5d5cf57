/** `retort/legacy` from the built package, as ESM and CommonJS: it loads, runs, and warns at the caller's line. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const built = existsSync(join(root, 'dist/esm/legacy-api/index.mjs')) && existsSync(join(root, 'dist/cjs/legacy-api/index.js'));
if (!built) console.warn('SKIPPED: legacy packaging tests need dist/ — run `npm run build` (npm install does it)');
const maybe = built ? it : it.skip;

const script = `
  const md = new r.MetaData();
  const t = new r.Table('t', md, { id: r.column(r.integer(), { primaryKey: true }) });
  const engine = r.createEngine('sqlite://');
  await md.createAll(engine);
  await engine.execute(r.insert(t).values({ id: 7 }));
  console.log(String((await engine.execute(r.select([t.c.id]))).one()[0]));
  await engine.dispose();
`;

describe('retort/legacy packaging', () => {
  maybe('imports as ESM', () => {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', `import * as r from 'retort/legacy'; ${script}`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out.trim()).toBe('7');
  });
  maybe('requires as CommonJS, and the warning names the calling code, not dist/', () => {
    const r = spawnSync(process.execPath, ['-e', `const r = require('retort/legacy'); (async () => { ${script} })()`], { cwd: root, encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('7');
    expect(r.stderr).toContain('[L101] DeprecationWarning');
    expect(r.stderr).toContain('[L201] DeprecationWarning');
    expect(r.stderr).not.toMatch(/\(at [^)]*dist\//);
  });
});
