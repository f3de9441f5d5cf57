/**
 * Where the type-aware transforms find Retort's own types: the declarations next to this
 * module (dist/cjs/… when installed, the sources in a checkout). `retort` and `retort/legacy`
 * are mapped to them in every project the codemod builds, so a declaration is "legacy"
 * exactly when it lives in this copy's legacy-api directory, whatever the repository has installed.
 */
import { existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';

export interface RetortTypes {
  readonly coreEntry: string;
  readonly legacyEntry: string;
  /** Real path of the legacy-api directory, with a trailing separator. */
  readonly legacyDir: string;
}

let cached: RetortTypes | undefined;

/** The entry points of Retort's types for this copy of the codemod. */
export function retortTypes(): RetortTypes {
  if (cached) return cached;
  const root = realpathSync(join(__dirname, '..', '..'));
  const pick = (dir: string) => (existsSync(join(root, dir, 'index.d.ts')) ? join(root, dir, 'index.d.ts') : join(root, dir, 'index.ts'));
  cached = { coreEntry: pick('core'), legacyEntry: pick('legacy-api'), legacyDir: join(root, 'legacy-api') + '/' };
  return cached;
}
