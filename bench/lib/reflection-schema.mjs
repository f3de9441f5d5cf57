// The generated schema the reflection benchmark reads: TABLES tables of 15 to 50 columns of
// every portable type, foreign keys to earlier tables, single- and multi-column (some
// unique) indexes, CHECK constraints, and table and column comments. Deterministic: the
// same seed always makes the same schema.
export const TABLES = 500;
export const PREFIX = 'rflbench_';
export const SEED = 20261126;

/** A small deterministic PRNG (mulberry32). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const tableNameAt = (i) => `${PREFIX}${String(i).padStart(4, '0')}`;

/**
 * Builds the MetaData with Retort's own schema API (`r` is the Retort module).
 * Returns { metadata, stats } with the counts of what was defined.
 */
export function buildSchema(r, tables = TABLES) {
  const rand = rng(SEED);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const between = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const md = new r.MetaData();
  const stats = { tables: 0, columns: 0, foreignKeys: 0, indexes: 0, checks: 0 };
  const kinds = [
    ['int', () => r.integer(), true],
    ['big', () => r.bigint(), true],
    ['small', () => r.smallint(), true],
    ['amount', () => r.numeric(12, 2), true],
    ['ratio', () => r.float(), false],
    ['code', () => r.string(between(8, 80)), true],
    ['notes', () => new r.SqlType('text'), false],
    ['flag', () => r.boolean(), true],
    ['day', () => r.date(), true],
    ['at', () => r.datetime(), true],
    ['clock', () => r.time(), false],
    ['doc', () => r.json(), false],
    ['ref', () => r.uuid(), true],
    ['state', () => r.enumType(['new', 'active', 'closed'], { name: `${PREFIX}state` }), true],
    ['blob', () => r.binary(), false],
  ];
  for (let i = 0; i < tables; i++) {
    const name = tableNameAt(i);
    const cols = { id: r.column(r.integer(), { primaryKey: true }) };
    const indexable = [];
    const numeric = [];
    const ncols = between(15, 50);
    for (let k = 1; k < ncols; k++) {
      const [base, make, canIndex] = pick(kinds);
      const colName = `${base}_${k}`;
      cols[colName] = r.column(make(), {
        nullable: rand() < 0.7,
        ...(rand() < 0.15 ? { comment: `column ${k} of table ${i}` } : {}),
      });
      if (canIndex) indexable.push(colName);
      if (base === 'int' || base === 'amount' || base === 'small') numeric.push(colName);
    }
    const fkCount = i === 0 ? 0 : between(0, 3);
    for (let f = 0; f < fkCount; f++) {
      const target = tableNameAt(between(0, i - 1));
      cols[`fk_${f}`] = r.column(r.integer(), { references: r.foreignKey(`${target}.id`, { onDelete: pick([undefined, 'CASCADE', 'SET NULL']) }) });
    }
    stats.foreignKeys += fkCount;
    stats.columns += Object.keys(cols).length;
    new r.Table(name, md, cols, {
      comment: `generated table ${i}`,
      constraints: (c) => {
        const out = [];
        const nIdx = Math.min(indexable.length, between(1, 3));
        for (let x = 0; x < nIdx; x++) {
          const first = indexable[(x * 7 + i) % indexable.length];
          const second = x === 1 && indexable.length > 1 ? indexable[(x * 7 + i + 1) % indexable.length] : undefined;
          const elements = second && second !== first ? [c[first], c[second]] : [c[first]];
          out.push(r.index(`${name}_ix${x}`, elements, { unique: x === 2 }));
        }
        stats.indexes += nIdx;
        const nChecks = Math.min(numeric.length, between(1, 2));
        for (let x = 0; x < nChecks; x++) out.push(r.checkConstraint(`${numeric[x]} >= 0`, { name: `${name}_ck${x}` }));
        stats.checks += nChecks;
        return out;
      },
    });
    stats.tables++;
  }
  return { metadata: md, stats };
}
