// Inline SVG charts for the HTML report: no script, no external asset. Every text is escaped
// (option names come from user files). Stable attributes for tests and for people who style the
// report: svg[data-chart], polyline[data-series], circle[data-crossing].

import { axisFraction, costAxis, fittingTicks, KIND_LABEL, markSentence, type Plot, type PlotAxis } from './chart.js';
import { terminalText } from './terminal-text.js';

/** Okabe-Ito: told apart with the common colour-vision deficiencies; names for the mermaid legend. */
export const PALETTE: readonly { hex: string; name: string }[] = [
  { hex: '#0072B2', name: 'blue' },
  { hex: '#E69F00', name: 'orange' },
  { hex: '#009E73', name: 'green' },
  { hex: '#CC79A7', name: 'pink' },
  { hex: '#D55E00', name: 'red' },
  { hex: '#56B4E9', name: 'light blue' },
  { hex: '#7F7F7F', name: 'grey' },
  { hex: '#000000', name: 'black' },
];
/** Colour is not the only cue: each series also has its own dash pattern. */
const DASHES = ['', '9 4', '3 3', '12 4 3 4', '6 2', '2 6'];

export const paletteColour = (index: number): string => PALETTE[index % PALETTE.length]!.hex;
const dash = (index: number) => DASHES[index % DASHES.length]!;

/**
 * Text and attribute values for HTML and SVG, the one escaper of both. Control characters and
 * bidi overrides are shown as terminalText shows them (`\x1b`, `\u202e`): a browser would act on
 * an override (or an entity for it) as a terminal would.
 */
export function escapeXml(text: string): string {
  return terminalText(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const WIDTH = 760;
const FONT = 12;
/** Average advance of a 12px sans-serif character, to lay labels out without a browser. */
const CHAR = 6.8;
const textWidth = (text: string) => [...text].length * CHAR;
const px = (n: number) => String(Math.round(n * 10) / 10);
const clipText = (text: string, widthPx: number) => {
  const chars = [...text];
  const fit = Math.floor(widthPx / CHAR);
  return chars.length <= fit ? text : `${chars.slice(0, Math.max(1, fit - 1)).join('')}…`;
};

export interface SvgChartOptions {
  /** data-chart and the prefix of element ids: unique in the document. */
  id: string;
  /** Read by screen readers and shown as a tooltip. */
  title: string;
  description: string;
  /** The colour (palette index) of a series, so one option has one colour in every chart. */
  colourOf: (name: string) => number;
}

function svgOpen(o: SvgChartOptions, height: number): string {
  return (
    `<svg data-chart="${escapeXml(o.id)}" viewBox="0 0 ${WIDTH} ${px(height)}" width="${WIDTH}" height="${px(height)}" role="img" ` +
    `aria-labelledby="${escapeXml(o.id)}-title ${escapeXml(o.id)}-desc" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif" font-size="${FONT}">` +
    `<title id="${escapeXml(o.id)}-title">${escapeXml(o.title)}</title><desc id="${escapeXml(o.id)}-desc">${escapeXml(o.description)}</desc>` +
    `<rect width="${WIDTH}" height="${px(height)}" fill="#fff"/>`
  );
}

/** Legend entries flowed into rows under a chart; returns the markup and its height. */
function legend(entries: { label: string; full: string; colour: string; dash: string; kind: 'line' | 'box' }[], top: number, left: number): { svg: string; height: number } {
  const parts: string[] = [];
  let x = left;
  let y = top;
  const maxLabel = WIDTH - left - 12 - 40;
  for (const e of entries) {
    const label = clipText(e.label, maxLabel);
    const w = 36 + textWidth(label) + 18;
    if (x > left && x + w > WIDTH - 12) {
      x = left;
      y += 20;
    }
    const swatch =
      e.kind === 'line'
        ? `<line x1="${px(x)}" y1="${px(y)}" x2="${px(x + 28)}" y2="${px(y)}" stroke="${e.colour}" stroke-width="3"${e.dash ? ` stroke-dasharray="${e.dash}"` : ''}/>`
        : `<rect x="${px(x + 6)}" y="${px(y - 6)}" width="16" height="12" rx="2" fill="${e.colour}"/>`;
    parts.push(`<g class="legend-item">${swatch}<text x="${px(x + 36)}" y="${px(y)}" dy="0.35em" fill="#1f2328"><title>${escapeXml(e.full)}</title>${escapeXml(label)}</text></g>`);
    x += w;
  }
  return { svg: `<g class="legend">${parts.join('')}</g>`, height: y - top + 20 };
}

/** A line chart of a plot: cost against users (log x) or against the month. */
export function lineChartSvg(plot: Plot, o: SvgChartOptions): string {
  const yLabelWidth = Math.max(...plot.y.ticks.map((v) => textWidth(plot.y.format(v))), 30);
  const left = Math.ceil(yLabelWidth + 22);
  const right = 28;
  const top = 36;
  const plotHeight = 300;
  const plotWidth = WIDTH - left - right;
  const bottom = top + plotHeight;
  const xAt = (v: number) => left + axisFraction(plot.x, v) * plotWidth;
  const yAt = (v: number) => bottom - axisFraction(plot.y, v) * plotHeight;

  const xTicks = fittingTicks(plot.x, (v) => xAt(v) - left, (label) => textWidth(label), 14, plotWidth + 40);
  const yTicks = fittingTicks(plot.y, (v) => bottom - yAt(v), () => FONT + 2, 8, plotHeight + 8);
  const out: string[] = [];
  out.push('<g class="grid" stroke="#e6e9ed" stroke-width="1">');
  for (const v of yTicks) out.push(`<line x1="${left}" x2="${left + plotWidth}" y1="${px(yAt(v))}" y2="${px(yAt(v))}"/>`);
  for (const v of xTicks) out.push(`<line x1="${px(xAt(v))}" x2="${px(xAt(v))}" y1="${top}" y2="${bottom}"/>`);
  out.push('</g>');

  if (plot.base) {
    const x = xAt(plot.base.x);
    out.push(
      `<g class="base"><line x1="${px(x)}" x2="${px(x)}" y1="${top}" y2="${bottom}" stroke="#59636e" stroke-width="1.5" stroke-dasharray="4 4"/>` +
        `<text x="${px(x + 5)}" y="${top + 12}" fill="#59636e" font-size="11">${escapeXml(plot.base.label)}</text></g>`,
    );
  }

  plot.series.forEach((s) => {
    const colour = o.colourOf(s.name);
    const points = s.points.map((p) => `${px(xAt(p.x))},${px(yAt(p.y))}`).join(' ');
    out.push(
      `<polyline data-series="${escapeXml(s.name)}" points="${points}" fill="none" stroke="${paletteColour(colour)}" stroke-width="2.5" ` +
        `stroke-linejoin="round" stroke-linecap="round"${dash(colour) ? ` stroke-dasharray="${dash(colour)}"` : ''}><title>${escapeXml(s.name)}</title></polyline>`,
    );
  });

  let previous: { x: number; below: boolean } | null = null;
  plot.marks.forEach((m, i) => {
    if (m.x < plot.x.min || m.x > plot.x.max) return;
    const x = xAt(m.x);
    const y = yAt(m.y);
    // Close marks take turns above and below, so their numbers do not overlap.
    const below = previous !== null && x - previous.x < 22 && !previous.below;
    previous = { x, below };
    const what = markSentence(m, plot.money);
    // The two options: for a forecast, the cheapest before and after.
    const key = `${m.a} / ${m.b}`;
    out.push(
      `<g class="mark"><circle data-crossing="${escapeXml(key)}" data-at="${escapeXml(m.at)}" cx="${px(x)}" cy="${px(y)}" r="6" fill="#fff" stroke="#1f2328" stroke-width="2"><title>${escapeXml(what)}</title></circle>` +
        `<text x="${px(x)}" y="${px(below ? y + 20 : y - 11)}" text-anchor="middle" font-weight="700" fill="#1f2328" stroke="#fff" stroke-width="3" paint-order="stroke">${i + 1}</text></g>`,
    );
  });

  out.push(`<g class="axes" stroke="#59636e" stroke-width="1"><line x1="${left}" x2="${left}" y1="${top}" y2="${bottom}"/><line x1="${left}" x2="${left + plotWidth}" y1="${bottom}" y2="${bottom}"/>`);
  for (const v of xTicks) out.push(`<line x1="${px(xAt(v))}" x2="${px(xAt(v))}" y1="${bottom}" y2="${bottom + 5}"/>`);
  for (const v of yTicks) out.push(`<line x1="${left - 5}" x2="${left}" y1="${px(yAt(v))}" y2="${px(yAt(v))}"/>`);
  out.push('</g><g class="labels" fill="#1f2328">');
  for (const v of xTicks) {
    const label = plot.x.format(v);
    const x = Math.min(Math.max(xAt(v), left + textWidth(label) / 2 - 10), WIDTH - 4 - textWidth(label) / 2);
    out.push(`<text x="${px(x)}" y="${bottom + 20}" text-anchor="middle">${escapeXml(label)}</text>`);
  }
  for (const v of yTicks) out.push(`<text x="${left - 9}" y="${px(yAt(v))}" dy="0.35em" text-anchor="end">${escapeXml(plot.y.format(v))}</text>`);
  out.push(
    `<text x="${px(left + plotWidth / 2)}" y="${bottom + 42}" text-anchor="middle" font-weight="600">${escapeXml(plot.x.title)}</text>` +
      `<text x="${left}" y="${top - 14}" font-weight="600">${escapeXml(plot.y.title)}</text></g>`,
  );

  const entries = plot.series.map((s) => {
    const colour = o.colourOf(s.name);
    const label = s.kind === null ? s.name : `${s.name} (${KIND_LABEL[s.kind]})`;
    return { label, full: label, colour: paletteColour(colour), dash: dash(colour), kind: 'line' as const };
  });
  const key = legend(entries, bottom + 68, left);
  return `${svgOpen(o, bottom + 68 + key.height)}${out.join('')}${key.svg}</svg>`;
}

/** Horizontal money axis under rows of bars; returns markup. */
function moneyAxisSvg(axis: PlotAxis, xAt: (v: number) => number, top: number, bottom: number, left: number, width: number): string {
  const ticks = fittingTicks(axis, (v) => xAt(v) - left, (label) => textWidth(label), 14, width);
  const out = ['<g class="grid" stroke="#e6e9ed">'];
  for (const v of ticks) out.push(`<line x1="${px(xAt(v))}" x2="${px(xAt(v))}" y1="${top}" y2="${bottom}"/>`);
  out.push(`</g><line x1="${left}" x2="${left + width}" y1="${bottom}" y2="${bottom}" stroke="#59636e"/><g fill="#1f2328">`);
  for (const v of ticks) out.push(`<text x="${px(xAt(v))}" y="${bottom + 18}" text-anchor="middle">${escapeXml(axis.format(v))}</text>`);
  out.push(`<text x="${px(left + width / 2)}" y="${bottom + 40}" text-anchor="middle" font-weight="600">${escapeXml(axis.title)}</text></g>`);
  return out.join('');
}

export interface RangeRow {
  name: string;
  p10: number;
  p50: number;
  p90: number;
  mean: number;
  /** "P50 $1,392.07 (P10 $998.41 to P90 $2,163.55), cheapest in 90.1% of samples" */
  caption: string;
}

/** P10 to P90 of each option's monthly cost as a bar, the median as a tick. */
export function rangeChartSvg(rows: RangeRow[], currency: string, money: (n: number) => string, o: SvgChartOptions): string {
  const axis = costAxis(rows.flatMap((r) => [r.p10, r.p90, r.mean]), currency, money, 'linear');
  const left = 20;
  const width = WIDTH - left - 28;
  const rowHeight = 46;
  const top = 12;
  const bottom = top + rows.length * rowHeight + 6;
  const xAt = (v: number) => left + axisFraction(axis, v) * width;
  const out = [moneyAxisSvg(axis, xAt, top, bottom, left, width)];
  rows.forEach((r, i) => {
    const y = top + i * rowHeight;
    const colour = paletteColour(o.colourOf(r.name));
    out.push(
      `<g data-series="${escapeXml(r.name)}"><text x="${left}" y="${y + 12}" fill="#1f2328"><tspan font-weight="600">${escapeXml(clipText(r.name, 360))}</tspan>` +
        `<tspan fill="#59636e"> ${escapeXml(r.caption)}</tspan></text>` +
        `<rect x="${px(xAt(r.p10))}" y="${y + 20}" width="${px(Math.max(2, xAt(r.p90) - xAt(r.p10)))}" height="16" rx="3" fill="${colour}" fill-opacity="0.3" stroke="${colour}"/>` +
        `<line x1="${px(xAt(r.p50))}" x2="${px(xAt(r.p50))}" y1="${y + 17}" y2="${y + 39}" stroke="${colour}" stroke-width="3"/><title>${escapeXml(`${r.name}: ${r.caption}`)}</title></g>`,
    );
  });
  return `${svgOpen(o, bottom + 52)}${out.join('')}</svg>`;
}

export interface TornadoRow {
  label: string;
  lowMonthly: number;
  highMonthly: number;
  lowText: string;
  highText: string;
}

/** Each uncertain input's swing of the bill around the base, widest first as the report orders them. */
export function tornadoSvg(rows: TornadoRow[], base: number, currency: string, money: (n: number) => string, o: SvgChartOptions): string {
  const axis = costAxis([base, ...rows.flatMap((r) => [r.lowMonthly, r.highMonthly])], currency, money, 'linear');
  const left = 20;
  const width = WIDTH - left - 28;
  const rowHeight = 44;
  const top = 30;
  const bottom = top + rows.length * rowHeight + 4;
  const xAt = (v: number) => left + axisFraction(axis, v) * width;
  const low = PALETTE[0]!.hex;
  const high = PALETTE[1]!.hex;
  const out = [moneyAxisSvg(axis, xAt, top, bottom, left, width)];
  const bx = xAt(base);
  rows.forEach((r, i) => {
    const y = top + i * rowHeight;
    const bar = (v: number, colour: string) => {
      const x0 = Math.min(bx, xAt(v));
      return `<rect x="${px(x0)}" y="${y + 20}" width="${px(Math.max(1, Math.abs(xAt(v) - bx)))}" height="16" fill="${colour}"/>`;
    };
    out.push(
      `<g data-input="${escapeXml(r.label)}"><text x="${left}" y="${y + 12}" fill="#1f2328" font-weight="600">${escapeXml(clipText(r.label, width))}</text>` +
        `${bar(r.lowMonthly, low)}${bar(r.highMonthly, high)}` +
        `<title>${escapeXml(`${r.label}: ${r.lowText}; ${r.highText}`)}</title></g>`,
    );
  });
  out.push(`<line x1="${px(bx)}" x2="${px(bx)}" y1="${top - 4}" y2="${bottom}" stroke="#1f2328" stroke-width="2"/>`);
  out.push(`<text x="${px(bx)}" y="${top - 10}" text-anchor="middle" fill="#1f2328">base ${escapeXml(money(base))}</text>`);
  const key = legend(
    [
      { label: 'input at the low end of its range', full: 'the bill with the input at the low end of its range', colour: low, dash: '', kind: 'box' },
      { label: 'input at the high end', full: 'the bill with the input at the high end of its range', colour: high, dash: '', kind: 'box' },
    ],
    bottom + 62,
    left,
  );
  return `${svgOpen(o, bottom + 62 + key.height)}${out.join('')}${key.svg}</svg>`;
}
