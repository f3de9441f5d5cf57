/** Unified diffs (the `--dry` output), from a line-level shortest edit script (Myers' O(ND) algorithm). */

type Op = { kind: ' ' | '-' | '+'; line: string };

function editScript(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  const off = max + 1;
  outer: for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) break outer;
    }
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[off + k - 1] < vd[off + k + 1]) ? k + 1 : k - 1;
    const prevX = vd[off + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ kind: ' ', line: a[--x] }), y--;
    if (d > 0) {
      if (x === prevX) ops.push({ kind: '+', line: b[--y] });
      else ops.push({ kind: '-', line: a[--x] });
    }
  }
  return ops.reverse();
}

const COLORS = { '-': '\x1b[31m', '+': '\x1b[32m', '@': '\x1b[36m', reset: '\x1b[0m' };

/** The unified diff of two texts with 3 lines of context ('' when equal). */
export function unifiedDiff(path: string, before: string, after: string, color = false): string {
  if (before === after) return '';
  const ops = editScript(before.split('\n'), after.split('\n'));
  const paint = (c: '-' | '+' | '@', s: string) => (color ? COLORS[c] + s + COLORS.reset : s);
  const out = [paint('-', `--- a/${path}`), paint('+', `+++ b/${path}`)];
  const ctx = 3;
  let i = 0;
  let aLine = 1;
  let bLine = 1;
  const posA: number[] = [];
  const posB: number[] = [];
  for (const op of ops) {
    posA.push(aLine);
    posB.push(bLine);
    if (op.kind !== '+') aLine++;
    if (op.kind !== '-') bLine++;
  }
  while (i < ops.length) {
    if (ops[i].kind === ' ') {
      i++;
      continue;
    }
    let start = Math.max(0, i - ctx);
    let end = i;
    while (end < ops.length) {
      if (ops[end].kind !== ' ') {
        end++;
        continue;
      }
      let run = 0;
      while (end + run < ops.length && ops[end + run].kind === ' ') run++;
      if (end + run >= ops.length || run > 2 * ctx) {
        end = Math.min(ops.length, end + ctx);
        break;
      }
      end += run;
    }
    const hunk = ops.slice(start, end);
    const aCount = hunk.filter((o) => o.kind !== '+').length;
    const bCount = hunk.filter((o) => o.kind !== '-').length;
    out.push(paint('@', `@@ -${aCount ? posA[start] : posA[start] - 1},${aCount} +${bCount ? posB[start] : posB[start] - 1},${bCount} @@`));
    for (const o of hunk) out.push(o.kind === ' ' ? ' ' + o.line : paint(o.kind, o.kind + o.line));
    i = end;
    start = end;
  }
  return out.join('\n') + '\n';
}
