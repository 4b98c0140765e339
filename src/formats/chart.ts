// The plot model the charts share (series in data units, axes with their scale and ticks, the
// crossings to mark) and its terminal rendering: an ASCII chart within 80 columns, Unicode and
// colour only when colour is on. Placing a figure on the page is presentation; every figure
// comes from the report.

import { Chalk, type ChalkInstance } from 'chalk';
import type { BreakevenReport, ForecastReport, OptionReport } from '../report.js';
import { formatCount, formatMoney } from './numbers.js';

export interface PlotPoint {
  x: number;
  y: number;
}

export interface PlotSeries {
  name: string;
  /** Null where the report does not say (forecast months). */
  kind: OptionReport['kind'] | null;
  /** In the report's order: a self-hosted step is two points at one x. */
  points: PlotPoint[];
}

/** A place where the cheapest option changes: two curves cross, or a forecast month. */
export interface PlotMark {
  x: number;
  y: number;
  /** "3,762 users" or "month 17". */
  at: string;
  /** The monthly cost there. */
  monthlyCost: number;
  /** Breakeven: the two options that cross; forecast: the cheapest before and after. */
  a: string;
  b: string;
  /** The option cheaper just after the mark. */
  cheaperAfter: string;
  kind: 'crossing' | 'change';
}

export interface PlotAxis {
  /** With its unit and scale: "users (log scale)". */
  title: string;
  log: boolean;
  min: number;
  max: number;
  /** Candidate tick values, most important first (renderers keep those whose labels fit). */
  ticks: number[];
  format: (value: number) => string;
}

export interface Plot {
  title: string;
  x: PlotAxis;
  y: PlotAxis;
  series: PlotSeries[];
  marks: PlotMark[];
  /** The scenario as it stands, marked on the x axis. */
  base: { x: number; label: string } | null;
  /** Full money, for figures quoted beside the chart. */
  money: (amount: number) => string;
}

export const KIND_LABEL: Record<OptionReport['kind'], string> = { api: 'API', self_host: 'self-hosted', serverless: 'serverless', hybrid: 'hybrid' };

/** A cost axis turns logarithmic when its largest value is this many times its smallest. */
const LOG_SPREAD = 20;

/** formatMoney, with the currency code in place of a non-ASCII symbol when output is ASCII. */
export function moneyFormatter(currency: string, ascii: boolean): (amount: number) => string {
  return (amount) => {
    const text = formatMoney(amount, currency);
    // eslint-disable-next-line no-control-regex
    return ascii && /[^\x00-\x7e]/.test(text) ? `${text.replace(/[^\x20-\x7e]/g, '')} ${currency}` : text;
  };
}

/** Money to the whole unit from 100 up ("$1,392"): for figures that are estimates of estimates. */
export function roundedMoney(money: (n: number) => string): (n: number) => string {
  return (n) => (Math.abs(n) >= 100 ? money(Math.round(n)).replace(/\.00(?=\s|$)/, '') : money(n));
}

/** An axis label: money without a ".00" tail ("$5,000"). */
function tickMoney(money: (n: number) => string): (n: number) => string {
  return (n) => money(n).replace(/\.00(?=\s|$)/, '');
}

/** Users, requests or months as a count; large counts shortened for axis labels ("50k"). */
export function shortCount(n: number): string {
  if (Math.abs(n) >= 1e6) return `${formatCount(n / 1e6)}M`;
  if (Math.abs(n) >= 1e4) return `${formatCount(n / 1e3)}k`;
  return formatCount(n);
}

function extent(values: number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo === Infinity ? [0, 1] : [lo, hi];
}

/** Exact enough decimal: 0.1 + 0.2 shown as 0.3. */
const clean = (n: number) => Number(n.toPrecision(12));

function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * power;
}

/** 1, 2 and 5 times the powers of ten in [min, max]: decades first, then fives, then twos. */
function logTicks(min: number, max: number): number[] {
  const ticks: number[][] = [[], [], []];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
    [1, 5, 2].forEach((m, rank) => {
      const v = clean(m * 10 ** e);
      if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) ticks[rank]!.push(v);
    });
  }
  return ticks.flat();
}

function linearTicks(min: number, max: number, step: number): number[] {
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step - 1e-9) * step; v <= max + step * 1e-9; v += step) ticks.push(clean(v));
  return ticks;
}

/** A money axis from 0 (or log when the spread is large and every value positive). */
export function costAxis(values: number[], currency: string, money: (n: number) => string, scale: 'auto' | 'linear'): PlotAxis {
  const [lo, hi] = extent(values);
  const format = tickMoney(money);
  if (scale === 'auto' && lo > 0 && hi / lo >= LOG_SPREAD) {
    // A little room above and below, in log space, so lines do not run along the frame.
    const pad = (Math.log10(hi) - Math.log10(lo)) * 0.04;
    const min = 10 ** (Math.log10(lo) - pad);
    const max = 10 ** (Math.log10(hi) + pad);
    return { title: `monthly cost (${currency}, log scale)`, log: true, min, max, ticks: logTicks(min, max), format };
  }
  const min = Math.min(0, lo);
  const top = hi > min ? hi : min + 1;
  const step = niceStep((top - min) / 5);
  const max = clean(Math.ceil(top / step - 1e-9) * step);
  return { title: `monthly cost (${currency})`, log: false, min, max, ticks: linearTicks(min, max, step), format };
}

/** Each option's cost against users (or requests when traffic has no users), log x. */
export function breakevenPlot(r: BreakevenReport, money: (n: number) => string): Plot {
  const byUsers = r.base.users !== null && r.curves.every((c) => c.points.every((p) => p.users !== null));
  const xOf = (p: { users: number | null; requests_per_month: number }) => (byUsers ? (p.users ?? NaN) : p.requests_per_month);
  const unit = byUsers ? 'users' : 'requests/month';
  const series: PlotSeries[] = r.curves.map((c) => ({
    name: c.option,
    kind: c.kind,
    points: c.points.map((p) => ({ x: xOf(p), y: p.monthly_cost })).filter((p) => p.x > 0 && Number.isFinite(p.y)),
  }));
  const marks: PlotMark[] = r.pairs
    .flatMap((pair) =>
      pair.crossings.map((c): PlotMark => ({
        x: xOf(c),
        y: c.monthly_cost,
        at: `${formatCount(xOf(c))} ${unit}`,
        monthlyCost: c.monthly_cost,
        a: pair.a,
        b: pair.b,
        cheaperAfter: c.cheaper_above,
        kind: 'crossing',
      })),
    )
    .filter((m) => Number.isFinite(m.x))
    .sort((m, n) => m.x - n.x);
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  const [xMin, xMax] = extent(xs.length ? xs : [1, 10]);
  const lo = xMin > 0 ? xMin : 1;
  const hi = xMax > lo ? xMax : lo * 10;
  const baseX = byUsers ? r.base.users : r.base.requests_per_month;
  return {
    title: `${r.scenario.name}: monthly cost by traffic`,
    x: { title: `${unit} (log scale)`, log: true, min: lo, max: hi, ticks: logTicks(lo, hi), format: shortCount },
    y: costAxis([...series.flatMap((s) => s.points.map((p) => p.y)), ...marks.map((m) => m.y)], r.currency, money, 'auto'),
    series,
    marks,
    base: baseX !== null && baseX >= lo && baseX <= hi ? { x: baseX, label: `the scenario, ${formatCount(baseX)} ${unit}` } : null,
    money,
  };
}

/** Each option's cost (monthly, or cumulative) against the month. */
export function forecastPlot(r: ForecastReport, money: (n: number) => string, figure: 'monthly_cost' | 'cumulative_cost'): Plot {
  const names = [...new Set(r.months.flatMap((m) => m.options.map((o) => o.name)))];
  const series: PlotSeries[] = names.map((name) => ({
    name,
    kind: null,
    points: r.months.flatMap((m) => m.options.filter((o) => o.name === name).map((o) => ({ x: m.month, y: o[figure] }))),
  }));
  const marks: PlotMark[] =
    figure === 'monthly_cost'
      ? r.cheapest_changes.flatMap((c) => {
          const cost = r.months.find((m) => m.month === c.month)?.options.find((o) => o.name === c.to)?.monthly_cost;
          return cost === undefined ? [] : [{ x: c.month, y: cost, at: `month ${c.month}`, monthlyCost: cost, a: c.from, b: c.to, cheaperAfter: c.to, kind: 'change' as const }];
        })
      : [];
  const [first, last] = extent(r.months.map((m) => m.month));
  const max = last > first ? last : first + 1;
  const step = [1, 2, 3, 6, 12, 24, 60, 120].find((s) => (max - first) / s <= 12) ?? niceStep((max - first) / 12);
  // Multiples of the step first; the first month only where its label fits beside them.
  const ticks = [...linearTicks(first, max, step).filter((t) => t % step === 0), first];
  // Log when the options are far apart (a $195k one would flatten a $1k one onto the axis).
  const y = costAxis(series.flatMap((s) => s.points.map((p) => p.y)), r.currency, money, 'auto');
  return {
    title: `${r.scenario.name}: ${figure === 'monthly_cost' ? 'monthly' : 'cumulative'} cost by month`,
    x: { title: 'month', log: false, min: first, max, ticks, format: (n) => formatCount(n) },
    y: {
      ...y,
      ...(figure === 'cumulative_cost' ? { title: `cumulative cost (${r.currency}${y.log ? ', log scale' : ''})` } : {}),
    },
    series,
    marks,
    base: null,
    money,
  };
}

/** Where a value falls between an axis's ends: 0 at min, 1 at max. */
export function axisFraction(axis: PlotAxis, value: number): number {
  const t = (v: number) => (axis.log ? Math.log10(v) : v);
  const span = t(axis.max) - t(axis.min);
  return span === 0 ? 0.5 : (t(value) - t(axis.min)) / span;
}

/**
 * The ticks whose labels fit without overlapping, most important first. `at` gives a label's
 * centre, `size` its extent, both in the renderer's units (columns, rows or pixels).
 */
export function fittingTicks(axis: PlotAxis, at: (v: number) => number, size: (label: string) => number, gap: number, length: number): number[] {
  const kept: { v: number; lo: number; hi: number }[] = [];
  for (const v of axis.ticks) {
    const centre = at(v);
    const half = size(axis.format(v)) / 2;
    const lo = Math.max(0, Math.min(centre - half, length - 2 * half));
    const hi = lo + 2 * half;
    if (kept.every((k) => hi + gap <= k.lo || lo >= k.hi + gap)) kept.push({ v, lo, hi });
  }
  return kept.map((k) => k.v).sort((a, b) => a - b);
}

/** A cost curve's value at x, as the chart draws it: straight between samples, after a step. */
export function curveValueAt(points: PlotPoint[], x: number): number | null {
  if (points.length === 0) return null;
  let before: PlotPoint | undefined;
  let after: PlotPoint | undefined;
  for (const p of points) {
    if (p.x <= x) before = p;
    else if (!after) after = p;
  }
  if (!before) return points[0]!.y;
  if (!after || before.x === x) return before.y;
  return before.y + ((after.y - before.y) * (x - before.x)) / (after.x - before.x);
}

// --- the terminal -----------------------------------------------------------------------------

/** Series glyphs: letters, X left out (it reads as a mark). */
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWYZabcdefghijklmnopqrstuvwyz';
export const seriesLetter = (index: number): string => LETTERS[index % LETTERS.length]!;

/** Crossing glyphs: 1 to 9, then X. */
const markGlyph = (index: number) => (index < 9 ? String(index + 1) : 'X');

const MULTI = -2;
const EMPTY = -1;

export interface TerminalChartOptions {
  color: boolean;
  /** Columns, at most (default 80). */
  width?: number;
  /** Rows of plot area (default 16). */
  height?: number;
}


/** Cuts text to `width` columns with an ellipsis. */
export function clip(text: string, width: number, ascii: boolean): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  const tail = ascii ? '...' : '…';
  return `${chars.slice(0, Math.max(0, width - tail.length)).join('')}${tail}`;
}

/** Word-wraps text to `width` columns; continuation lines start with `indent`. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/ +/)) {
    let w = word;
    const room = () => width - (lines.length === 0 ? 0 : indent.length);
    if (line && [...line].length + 1 + [...w].length > room()) {
      lines.push(line);
      line = '';
    }
    while ([...w].length > room()) {
      const cut = room() - [...line].length - (line ? 1 : 0);
      const head = [...w].slice(0, Math.max(1, cut)).join('');
      lines.push(line ? `${line} ${head}` : head);
      line = '';
      w = [...w].slice(Math.max(1, cut)).join('');
    }
    line = line ? `${line} ${w}` : w;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : `${indent}${l}`));
}

/** The chart, its legend and its marks, each line at most `width` columns. */
export function terminalChart(plot: Plot, o: TerminalChartOptions): string[] {
  const ascii = !o.color;
  const c = new Chalk({ level: o.color ? 1 : 0 });
  const width = o.width ?? 80;
  const height = o.height ?? 16;
  if (plot.series.every((s) => s.points.length === 0)) return ['(nothing to chart)'];

  const rowOf = (v: number) => (1 - axisFraction(plot.y, v)) * (height - 1);
  const yTicks = fittingTicks(plot.y, (v) => (height - 1) - rowOf(v), () => 1, 1, height);
  const labelWidth = Math.max(...yTicks.map((v) => plot.y.format(v).length), 1);
  const plotWidth = width - labelWidth - 2;
  const colOf = (v: number) => axisFraction(plot.x, v) * (plotWidth - 1);

  const cells: number[][] = Array.from({ length: height }, () => new Array<number>(plotWidth).fill(EMPTY));
  const set = (col: number, row: number, series: number) => {
    const r = Math.round(row);
    const k = Math.round(col);
    if (r < 0 || r >= height || k < 0 || k >= plotWidth) return;
    const line = cells[r]!;
    const now = line[k]!;
    line[k] = now === EMPTY || now === series ? series : MULTI;
  };
  plot.series.forEach((s, i) => {
    const pts = s.points.map((p) => ({ col: colOf(p.x), row: rowOf(p.y) }));
    if (pts.length === 1) set(pts[0]!.col, pts[0]!.row, i);
    for (let j = 1; j < pts.length; j++) {
      const a = pts[j - 1]!;
      const b = pts[j]!;
      // Every cell a segment passes through, so steps and steep lines stay connected.
      const steps = Math.ceil(Math.max(Math.abs(b.col - a.col), Math.abs(b.row - a.row)) * 2) + 1;
      for (let t = 0; t <= steps; t++) set(a.col + ((b.col - a.col) * t) / steps, a.row + ((b.row - a.row) * t) / steps, i);
    }
  });

  const colours: ((s: string) => string)[] = [c.cyan, c.magenta, c.yellow, c.green, c.blue, c.whiteBright];
  const glyph = (i: number) => colours[i % colours.length]!(seriesLetter(i));
  // Each cell: its character and how it is painted; runs of one paint are coloured once.
  type Cell = { ch: string; paint: string };
  const grid: Cell[][] = cells.map((line) => line.map((v) => (v === EMPTY ? { ch: ' ', paint: '' } : v === MULTI ? { ch: '#', paint: 'multi' } : { ch: seriesLetter(v), paint: `s${v}` })));
  const baseCol = plot.base ? Math.round(colOf(plot.base.x)) : null;
  if (baseCol !== null) grid.forEach((line, r) => cells[r]![baseCol] === EMPTY && (line[baseCol] = { ch: ascii ? ':' : '┊', paint: 'base' }));
  plot.marks.forEach((m, i) => {
    const r = Math.round(rowOf(m.y));
    const k = Math.round(colOf(m.x));
    if (r >= 0 && r < height && k >= 0 && k < plotWidth) grid[r]![k] = { ch: markGlyph(i), paint: 'mark' };
  });
  const painter = (paint: string): ((s: string) => string) =>
    paint === 'multi' ? c.bold : paint === 'base' ? c.dim : paint === 'mark' ? c.bold.red : paint.startsWith('s') ? colours[Number(paint.slice(1)) % colours.length]! : (s) => s;
  const paintRow = (line: Cell[]) => {
    let text = '';
    for (let k = 0; k < line.length; ) {
      let end = k;
      while (end < line.length && line[end]!.paint === line[k]!.paint) end++;
      text += painter(line[k]!.paint)(line.slice(k, end).map((cell) => cell.ch).join(''));
      k = end;
    }
    return text;
  };

  const axis = (s: string) => c.gray(s);
  const tickRows = new Map(yTicks.map((v) => [Math.round(rowOf(v)), plot.y.format(v)]));
  const lines = [clip(plot.y.title, width, ascii)];
  grid.forEach((line, r) => {
    const label = tickRows.get(r);
    const edge = label === undefined ? (ascii ? '|' : '│') : ascii ? '+' : '┤';
    lines.push(`${(label ?? '').padStart(labelWidth)} ${axis(edge)}${paintRow(line)}`.replace(/\s+$/, ''));
  });

  const xTicks = fittingTicks(plot.x, colOf, (label) => label.length, 2, plotWidth);
  const rule = new Array<string>(plotWidth).fill(ascii ? '-' : '─');
  const labels = new Array<string>(width).fill(' ');
  for (const v of xTicks) {
    const k = Math.round(colOf(v));
    rule[k] = ascii ? '+' : '┬';
    const text = plot.x.format(v);
    const start = Math.max(0, Math.min(labelWidth + 2 + k - Math.floor((text.length - 1) / 2), width - text.length));
    [...text].forEach((ch, j) => (labels[start + j] = ch));
  }
  lines.push(`${' '.repeat(labelWidth + 1)}${axis((ascii ? '+' : '└') + rule.join(''))}`);
  lines.push(labels.join('').replace(/\s+$/, ''));
  lines.push(plot.x.title.padStart(width).slice(-width));

  plot.series.forEach((s, i) => lines.push(`${glyph(i)}  ${clip(seriesLabel(s), width - 3, ascii)}`));
  if (cells.some((line) => line.includes(MULTI))) lines.push(`${c.bold('#')}  two or more options in one place`);
  if (plot.base && baseCol !== null) lines.push(`${c.dim(ascii ? ':' : '┊')}  ${clip(plot.base.label, width - 3, ascii)}`);
  lines.push(...markLines(plot, c));
  return lines;
}

/** "name (self-hosted)"; the table renderers get the report through terminalStrings. */
export const seriesLabel = (s: PlotSeries): string => (s.kind === null ? s.name : `${s.name} (${KIND_LABEL[s.kind]})`);

/**
 * "3,762 users, $1,083.46/month: B becomes cheaper than A", or for a forecast "month 17,
 * $3,611.70/month: C becomes the cheapest (was B)". `name` shortens option names (to letters).
 */
export function markSentence(m: PlotMark, money: (n: number) => string, name: (option: string) => string = (n) => n): string {
  if (m.kind === 'change') return `${m.at}, ${money(m.monthlyCost)}/month: ${name(m.b)} becomes the cheapest (was ${name(m.a)})`;
  const other = m.cheaperAfter === m.a ? m.b : m.a;
  return `${m.at}, ${money(m.monthlyCost)}/month: ${name(m.cheaperAfter)} becomes cheaper than ${name(other)}`;
}

/** One line per mark, in the order the marks are numbered on the chart. */
function markLines(plot: Plot, c: ChalkInstance): string[] {
  const letter = (name: string) => {
    const i = plot.series.findIndex((s) => s.name === name);
    return i === -1 ? name : seriesLetter(i);
  };
  return plot.marks.flatMap((m, i) => {
    const what = markSentence(m, plot.money, letter);
    const [first = '', ...rest] = wrap(what, 77, '');
    return [`${c.bold.red(markGlyph(i))}  ${first}`, ...rest.map((l) => `   ${l}`)];
  });
}
