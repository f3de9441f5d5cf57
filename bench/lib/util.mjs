// Small helpers shared by the contenders.

/** Rows a statement for the contenders that batch by hand (4 columns: 20,000 parameters, under every database's limit). */
export const BATCH = 5_000;

/** Consecutive slices of at most `size` items. */
export function* chunks(items, size) {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/**
 * Thrown by a case whose API is not in this build (yet): the runner reports the case as
 * "not available" with this message instead of failing it.
 */
export class NotAvailable extends Error {}
