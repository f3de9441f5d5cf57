/**
 * The runnable examples: each runs as a program (tsx, `retort` resolved to the sources) on
 * every configured database and prints what its README section says; the README's ORM
 * quickstart block is the example file itself, so the two cannot drift apart.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { legs } from '../support/matrix';

const root = join(__dirname, '..', '..');
const run = promisify(execFile);

/** Runs an example on one database; resolves to its stdout lines. */
async function runExample(file: string, url: string): Promise<string[]> {
  const { stdout } = await run(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), '--tsconfig', join(root, 'tests/support/examples.tsconfig.json'), join(root, file)], {
    cwd: root,
    env: { ...process.env, RETORT_DEMO_URL: url },
    timeout: 90_000,
  });
  return stdout.trim().split('\n');
}

/** Runs the example on every leg at once (each leg has its own database); a failure names the leg. */
async function onEveryLeg(file: string, expected: string[]): Promise<void> {
  const outcomes = await Promise.all(
    legs().map(async (leg) => {
      try {
        return { leg: leg.name, lines: await runExample(file, leg.url) };
      } catch (e) {
        const err = e as { stderr?: string; message: string };
        return { leg: leg.name, lines: [`FAILED: ${err.stderr || err.message}`] };
      }
    }),
  );
  for (const o of outcomes) expect({ leg: o.leg, lines: o.lines }).toEqual({ leg: o.leg, lines: expected });
}

/** The body of the first ```ts block under a README heading. */
function readmeBlock(heading: string): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const at = readme.indexOf(`\n## ${heading}\n`);
  if (at < 0) throw new Error(`README.md has no "## ${heading}" section`);
  const m = /```ts\n([\s\S]*?)\n```/.exec(readme.slice(at));
  if (!m) throw new Error(`README.md's "${heading}" section has no ts block`);
  return m[1];
}

/** A README ```text block's lines under a heading, after the ts block ("It prints:"). */
function readmeOutput(heading: string): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf(`\n## ${heading}\n`));
  const m = /It prints:\n\n```\n([\s\S]*?)\n```/.exec(section);
  if (!m) throw new Error(`README.md's "${heading}" section does not show the output`);
  return m[1].split('\n');
}

describe('examples', () => {
  it('README "ORM quickstart" is examples/orm-quickstart.ts (after its header comment)', () => {
    const file = readFileSync(join(root, 'examples/orm-quickstart.ts'), 'utf8');
    const body = file.replace(/^\/\*\*[\s\S]*?\*\/\n/, '').trim();
    expect(body.startsWith('import ')).toBe(true);
    expect(readmeBlock('ORM quickstart')).toBe(body);
  });

  it('examples/orm-quickstart.ts prints what the README shows, on every database', async () => {
    await onEveryLeg('examples/orm-quickstart.ts', readmeOutput('ORM quickstart'));
  }, 120_000);

  it('examples/quickstart.ts (npm run demo) runs on every database', async () => {
    await onEveryLeg('examples/quickstart.ts', [
      'inserted user 1: Ada',
      'inserted user 2: Grace',
      'Ada <ada@example.com>',
      'Grace <no email>',
      'Ada: 2 orders, 25.00 spent',
      'Grace: 1 orders, 42.00 spent',
      'orders left: 2',
    ]);
  }, 120_000);
});
