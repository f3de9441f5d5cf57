// The speed goals of the suite (ratios to the raw driver, never timed assertions in tests)
// and their evaluation against one run's results.
export const DB_TITLES = { sqlite: 'SQLite', postgresql: 'PostgreSQL', mysql: 'MariaDB' };

/**
 * Each goal names the cases it judges (by their `goal` tag) and the limit per database.
 * `rss`: also peak memory within that multiple of raw's. `beatPeers`: also faster than
 * every peer ORM/query builder in the same table.
 */
export const GOALS = [
  { id: 'insert', workload: 'insert', text: 'ORM flush of new objects (keys fetched back) ≤ 1.5× raw, peak memory ≤ 2× raw, faster than every peer', limit: { sqlite: 1.5, postgresql: 1.5, mysql: 1.5 }, rss: 2, beatPeers: true },
  { id: 'select', workload: 'select', text: 'ORM `session.get` / `select(User).where` ≤ 3× raw on SQLite, ≤ 1.3× on PostgreSQL and MariaDB', limit: { sqlite: 3, postgresql: 1.3, mysql: 1.3 } },
  { id: 'load', workload: 'load', text: 'ORM entities ≤ 2× raw', limit: { sqlite: 2, postgresql: 2, mysql: 2 } },
  { id: 'load-core', workload: 'load', text: 'Core rows ≤ 1.2× raw', limit: { sqlite: 1.2, postgresql: 1.2, mysql: 1.2 } },
  { id: 'eager', workload: 'eager', text: 'ORM select-in eager loading ≤ 1.5× raw (raw = two queries + grouping)', limit: { sqlite: 1.5, postgresql: 1.5, mysql: 1.5 } },
];

const fmt = (x) => `${x.toFixed(2)}×`;

/** One verdict per goal and database: { met, text } (met undefined when it could not be judged). */
export function evaluateGoals(results) {
  const out = [];
  for (const g of GOALS) {
    const w = results.workloads[g.workload];
    if (!w) continue;
    const per = {};
    for (const [db, r] of Object.entries(w.databases)) {
      if (r.skipped) {
        per[db] = { met: undefined, text: 'database skipped' };
        continue;
      }
      const judged = r.rows.filter((x) => x.goal === g.id);
      if (judged.length === 0) {
        per[db] = { met: undefined, text: 'no case' };
        continue;
      }
      const parts = [];
      let met = true;
      for (const x of judged) {
        if (x.ratio === undefined) {
          parts.push(`${x.id}: ${x.unavailable ? 'not available' : 'failed'}`);
          met = false;
          continue;
        }
        let ok = x.ratio <= g.limit[db];
        const rawCpu = r.rows.find((b) => b.baseline && b.cpuMs !== undefined)?.cpuMs;
        let text = `${fmt(x.ratio)}${rawCpu ? ` (CPU ${fmt(x.cpuMs / rawCpu)})` : ''}`;
        if (g.rss) {
          ok = ok && x.rssRatio <= g.rss;
          text += `, memory ${fmt(x.rssRatio)}`;
        }
        if (g.beatPeers) {
          const peers = r.rows.filter((p) => !p.retort && !p.baseline && p.ratio !== undefined);
          const best = peers.sort((a, b) => a.ratio - b.ratio)[0];
          if (best) {
            ok = ok && x.ratio < best.ratio;
            text += `; fastest peer ${best.module} ${fmt(best.ratio)}`;
          }
        }
        met = met && ok;
        parts.push(judged.length > 1 ? `${x.id.replace(/^retort-orm-?/, '') || 'orm'} ${text}` : text);
      }
      per[db] = { met, text: parts.join('; ') };
    }
    out.push({ id: g.id, text: g.text, limit: g.limit, databases: per });
  }
  return out;
}
