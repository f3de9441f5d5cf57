/**
 * Runs a compiled `retort-codemod` CLI (dist/cjs/codemods/cli.js or a test build of it) as
 * an installed one runs: its dependencies are found through NODE_PATH, as a package finds
 * them beside it.
 *
 * @example
 * const r = runCodemodCli('/work/retort', 'dist/cjs/codemods/cli.js', ['--dry', 'all', '.'], '/tmp/app');
 * if (r.status !== 0) throw new Error(r.stderr);
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCodemodCli(retortRoot: string, cli: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NODE_PATH: join(retortRoot, 'node_modules'), ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
