// Renderers of the analyses (break-even, forecast, simulate), one per format, in registries like
// estimateRenderers. Terminal output stays within 80 columns and is plain ASCII without colour;
// markdown carries a mermaid chart GitHub draws; html is one self-contained document.

import { Chalk } from 'chalk';
import type { BreakevenReport, ForecastReport, SimulateReport } from '../report.js';
import { breakevenPlot, clip, curveValueAt, forecastPlot, markSentence, moneyFormatter, type Plot, roundedMoney, seriesLetter, shortCount, terminalChart, wrap } from './chart.js';
import { csvRecords } from './csv.js';
import { breakevenHtml, forecastHtml, simulateHtml } from './html.js';
import type { RenderOptions } from './index.js';
import { reportJson } from './json.js';
import { mdRow, mdRule, mdText } from './markdown-text.js';
import { formatCount, formatCountOf, formatFactor, formatRate, formatShare } from './numbers.js';
import { PALETTE } from './svg.js';
import { displayed, terminalText } from './terminal-text.js';
import { headline, leftOut, notViableNumbers, optionNoteGroups } from './summary.js';

export { estimateHtml } from './html.js';

export const ANALYSIS_FORMATS = ['table', 'json', 'markdown', 'csv', 'html'] as const;
export type AnalysisFormat = (typeof ANALYSIS_FORMATS)[number];
type Renderers<R> = Record<AnalysisFormat, (report: R, options: RenderOptions) => string>;

const WIDTH = 80;

// --- plain-text pieces ------------------------------------------------------------------------

/**
 * Columns separated by two spaces under a ruled header, within 80 columns: the `shrink` column
 * is cut first; when that is not enough, the columns after the first `keep` go to further blocks.
 */
function textTable(head: string[], rows: string[][], o: { right: number[]; ascii: boolean; shrink?: number; keep?: number }): string[] {
  const keep = o.keep ?? 1;
  const len = (s: string) => [...s].length;
  const widths = head.map((h, i) => Math.max(len(h), ...rows.map((r) => len(r[i] ?? ''))));
  const total = (cols: number[]) => cols.reduce((sum, i) => sum + widths[i]!, 0) + 2 * (cols.length - 1);
  const all = head.map((_, i) => i);
  if (o.shrink !== undefined && total(all) > WIDTH) widths[o.shrink] = Math.max(12, widths[o.shrink]! - (total(all) - WIDTH));
  const blocks: number[][] = [];
  let block = all.slice(0, keep);
  for (const i of all.slice(keep)) {
    if (block.length > keep && total([...block, i]) > WIDTH) {
      blocks.push(block);
      block = all.slice(0, keep);
    }
    block.push(i);
  }
  blocks.push(block);
  const cell = (text: string, i: number) => {
    const t = clip(text, widths[i]!, o.ascii);
    return o.right.includes(i) ? t.padStart(widths[i]!) : t.padEnd(widths[i]!);
  };
  const line = (cells: string[], cols: number[]) => cols.map((i) => cell(cells[i] ?? '', i)).join('  ').replace(/\s+$/, '');
  return blocks.flatMap((cols, b) => [
    ...(b > 0 ? [''] : []),
    line(head, cols),
    cols.map((i) => (o.ascii ? '-' : '─').repeat(Math.min(widths[i]!, WIDTH))).join('  '),
    ...rows.map((r) => line(r, cols)),
  ]);
}

const prose = (text: string, indent = '  ') => wrap(text, WIDTH, indent);
const warningLines = (warnings: string[], paint: (s: string) => string) => warnings.flatMap((w) => prose(`! ${w}`).map((line) => paint(line)));

/** A letter for each option, as the chart's legend gives it. */
function letters(plot: Plot): (name: string) => string {
  return (name) => {
    const i = plot.series.findIndex((s) => s.name === name);
    return i === -1 ? name : seriesLetter(i);
  };
}

// --- markdown pieces --------------------------------------------------------------------------

/** Text inside a mermaid string: no quote, no backtick (it could close the fence), one line. */
const mermaidText = (text: string) => terminalText(text).replace(/["`]/g, "'").replace(/[<>{}]/g, ' ');

/** An xychart-beta block: one line per series over shared x labels, colours given explicitly. */
function mermaidChart(title: string, xTitle: string, labels: string[], yTitle: string, lines: number[][]): string[] {
  const palette = lines.map((_, i) => PALETTE[i % PALETTE.length]!.hex).join(', ');
  const value = (n: number) => String(Math.round(n * 100) / 100);
  return [
    '```mermaid',
    `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${palette}"}}}}%%`,
    'xychart-beta',
    `  title "${mermaidText(title)}"`,
    `  x-axis "${mermaidText(xTitle)}" [${labels.map((l) => `"${mermaidText(l)}"`).join(', ')}]`,
    `  y-axis "${mermaidText(yTitle)}"`,
    ...lines.map((l) => `  line [${l.map(value).join(', ')}]`),
    '```',
  ];
}

/** Mermaid draws no legend: the colours, in series order. */
const mermaidLegend = (names: string[]) => `Lines: ${names.map((n, i) => `${PALETTE[i % PALETTE.length]!.name} = ${mdText(n)}`).join(', ')}.`;

// --- break-even -------------------------------------------------------------------------------

function breakevenScenario(r: BreakevenReport): string {
  const who = r.base.users === null ? '' : `${formatCount(r.base.users)} users, `;
  return `scenario: ${who}${formatCount(r.base.requests_per_month)} requests/month, ${formatCount(r.base.tokens_per_request)} tokens per request; traffic from ${formatFactor(r.range.min_scale)} to ${formatFactor(r.range.max_scale)} of it`;
}

const payback = (months: number | null) => (months === null ? '-' : `${formatRate(months)} months`);

function firstCrossing(p: BreakevenReport['pairs'][number]): string {
  if (!p.viable) return 'not viable';
  const c = p.crossings[0];
  if (!c) return 'never';
  return c.users !== null ? `${formatCount(c.users)} users` : `${formatCount(c.requests_per_month)} req/month`;
}

function breakevenTable(r: BreakevenReport, o: RenderOptions): string {
  const ascii = !o.color;
  const c = new Chalk({ level: o.color ? 1 : 0 });
  const money = moneyFormatter(r.currency, ascii);
  const plot = breakevenPlot(r, money);
  const letter = letters(plot);
  const rows = r.pairs.map((p) => [`${letter(p.a)} vs ${letter(p.b)}`, firstCrossing(p), p.crossings[0] ? money(p.crossings[0].monthly_cost) : '-', p.crossings[0] ? letter(p.crossings[0].cheaper_above) : '-', String(p.crossings.length), payback(p.payback_months)]);
  const answer = headline(r.summary);
  const lines = [
    c.bold(clip(`${r.scenario.name}: break-even`, WIDTH, ascii)),
    ...(answer ? wrap(answer, WIDTH).map((l) => c.bold(l)) : []),
    ...prose(breakevenScenario(r)),
    '',
    ...terminalChart(plot, { color: o.color, width: WIDTH }),
    '',
    ...textTable(['Pair', 'First crossing', 'Cost there', 'Cheaper above', 'Crossings', 'Payback'], rows, { right: [1, 2, 4, 5], ascii }),
    ...r.pairs.flatMap((p) => prose(`${letter(p.a)} vs ${letter(p.b)}: ${pairReason(r, p)}`, '    ')),
    ...optionNotesText(r, letter),
    ...leftOutNames(r),
    `Amounts in ${r.currency} a month.`,
    ...warningLines(r.warnings, c.yellow),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * Each option's notes (why it is not viable, its warnings), numbered; the option named by its
 * chart letter where it has one. Reports saved before options carried them: the not_viable list.
 */
function optionNotesText(r: BreakevenReport, letter: (name: string) => string): string[] {
  const groups = optionNoteGroups(r);
  if (groups.length === 0) return leftOut(r.not_viable, 'chart').flatMap((l) => prose(l));
  return groups.flatMap((g) => {
    const l = letter(g.option);
    const tag = l === g.option ? `[${g.mark}]` : `[${g.mark}] ${l}:`;
    return g.lines.flatMap((line, i) => (i === 0 ? prose(`${tag} ${line}`, '    ') : wrap(line, WIDTH - 4).map((w) => `    ${w}`)));
  });
}

/** A pair with an option that is not viable points at that option's note rather than repeating it. */
function pairReason(r: BreakevenReport, p: BreakevenReport['pairs'][number]): string {
  if (p.viable !== false) return p.reason;
  const marks = notViableNumbers(r);
  const out = [p.a, p.b].filter((n) => r.options.find((o) => o.name === n)?.viable === false && marks.has(n));
  return out.length ? `no break-even to act on: ${out.map((n) => `${n} is not viable [${marks.get(n)}]`).join(', ')}` : p.reason;
}

/** "Left out of the chart (not viable): cpu-vps." when the notes above give the reasons. */
function leftOutNames(r: BreakevenReport): string[] {
  if (r.not_viable.length === 0 || optionNoteGroups(r).length === 0) return [];
  return prose(`Left out of the chart (not viable): ${r.not_viable.map((o) => o.option).join(', ')}.`);
}

/** Mermaid needs one value per label for every line: each curve read at shared log-spaced users. */
function breakevenMermaid(r: BreakevenReport, plot: Plot): string[] {
  const steps = [1, 1.5, 2, 3, 4, 5, 6, 8];
  const xs: number[] = [];
  for (let e = Math.floor(Math.log10(plot.x.min)); e <= Math.ceil(Math.log10(plot.x.max)); e++) {
    for (const s of steps) {
      const x = Number((s * 10 ** e).toPrecision(12));
      if (x >= plot.x.min * (1 - 1e-9) && x <= plot.x.max * (1 + 1e-9)) xs.push(x);
    }
  }
  const unit = plot.x.title.replace(/ \(log scale\)$/, '');
  const lines = plot.series.map((s) => xs.map((x) => curveValueAt(s.points, x) ?? 0));
  return mermaidChart(`${r.scenario.name}: monthly cost by ${unit}`, `${unit} (log-spaced)`, xs.map(shortCount), `${r.currency} per month`, lines);
}

function breakevenMarkdown(r: BreakevenReport): string {
  const money = moneyFormatter(r.currency, false);
  const plot = breakevenPlot(r, money);
  const answer = headline(r.summary);
  const lines = [`### ${mdText(r.scenario.name)}: break-even`, '', ...(answer ? [`**${mdText(answer)}**`, ''] : []), mdText(breakevenScenario(r)), '', mdRow(['Pair', 'First crossing', 'Cost there', 'Cheaper above', 'Crossings', 'Payback', 'Why']), mdRule([false, true, true, false, true, true, false])];
  for (const p of r.pairs) {
    const c = p.crossings[0];
    lines.push(mdRow([`${mdText(p.a)} vs ${mdText(p.b)}`, firstCrossing(p), c ? money(c.monthly_cost) : '-', c ? mdText(c.cheaper_above) : '-', String(p.crossings.length), payback(p.payback_months), mdText(pairReason(r, p))]));
  }
  const tableEnd = lines.length;
  if (plot.marks.length) {
    lines.push('', '**Crossings**', '');
    plot.marks.forEach((m, i) => lines.push(`${i + 1}. ${markSentence(m, money, mdText)}`));
  }
  if (plot.series.some((s) => s.points.length)) lines.push('', ...breakevenMermaid(r, plot), '', mermaidLegend(plot.series.map((s) => s.name)) + ' The chart reads each curve at the users shown; exact crossings are in the table.');
  // Each option's notes, numbered, right under the table (before the chart).
  const groups = optionNoteGroups(r);
  if (groups.length) lines.splice(tableEnd, 0, '', ...groups.flatMap((g) => [`- [${g.mark}] ${mdText(g.lines[0]!)}`, ...g.lines.slice(1).map((l) => `  - ${mdText(l)}`)]));
  lines.push('', `Amounts in ${r.currency} a month.`);
  const left = groups.length ? leftOutNames(r) : leftOut(r.not_viable, 'chart');
  if (left.length) lines.push('', ...left.map((l) => `- ${mdText(l)}`));
  if (r.warnings.length) lines.push('', ...r.warnings.map((w) => `- ${mdText(w)}`));
  return `${lines.join('\n')}\n`;
}

/** One row per crossing; a pair that never crosses has one row with the reason. */
function breakevenCsv(r: BreakevenReport): string {
  const rows: (string | number | null)[][] = [['a', 'b', 'currency', 'scale', 'users', 'requests_per_month', 'tokens_per_month', 'monthly_cost', 'cheaper_above', 'payback_months', 'reason']];
  for (const p of r.pairs) {
    if (p.crossings.length === 0) rows.push([p.a, p.b, r.currency, null, null, null, null, null, null, p.payback_months, p.reason]);
    for (const c of p.crossings) rows.push([p.a, p.b, r.currency, c.scale, c.users, c.requests_per_month, c.tokens_per_month, c.monthly_cost, c.cheaper_above, p.payback_months, p.reason]);
  }
  return csvRecords(rows);
}

export const breakevenRenderers: Renderers<BreakevenReport> = displayed({
  table: breakevenTable,
  json: reportJson,
  markdown: breakevenMarkdown,
  csv: breakevenCsv,
  html: breakevenHtml,
});

// --- forecast ---------------------------------------------------------------------------------

/** At most about 12 rows: every k-th month, the first and last, and every month something changes. */
function shownMonths(r: ForecastReport): ForecastReport['months'] {
  const n = r.months.length;
  if (n <= 13) return r.months;
  const every = Math.ceil(n / 12);
  const events = new Set([...r.cheapest_changes.map((c) => c.month), ...r.capacity_changes.map((c) => c.month)]);
  return r.months.filter((m, i) => i === 0 || i === n - 1 || (i + 1) % every === 0 || events.has(m.month));
}

function forecastTable(r: ForecastReport, o: RenderOptions): string {
  const ascii = !o.color;
  const c = new Chalk({ level: o.color ? 1 : 0 });
  const money = moneyFormatter(r.currency, ascii);
  const plot = forecastPlot(r, money, 'monthly_cost');
  const letter = letters(plot);
  const changes = new Set(r.cheapest_changes.map((ch) => ch.month));
  const shown = shownMonths(r);
  const rows = shown.map((m) => [
    `${m.month}${changes.has(m.month) ? ' *' : ''}`,
    m.users === null ? '-' : formatCount(m.users),
    ...plot.series.map((s) => {
      const opt = m.options.find((x) => x.name === s.name);
      return opt ? money(opt.monthly_cost) : '-';
    }),
    m.cheapest === null ? '-' : letter(m.cheapest),
  ]);
  const totals = r.totals.map((t) => [`${letter(t.option)}  ${t.option}`, money(t.cumulative_cost)]);
  const span = r.months.length ? `months ${r.months[0]!.month} to ${r.months[r.months.length - 1]!.month}` : 'no months';
  const answer = headline(r.summary);
  const lines = [
    c.bold(clip(`${r.scenario.name}: forecast`, WIDTH, ascii)),
    ...(answer ? wrap(answer, WIDTH).map((l) => c.bold(l)) : []),
    ...prose(`traffic grows ${formatShare(r.growth)} a month, ${span}`),
    '',
    ...terminalChart(plot, { color: o.color, width: WIDTH }),
    '',
    ...textTable(['Month', 'Users', ...plot.series.map((s) => letter(s.name)), 'Cheapest'], rows, { right: [1, ...plot.series.map((_, i) => i + 2)], ascii, keep: 2 }),
    ...(shown.length < r.months.length ? [`(${shown.length} of ${r.months.length} months; --format csv has all)`] : []),
    ...(changes.size ? ['* the cheapest option changes this month'] : []),
    '',
    ...textTable([`Total, ${span}`, 'Cumulative'], totals, { right: [1], ascii, shrink: 0 }),
    ...r.capacity_changes.flatMap((ch) => prose(`month ${ch.month}: ${letter(ch.option)} goes from ${formatCount(ch.instances_from)} to ${formatCountOf(ch.instances_to, 'instance')}`)),
    ...leftOut(r.not_viable, 'forecast').flatMap((l) => prose(l)),
    `Amounts in ${r.currency}.`,
    ...warningLines(r.warnings, c.yellow),
  ];
  return `${lines.join('\n')}\n`;
}

function forecastMarkdown(r: ForecastReport): string {
  const money = moneyFormatter(r.currency, false);
  const plot = forecastPlot(r, money, 'monthly_cost');
  const names = plot.series.map((s) => s.name);
  const changes = new Set(r.cheapest_changes.map((ch) => ch.month));
  const span = r.months.length ? `months ${r.months[0]!.month} to ${r.months[r.months.length - 1]!.month}` : 'no months';
  const answer = headline(r.summary);
  const lines = [`### ${mdText(r.scenario.name)}: forecast`, '', ...(answer ? [`**${mdText(answer)}**`, ''] : []), `Traffic grows ${formatShare(r.growth)} a month, ${span}.`, ''];
  if (plot.marks.length) {
    lines.push('**The cheapest option changes**', '');
    plot.marks.forEach((m, i) => lines.push(`${i + 1}. ${markSentence(m, money, mdText)}`));
    lines.push('');
  }
  lines.push(mdRow(['Option', `Cumulative, ${span}`]), mdRule([false, true]), ...r.totals.map((t) => mdRow([mdText(t.option), money(t.cumulative_cost)])), '');
  if (names.length && r.months.length) {
    const values = plot.series.map((s) => s.points.map((p) => p.y));
    lines.push(...mermaidChart(`${r.scenario.name}: monthly cost`, 'month', r.months.map((m) => String(m.month)), `${r.currency} per month`, values), '', mermaidLegend(names), '');
  }
  const table = [mdRow(['Month', 'Users', ...names.map(mdText), 'Cheapest']), mdRule([true, true, ...names.map(() => true), false])];
  for (const m of r.months) {
    const cells = names.map((n) => {
      const opt = m.options.find((x) => x.name === n);
      return opt ? money(opt.monthly_cost) : '-';
    });
    table.push(mdRow([changes.has(m.month) ? `**${m.month}**` : String(m.month), m.users === null ? '-' : formatCount(m.users), ...cells, m.cheapest === null ? '-' : mdText(m.cheapest)]));
  }
  lines.push('<details><summary>Month by month</summary>', '', ...table, '', '</details>', '');
  for (const ch of r.capacity_changes) lines.push(`- month ${ch.month}: ${mdText(ch.option)} goes from ${formatCount(ch.instances_from)} to ${formatCountOf(ch.instances_to, 'instance')}`);
  for (const l of leftOut(r.not_viable, 'forecast')) lines.push(`- ${mdText(l)}`);
  lines.push(`Amounts in ${r.currency}.`);
  if (r.warnings.length) lines.push('', ...r.warnings.map((w) => `- ${mdText(w)}`));
  return `${lines.join('\n')}\n`;
}

/** One row per month and option, unrounded. */
function forecastCsv(r: ForecastReport): string {
  const rows: (string | number | boolean | null)[][] = [['month', 'scale', 'users', 'requests_per_month', 'option', 'currency', 'monthly_cost', 'cumulative_cost', 'instances', 'cheapest']];
  for (const m of r.months) for (const o of m.options) rows.push([m.month, m.scale, m.users, m.requests_per_month, o.name, r.currency, o.monthly_cost, o.cumulative_cost, o.instances, o.name === m.cheapest]);
  return csvRecords(rows);
}

export const forecastRenderers: Renderers<ForecastReport> = displayed({
  table: forecastTable,
  json: reportJson,
  markdown: forecastMarkdown,
  csv: forecastCsv,
  html: forecastHtml,
});

// --- simulate ---------------------------------------------------------------------------------

function distributionText(i: SimulateReport['inputs'][number]): string {
  const d = i.distribution;
  return `${i.path} ${formatCount(d.min)}..${formatCount(d.max)} (${d.kind}${d.mode === undefined ? '' : `, mode ${formatCount(d.mode)}`})`;
}

/** Horizontal bars around the base: '-' the input at its low end, '+' at its high end. */
function tornadoLines(r: SimulateReport, money: (n: number) => string, o: RenderOptions): string[] {
  const ascii = !o.color;
  const c = new Chalk({ level: o.color ? 1 : 0 });
  const t = r.tornado;
  if (t.bars.length === 0) return [];
  const labels = t.bars.map((b) => `${b.path} ${formatCount(b.low_value)}..${formatCount(b.high_value)}`);
  const values = t.bars.map((b) => `${money(b.low_monthly)} / ${money(b.high_monthly)}`);
  const labelWidth = Math.min(28, Math.max(...labels.map((l) => l.length)));
  const valueWidth = Math.max(...values.map((v) => v.length));
  const barWidth = Math.max(10, WIDTH - labelWidth - valueWidth - 4);
  let lo = t.base_monthly;
  let hi = t.base_monthly;
  for (const b of t.bars) {
    lo = Math.min(lo, b.low_monthly, b.high_monthly);
    hi = Math.max(hi, b.low_monthly, b.high_monthly);
  }
  const col = (v: number) => (hi === lo ? Math.floor(barWidth / 2) : Math.round(((v - lo) / (hi - lo)) * (barWidth - 1)));
  const base = col(t.base_monthly);
  const lowGlyph = ascii ? '-' : c.cyan('█');
  const highGlyph = ascii ? '+' : c.magenta('█');
  const lines = [
    ...prose(`What moves the bill of ${t.option} (base ${money(t.base_monthly)}/month, every input at its middle):`),
    `${' '.repeat(labelWidth)}  ${money(lo).padEnd(Math.max(0, barWidth - money(hi).length))}${money(hi)}`.slice(0, WIDTH),
  ];
  t.bars.forEach((b, i) => {
    const cells = new Array<string>(barWidth).fill(' ');
    const paint = (v: number, glyph: string) => {
      const to = col(v);
      for (let k = Math.min(base, to); k <= Math.max(base, to); k++) cells[k] = glyph;
    };
    paint(b.low_monthly, lowGlyph);
    paint(b.high_monthly, highGlyph);
    cells[base] = ascii ? '|' : c.bold('│');
    lines.push(`${clip(labels[i]!, labelWidth, ascii).padEnd(labelWidth)}  ${cells.join('')}  ${values[i]!.padStart(valueWidth)}`);
  });
  lines.push(...prose(`${ascii ? '-' : c.cyan('█')} the input at its low end, ${ascii ? '+' : c.magenta('█')} at its high end, | the base; figures: the bill at low / high`));
  return lines;
}

function simulateTable(r: SimulateReport, o: RenderOptions): string {
  const ascii = !o.color;
  const c = new Chalk({ level: o.color ? 1 : 0 });
  const money = roundedMoney(moneyFormatter(r.currency, ascii));
  const letter = (name: string) => {
    const i = r.options.findIndex((x) => x.name === name);
    return i === -1 ? name : seriesLetter(i);
  };
  const options = r.options.map((x, i) => [`${seriesLetter(i)}  ${x.name}`, money(x.p10), money(x.p50), money(x.p90), money(x.mean), formatShare(x.probability_cheapest)]);
  const pairs = r.breakeven.map((b) => [`${letter(b.a)} vs ${letter(b.b)}`, ...(b.users ? [b.users.p10, b.users.p50, b.users.p90].map(formatCount) : ['-', '-', '-']), formatShare(b.probability_never)]);
  const answer = headline(r.summary);
  const lines = [
    c.bold(clip(`${r.scenario.name}: uncertainty`, WIDTH, ascii)),
    ...(answer ? wrap(answer, WIDTH).map((l) => c.bold(l)) : []),
    ...prose(`${formatCount(r.samples)} samples (seed ${r.seed}) of: ${r.inputs.map(distributionText).join('; ')}`),
    ...modelErrorLines(r).flatMap((l) => prose(l)),
    '',
    ...textTable(['Option', 'P10', 'P50', 'P90', 'Mean', 'Cheapest'], options, { right: [1, 2, 3, 4, 5], ascii, shrink: 0 }),
    '',
    ...(pairs.length ? [...textTable(['Break-even users', 'P10', 'P50', 'P90', 'Never crosses'], pairs, { right: [1, 2, 3, 4], ascii, shrink: 0 }), ''] : []),
    ...tornadoLines(r, money, o),
    ...prose(`Amounts in ${r.currency} a month. Cheapest: the share of samples where the option is the cheapest viable one.`),
    ...viableShares(r).flatMap((l) => prose(l)),
    ...warningLines(r.warnings, c.yellow),
  ];
  return `${lines.join('\n')}\n`;
}

function simulateMarkdown(r: SimulateReport): string {
  const money = roundedMoney(moneyFormatter(r.currency, false));
  const lines = [
    `### ${mdText(r.scenario.name)}: uncertainty`,
    '',
    ...(headline(r.summary) ? [`**${mdText(headline(r.summary))}**`, ''] : []),
    `${formatCount(r.samples)} samples (seed ${r.seed}) of: ${r.inputs.map((i) => mdText(distributionText(i))).join('; ')}.`,
    ...modelErrorLines(r).map((l) => `${mdText(l)}  `),
    '',
    mdRow(['Option', 'P10', 'P50', 'P90', 'Mean', 'Cheapest in']),
    mdRule([false, true, true, true, true, true]),
    ...r.options.map((x) => mdRow([mdText(x.name), money(x.p10), money(x.p50), money(x.p90), money(x.mean), formatShare(x.probability_cheapest)])),
  ];
  if (r.breakeven.length) {
    lines.push('', mdRow(['Break-even users', 'P10', 'P50', 'P90', 'Never crosses']), mdRule([false, true, true, true, true]));
    for (const b of r.breakeven) lines.push(mdRow([`${mdText(b.a)} vs ${mdText(b.b)}`, ...(b.users ? [b.users.p10, b.users.p50, b.users.p90].map(formatCount) : ['-', '-', '-']), formatShare(b.probability_never)]));
  }
  const t = r.tornado;
  if (t.bars.length) {
    lines.push('', `**What moves the bill of ${mdText(t.option)}** (base ${money(t.base_monthly)}/month, every input at its middle)`, '', mdRow(['Input', 'Range', 'Bill at low end', 'Bill at high end', 'Swing']), mdRule([false, false, true, true, true]));
    for (const b of t.bars) lines.push(mdRow([mdText(b.path), `${formatCount(b.low_value)} to ${formatCount(b.high_value)}`, money(b.low_monthly), money(b.high_monthly), money(b.swing)]));
    lines.push(
      '',
      '```mermaid',
      'xychart-beta horizontal',
      `  title "${mermaidText(`Swing of the monthly cost of ${t.option}`)}"`,
      `  x-axis [${t.bars.map((b) => `"${mermaidText(b.path)}"`).join(', ')}]`,
      `  y-axis "${mermaidText(`${r.currency} per month`)}"`,
      `  bar [${t.bars.map((b) => String(Math.round(b.swing * 100) / 100)).join(', ')}]`,
      '```',
    );
  }
  lines.push('', `Amounts in ${r.currency} a month.`);
  const shares = viableShares(r);
  if (shares.length) lines.push('', ...shares.map((l) => `- ${mdText(l)}`));
  if (r.warnings.length) lines.push('', ...r.warnings.map((w) => `- ${mdText(w)}`));
  return `${lines.join('\n')}\n`;
}

/** The speeds drawn within their accuracy band, one line each. */
export function modelErrorLines(r: SimulateReport): string[] {
  return (r.model_error ?? []).map((m) => `model error: ${m.option}'s ${m.kind} speed x${formatRate(m.distribution.min)} to x${formatRate(m.distribution.max)} (log-uniform; ${m.basis})`);
}

/** Options that are not viable in every sample, and pairs with samples that are no choice. */
function viableShares(r: SimulateReport): string[] {
  return [
    ...r.options.filter((o) => o.probability_viable < 1).map((o) => `${o.name} is viable in ${formatShare(o.probability_viable)} of samples (fast enough and within the latency target).`),
    ...r.breakeven.filter((b) => b.probability_not_viable > 0).map((b) => `${b.a} vs ${b.b}: no break-even to act on in ${formatShare(b.probability_not_viable)} of samples (an option is not viable).`),
  ];
}

/** One row per option, unrounded. */
function simulateCsv(r: SimulateReport): string {
  return csvRecords([
    ['option', 'kind', 'currency', 'samples', 'seed', 'p10', 'p50', 'p90', 'mean', 'probability_cheapest', 'probability_viable'],
    ...r.options.map((o) => [o.name, o.kind, r.currency, r.samples, r.seed, o.p10, o.p50, o.p90, o.mean, o.probability_cheapest, o.probability_viable]),
  ]);
}

export const simulateRenderers: Renderers<SimulateReport> = displayed({
  table: simulateTable,
  json: reportJson,
  markdown: simulateMarkdown,
  csv: simulateCsv,
  html: simulateHtml,
});
