/**
 * The warning machinery of the shim: the process-wide mode, call-site identification,
 * once-per-call-site DeprecationWarnings, RemovedInRetort2Error, and the report inventory.
 *
 * A call site is the first stack frame outside `legacy-api/` (file:line:col of the code
 * that called the legacy function). Every legacy entry point calls `legacyWarn()`
 * synchronously, before its first `await`, so that frame is on the stack.
 */
import { closeSync, existsSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { RetortError } from '../core/index';
import { codemodCommand, guidePath, legacyRecord, LegacyRecord } from './registry';

export type LegacyMode = 'warn' | 'silent' | 'error';

export interface LegacyConfig {
  /** warn (default): DeprecationWarning once per call site · silent · error: removed patterns throw. */
  mode?: LegacyMode;
  /** Write an inventory of call sites to this JSON file when the process exits (merged with what is there). `null` turns it off. */
  report?: string | null;
  /** Also warn for call sites inside node_modules (RETORT_LEGACY_ALL=1). */
  all?: boolean;
}

/** A removed pattern was used in error mode, or on an engine/session made with `{ future: true }`. */
export class RemovedInRetort2Error extends RetortError {
  override readonly code: string;
  /** The guide section that explains the change. */
  readonly guide: string;
  constructor(readonly record: LegacyRecord, readonly site: string | undefined) {
    super(`[${record.code}] ${record.title} was removed in Retort 2.0: ${record.message}. Use instead: ${record.replacement}. See ${guidePath(record)}${site ? ` (called at ${site})` : ''}`);
    this.code = record.code;
    this.guide = guidePath(record);
  }
}

interface State {
  mode: LegacyMode;
  report: string | null;
  all: boolean;
  /** code@site already warned. */
  warned: Set<string>;
  /** code@site → count, for the report. */
  counts: Map<string, { code: string; site: string; count: number }>;
  /** Counts not yet written to the report file. */
  pending: Map<string, { code: string; site: string; count: number }>;
  flushTimer: ReturnType<typeof setTimeout> | undefined;
  exitHook: boolean;
}

function parseEnv(): Pick<State, 'mode' | 'report' | 'all'> {
  let mode: LegacyMode = 'warn';
  let report: string | null = null;
  for (const part of (process.env.RETORT_LEGACY ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    if (part === 'warn' || part === 'silent' || part === 'error') mode = part;
    else if (part.startsWith('report=')) report = resolve(part.slice('report='.length));
    else throw new RetortError(`RETORT_LEGACY: unknown setting "${part}" (use warn, silent, error and/or report=<file.json>, comma-separated)`);
  }
  return { mode, report, all: process.env.RETORT_LEGACY_ALL === '1' };
}

let state: State | undefined;
function current(): State {
  if (!state) {
    state = { ...parseEnv(), warned: new Set(), counts: new Map(), pending: new Map(), flushTimer: undefined, exitHook: false };
    if (state.report) installExitHook(state);
  }
  return state;
}

/**
 * Sets the process-wide legacy mode (overrides RETORT_LEGACY for the given keys).
 * @example configureLegacy({ mode: 'error' }) // in a test setup file: removed patterns throw
 */
export function configureLegacy(config: LegacyConfig): void {
  const s = current();
  if (config.mode !== undefined) {
    if (!['warn', 'silent', 'error'].includes(config.mode)) throw new RetortError(`configureLegacy(): unknown mode ${JSON.stringify(config.mode)}`);
    s.mode = config.mode;
  }
  if (config.report !== undefined) {
    s.report = config.report === null ? null : resolve(config.report);
    if (s.report) installExitHook(s);
  }
  if (config.all !== undefined) s.all = config.all;
}

/** The current process-wide settings. */
export function legacyConfig(): Required<LegacyConfig> {
  const s = current();
  return { mode: s.mode, report: s.report, all: s.all };
}

/** Forgets which call sites have warned (and the report counts); for tests. */
export function resetLegacyWarnings(): void {
  const s = current();
  s.warned.clear();
  s.counts.clear();
  s.pending.clear();
}

// The directory of the shim's own files: frames in it are not call sites.
const SHIM_DIR = shimDir();
function shimDir(): string {
  const frame = (new Error().stack ?? '').split('\n')[1] ?? '';
  const file = frameFile(frame);
  return file ? dirname(file) : '\u0000';
}

function frameFile(frame: string): string | undefined {
  const m = /\(?((?:file:\/\/)?[^()\s]+):(\d+):(\d+)\)?\s*$/.exec(frame.trim());
  if (!m) return undefined;
  return m[1].startsWith('file://') ? decodeURIComponent(m[1].slice('file://'.length)) : m[1];
}

// Core's directory, next to the shim's (sources, dist/cjs and dist/esm alike).
const CORE_DIR = SHIM_DIR === '\u0000' ? '\u0000' : resolve(SHIM_DIR, '..', 'core');

/** `file:line:col` of the first frame outside the shim (and outside Core, for warnings raised from a Core event), or undefined. */
function callSite(throughCore = false): string | undefined {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 60;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  for (const line of stack.split('\n').slice(1)) {
    const file = frameFile(line);
    if (!file || file.startsWith(SHIM_DIR + '/') || file.startsWith('node:') || (throughCore && file.startsWith(CORE_DIR + '/'))) continue;
    const m = /:(\d+):(\d+)\)?\s*$/.exec(line.trim())!;
    return `${file}:${m[1]}:${m[2]}`;
  }
  return undefined;
}

export interface WarnOptions {
  /** The object the pattern was used on was made with `{ future: true }`. */
  future?: boolean;
  /** The shim was called by Core (an ORM event): the call site is the first frame outside Core too. */
  throughCore?: boolean;
}

/**
 * Reports one use of a legacy pattern: counts it for the report, then warns (once per call
 * site), throws (error mode or a future object, removed patterns only) or stays silent.
 * Call it synchronously at the entry of the legacy function.
 */
export function legacyWarn(code: string, opts: WarnOptions = {}): void {
  const record = legacyRecord(code);
  const s = current();
  const site = callSite(opts.throughCore);
  const inDependency = site !== undefined && /[\\/]node_modules[\\/]/.test(site) && !s.all;
  if (record.status === 'removed' && opts.future) throw new RemovedInRetort2Error(record, site);
  // A dependency's legacy use is its maintainers' business: no warning, no report line, no throw.
  if (inDependency) return;
  const key = `${code}@${site ?? '<unknown>'}`;
  if (s.report) countForReport(s, key, code, site ?? '<unknown>');
  if (s.mode === 'error' && record.status === 'removed') throw new RemovedInRetort2Error(record, site);
  if (s.mode === 'silent' || s.warned.has(key)) return;
  s.warned.add(key);
  process.emitWarning(`${record.title}: ${record.message}${site ? ` (at ${site})` : ''}`, {
    type: 'DeprecationWarning',
    code,
    detail: warningDetail(record),
  });
}

/** The `detail` of a warning: replacement, codemod, guide section. */
export function warningDetail(record: LegacyRecord): string {
  return `Use instead: ${record.replacement}\nFix: ${codemodCommand(record)}\nGuide: ${guidePath(record)}`;
}

/** True when a removed pattern would throw here (error mode or a future object); the shim then takes the 2.0 behaviour. */
export function strictFor(future: boolean | undefined): boolean {
  return !!future || current().mode === 'error';
}

interface ReportFile {
  generatedBy: 'retort/legacy';
  sites: { code: string; site: string; count: number }[];
}

/**
 * Counts a use for the report. Counts not yet written are flushed as deltas: at once when
 * the site is new (so no site is ever lost), else shortly after (a timer that does not keep
 * the process alive), and at exit. The timer matters where 'exit' never reaches this module,
 * e.g. inside a jest worker, whose sandboxed `process` does not emit it.
 */
function countForReport(s: State, key: string, code: string, site: string): void {
  const isNew = !s.counts.has(key);
  const entry = s.counts.get(key) ?? { code, site, count: 0 };
  entry.count++;
  s.counts.set(key, entry);
  const delta = s.pending.get(key) ?? { code, site, count: 0 };
  delta.count++;
  s.pending.set(key, delta);
  if (isNew) flushReport(s);
  else if (!s.flushTimer) {
    s.flushTimer = setTimeout(() => flushReport(s), 100);
    s.flushTimer.unref?.();
  }
}

function flushReport(s: State): void {
  if (s.flushTimer) clearTimeout(s.flushTimer);
  s.flushTimer = undefined;
  if (!s.report || s.pending.size === 0) return;
  const entries = [...s.pending.values()];
  s.pending.clear();
  writeReport(s.report, entries);
}

function installExitHook(s: State): void {
  if (s.exitHook) return;
  s.exitHook = true;
  process.on('exit', () => flushReport(s));
}

/** Merges entries into the report file under a lock file, so worker processes can share it. */
export function writeReport(file: string, entries: readonly { code: string; site: string; count: number }[]): void {
  const lock = `${file}.lock`;
  let fd: number | undefined;
  for (let i = 0; i < 500 && fd === undefined; i++) {
    try {
      fd = openSync(lock, 'wx');
    } catch {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
  try {
    const merged = new Map<string, { code: string; site: string; count: number }>();
    if (existsSync(file)) {
      try {
        for (const e of (JSON.parse(readFileSync(file, 'utf8')) as ReportFile).sites ?? []) merged.set(`${e.code}@${e.site}`, { ...e });
      } catch {
        // An unreadable report is replaced rather than failing the process at exit.
      }
    }
    for (const e of entries) {
      const k = `${e.code}@${e.site}`;
      const prev = merged.get(k);
      merged.set(k, { code: e.code, site: e.site, count: (prev?.count ?? 0) + e.count });
    }
    const sites = [...merged.values()].sort((a, b) => a.code.localeCompare(b.code) || a.site.localeCompare(b.site));
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ generatedBy: 'retort/legacy', sites } satisfies ReportFile, null, 2) + '\n');
    renameSync(tmp, file);
  } finally {
    if (fd !== undefined) {
      closeSync(fd);
      unlinkSync(lock);
    }
  }
}
