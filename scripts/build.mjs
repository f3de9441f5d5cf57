// Builds dist/: CommonJS + type declarations with tsc, then thin ESM wrappers that
// re-export the CommonJS modules by name, so `import { select } from 'retort'` works in ESM.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entries = ['core/index', 'legacy-api/index', 'codemods/index'];

function newestSource(dir) {
  let newest = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, name.name);
    if (name.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (p.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

if (process.argv.includes('--if-stale')) {
  const marker = join(root, 'dist/esm/core/index.mjs');
  const src = Math.max(...['core', 'legacy-api', 'codemods'].map((d) => newestSource(join(root, d))));
  if (existsSync(marker) && statSync(marker).mtimeMs >= src) process.exit(0);
}

execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')], { stdio: 'inherit' });

const require = createRequire(import.meta.url);
for (const entry of entries) {
  const cjs = join(root, 'dist/cjs', entry + '.js');
  const names = Object.keys(require(cjs)).filter((n) => n !== 'default' && n !== '__esModule');
  const out = join(root, 'dist/esm', entry + '.mjs');
  mkdirSync(dirname(out), { recursive: true });
  const rel = relative(dirname(out), cjs).split('\\').join('/');
  const lines = [`import m from '${rel.startsWith('.') ? rel : './' + rel}';`];
  for (const n of names) lines.push(`export const ${n} = m.${n};`);
  lines.push('export default m;');
  writeFileSync(out, lines.join('\n') + '\n');
}
