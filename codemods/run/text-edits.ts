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

/**
 * The edits of one text, where a rewrite may move a piece that holds an earlier rewrite: run
 * innermost first, an outer rewrite takes the pieces it moves with `slice()` (the inner
 * edits applied) and replaces the span around them, which folds those inner edits into its
 * own. Used by the syntax-only transforms, which edit the text instead of reprinting the tree.
 *
 * @example
 * const e = new TextEditor('f([g([1])])');
 * e.replace(4, 5, ''); e.replace(6, 7, '');   // g([1]) → g(1)
 * e.replace(2, 10, e.slice(3, 9));            // f([…]) → f(g(1))
 * e.toString();                               // 'f(g(1))'
 */
export class TextEditor {
  private edits: TextEdit[] = [];

  constructor(readonly source: string) {}

  /**
   * Whether an edit lies in `[start, end)`. An insertion belongs to the text before it (a
   * rewrite appends calls after the call it rewrote): one at `end` is in, one at `start` is not.
   */
  private static inside(e: TextEdit, start: number, end: number): boolean {
    return e.start === e.end ? e.start > start && e.start <= end : e.start >= start && e.end <= end;
  }

  /** The source of `[start, end)` with the edits made inside it applied. */
  slice(start: number, end: number): string {
    const inside = this.edits.filter((e) => TextEditor.inside(e, start, end));
    return applyEdits(
      this.source.slice(start, end),
      inside.map((e) => ({ start: e.start - start, end: e.end - start, text: e.text })),
    );
  }

  /**
   * Replaces `[start, end)`. Edits inside the span are dropped (a text built with `slice()`
   * holds them); an edit that crosses the span's bounds is a bug in the caller and throws.
   */
  replace(start: number, end: number, text: string): void {
    const crossing = this.edits.find((e) => e.start < end && e.end > start && !(e.start >= start && e.end <= end));
    if (crossing) throw new Error(`overlapping edits: [${start}, ${end}) crosses [${crossing.start}, ${crossing.end})`);
    if (end > start) this.edits = this.edits.filter((e) => !TextEditor.inside(e, start, end));
    this.edits.push({ start, end, text });
  }

  get changed(): boolean {
    return this.edits.length > 0;
  }

  toString(): string {
    return applyEdits(this.source, this.edits);
  }
}
