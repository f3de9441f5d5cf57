/** The built package works from ESM and CommonJS (dist/ is built by `npm install`). */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const built = existsSync(join(root, 'dist/esm/core/index.mjs')) && existsSync(join(root, 'dist/cjs/core/index.js'));
if (!built) console.warn('SKIPPED: packaging tests need dist/ — run `npm run build` (npm install does it)');
const maybe = built ? it : it.skip;

const script = `
  const md = new r.MetaData();
  const t = new r.Table('t', md, { id: r.column(r.integer(), { primaryKey: true }) });
  const engine = r.createEngine('sqlite://');
  await md.createAll(engine);
  const conn = await engine.connect();
  await conn.execute(r.insert(t).values({ id: 7 }));
  console.log(await conn.scalar(r.select(t.c.id)));
  await conn.close();
  await engine.dispose();
`;

describe('packaging', () => {
  maybe('imports as ESM', () => {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', `import * as r from 'retort'; ${script}`], { cwd: root }).toString();
    expect(out.trim()).toBe('7');
  });
  maybe('requires as CommonJS', () => {
    const out = execFileSync(process.execPath, ['-e', `const r = require('retort'); (async () => { ${script} })()`], { cwd: root }).toString();
    expect(out.trim()).toBe('7');
  });
});
