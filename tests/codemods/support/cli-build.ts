/**
 * The `retort-codemod` CLI compiled as `scripts/build.mjs` compiles it (the project's
 * tsconfig, the dist/cjs layout, declarations included: the type-aware transforms read
 * Retort's .d.ts next to them), once per state of the sources: the build is cached in the
 * temp directory under a hash of the sources' paths and times, so the CLI test files share
 * it and never race a build of dist/ by another suite.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliResult, runCodemodCli } from '../../../examples/upgrade/codemod-cli';

const root = join(__dirname, '..', '..', '..');

function sources(dir: string, out: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === '__testfixtures__' || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) sources(p, out);
    else if (e.name.endsWith('.ts')) out.push(`${p}:${statSync(p).mtimeMs}`);
  }
}

/** The path of the compiled cli.js, building it when the sources changed. */
export function builtCli(): string {
  const list: string[] = [root];
  for (const d of ['core', 'legacy-api', 'codemods']) sources(join(root, d), list);
  const key = createHash('sha1').update(list.join('\n')).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `retort-cli-build-${key}`);
  const cli = join(dir, 'codemods', 'cli.js');
  if (existsSync(cli)) return cli;
  const tmp = `${dir}.tmp-${process.pid}`;
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  // Type errors are the type tests' business (--noCheck), so this only emits.
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.json'), '--outDir', tmp, '--sourceMap', 'false', '--noCheck'], { stdio: 'pipe' });
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another test file built it meanwhile
  }
  return cli;
}

/** Runs the built CLI; it finds its dependencies through NODE_PATH, as an installed package finds them beside it. */
export function runCli(cli: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): CliResult {
  return runCodemodCli(root, cli, args, cwd, env);
}
