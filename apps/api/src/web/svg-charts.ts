// Charts for the HR dashboard drawn on the server as SVG: they need no JavaScript, scale to a phone,
// print, and pass the CSP (attributes only, no inline script). Each chart carries a title and a
// one-line summary for screen readers; the page shows the same figures as a table beside it.
import Handlebars from 'handlebars';

const esc = (s: string) => Handlebars.escapeExpression(s);
const WIDTH = 640;
const FONT = 'font-family="system-ui, sans-serif"';

export interface Bar {
  label: string;
  value: number;
  /** Written at the end of the bar instead of the bare value, e.g. "12 (8%)". */
  valueText?: string;
  href?: string;
}

/** Horizontal bars, label above each bar so long Mongolian agency names fit on a phone. */
export function horizontalBarChart(opts: { id: string; title: string; summary: string; bars: Bar[]; max?: number; tone?: 'accent' | 'warn' | 'ok' }): string {
  const rowHeight = 46;
  const top = 8;
  const height = top + opts.bars.length * rowHeight + 4;
  const max = Math.max(opts.max ?? 0, ...opts.bars.map((b) => b.value), 1);
  const barWidth = WIDTH - 90;
  const fill = { accent: '#0b4f8a', warn: '#a4161a', ok: '#1d6b36' }[opts.tone ?? 'accent'];
  const rows = opts.bars.map((b, i) => {
    const y = top + i * rowHeight;
    const w = b.value > 0 ? Math.max(2, Math.round((b.value / max) * barWidth)) : 0;
    const label = `<text x="0" y="${y + 14}" font-size="15" fill="#1b1f24">${esc(truncate(b.label, 70))}</text>`;
    const track = `<rect x="0" y="${y + 20}" width="${barWidth}" height="16" rx="3" fill="#e6eaee"/>`;
    const bar = w ? `<rect x="0" y="${y + 20}" width="${w}" height="16" rx="3" fill="${fill}"/>` : '';
    const value = `<text x="${barWidth + 8}" y="${y + 33}" font-size="15" font-weight="600" fill="#1b1f24">${esc(b.valueText ?? String(b.value))}</text>`;
    const row = `${label}${track}${bar}${value}`;
    return b.href ? `<a href="${esc(b.href)}">${row}</a>` : row;
  });
  return svg(opts.id, opts.title, opts.summary, height, rows.join(''));
}

export interface Point {
  /** YYYY-MM-DD */
  day: string;
  value: number | null;
}

/** One or two lines over days (e.g. completion rate and certified share), y from 0 to yMax. */
export function lineChart(opts: {
  id: string;
  title: string;
  summary: string;
  series: { name: string; points: Point[]; colour?: string; dashed?: boolean }[];
  yMax: number;
  formatY: (v: number) => string;
  formatDay: (day: string) => string;
}): string {
  const left = 52;
  const right = 12;
  const top = 12;
  const plotHeight = 200;
  const legendHeight = 28;
  const height = top + plotHeight + 30 + legendHeight;
  const plotWidth = WIDTH - left - right;
  const days = [...new Set(opts.series.flatMap((s) => s.points.map((p) => p.day)))].sort();
  const x = (day: string) => left + (days.length <= 1 ? plotWidth / 2 : (days.indexOf(day) / (days.length - 1)) * plotWidth);
  const yMax = opts.yMax || 1;
  const y = (v: number) => top + plotHeight - (Math.min(v, yMax) / yMax) * plotHeight;
  const parts: string[] = [];
  for (const f of [0, 0.25, 0.5, 0.75, 1]) {
    const yy = y(f * yMax);
    parts.push(`<line x1="${left}" x2="${WIDTH - right}" y1="${yy}" y2="${yy}" stroke="#d4d9df" stroke-width="1"/>`);
    parts.push(`<text x="${left - 6}" y="${yy + 5}" font-size="13" text-anchor="end" fill="#4f5862">${esc(opts.formatY(f * yMax))}</text>`);
  }
  if (days.length) {
    const ticks = days.length <= 2 ? days : [days[0], days[Math.floor((days.length - 1) / 2)], days[days.length - 1]];
    ticks.forEach((d, i) => {
      const anchor = ticks.length === 1 ? 'middle' : i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : 'middle';
      parts.push(`<text x="${x(d)}" y="${top + plotHeight + 20}" font-size="13" text-anchor="${anchor}" fill="#4f5862">${esc(opts.formatDay(d))}</text>`);
    });
  }
  opts.series.forEach((s, i) => {
    const colour = s.colour ?? (i === 0 ? '#0b4f8a' : '#1d6b36');
    const pts = s.points.filter((p): p is { day: string; value: number } => p.value !== null);
    if (pts.length > 1) {
      const d = pts.map((p, j) => `${j ? 'L' : 'M'}${x(p.day).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
      parts.push(`<path d="${d}" fill="none" stroke="${colour}" stroke-width="3"${s.dashed ? ' stroke-dasharray="8 5"' : ''} stroke-linejoin="round"/>`);
    }
    const last = pts[pts.length - 1];
    if (last) parts.push(`<circle cx="${x(last.day).toFixed(1)}" cy="${y(last.value).toFixed(1)}" r="5" fill="${colour}"/>`);
    const lx = left + i * 260;
    const ly = top + plotHeight + 44;
    parts.push(`<line x1="${lx}" x2="${lx + 28}" y1="${ly}" y2="${ly}" stroke="${colour}" stroke-width="3"${s.dashed ? ' stroke-dasharray="8 5"' : ''}/>`);
    parts.push(`<text x="${lx + 36}" y="${ly + 5}" font-size="14" fill="#1b1f24">${esc(truncate(s.name, 30))}</text>`);
  });
  return svg(opts.id, opts.title, opts.summary, height, parts.join(''));
}

function svg(id: string, title: string, summary: string, height: number, content: string): string {
  return (
    `<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${id}-t ${id}-d" ${FONT} xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${id}-t">${esc(title)}</title><desc id="${id}-d">${esc(summary)}</desc>${content}</svg>`
  );
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
