/**
 * Legacy warnings in tests. Every suite runs with Retort's legacy DeprecationWarnings as
 * errors (installed by tests/support/legacy-setup.ts): a modern code path that reaches a
 * legacy pattern fails its test. Tests of the shim opt in by running the code inside
 * `captureLegacyWarnings()` / `expectLegacyWarnings()`.
 */
import { configureLegacy, legacyConfig, LegacyConfig, resetLegacyWarnings } from 'retort/legacy';

export interface CapturedWarning {
  readonly message: string;
  readonly type: string;
  readonly code: string;
  readonly detail: string;
}

const CAPTURE = Symbol.for('retort.test.legacyCapture');
type Global = { [CAPTURE]?: CapturedWarning[] };
const isLegacyCode = (code: unknown) => typeof code === 'string' && /^L\d{3}$/.test(code);

/** Makes Retort legacy DeprecationWarnings throw unless a capture is active. */
export function installLegacyGuard(): void {
  const original = process.emitWarning;
  process.emitWarning = function (this: unknown, warning: string | Error, ...rest: unknown[]) {
    const opts = (typeof rest[0] === 'object' && rest[0] !== null ? rest[0] : { type: rest[0], code: rest[1], detail: rest[3] }) as Record<string, unknown>;
    if (opts.type === 'DeprecationWarning' && isLegacyCode(opts.code)) {
      const captured = (globalThis as Global)[CAPTURE];
      const w = { message: String(warning), type: String(opts.type), code: String(opts.code), detail: String(opts.detail ?? '') };
      if (captured) {
        captured.push(w);
        return;
      }
      throw new Error(`unexpected Retort legacy warning ${w.code}: ${w.message}\n(tests run with legacy warnings as errors; a test of the shim wraps the call in captureLegacyWarnings() / expectLegacyWarnings())`);
    }
    return (original as (...a: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
}

/**
 * Runs `fn` with warnings captured instead of thrown, after forgetting which call sites
 * have warned (so a suite repeated per dialect sees its warnings on every leg).
 */
export async function captureLegacyWarnings<T>(fn: () => T | Promise<T>): Promise<{ result: T; warnings: CapturedWarning[] }> {
  const g = globalThis as Global;
  const outer = g[CAPTURE];
  const warnings: CapturedWarning[] = [];
  resetLegacyWarnings();
  g[CAPTURE] = warnings;
  try {
    const result = await fn();
    return { result, warnings };
  } finally {
    g[CAPTURE] = outer;
  }
}

/** Runs `fn` and checks that exactly these codes warned (in order of first warning, each once). */
export async function expectLegacyWarnings<T>(codes: readonly string[], fn: () => T | Promise<T>): Promise<T> {
  const { result, warnings } = await captureLegacyWarnings(fn);
  expect(warnings.map((w) => w.code)).toEqual(codes);
  for (const w of warnings) expect(w.type).toBe('DeprecationWarning');
  return result;
}

/** Runs `fn` with the legacy mode changed, restoring it after. */
export async function withLegacyConfig<T>(config: LegacyConfig, fn: () => T | Promise<T>): Promise<T> {
  const before = legacyConfig();
  configureLegacy(config);
  try {
    return await fn();
  } finally {
    configureLegacy(before);
  }
}
