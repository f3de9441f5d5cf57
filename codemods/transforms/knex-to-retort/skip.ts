/**
 * Why a knex site is left alone. Each reason has a stable kind (for counting across a code
 * base) and a sentence naming what was in the way.
 */
export type SkipKind =
  | 'raw-interpolated'
  | 'raw'
  | 'dynamic-table'
  | 'unknown-table'
  | 'unknown-column'
  | 'ambiguous-column'
  | 'table-alias'
  | 'not-awaited'
  | 'unsupported-method'
  | 'dynamic-argument'
  | 'knex-in-value'
  | 'callback'
  | 'result-shape'
  | 'local-knex';

/** Thrown while a chain is read; the chain is then reported and left exactly as it was. */
export class Skip extends Error {
  constructor(
    readonly kind: SkipKind,
    message: string,
  ) {
    super(message);
    this.name = 'Skip';
  }
}

/** One knex site the transform saw: rewritten, or left alone with the reason. */
export interface KnexSite {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly outcome: 'rewritten' | 'reported';
  readonly kind?: SkipKind;
  readonly reason?: string;
  /** The start of the site's source, on one line. */
  readonly snippet: string;
}

/** `file:line:column: reason` for a reported site. */
export function formatSite(site: KnexSite): string {
  return `${site.file}:${site.line}:${site.column}: ${site.outcome === 'rewritten' ? 'rewritten' : `left alone (${site.kind}): ${site.reason}`}`;
}
