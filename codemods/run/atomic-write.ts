/** Writes a file by writing a temporary file beside it and renaming it over (readers never see half a file). */
import { chmodSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let counter = 0;

export function writeAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.retort-codemod-${process.pid}-${counter++}.tmp`);
  try {
    writeFileSync(tmp, text, { flag: 'wx' });
    chmodSync(tmp, statSync(path).mode & 0o7777);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
