// The chart of a run (bench/results.svg): for each workload, one row per case and one
// column per database, a bar for time ÷ raw driver time on a log scale. Plain SVG text,
// written by the runner itself (no plotting tool).
import { DB_TITLES } from './goals.mjs';

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const LABEL_W = 500;
const CELL_W = 230;
const ROW_H = 15;
const PAD = 12;
const COLORS = { raw: '#8a8a8a', retort: '#d9480f', peer: '#3b6fb6', bad: '#c92a2a' };

export function renderChart(results, { workloads }) {
  const dbs = Object.keys(DB_TITLES).filter((db) => Object.values(results.workloads).some((w) => w.databases[db] && !w.databases[db].skipped));
  let maxRatio = 2;
  for (const w of Object.values(results.workloads)) for (const d of Object.values(w.databases)) for (const x of d.rows ?? []) if (x.ratio) maxRatio = Math.max(maxRatio, x.ratio);
  const hi = 2 ** Math.ceil(Math.log2(maxRatio));
  const lo = 0.5;
  const scale = (r) => ((Math.log2(Math.max(r, lo)) - Math.log2(lo)) / (Math.log2(hi) - Math.log2(lo))) * (CELL_W - 50);
  const width = LABEL_W + dbs.length * CELL_W + PAD * 2;
  const parts = [];
  let y = PAD + 16;
  parts.push(`<text x="${PAD}" y="${y}" font-size="15" font-weight="bold">Time as a multiple of the raw driver (log scale; lower is better)</text>`);
  y += 16;
  parts.push(`<text x="${PAD}" y="${y}" font-size="11" fill="#555">${esc(`${results.date.slice(0, 10)}${results.quick ? ', quick sizes' : ''}${results.parts ? '; sizes per database where they differ' : ''}; median of ${results.runs}+ runs; Node ${results.machine.node}, ${results.machine.cores} cores. Orange: Retort; grey: raw driver; blue: peers.`)}</text>`);
  y += 10;
  for (const w of workloads) {
    const r = results.workloads[w.id];
    if (!r) continue;
    const labels = [];
    for (const db of dbs) for (const x of r.databases[db]?.rows ?? []) if (!labels.some((l) => l.key === `${x.module}/${x.id}`)) labels.push({ key: `${x.module}/${x.id}`, label: x.label, x });
    y += 22;
    parts.push(`<text x="${PAD}" y="${y}" font-size="13" font-weight="bold">${esc(`${w.id}: ${r.title}`)}</text>`);
    dbs.forEach((db, i) => {
      const d = r.databases[db];
      const size = d?.title && d.title !== r.title ? ` (${(/[\d,]+/.exec(d.title) ?? [''])[0]})` : '';
      parts.push(`<text x="${PAD + LABEL_W + i * CELL_W}" y="${y}" font-size="12" font-weight="bold">${esc(DB_TITLES[db] + size)}</text>`);
    });
    y += 6;
    const top = y;
    for (const { key, label, x: first } of labels) {
      y += ROW_H;
      const short = label.length > 82 ? `${label.slice(0, 80)}…` : label;
      parts.push(`<text x="${PAD}" y="${y - 3}" font-size="10.5"${first.retort ? ' font-weight="bold"' : ''}>${esc(short)}</text>`);
      dbs.forEach((db, i) => {
        const x0 = PAD + LABEL_W + i * CELL_W;
        const x = r.databases[db]?.rows?.find((row) => `${row.module}/${row.id}` === key);
        if (!x) return;
        if (x.ratio === undefined) {
          parts.push(`<text x="${x0}" y="${y - 3}" font-size="10" fill="${COLORS.bad}">${x.unavailable ? 'not available' : 'failed'}</text>`);
          return;
        }
        const color = x.baseline ? COLORS.raw : x.retort ? COLORS.retort : COLORS.peer;
        const wpx = Math.max(1, scale(x.ratio));
        parts.push(`<rect x="${x0}" y="${y - 12}" width="${wpx.toFixed(1)}" height="10" fill="${color}"/>`);
        parts.push(`<text x="${(x0 + wpx + 3).toFixed(1)}" y="${y - 3}" font-size="9.5">${x.ratio < 10 ? x.ratio.toFixed(2) : x.ratio.toFixed(1)}×</text>`);
      });
    }
    // Grid lines at powers of two, 1× emphasised.
    dbs.forEach((_, i) => {
      const x0 = PAD + LABEL_W + i * CELL_W;
      for (let g = lo; g <= hi; g *= 2) {
        const gx = (x0 + scale(g)).toFixed(1);
        parts.push(`<line x1="${gx}" y1="${top}" x2="${gx}" y2="${y + 2}" stroke="${g === 1 ? '#222' : '#ccc'}" stroke-width="${g === 1 ? 1 : 0.5}"/>`);
        parts.push(`<text x="${gx}" y="${y + 12}" font-size="8.5" fill="#666" text-anchor="middle">${g}×</text>`);
      }
    });
    y += 12;
  }
  y += PAD;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}" font-family="Helvetica, Arial, sans-serif">\n<rect width="100%" height="100%" fill="#fff"/>\n${parts.join('\n')}\n</svg>\n`;
}
