/**
 * Text edits applied to a text, with no dependency of its own: the syntax transforms and the
 * final stage use it without loading TypeScript (the type-aware stage does too).
 */
import type { TextEdit } from '../transforms/types';

/**
 * Applies non-overlapping edits (sorted by position) to `text`.
 * @example applyEdits('select a', [{ start: 7, end: 8, text: 'b' }]) // 'select b'
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}
