/**
 * The "coming from knex" chapter as test material: its code blocks, the values its
 * `// name: value` comments state, and each `ts example` block as a module whose `run(knex)`
 * returns those variables.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const chapter = readFileSync(join(__dirname, '..', '..', '..', 'migration-guide', 'coming-from-knex.md'), 'utf8');

/** The bodies of the code blocks fenced with ```` ```tag ````. */
export function blocks(tag: string): string[] {
  return [...chapter.matchAll(new RegExp('```' + tag + '\\n([\\s\\S]*?)\\n```', 'g'))].map((m) => m[1]);
}

/** `// name: value (why)` lines: the values an example must end with. */
export function expectations(block: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of block.matchAll(/^\/\/ (\w+): (.+?)(?: \(.*\))?$/gm)) out[m[1]] = new Function(`return (${m[2]});`)();
  return out;
}

/** An example as a module: its imports, then its body in `run(knex)`, returning the variables it states values for. */
export function exampleProgram(block: string): string {
  const lines = block.split('\n');
  const names = Object.keys(expectations(block));
  return [
    ...lines.filter((l) => l.startsWith('import ')),
    "import type { Knex } from 'knex';",
    "import { users, posts } from './db/tables';",
    'export async function run(knex: Knex): Promise<Record<string, unknown>> {',
    ...lines.filter((l) => !l.startsWith('import ')).map((l) => '  ' + l),
    `  return { ${names.join(', ')} };`,
    '}',
    '',
  ].join('\n');
}

export const examples = blocks('ts example');
