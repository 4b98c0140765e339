// The HTML report: one self-contained document (inline CSS and SVG, no script, no network; a
// Content-Security-Policy says so to the browser). Every text is escaped: option names, scenario
// names and warnings come from user files. Renderers round; they never compute.

import type { BreakevenReport, CostedOptionReport, EstimateReport, ForecastReport, OptionReport, SimulateReport } from '../report.js';
import { breakevenPlot, forecastPlot, KIND_LABEL, markSentence, moneyFormatter, type Plot, roundedMoney } from './chart.js';
import { formatCount, formatCountOf, formatFactor, formatRate, formatShare } from './numbers.js';
import { apiPriceFigures, biggestCost, deploymentLines, driversCell, hardwarePriceFigures, headline, isCosted, leftOut, notViableNumbers, optionNoteGroups, optionNotes, pricesLine, trafficLine, workloadLine } from './summary.js';
import { escapeXml as esc, lineChartSvg, paletteColour, rangeChartSvg, tornadoSvg } from './svg.js';
import { terminalStrings } from './terminal-text.js';

const CSS = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --warn: #9a6700; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: var(--ink); font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1000px; margin: 0 auto; padding: 28px 20px 48px; }
h1 { font-size: 24px; line-height: 1.25; margin: 0 0 6px; }
h2 { font-size: 18px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 22px 0 6px; }
p { margin: 4px 0; }
.muted { color: var(--muted); }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; margin: 8px 0 16px; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 2px 0 6px; }
th, td { padding: 5px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { background: var(--soft); font-weight: 600; border-bottom: 2px solid var(--line); }
.num { text-align: right; white-space: nowrap; }
.nowrap { white-space: nowrap; }
.prose { min-width: 14em; }
.url { overflow-wrap: anywhere; min-width: 12em; }
.name { min-width: 10em; }
thead th.name { min-width: 8em; max-width: 12em; white-space: normal; overflow-wrap: anywhere; }
.opt { display: inline-block; }
tbody th { font-weight: 500; }
tr.best th, tr.best td { background: #eef7f1; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 7px; vertical-align: baseline; }
figure { margin: 14px 0 10px; }
figure svg { display: block; max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 6px; }
figcaption { color: var(--muted); margin-top: 6px; }
ol.marks { margin: 6px 0 0; padding-left: 22px; }
ul { margin: 6px 0; padding-left: 20px; }
li.warning, span.warning { color: var(--warn); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 3px 18px; margin: 8px 0 14px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.headline { font-size: 16px; line-height: 1.45; margin: 8px 0 12px; padding: 10px 14px; background: #eef7f1; border-left: 4px solid #1a7f37; }
tr.notes td { padding-top: 0; color: var(--warn); font-size: 13px; }
tr.notes ul { margin: 0; }
tbody.has-notes tr:first-child th, tbody.has-notes tr:first-child td { border-bottom: 0; }
.mark { color: var(--warn); font-weight: 600; margin-left: 4px; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
`;

/** The document around sections; the policy forbids every fetch, so nothing can leave or load. */
function page(title: string, subtitle: string[], sections: string[], footer: string, answer = ''): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="generator" content="llm-tco">',
    `<title>${esc(title)} · llm-tco</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    // The answer first, before any table or chart.
    `<header><h1>${esc(title)}</h1>${answer ? `<p class="headline" id="headline">${esc(answer)}</p>` : ''}${subtitle.map((s) => `<p class="muted">${esc(s)}</p>`).join('')}</header>`,
    ...sections,
    `<footer>${esc(footer)}</footer>`,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A cell: plain text (escaped here) or markup already escaped. */
type Cell = string | { html: string };
const cellHtml = (c: Cell) => (typeof c === 'string' ? esc(c) : c.html);

interface TableSpec {
  caption: string;
  head: Cell[];
  /** Columns holding figures: right-aligned. */
  numeric: number[];
  /** Other column styles: nowrap (dates, kinds), prose (sentences), name (option names). */
  styles?: Partial<Record<'nowrap' | 'prose' | 'name' | 'url', number[]>>;
  /** notes: said about the row's option, shown in a row right under it (the two share a tbody). */
  rows: { cells: Cell[]; best?: boolean; option?: string; notes?: string[] }[];
}

/** The first column heads each row. */
function table(t: TableSpec): string {
  const cls = (i: number) => {
    const names = [...(t.numeric.includes(i) ? ['num'] : []), ...Object.entries(t.styles ?? {}).filter(([, cols]) => cols.includes(i)).map(([name]) => name)];
    return names.length ? ` class="${names.join(' ')}"` : '';
  };
  const head = t.head.map((h, i) => `<th scope="col"${cls(i)}>${cellHtml(h)}</th>`).join('');
  const row = (r: TableSpec['rows'][number]) => `<tr${r.best ? ' class="best"' : ''}>${r.cells.map((c, i) => (i === 0 ? `<th scope="row"${cls(i)}>${cellHtml(c)}</th>` : `<td${cls(i)}>${cellHtml(c)}</td>`)).join('')}</tr>`;
  if (!t.rows.some((r) => r.option !== undefined)) return `<div class="table-wrap"><table><caption>${esc(t.caption)}</caption><thead><tr>${head}</tr></thead><tbody>${t.rows.map(row).join('')}</tbody></table></div>`;
  // One tbody per option: its row, then its notes across the table.
  const groups = t.rows.map((r) => {
    const notes = r.notes ?? [];
    const attrs = `${r.option !== undefined ? ` data-option="${esc(r.option)}"` : ''}${notes.length ? ' class="has-notes"' : ''}`;
    const under = notes.length ? `<tr class="notes"><td colspan="${t.head.length}">${list(notes, 'warning')}</td></tr>` : '';
    return `<tbody${attrs}>${row(r)}${under}</tbody>`;
  });
  return `<div class="table-wrap"><table><caption>${esc(t.caption)}</caption><thead><tr>${head}</tr></thead>${groups.join('')}</table></div>`;
}

const list = (items: string[], cls = '') => (items.length === 0 ? '' : `<ul>${items.map((i) => `<li${cls ? ` class="${cls}"` : ''}>${esc(i)}</li>`).join('')}</ul>`);
const facts = (pairs: [string, string][]) => `<dl class="facts">${pairs.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`;

/** One colour per option across every chart and table of a document, in first-seen order. */
function colours(names: string[]): (name: string) => number {
  const order = [...new Set(names)];
  return (name) => Math.max(0, order.indexOf(name));
}
const named = (name: string, colourOf: (n: string) => number): Cell => ({
  html: `<span class="opt"><span class="swatch" style="background:${paletteColour(colourOf(name))}" aria-hidden="true"></span>${esc(name)}</span>`,
});
/** "a<br>vs b", each with its colour. */
const pairCell = (a: string, b: string, colourOf: (n: string) => number): Cell => ({ html: `${cellHtml(named(a, colourOf))}<br><span class="muted">vs</span> ${cellHtml(named(b, colourOf))}` });

/** `marksCaption` introduces the numbered marks; without marks it is left out, so no caption ends on a colon. */
function figure(svg: string, caption: string, marks: Plot['marks'] = [], money?: (n: number) => string, marksCaption = ''): string {
  const items = money ? marks.map((m) => markSentence(m, money)) : [];
  const ol = items.length ? `<ol class="marks">${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ol>` : '';
  const text = items.length && marksCaption ? `${caption}; ${marksCaption}:` : `${caption}.`;
  return `<figure>${svg}<figcaption>${esc(text)}${ol}</figcaption></figure>`;
}

// --- estimate ---------------------------------------------------------------------------------

function estimateSection(r: EstimateReport, colourOf: (n: string) => number): string {
  const money = moneyFormatter(r.currency, false);
  const m = (n: number | null) => (n === null ? '-' : money(n));
  // Not viable: said beside the option's name; the reasons and every warning in a row right under it.
  const marks = notViableNumbers(r);
  const notes = new Map(optionNoteGroups(r).map((g) => [g.option, g.lines]));
  const name = (o: OptionReport): Cell => {
    const mark = marks.get(o.name);
    const flag = mark === undefined ? '' : `<span class="mark">[${mark}]</span>`;
    return { html: `${cellHtml(named(o.name, colourOf))}${flag}${o.viable ? '' : '<br><span class="warning">not viable</span>'}` };
  };
  const rows = r.options.map((o) => {
    const row = isCosted(o)
      ? { best: o.name === r.cheapest, cells: [name(o), KIND_LABEL[o.kind], m(o.monthly_cost), m(o.per_request_cost), m(o.per_session_cost), m(o.per_user_cost), driversCell(o), biggestCost(o)] }
      : { cells: [name(o), KIND_LABEL[o.kind], 'not costed', '', '', '', o.reason, ''] };
    return { ...row, option: o.name, notes: (notes.get(o.name) ?? []).map((line, i) => (i === 0 ? `[${marks.get(o.name)}] ${line}` : line)) };
  });
  return (
    `<section id="estimate"><h2>Monthly cost by option</h2>` +
    table({ caption: `Cheapest first${r.cheapest ? ` (${r.cheapest}, the cheapest viable option, highlighted)` : '; no option is viable'}; amounts in ${r.currency}`, head: ['Option', 'Kind', 'Monthly', 'Per request', 'Per session', 'Per user', 'What drives it', 'Top cost'], numeric: [2, 3, 4, 5], styles: { name: [0], nowrap: [1, 7] }, rows }) +
    `</section>`
  );
}

/** Where an option's price comes from: what it is priced as, the price as listed, date, source, and the catalogue's own doubts. */
function priceRows(o: CostedOptionReport, currency: string): Cell[] {
  if (o.kind === 'api') {
    const p = o.price;
    return [o.name, p.model, apiPriceFigures(o, currency), p.as_of ?? 'inline', p.source, (p.doubts ?? []).join(' ')];
  }
  const h = o.hardware;
  return [o.name, h.offer ?? h.name, hardwarePriceFigures(h, false), h.as_of ?? 'inline', h.source, (h.doubts ?? []).join(' ')];
}

function estimateAssumptions(r: EstimateReport): string {
  const money = moneyFormatter(r.currency, false);
  const t = r.traffic;
  const w = r.workload;
  const traffic: [string, string][] = [
    ...(t.users === null ? [] : [['users', formatCount(t.users)] as [string, string]]),
    ...(t.sessions_per_user === null ? [] : [['sessions per user a month', formatCount(t.sessions_per_user)] as [string, string]]),
    ['requests per session', formatCount(t.requests_per_session)],
    ['sessions a month', formatCount(t.sessions_per_month)],
    ['requests a month', formatCount(t.requests_per_month)],
    ['peak factor', formatFactor(t.peak_factor)],
    ['peak requests per second', formatRate(t.peak_requests_per_second)],
  ];
  const workload: [string, string][] = [
    ['workflow', w.kind],
    ['calls per request', formatCount(w.calls_per_request)],
    ['tokens per request', formatCount(w.workflow_tokens_per_request)],
    ['one single-turn call', `${formatCount(w.single_turn_tokens)} tokens`],
    ['amplification', formatFactor(w.amplification)],
  ];
  if (r.embeddings) workload.push([`embeddings (${r.embeddings.model})`, `${money(r.embeddings.monthly_cost)} a month, in every option`]);
  const prices = r.options.filter(isCosted).map((o) => ({ cells: priceRows(o, r.currency) }));
  const p = r.prices;
  const fx = p.fx.map((f) => ({
    cells: [`1 ${f.from} = ${formatRate(f.rate)} ${f.to}`, f.as_of, f.age_days === undefined ? '-' : `${formatCount(f.age_days)} days${f.stale ? ' (stale)' : ''}`, (f.used_by ?? []).join(', '), f.source] as Cell[],
  }));
  return (
    `<h3>Traffic</h3>${facts(traffic)}` +
    `<h3>Workload</h3>${facts(workload)}` +
    `<h3>Prices</h3><p>${esc(`${pricesLine(r)}${p.stale ? '; some prices are stale' : ''}.`)}</p>` +
    table({ caption: `Where each price comes from (API prices in ${r.currency} per 1M tokens; hardware as its offer lists it)`, head: ['Option', 'Priced as', 'Price', 'As of', 'Source', 'The catalogue says'], numeric: [], styles: { name: [0, 1], nowrap: [3], url: [4], prose: [5] }, rows: prices }) +
    (fx.length ? table({ caption: `Currency conversions into ${r.currency}`, head: ['Rate', 'As of', 'Age', 'Used for', 'Source'], numeric: [], styles: { nowrap: [0, 1, 2], url: [4] }, rows: fx }) : '') +
    (deploymentLines(r).length ? `<h3>Memory and speed</h3>${list(deploymentLines(r))}` : '') +
    (optionNotes(r).length ? `<h3>Warnings</h3>${list(optionNotes(r), 'warning')}` : '')
  );
}

// --- break-even -------------------------------------------------------------------------------

/** The traffic a cost model counts in: the scenario's own, "4,000 requests a month". */
const trafficUnit = (r: BreakevenReport) => `${formatCount(r.base.requests_per_month)} requests a month`;

function breakevenSection(r: BreakevenReport, colourOf: (n: string) => number, heading: boolean): string {
  const money = moneyFormatter(r.currency, false);
  const plot = breakevenPlot(r, money);
  const unit = plot.x.title.replace(/ \(log scale\)$/, '');
  const svg = lineChartSvg(plot, {
    id: 'breakeven',
    title: `Monthly cost of each option by ${unit}`,
    description: `${formatCountOf(plot.series.length, 'option')} from ${formatCount(plot.x.min)} to ${formatCount(plot.x.max)} ${unit}; ${formatCountOf(plot.marks.length, 'crossing')}.`,
    colourOf,
  });
  const rows = r.pairs.map((p) => {
    const first = p.crossings[0];
    return {
      cells: [
        pairCell(p.a, p.b, colourOf),
        !p.viable ? 'not viable' : first ? first.users !== null ? `${formatCount(first.users)} users` : `${formatCount(first.requests_per_month)} requests/month` : 'never',
        first ? money(first.monthly_cost) : '-',
        first ? named(first.cheaper_above, colourOf) : '-',
        String(p.crossings.length),
        p.payback_months === null ? '-' : `${formatRate(p.payback_months)} months`,
        p.reason,
      ] as Cell[],
    };
  });
  const base = `${r.base.users === null ? '' : `${formatCount(r.base.users)} users, `}${formatCount(r.base.requests_per_month)} requests a month, ${formatCount(r.base.tokens_per_request)} tokens per request`;
  return (
    `<section id="breakeven">${heading ? '<h2>Break-even</h2>' : ''}` +
    `<p>Where one option becomes cheaper than another as traffic grows. The scenario: ${esc(base)}; the chart runs from ${esc(formatFactor(r.range.min_scale))} to ${esc(formatFactor(r.range.max_scale))} its traffic.</p>` +
    figure(svg, `Monthly cost by ${unit}, both axes ${plot.y.log ? 'logarithmic' : 'x logarithmic, y linear'}`, plot.marks, money, 'numbered circles mark the crossings') +
    table({ caption: 'Each pair of options', head: ['Pair', 'First crossing', 'Cost there', 'Cheaper above', 'Crossings', 'Payback', 'Why'], numeric: [1, 2, 4, 5], styles: { name: [0, 3], prose: [6] }, rows }) +
    (r.not_viable.length ? list(leftOut(r.not_viable, 'chart'), 'warning') : '') +
    `</section>`
  );
}

/**
 * `shown`: warnings the document already lists, not repeated; `withNotes`: each option's own notes
 * under its row (the estimate's table has them already when the two share a page).
 */
function breakevenAssumptions(r: BreakevenReport, shown: string[] = [], withNotes = true): string {
  const money = moneyFormatter(r.currency, false);
  const fresh = r.warnings.filter((w) => !shown.includes(w));
  const unit = trafficUnit(r);
  const marks = notViableNumbers(r);
  const notes = new Map(optionNoteGroups(r).map((g) => [g.option, g.lines]));
  const rows = r.options.map((o) => {
    const s = o.scaling;
    const mark = withNotes ? marks.get(o.name) : undefined;
    return {
      option: o.name,
      notes: mark === undefined ? [] : (notes.get(o.name) ?? []).map((line, i) => (i === 0 ? `[${mark}] ${line}` : line)),
      cells: [
        mark === undefined ? o.name : { html: `${esc(o.name)}<span class="mark">[${mark}]</span>` },
        KIND_LABEL[o.kind],
        money(s.fixed),
        money(s.per_unit),
        s.per_instance ? money(s.per_instance) : '-',
        s.per_instance ? (s.fixed_instances === null ? `${formatRate(s.instances_per_unit)} per ${unit}, at least ${s.min_instances}` : `${s.fixed_instances} (fixed)`) : '-',
      ] as Cell[],
    };
  });
  return (
    `<h3>How each cost grows</h3><p class="muted">${esc(`cost = fixed + (cost per ${unit}) x traffic + (cost per instance) x instances, traffic counted in the scenario's own: 1 = ${unit}${r.base.users === null ? '' : ` (${formatCount(r.base.users)} users)`}.`)}</p>` +
    table({ caption: `Cost model (amounts in ${r.currency} a month)`, head: ['Option', 'Kind', 'Fixed', `Per ${unit}`, 'Per instance', 'Instances'], numeric: [2, 3, 4], styles: { name: [0], nowrap: [1] }, rows }) +
    (fresh.length ? `<h3>Break-even warnings</h3>${list(fresh, 'warning')}` : '')
  );
}

// --- forecast ---------------------------------------------------------------------------------

function forecastSection(r: ForecastReport, colourOf: (n: string) => number, heading: boolean): string {
  const money = moneyFormatter(r.currency, false);
  const monthly = forecastPlot(r, money, 'monthly_cost');
  const cumulative = forecastPlot(r, money, 'cumulative_cost');
  const names = monthly.series.map((s) => s.name);
  const span = r.months.length ? `months ${r.months[0]!.month} to ${r.months[r.months.length - 1]!.month}` : 'no months';
  const svgMonthly = lineChartSvg(monthly, { id: 'forecast', title: 'Monthly cost of each option by month', description: `${formatCountOf(names.length, 'option')} over ${span} at ${formatShare(r.growth)} growth a month; ${formatCountOf(monthly.marks.length, 'change')} of the cheapest.`, colourOf });
  const svgCumulative = lineChartSvg(cumulative, { id: 'forecast-cumulative', title: 'Cumulative cost of each option by month', description: `Running totals over ${span}.`, colourOf });
  const changed = new Set(r.cheapest_changes.map((c) => c.month));
  const rows = r.months.map((m) => ({
    best: changed.has(m.month),
    cells: [
      String(m.month),
      m.users === null ? '-' : formatCount(m.users),
      formatCount(m.requests_per_month),
      ...names.map((n) => {
        const o = m.options.find((x) => x.name === n);
        return o ? money(o.monthly_cost) : '-';
      }),
      m.cheapest === null ? '-' : named(m.cheapest, colourOf),
    ] as Cell[],
  }));
  const totals = r.totals.map((t) => ({ cells: [named(t.option, colourOf), money(t.cumulative_cost)] as Cell[] }));
  const capacity = r.capacity_changes.map((c) => `month ${c.month}: ${c.option} goes from ${formatCount(c.instances_from)} to ${formatCountOf(c.instances_to, 'instance')}`);
  return (
    `<section id="forecast">${heading ? '<h2>Forecast</h2>' : ''}` +
    `<p>${esc(`Traffic grows ${formatShare(r.growth)} a month, ${span}.`)}</p>` +
    figure(svgMonthly, `Monthly cost by month${monthly.y.log ? ' (log scale)' : ''}`, monthly.marks, money, 'numbered circles mark where the cheapest option changes') +
    figure(svgCumulative, `Cumulative cost by month: what each option has cost so far${cumulative.y.log ? ' (log scale, so options far apart in cost all stay readable)' : ''}`) +
    table({ caption: `Totals over ${span}`, head: ['Option', 'Cumulative cost'], numeric: [1], rows: totals }) +
    (capacity.length ? `<h3>Capacity changes</h3>${list(capacity)}` : '') +
    table({ caption: `Month by month (amounts in ${r.currency}; months where the cheapest changes are highlighted)`, head: ['Month', 'Users', 'Requests', ...names.map((n) => named(n, colourOf)), 'Cheapest'], numeric: [0, 1, 2, ...names.map((_, i) => i + 3)], styles: { name: [...names.map((_, i) => i + 3), names.length + 3] }, rows }) +
    (r.not_viable.length ? list(leftOut(r.not_viable, 'forecast'), 'warning') : '') +
    (r.warnings.length ? `<h3>Forecast warnings</h3>${list(r.warnings, 'warning')}` : '') +
    `</section>`
  );
}

// --- simulate ---------------------------------------------------------------------------------

function simulateSection(r: SimulateReport, colourOf: (n: string) => number): string {
  // Whole units: percentiles of a simulation are not good to the cent.
  const money = roundedMoney(moneyFormatter(r.currency, false));
  const range = rangeChartSvg(
    r.options.map((o) => ({ ...o, caption: `P50 ${money(o.p50)} (P10 ${money(o.p10)} to P90 ${money(o.p90)}), cheapest in ${formatShare(o.probability_cheapest)} of samples` })),
    r.currency,
    money,
    { id: 'simulate', title: 'Monthly cost of each option: P10 to P90, with the median', description: `${formatCount(r.samples)} samples, seed ${r.seed}.`, colourOf },
  );
  const options = r.options.map((o) => ({ cells: [named(o.name, colourOf), money(o.p10), money(o.p50), money(o.p90), money(o.mean), formatShare(o.probability_cheapest)] as Cell[] }));
  const pairs = r.breakeven.map((b) => ({
    cells: [pairCell(b.a, b.b, colourOf), ...(b.users ? [b.users.p10, b.users.p50, b.users.p90].map((u) => `${formatCount(u)} users`) : ['-', '-', '-']), formatShare(b.probability_never)] as Cell[],
  }));
  const t = r.tornado;
  const bars = t.bars.map((b) => ({
    label: `${b.path} ${formatCount(b.low_value)}..${formatCount(b.high_value)}`,
    lowMonthly: b.low_monthly,
    highMonthly: b.high_monthly,
    lowText: `${formatCount(b.low_value)} gives ${money(b.low_monthly)}`,
    highText: `${formatCount(b.high_value)} gives ${money(b.high_monthly)}`,
  }));
  const tornado = tornadoSvg(bars, t.base_monthly, r.currency, money, { id: 'tornado', title: `What moves the monthly cost of ${t.option}`, description: `Base ${money(t.base_monthly)} a month, every input at the middle of its range.`, colourOf });
  const tornadoRows = t.bars.map((b) => ({ cells: [b.path, `${formatCount(b.low_value)} to ${formatCount(b.high_value)}`, money(b.low_monthly), money(b.high_monthly), money(b.swing)] as Cell[] }));
  const inputs = r.inputs.map((i) => ({ cells: [i.path, i.distribution.kind, formatCount(i.distribution.min), i.distribution.mode === undefined ? '-' : formatCount(i.distribution.mode), formatCount(i.distribution.max)] as Cell[] }));
  return (
    `<section id="simulate"><h2>Uncertainty</h2><p>${esc(`${formatCount(r.samples)} samples (seed ${r.seed}) of ${formatCountOf(r.inputs.length, 'uncertain input')}.`)}</p>` +
    figure(range, 'The bar spans P10 to P90 of the monthly cost; the thick tick is the median (P50)') +
    table({ caption: `Monthly cost (${r.currency})`, head: ['Option', 'P10', 'P50', 'P90', 'Mean', 'Cheapest in'], numeric: [1, 2, 3, 4, 5], rows: options }) +
    table({ caption: 'Break-even users', head: ['Pair', 'P10', 'P50', 'P90', 'Never crosses'], numeric: [1, 2, 3, 4], rows: pairs }) +
    `<h3>${esc(`What moves the bill of ${t.option}`)}</h3>` +
    figure(tornado, `Each input alone at the low and high end of its range, every other at its middle; the line is the base, ${money(t.base_monthly)} a month`) +
    table({ caption: 'Tornado', head: ['Input', 'Range', 'Bill at low end', 'Bill at high end', 'Swing'], numeric: [2, 3, 4], rows: tornadoRows }) +
    `<h3>Uncertain inputs</h3>` +
    ((r.model_error ?? []).length ? list(r.model_error.map((m) => `model error: ${m.option}'s ${m.kind} speed x${formatRate(m.distribution.min)} to x${formatRate(m.distribution.max)} (log-uniform; ${m.basis})`)) : '') +
    table({ caption: 'Distributions sampled', head: ['Input', 'Distribution', 'Min', 'Mode', 'Max'], numeric: [2, 3, 4], rows: inputs }) +
    (r.warnings.length ? `<h3>Warnings</h3>${list(r.warnings, 'warning')}` : '') +
    `</section>`
  );
}

// --- documents --------------------------------------------------------------------------------

const footer = (source: string, currency: string) =>
  `Made by llm-tco from ${source}. Amounts in ${currency}, rounded for reading; the JSON report (--format json) holds every figure unrounded.`;

/**
 * The estimate's full report, with the break-even and forecast analyses when given. Not in a
 * registry, so it takes the reports through terminalStrings itself, as the registries do.
 */
export function estimateHtml(report: EstimateReport, analyses: { breakeven?: BreakevenReport; forecast?: ForecastReport } = {}): string {
  const r = terminalStrings(report);
  const extra = terminalStrings(analyses);
  const colourOf = colours([
    ...(extra.breakeven?.curves.map((c) => c.option) ?? []),
    ...r.options.map((o) => o.name),
    ...(extra.forecast?.months[0]?.options.map((o) => o.name) ?? []),
  ]);
  const sections = [estimateSection(r, colourOf)];
  if (extra.breakeven) sections.push(breakevenSection(extra.breakeven, colourOf, true));
  if (extra.forecast) sections.push(forecastSection(extra.forecast, colourOf, true));
  sections.push(
    `<section id="assumptions"><h2>Assumptions</h2>${estimateAssumptions(r)}${extra.breakeven ? breakevenAssumptions(extra.breakeven, optionNotes(r), false) : ''}` +
      `${extra.forecast ? `<h3>Growth</h3><p>${esc(`${formatShare(extra.forecast.growth)} a month, compounded.`)}</p>` : ''}</section>`,
  );
  return page(r.scenario.name, [r.scenario.source, trafficLine(r), workloadLine(r)], sections, footer(r.scenario.source, r.currency), headline(r.summary));
}

export function breakevenHtml(r: BreakevenReport): string {
  const colourOf = colours(r.curves.map((c) => c.option));
  const sections = [breakevenSection(r, colourOf, false), `<section id="assumptions"><h2>Assumptions</h2>${breakevenAssumptions(r)}</section>`];
  return page(`${r.scenario.name}: break-even`, [r.scenario.source], sections, footer(r.scenario.source, r.currency), headline(r.summary));
}

export function forecastHtml(r: ForecastReport): string {
  const colourOf = colours(r.months[0]?.options.map((o) => o.name) ?? []);
  return page(`${r.scenario.name}: forecast`, [r.scenario.source], [forecastSection(r, colourOf, false)], footer(r.scenario.source, r.currency), headline(r.summary));
}

export function simulateHtml(r: SimulateReport): string {
  const colourOf = colours(r.options.map((o) => o.name));
  return page(`${r.scenario.name}: uncertainty`, [r.scenario.source], [simulateSection(r, colourOf)], footer(r.scenario.source, r.currency), headline(r.summary));
}
