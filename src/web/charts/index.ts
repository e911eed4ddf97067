/**
 * Our small server-side charts (issue 18): bar charts and line/step charts as SVG strings, no
 * library and no client script. Every chart is an `<svg role="img">` with an aria-label, a
 * `<title>` and a `<desc>`; its numbers are also in a real table on the page (the charts only
 * draw). Values are decimal strings or numbers; they are turned into numbers for geometry only —
 * what a person reads (axis labels, the table) is formatted by the caller's `format`.
 *
 * Colours have at least 3:1 contrast on white (WCAG 1.4.11) and each series also has its own dash
 * pattern, so a chart printed in black and white stays legible.
 */

export const PALETTE = ['#1d4f91', '#a8420f', '#1e6b34', '#6b2a8a', '#9b1c31'] as const;
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2'] as const;

export const escapeXml = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const toNumber = (value: string | number): number => {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : 0;
};

/** A "nice" axis from min to max (0 always included): round step, ticks from lo to hi. */
export function niceScale(min: number, max: number, count = 5): { lo: number; hi: number; step: number; ticks: number[] } {
  let lo = Math.min(0, min);
  let hi = Math.max(0, max);
  if (lo === hi) hi = lo + 1;
  const raw = (hi - lo) / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  lo = Math.floor(lo / step) * step;
  hi = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let t = lo; t <= hi + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  return { lo, hi, step, ticks };
}

export interface ChartText {
  /** The chart's title (the SVG's <title> and the start of its aria-label). */
  title: string;
  /** What it shows, in a sentence (the SVG's <desc>), e.g. "Figures in the table below." */
  desc: string;
  /** Shown when there is nothing to draw. */
  empty?: string;
}

export interface Series {
  name: string;
  values: readonly (string | number)[];
}

export interface ChartOptions {
  width?: number;
  height?: number;
  /** Formats an axis value for reading (amounts in the page's language). */
  format?: (value: number) => string;
}

const W = 640;
const H = 300;
const M = { top: 16, right: 16, bottom: 56, left: 88 };

function frame(text: ChartText, width: number, height: number, body: string, className: string): string {
  const label = `${text.title}. ${text.desc}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart ${className}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(label)}">` +
    `<title>${escapeXml(text.title)}</title><desc>${escapeXml(text.desc)}</desc>${body}</svg>`;
}

function emptyChart(text: ChartText, width: number): string {
  const height = 60;
  return frame(text, width, height, `<text x="${width / 2}" y="34" text-anchor="middle" class="chart-empty">${escapeXml(text.empty ?? text.desc)}</text>`, 'chart-empty-frame');
}

function yAxis(scale: ReturnType<typeof niceScale>, y: (v: number) => number, width: number, format: (v: number) => string): string {
  let out = '';
  for (const t of scale.ticks) {
    const py = y(t).toFixed(1);
    out += `<line class="chart-grid${t === 0 ? ' chart-zero' : ''}" x1="${M.left}" x2="${width - M.right}" y1="${py}" y2="${py}" stroke="${t === 0 ? '#222' : '#c8c8c8'}" stroke-width="1"/>`;
    out += `<text class="chart-tick" x="${M.left - 6}" y="${py}" dy="0.32em" text-anchor="end" font-size="12" fill="#222">${escapeXml(format(t))}</text>`;
  }
  return out;
}

/** The legend's items laid out in rows that fit the chart's width (a long legend wraps instead of running off the chart). */
function legendLayout(series: readonly { name: string }[], width: number): { items: { x: number; row: number }[]; extra: number } {
  if (series.length < 2) return { items: [], extra: 0 };
  const items: { x: number; row: number }[] = [];
  let x = M.left;
  let row = 0;
  for (const s of series) {
    const span = 30 + s.name.length * 7;
    if (x > M.left && x + span > width - M.right) { row += 1; x = M.left; }
    items.push({ x, row });
    x += span + 10;
  }
  return { items, extra: row * LEGEND_ROW };
}

const LEGEND_ROW = 18;

function legend(series: readonly { name: string }[], layout: ReturnType<typeof legendLayout>, baseHeight: number, kind: 'bar' | 'line'): string {
  let out = '';
  series.forEach((s, i) => {
    const place = layout.items[i];
    if (!place) return;
    const { x } = place;
    const y = baseHeight - 14 + place.row * LEGEND_ROW;
    const colour = PALETTE[i % PALETTE.length];
    out += kind === 'bar'
      ? `<rect x="${x}" y="${y - 9}" width="12" height="12" fill="${colour}"${i % 2 ? ' fill-opacity="0.85"' : ''}/>`
      : `<line x1="${x}" x2="${x + 18}" y1="${y - 3}" y2="${y - 3}" stroke="${colour}" stroke-width="3"${DASHES[i % DASHES.length] ? ` stroke-dasharray="${DASHES[i % DASHES.length]}"` : ''}/>`;
    out += `<text x="${x + 22}" y="${y}" font-size="12" fill="#222">${escapeXml(s.name)}</text>`;
  });
  return out ? `<g class="chart-legend">${out}</g>` : '';
}

/** Grouped bars: one group per category, one bar per series. Negative values go below the zero line. */
export function barChart(text: ChartText, categories: readonly string[], series: readonly Series[], options: ChartOptions = {}): string {
  const width = options.width ?? W;
  const height = options.height ?? H;
  const format = options.format ?? ((v: number) => String(v));
  const values = series.flatMap((s) => s.values.map(toNumber));
  if (categories.length === 0 || series.length === 0 || values.length === 0) return emptyChart(text, width);
  const scale = niceScale(Math.min(...values), Math.max(...values));
  const plotH = height - M.top - M.bottom;
  const plotW = width - M.left - M.right;
  const y = (v: number) => M.top + ((scale.hi - v) / (scale.hi - scale.lo)) * plotH;
  const group = plotW / categories.length;
  const bar = Math.max(2, (group * 0.7) / series.length);
  let body = yAxis(scale, y, width, format);
  categories.forEach((category, ci) => {
    const x0 = M.left + ci * group + group * 0.15;
    series.forEach((s, si) => {
      const v = toNumber(s.values[ci] ?? 0);
      const top = y(Math.max(0, v));
      const h = Math.abs(y(v) - y(0));
      body += `<rect class="chart-bar" x="${(x0 + si * bar).toFixed(1)}" y="${top.toFixed(1)}" width="${(bar - 1).toFixed(1)}" height="${h.toFixed(1)}" fill="${PALETTE[si % PALETTE.length]}"><title>${escapeXml(`${s.name}, ${category}: ${format(v)}`)}</title></rect>`;
    });
    body += `<text class="chart-label" x="${(M.left + ci * group + group / 2).toFixed(1)}" y="${height - M.bottom + 16}" text-anchor="middle" font-size="12" fill="#222">${escapeXml(fit(category, group))}</text>`;
  });
  const key = legendLayout(series, width);
  return frame(text, width, height + key.extra, body + legend(series, key, height, 'bar'), 'chart-bars');
}

export interface LineSeries {
  name: string;
  /** x: an ISO date (yyyy-mm-dd) or a number; y: the value. */
  points: readonly { x: string | number; y: string | number }[];
  /** A step line (the value holds until the next point): cumulative amounts. */
  step?: boolean;
}

/** A category label shortened to its bar group's width (about 7.2 px a character at 12 px, 8 px apart), the full text being in the table and the bars' titles. */
export const fit = (label: string, width: number): string => {
  const room = Math.max(4, Math.floor((width - 8) / 7.2));
  return label.length <= room ? label : `${label.slice(0, room - 1).trimEnd()}…`;
};

const xValue = (x: string | number): number => (typeof x === 'number' ? x : Date.parse(`${x.slice(0, 10)}T00:00:00Z`) / 86_400_000);

/** Lines (or steps) over dates or numbers; x labels at the first and last points and between. */
export function lineChart(text: ChartText, series: readonly LineSeries[], options: ChartOptions & { formatX?: (x: string | number) => string } = {}): string {
  const width = options.width ?? W;
  const height = options.height ?? H;
  const format = options.format ?? ((v: number) => String(v));
  const formatX = options.formatX ?? ((x: string | number) => String(x));
  const drawn = series.filter((s) => s.points.length > 0);
  if (drawn.length === 0) return emptyChart(text, width);
  const xs = drawn.flatMap((s) => s.points.map((p) => xValue(p.x)));
  const ys = drawn.flatMap((s) => s.points.map((p) => toNumber(p.y)));
  const scale = niceScale(Math.min(...ys), Math.max(...ys));
  let x0 = Math.min(...xs);
  let x1 = Math.max(...xs);
  if (x0 === x1) { x0 -= 1; x1 += 1; }
  const plotH = height - M.top - M.bottom;
  const plotW = width - M.left - M.right;
  const x = (v: number) => M.left + ((v - x0) / (x1 - x0)) * plotW;
  const y = (v: number) => M.top + ((scale.hi - v) / (scale.hi - scale.lo)) * plotH;
  let body = yAxis(scale, y, width, format);
  drawn.forEach((s, i) => {
    const points = [...s.points].sort((a, b) => xValue(a.x) - xValue(b.x));
    let d = '';
    points.forEach((p, pi) => {
      const px = x(xValue(p.x)).toFixed(1);
      const py = y(toNumber(p.y)).toFixed(1);
      if (pi === 0) d += `M${px} ${py}`;
      else if (s.step) d += `H${px}V${py}`;
      else d += `L${px} ${py}`;
    });
    const colour = PALETTE[i % PALETTE.length];
    const dash = DASHES[i % DASHES.length];
    body += `<path class="chart-line" d="${d}" fill="none" stroke="${colour}" stroke-width="2.5"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`;
    for (const p of points) {
      body += `<circle cx="${x(xValue(p.x)).toFixed(1)}" cy="${y(toNumber(p.y)).toFixed(1)}" r="3" fill="${colour}"><title>${escapeXml(`${s.name}, ${formatX(p.x)}: ${format(toNumber(p.y))}`)}</title></circle>`;
    }
  });
  // x labels: the distinct x values, at most 6 (first, last and evenly between), none over another
  // (about 6.6 px a character at 11 px): a label too close to the one before is left out, the last always shown.
  const sample = drawn.flatMap((s) => s.points.map((p) => p.x));
  const distinct = [...new Map(sample.map((v) => [xValue(v), v])).entries()].sort((a, b) => a[0] - b[0]);
  const every = Math.max(1, Math.ceil(distinct.length / 6));
  const candidates = distinct.filter((_, i) => i % every === 0 || i === distinct.length - 1);
  const extent = (xv: number, raw: string | number, i: number) => {
    const w = formatX(raw).length * 6.6;
    const anchor = candidates.length > 1 && i === 0 ? 'start' : candidates.length > 1 && i === candidates.length - 1 ? 'end' : 'middle';
    const left = anchor === 'start' ? x(xv) : anchor === 'end' ? x(xv) - w : x(xv) - w / 2;
    return { anchor, left, right: left + w };
  };
  const shown: { xv: number; raw: string | number; anchor: string; left: number; right: number }[] = [];
  candidates.forEach(([xv, raw], i) => {
    const e = { xv, raw, ...extent(xv, raw, i) };
    if (i === candidates.length - 1) while (shown.length > 1 && shown[shown.length - 1]!.right + 8 > e.left) shown.pop();
    else if (shown.length > 0 && shown[shown.length - 1]!.right + 8 > e.left) return;
    if (shown.length === 1 && i === candidates.length - 1 && shown[0]!.right + 8 > e.left) return; // two labels only, too close: the first alone
    shown.push(e);
  });
  for (const e of shown) {
    body += `<text class="chart-label" x="${x(e.xv).toFixed(1)}" y="${height - M.bottom + 16}" text-anchor="${e.anchor}" font-size="11" fill="#222">${escapeXml(formatX(e.raw))}</text>`;
  }
  const key = legendLayout(drawn, width);
  return frame(text, width, height + key.extra, body + legend(drawn, key, height, 'line'), 'chart-lines');
}
