// Charts for the HR dashboard and open data, drawn on the server (HTML and SVG): they need no
// JavaScript, fit a phone, print, and pass the CSP (attributes only, no script). Each chart carries
// a title and a one-line summary for screen readers, and the page offers the figures as a table.
import Handlebars from 'handlebars';

const esc = (s: string) => Handlebars.escapeExpression(s);
const WIDTH = 400;
const FONT = 'font-family="system-ui, sans-serif"';

export interface Bar {
  label: string;
  value: number;
  /** Written at the end of the bar instead of the bare value, e.g. "12 (8%)". */
  valueText?: string;
  href?: string;
}

/**
 * Horizontal bars as a list: the label and value are HTML text (readable at any width, read out in
 * order by screen readers), the bar a stretched SVG, so the chart fits a 320-pixel phone.
 */
export function horizontalBarChart(opts: {
  id: string;
  title: string;
  summary: string;
  bars: Bar[];
  max?: number;
  tone?: 'accent' | 'warn' | 'ok';
}): string {
  const max = Math.max(opts.max ?? 0, ...opts.bars.map((b) => b.value), 1);
  const fill = { accent: '#0b4f8a', warn: '#a4161a', ok: '#1d6b36' }[opts.tone ?? 'accent'];
  const rows = opts.bars.map((b) => {
    const w = b.value > 0 ? Math.max(1, Math.round((b.value / max) * 1000) / 10) : 0;
    const label = b.href ? `<a href="${esc(b.href)}">${esc(b.label)}</a>` : esc(b.label);
    const bar =
      `<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect width="100" height="10" rx="1.5" fill="#e6eaee"/>` +
      (w ? `<rect width="${w}" height="10" rx="1.5" fill="${fill}"/>` : '') +
      `</svg>`;
    return `<li><span class="bar-label">${label}</span><span class="bar-value">${esc(b.valueText ?? String(b.value))}</span>${bar}</li>`;
  });
  return `<div class="bar-chart" id="${opts.id}"><p id="${opts.id}-t" class="visually-hidden">${esc(opts.title)}. ${esc(opts.summary)}</p><ul aria-labelledby="${opts.id}-t">${rows.join('')}</ul></div>`;
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
  const left = 44;
  const right = 12;
  const top = 12;
  const plotHeight = 160;
  const legendHeight = 22 * opts.series.length;
  const height = top + plotHeight + 30 + legendHeight;
  const plotWidth = WIDTH - left - right;
  const days = [...new Set(opts.series.flatMap((s) => s.points.map((p) => p.day)))].sort();
  const x = (day: string) =>
    left + (days.length <= 1 ? plotWidth / 2 : (days.indexOf(day) / (days.length - 1)) * plotWidth);
  const yMax = opts.yMax || 1;
  const y = (v: number) => top + plotHeight - (Math.min(v, yMax) / yMax) * plotHeight;
  const parts: string[] = [];
  for (const f of [0, 0.25, 0.5, 0.75, 1]) {
    const yy = y(f * yMax);
    parts.push(`<line x1="${left}" x2="${WIDTH - right}" y1="${yy}" y2="${yy}" stroke="#d4d9df" stroke-width="1"/>`);
    parts.push(
      `<text x="${left - 6}" y="${yy + 5}" font-size="12" text-anchor="end" fill="#4f5862">${esc(opts.formatY(f * yMax))}</text>`,
    );
  }
  if (days.length) {
    const ticks = days.length <= 2 ? days : [days[0], days[Math.floor((days.length - 1) / 2)], days[days.length - 1]];
    ticks.forEach((d, i) => {
      const anchor = ticks.length === 1 ? 'middle' : i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : 'middle';
      parts.push(
        `<text x="${x(d)}" y="${top + plotHeight + 20}" font-size="12" text-anchor="${anchor}" fill="#4f5862">${esc(opts.formatDay(d))}</text>`,
      );
    });
  }
  opts.series.forEach((s, i) => {
    const colour = s.colour ?? (i === 0 ? '#0b4f8a' : '#1d6b36');
    const pts = s.points.filter((p): p is { day: string; value: number } => p.value !== null);
    if (pts.length > 1) {
      const d = pts.map((p, j) => `${j ? 'L' : 'M'}${x(p.day).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
      parts.push(
        `<path d="${d}" fill="none" stroke="${colour}" stroke-width="3"${s.dashed ? ' stroke-dasharray="8 5"' : ''} stroke-linejoin="round"/>`,
      );
    }
    const last = pts[pts.length - 1];
    if (last)
      parts.push(`<circle cx="${x(last.day).toFixed(1)}" cy="${y(last.value).toFixed(1)}" r="5" fill="${colour}"/>`);
    const lx = left;
    const ly = top + plotHeight + 40 + i * 22;
    parts.push(
      `<line x1="${lx}" x2="${lx + 28}" y1="${ly}" y2="${ly}" stroke="${colour}" stroke-width="3"${s.dashed ? ' stroke-dasharray="8 5"' : ''}/>`,
    );
    parts.push(`<text x="${lx + 36}" y="${ly + 5}" font-size="13" fill="#1b1f24">${esc(truncate(s.name, 45))}</text>`);
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
