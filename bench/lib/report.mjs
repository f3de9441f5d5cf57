// The results block of bench/RESULTS.md: machine, goals, one table per workload × database.
import { DB_TITLES } from './goals.mjs';

const nf = (x, d = 1) => x.toLocaleString('en', { minimumFractionDigits: d, maximumFractionDigits: d });
const cell = (s) => String(s).replace(/\|/g, '/').replace(/\n/g, ' ');

export function renderMarkdown(results, { workloads }) {
  const m = results.machine;
  const md = [];
  if (results.parts) {
    md.push(`### Runs of ${results.date.slice(0, 10)}`, '');
    for (const p of results.parts) md.push(`- \`${p.command}\` (${p.date.slice(11, 16)} UTC, ${p.runs} runs per case, ${nf(p.totalSeconds / 60, 1)} min, Retort ${p.retort}): ${p.tables.join(', ') || 'nothing completed'}`);
    md.push('', 'Each case ran in its own process. A table says its size where the runs differ in size.', '');
  } else {
    md.push(`### Run of ${results.date.slice(0, 16).replace('T', ' ')} UTC${results.quick ? ' (quick: 1/10 sizes)' : ''}`, '');
    md.push(`\`${results.command}\`: ${results.runs} runs per case, each in its own process; ${nf(results.totalSeconds / 60, 1)} min in all.`, '');
  }
  md.push(`- Machine: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}`);
  md.push(`- Databases: ${Object.entries(m.databases).map(([db, v]) => `${DB_TITLES[db]}: ${v}`).join('; ')}`);
  if (!results.parts) md.push(`- Retort ${m.retort}`);
  md.push(`- Drivers and peers: ${Object.entries(m.packages).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  md.push('', '![Time as a multiple of the raw driver, per workload and database](results.svg)', '');

  md.push('#### Goals', '');
  const dbs = Object.keys(DB_TITLES).filter((db) => Object.values(results.workloads).some((w) => w.databases[db]));
  md.push(`| Goal | ${dbs.map((d) => DB_TITLES[d]).join(' | ')} |`, `|---|${dbs.map(() => '---').join('|')}|`);
  for (const g of results.goals) {
    md.push(`| ${g.text} | ${dbs.map((db) => {
      const v = g.databases[db];
      if (!v) return 'not run';
      return `${v.met === undefined ? '' : v.met ? '**met** ' : '**missed** '}${cell(v.text)}`;
    }).join(' | ')} |`);
  }

  for (const w of workloads) {
    const r = results.workloads[w.id];
    if (!r) continue;
    const mixed = Object.values(r.databases).some((d) => d.title && d.title !== r.title);
    md.push('', `#### ${w.id}: ${mixed ? w.id === 'eager' ? 'parents × 10 children, eager-loaded' : r.title.replace(/[\d,]+/, 'n') : r.title}`);
    for (const db of dbs) {
      const d = r.databases[db];
      if (!d) continue;
      md.push('', `${DB_TITLES[db]}${mixed && d.title ? ` — ${d.title}, ${d.runs} runs` : ''}${d.skipped ? `: SKIPPED (${d.skipped})` : ''}`, '');
      if (d.skipped) continue;
      md.push('| Contender | median ms | × raw | min–max ms | CPU ms | CPU × raw | peak RSS MB | RSS × raw |', '|---|---:|---:|---:|---:|---:|---:|---:|');
      const rawCpu = d.rows.find((x) => x.baseline && x.cpuMs !== undefined)?.cpuMs;
      for (const x of d.rows) {
        const name = x.retort ? `**${cell(x.label)}**` : cell(x.label);
        if (x.unavailable) md.push(`| ${name} | not available: ${cell(x.unavailable)} | | | | | | |`);
        else if (x.error) md.push(`| ${name} | FAILED: ${cell(x.error)} | | | | | | |`);
        else md.push(`| ${name} | ${nf(x.medianMs)} | ${x.ratio === undefined ? '—' : nf(x.ratio, 2) + '×'} | ${nf(x.minMs)}–${nf(x.maxMs)} | ${nf(x.cpuMs, 0)} | ${rawCpu ? nf(x.cpuMs / rawCpu, 2) + '×' : '—'} | ${nf(x.peakRssMB, 0)} | ${x.rssRatio === undefined ? '—' : nf(x.rssRatio, 2) + '×'} |`);
      }
    }
  }
  return md.join('\n');
}

/** Replaces the text between `<!-- results:name:start -->` and its end marker (appends both when missing). */
export function replaceBlock(doc, name, block) {
  const start = `<!-- results:${name}:start -->`;
  const end = `<!-- results:${name}:end -->`;
  if (!doc.includes(start)) doc += `\n${start}\n${end}\n`;
  return doc.slice(0, doc.indexOf(start) + start.length) + '\n' + block + '\n' + doc.slice(doc.indexOf(end));
}
