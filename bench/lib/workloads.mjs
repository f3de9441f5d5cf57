// The five workloads of the suite: their size (full and --quick), the tables they need,
// the input each contender gets, and the check of what it returns.
//
// A contender's case gets `input` (built before the clock starts) and returns its output;
// the worker times that call alone, then checks the output. What a case must return:
//   insert   the generated keys, in input order (row i of a fresh table gets key i + 1)
//   select   the checksum of the rows read (id + score + name length)
//   load     { count, checksum } over the rows/objects read
//   eager    the checksum over each parent's own children (parent id × 7 + child id + value)
//   update   nothing; the worker then asks the contender for sum(score) of the table
import { CHILDREN_PER_PARENT, newScore, newUserRows, rowName, rowScore } from './fixtures.mjs';

const nf = (n) => n.toLocaleString('en');

/** The ids queried by the select workload: a fixed permutation of 1..rows. */
export function idSequence(n, step, rows) {
  const ids = new Array(n);
  for (let k = 0; k < n; k++) ids[k] = ((k * step) % rows) + 1;
  return ids;
}

function usersChecksum(ids) {
  let sum = 0;
  for (const id of ids) sum += id + rowScore(id) + rowName(id).length;
  return sum;
}

export const WORKLOADS = [
  {
    id: 'insert',
    title: (s) => `bulk insert of ${nf(s.n)} objects, primary keys fetched back`,
    size: (quick) => ({ n: quick ? 10_000 : 100_000 }),
    // Every run starts from an empty table (identity restarted), so keys are 1..n.
    fixture: () => ({ kind: 'users', rows: 0 }),
    resetEachRun: true,
    input: (s) => ({ rows: newUserRows(s.n) }),
    check(out, s) {
      if (!Array.isArray(out) || out.length !== s.n) return `expected ${s.n} keys back, got ${Array.isArray(out) ? out.length : typeof out}`;
      for (let i = 0; i < s.n; i++) if (Number(out[i]) !== i + 1) return `key of row ${i + 1} is ${out[i]}, expected ${i + 1} (keys out of order or missing)`;
      return undefined;
    },
  },
  {
    id: 'select',
    title: (s) => `${nf(s.n)} single-row selects by primary key (${nf(s.warmup)} warm-up selects first)`,
    size: (quick) => ({ n: quick ? 1_000 : 10_000, warmup: quick ? 200 : 1_000, rows: 10_000 }),
    fixture: (s) => ({ kind: 'users', rows: s.rows }),
    input: (s) => ({ ids: idSequence(s.n, 7919, s.rows), warmupIds: idSequence(s.warmup, 13, s.rows) }),
    check: (out, s) => (out === usersChecksum(idSequence(s.n, 7919, s.rows)) ? undefined : `wrong checksum ${out}`),
  },
  {
    id: 'load',
    title: (s) => `loading ${nf(s.n)} rows as objects`,
    size: (quick) => ({ n: quick ? 10_000 : 100_000 }),
    fixture: (s) => ({ kind: 'users', rows: s.n }),
    input: () => ({}),
    check(out, s) {
      const ids = Array.from({ length: s.n }, (_, i) => i + 1);
      if (out?.count !== s.n) return `expected ${s.n} rows, got ${out?.count}`;
      return out.checksum === usersChecksum(ids) ? undefined : `wrong checksum ${out.checksum}`;
    },
  },
  {
    id: 'eager',
    title: (s) => `${nf(s.parents)} parents × ${CHILDREN_PER_PARENT} children, eager-loaded`,
    size: (quick) => ({ parents: quick ? 100 : 1_000 }),
    fixture: (s) => ({ kind: 'families', parents: s.parents }),
    input: () => ({}),
    check(out, s) {
      let sum = 0;
      for (let i = 1; i <= s.parents * CHILDREN_PER_PARENT; i++) sum += (Math.floor((i - 1) / CHILDREN_PER_PARENT) + 1) * 7 + i + ((i * 7) % 100);
      return out === sum ? undefined : `wrong checksum ${out}, expected ${sum} (children missing or under the wrong parent)`;
    },
  },
  {
    id: 'update',
    title: (s) => `bulk update of ${nf(s.n)} rows by primary key (a different value for each row)`,
    size: (quick) => ({ n: quick ? 1_000 : 10_000 }),
    fixture: (s) => ({ kind: 'users', rows: s.n }),
    resetEachRun: true,
    input: (s) => ({ rows: Array.from({ length: s.n }, (_, i) => ({ id: i + 1, score: newScore(i + 1) })) }),
    // Checked after the run: sum(score) read back through the contender's own connection.
    expectedSum(s) {
      let sum = 0;
      for (let id = 1; id <= s.n; id++) sum += newScore(id);
      return sum;
    },
  },
];

/** Sums a parent→children structure the way the eager workload's check expects. */
export function familyChecksum(parents, childrenOf, parentIdOf = (p) => p.id) {
  let sum = 0;
  for (const p of parents) {
    const pid = Number(parentIdOf(p));
    for (const c of childrenOf(p)) sum += pid * 7 + Number(c.id) + Number(c.value);
  }
  return sum;
}

/** Checksum of user rows/objects for the load workload. */
export function loadChecksum(rows) {
  let sum = 0;
  for (const r of rows) sum += Number(r.id) + r.score + r.name.length;
  return { count: rows.length, checksum: sum };
}
