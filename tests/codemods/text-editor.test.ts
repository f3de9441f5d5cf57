/** TextEditor: the edits of the syntax-only transforms, where an outer rewrite may move text an inner one edited. */
import { TextEditor } from '../../codemods/run/text-edits';

describe('TextEditor', () => {
  it('applies edits and leaves the rest of the text as it was', () => {
    const e = new TextEditor('select([a, b])');
    expect(e.changed).toBe(false);
    e.replace(7, 8, '');
    e.replace(12, 13, '');
    expect(e.changed).toBe(true);
    expect(e.toString()).toBe('select(a, b)');
  });

  it('folds the edits inside a span that an outer rewrite moves (slice, then replace around it)', () => {
    // f(g([1]), {o: g([2])}) → f(g(1)).o(g(2)): the inner rewrites run first.
    const src = 'f(g([1]), {o: g([2])})';
    const e = new TextEditor(src);
    for (const at of [src.indexOf('[1]'), src.indexOf('[2]')]) {
      e.replace(at, at + 1, '');
      e.replace(at + 2, at + 3, '');
    }
    const value = e.slice(src.indexOf('g([2])'), src.indexOf('g([2])') + 'g([2])'.length);
    expect(value).toBe('g(2)');
    e.replace(src.indexOf(', {'), src.length, `).o(${value})`);
    expect(e.toString()).toBe('f(g(1)).o(g(2))');
  });

  it('counts an insertion with the text before it: in a slice that ends there, not in one that starts there', () => {
    const e = new TextEditor('u(a)+b');
    e.replace(4, 4, '.limit(1)');
    expect(e.slice(0, 4)).toBe('u(a).limit(1)');
    expect(e.slice(4, 6)).toBe('+b');
    e.replace(4, 6, '');
    expect(e.toString()).toBe('u(a).limit(1)');
  });

  it('refuses an edit that crosses the bounds of one already made', () => {
    const e = new TextEditor('abcdef');
    e.replace(1, 4, 'X');
    expect(() => e.replace(3, 5, 'Y')).toThrow('overlapping edits: [3, 5) crosses [1, 4)');
    expect(e.toString()).toBe('aXef');
  });
});
