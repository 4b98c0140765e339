// Renderers of the analyses (break-even, forecast, simulate) and the HTML report, on hand-made
// reports in test/fixtures/reports/: an API linear in traffic, a self-hosted option that steps
// with instances, a serverless one; five crossings, two changes of the cheapest in the forecast.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { breakevenRenderers, estimateHtml, forecastRenderers, simulateRenderers } from '../src/formats/analysis.js';
import { breakevenPlot, curveValueAt, moneyFormatter } from '../src/formats/chart.js';
import type { BreakevenReport, EstimateReport, ForecastReport, SimulateReport } from '../src/report.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'reports');
const load = <T>(name: string): T => JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as T;
const breakeven = load<BreakevenReport>('breakeven');
const forecast = load<ForecastReport>('forecast');
const simulate = load<SimulateReport>('simulate');
const estimate = load<EstimateReport>('estimate');

const PLAIN = { color: false };
const COLOUR = { color: true };
// eslint-disable-next-line no-control-regex
const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');
const lines = (text: string) => text.replace(/\n$/, '').split('\n');
const width = (line: string) => [...line].length;

const API = 'anthropic/claude-sonnet-4-6';
const SERVERLESS = 'Llama 3.1 70B on Modal H100';
const SELF_HOST = 'Llama 3.1 70B on 1x H100 (vLLM)';
const OPTIONS = [API, SERVERLESS, SELF_HOST];
const EVIL = '<script>alert(1)</script>';

/** The report with every option name replaced (in curves, pairs, months ...). */
function renamed<T>(report: T, from: string, to: string): T {
  return JSON.parse(JSON.stringify(report).split(JSON.stringify(from).slice(1, -1)).join(JSON.stringify(to).slice(1, -1))) as T;
}

describe('terminal: table format', () => {
  const outputs = {
    breakeven: [breakevenRenderers.table(breakeven, PLAIN), breakevenRenderers.table(breakeven, COLOUR)],
    forecast: [forecastRenderers.table(forecast, PLAIN), forecastRenderers.table(forecast, COLOUR)],
    simulate: [simulateRenderers.table(simulate, PLAIN), simulateRenderers.table(simulate, COLOUR)],
  };

  it.each(Object.entries(outputs))('%s fits in 80 columns, plain ASCII without colour', (_, [plain, colour]) => {
    for (const line of lines(plain!)) expect(width(line), line).toBeLessThanOrEqual(80);
    expect(plain).not.toMatch(/[^\x20-\x7e\n]/);
    for (const line of lines(stripAnsi(colour!))) expect(width(line), line).toBeLessThanOrEqual(80);
    expect(colour).toMatch(/\u001b\[/); // eslint-disable-line no-control-regex
  });

  it('break-even: chart axes, a legend with every option, every crossing listed under the chart', () => {
    const text = outputs.breakeven[0]!;
    expect(text).toContain('monthly cost (USD, log scale)');
    expect(text).toContain('users (log scale)');
    expect(text).toMatch(/^ *\$10,000 \+/m); // a rounded money tick on the y axis
    expect(text).toMatch(/^ +500 +1,000 +2,000 +5,000 +10k +20k +50k$/m);
    expect(text).toContain(`A  ${API} (API)`);
    expect(text).toContain(`B  ${SERVERLESS} (serverless)`);
    expect(text).toContain(`C  ${SELF_HOST} (self-hosted)`);
    expect(text).toContain(':  the scenario, 5,000 users');
    // 300.96 / (1440 - 1040) x 5,000 users = 3,762; 3,611.70 / 1,440 x 5,000 = 12,541 ...
    expect(text).toContain('1  3,762 users, $1,083.46/month: B becomes cheaper than A');
    expect(text).toContain('2  12,541 users, $3,611.70/month: C becomes cheaper than A');
    expect(text).toContain('3  15,917 users, $3,611.70/month: C becomes cheaper than B');
    expect(text).toContain('4  25,000 users, $5,500.96/month: B becomes cheaper than C');
    expect(text).toContain('5  30,973 users, $6,743.40/month: C becomes cheaper than B');
    // The marks sit on the chart itself, inside the plot area.
    const plotRows = lines(text).filter((l) => /^ *(\$[\d,]+)? [+|]/.test(l));
    for (const mark of ['1', '2', '3', '4', '5']) expect(plotRows.some((l) => l.slice(10).includes(mark)), mark).toBe(true);
    expect(text).toMatch(/^A vs B +3,762 users +\$1,083\.46 +B +1 +-$/m);
    expect(text).toMatch(/^B vs C +15,917 users +\$3,611\.70 +C +3 +-$/m);
  });

  it('forecast: monthly chart with the changes of the cheapest, a short month table and the totals', () => {
    const text = outputs.forecast[0]!;
    expect(text).toContain('monthly cost (USD)');
    expect(text).not.toContain('log scale'); // 1,341 to 8,455: a linear axis
    expect(text).toContain('1  month 17, $3,611.70/month: C becomes the cheapest (was B)');
    expect(text).toContain('2  month 22, $5,536.15/month: B becomes the cheapest (was C)');
    expect(text).toMatch(/^17 \* +17,130 +\$4,933\.36 +\$3,863\.94 +\$3,611\.70 +C$/m);
    expect(text).toContain('(14 of 24 months; --format csv has all)');
    expect(text).toMatch(/^B {2}Llama 3\.1 70B on Modal H100 +\$76,658\.39$/m);
    expect(text).toContain('month 22: C goes from 1 to 2 instances');
    for (const name of OPTIONS) expect(text).toContain(name);
  });

  it('simulate: percentiles, probability cheapest, break-even percentiles and a tornado', () => {
    const text = outputs.simulate[0]!;
    expect(text).toMatch(/^A {2}Llama 3\.1 70B on Modal H100 +\$998 +\$1,392 +\$2,164 +\$1,481 +90\.1%$/m);
    expect(text).toMatch(/^A vs C +12,011 +15,922 +21,450 +14\.8%$/m);
    const bars = lines(text).filter((l) => l.startsWith('traffic.') || l.startsWith('workload.'));
    expect(bars).toHaveLength(4);
    expect(bars[0]).toMatch(/^traffic\.users 3,000\.\.12,000 +-+\|\++ +\$925 \/ \$3,422$/);
    // Cache hits lower the bill: the high end sits left of the base.
    expect(bars[2]).toMatch(/\+\|-/);
    expect(bars[3]).toMatch(/^traffic\.peak_factor 2\.\.4 +\| +\$1,404 \/ \$1,404$/);
  });

  it('stays within 80 columns and free of control characters with long, hostile or non-dollar input', () => {
    const long = 'a self-hosted option with a very long descriptive name that goes on and on, well past eighty columns';
    const hostile = renamed(renamed(breakeven, SELF_HOST, long), API, 'evil\u001b[2J\u0007');
    const euro = { ...hostile, currency: 'EUR' };
    for (const text of [breakevenRenderers.table(euro, PLAIN), forecastRenderers.table(renamed({ ...forecast, currency: 'EUR' }, API, long), PLAIN), simulateRenderers.table(renamed(simulate, SERVERLESS, long), PLAIN)]) {
      for (const line of lines(text)) expect(width(line), line).toBeLessThanOrEqual(80);
      expect(text).not.toMatch(/[^\x20-\x7e\n]/);
    }
    expect(breakevenRenderers.table(euro, PLAIN)).toContain('1,083.46 EUR/month');
    expect(breakevenRenderers.table(euro, COLOUR)).toContain('€1,083.46/month');
  });

  it('charts traffic given without users against requests per month', () => {
    const noUsers: BreakevenReport = {
      ...breakeven,
      base: { ...breakeven.base, users: null },
      pairs: breakeven.pairs.map((p) => ({ ...p, users: null, crossings: p.crossings.map((c) => ({ ...c, users: null })) })),
      curves: breakeven.curves.map((c) => ({ ...c, points: c.points.map((p) => ({ ...p, users: null })) })),
    };
    const text = breakevenRenderers.table(noUsers, PLAIN);
    expect(text).toContain('requests/month (log scale)');
    expect(text).toContain('1  75,240 requests/month, $1,083.46/month: B becomes cheaper than A');
    expect(text).toMatch(/^A vs B +75,240 req\/month/m);
  });

  it('says so when there is nothing to chart', () => {
    const empty: BreakevenReport = { ...breakeven, pairs: [], curves: [] };
    expect(breakevenRenderers.table(empty, PLAIN)).toContain('(nothing to chart)');
    const none: ForecastReport = { ...forecast, months: [], cheapest_changes: [], capacity_changes: [], totals: [] };
    expect(forecastRenderers.table(none, PLAIN)).toContain('(nothing to chart)');
  });
});

describe('markdown', () => {
  it('break-even: the pairs, the crossings and a mermaid chart with one line per option and a legend', () => {
    const text = breakevenRenderers.markdown(breakeven, PLAIN);
    expect(text).toContain('| Pair | First crossing | Cost there | Cheaper above | Crossings | Payback | Why |');
    expect(text).toContain('1. 3,762 users, $1,083.46/month: Llama 3.1 70B on Modal H100 becomes cheaper than anthropic/claude-sonnet-4-6');
    const block = text.slice(text.indexOf('```mermaid'), text.indexOf('```', text.indexOf('```mermaid') + 3));
    expect(block).toContain('xychart-beta');
    const labels = block.match(/x-axis "[^"]*" \[(.*)\]/)![1]!.split(', ');
    const series = [...block.matchAll(/^ {2}line \[(.*)\]$/gm)].map((m) => m[1]!.split(', ').map(Number));
    expect(series).toHaveLength(3);
    for (const values of series) expect(values).toHaveLength(labels.length);
    // Read at 5,000 users, the scenario: each option's cost there.
    const at = labels.indexOf('"5,000"');
    expect(series.map((v) => v[at])).toEqual([1440, 1340.96, 3611.7]);
    expect(text).toContain(`Lines: blue = ${API}, orange = ${SERVERLESS}, green = ${SELF_HOST}.`);
  });

  it('forecast: totals, the changes of the cheapest, a mermaid line per option over the months', () => {
    const text = forecastRenderers.markdown(forecast, PLAIN);
    expect(text).toContain('1. month 17, $3,611.70/month: Llama 3.1 70B on 1x H100 (vLLM) becomes the cheapest (was Llama 3.1 70B on Modal H100)');
    expect(text).toContain('| Llama 3.1 70B on Modal H100 | $76,658.39 |');
    expect(text).toContain('x-axis "month" ["1", "2", "3"');
    expect(text.match(/^ {2}line \[/gm)).toHaveLength(3);
    expect(text).toContain('| **17** | 17,130 | $4,933.36 | $3,863.94 | $3,611.70 | Llama 3.1 70B on 1x H100 (vLLM) |');
  });

  it('simulate: percentile tables and the tornado', () => {
    const text = simulateRenderers.markdown(simulate, PLAIN);
    expect(text).toContain('| Llama 3.1 70B on Modal H100 | $998 | $1,392 | $2,164 | $1,481 | 90.1% |');
    expect(text).toContain('| workload.cache\\_hit | 0.2 to 0.6 | $1,490 | $1,319 | $171 |');
    expect(text).toContain('xychart-beta horizontal');
  });

  it('escapes option names: no raw HTML, no broken table, no closed fence', () => {
    const text = breakevenRenderers.markdown(renamed(breakeven, API, `${EVIL} | \`\`\` "x"`), PLAIN);
    expect(text).not.toContain(EVIL);
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; \\| \\`\\`\\`');
    expect(text.match(/^```/gm)).toHaveLength(2);
  });
});

describe('csv and json', () => {
  const rows = (text: string) => text.replace(/\r\n$/, '').split('\r\n');

  it('break-even: one row per crossing, unrounded', () => {
    const r = rows(breakevenRenderers.csv(breakeven, PLAIN));
    expect(r[0]).toBe('a,b,currency,scale,users,requests_per_month,tokens_per_month,monthly_cost,cheaper_above,payback_months,reason');
    expect(r).toHaveLength(1 + 5);
    expect(r[1]).toMatch(new RegExp(`^${API},${SERVERLESS},USD,0\\.7524,3762,75240,180576000,1083\\.456,${SERVERLESS},,"`));
  });

  it('forecast: one row per month and option; simulate: one row per option', () => {
    const f = rows(forecastRenderers.csv(forecast, PLAIN));
    expect(f[0]).toBe('month,scale,users,requests_per_month,option,currency,monthly_cost,cumulative_cost,instances,cheapest');
    expect(f).toHaveLength(1 + 24 * 3);
    expect(f[3]).toBe(`1,1,5000,100000,${SELF_HOST},USD,3611.7,3611.7,1,false`);
    const s = rows(simulateRenderers.csv(simulate, PLAIN));
    expect(s[0]).toBe('option,kind,currency,samples,seed,p10,p50,p90,mean,probability_cheapest,probability_viable');
    expect(s[1]).toBe(`${SERVERLESS},serverless,USD,10000,42,998.41,1392.07,2163.55,1480.9,0.9012,1`);
  });

  it('json is the report', () => {
    expect(JSON.parse(breakevenRenderers.json(breakeven, PLAIN))).toEqual(breakeven);
    expect(JSON.parse(forecastRenderers.json(forecast, PLAIN))).toEqual(forecast);
    expect(JSON.parse(simulateRenderers.json(simulate, PLAIN))).toEqual(simulate);
  });
});

describe('html', () => {
  const full = estimateHtml(estimate, { breakeven, forecast });
  const svg = (html: string, chart: string) => {
    const start = html.indexOf(`<svg data-chart="${chart}"`);
    return start === -1 ? '' : html.slice(start, html.indexOf('</svg>', start) + 6);
  };
  const attrs = (html: string, re: RegExp) => [...html.matchAll(re)].map((m) => m[1]);

  it('is one self-contained document: no script, no external reference', () => {
    for (const html of [full, breakevenRenderers.html(breakeven, PLAIN), forecastRenderers.html(forecast, PLAIN), simulateRenderers.html(simulate, PLAIN)]) {
      expect(html.startsWith('<!doctype html>')).toBe(true);
      expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
      expect(html).not.toMatch(/\s(?:src|href|xlink:href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
      expect(html).toContain("Content-Security-Policy\" content=\"default-src 'none'");
    }
  });

  it('the break-even chart: one polyline per option, a circle per crossing, a title and a legend', () => {
    const chart = svg(full, 'breakeven');
    expect(chart).toMatch(/^<svg data-chart="breakeven" viewBox="0 0 760 \d+"[^>]* role="img"/);
    expect(chart).toContain('<title id="breakeven-title">Monthly cost of each option by users</title>');
    expect(attrs(chart, /<polyline data-series="([^"]*)"/g)).toEqual(OPTIONS);
    for (const points of attrs(chart, /points="([^"]*)"/g)) expect(points!.split(' ').length).toBeGreaterThan(10);
    expect(attrs(chart, /<circle data-crossing="([^"]*)"/g)).toEqual([
      `${API} / ${SERVERLESS}`, `${API} / ${SELF_HOST}`, `${SERVERLESS} / ${SELF_HOST}`, `${SERVERLESS} / ${SELF_HOST}`, `${SERVERLESS} / ${SELF_HOST}`,
    ]);
    expect(chart).toContain('users (log scale)');
    for (const name of OPTIONS) expect(chart).toMatch(new RegExp(`<text[^>]*><title>${name.replace(/[()]/g, '\\$&')}`));
  });

  it('the forecast charts (monthly and cumulative), tables with headers, the assumptions', () => {
    const chart = svg(full, 'forecast');
    expect(attrs(chart, /<polyline data-series="([^"]*)"/g)).toEqual(OPTIONS);
    expect(attrs(chart, /<circle data-crossing="([^"]*)"/g)).toEqual([`${SERVERLESS} / ${SELF_HOST}`, `${SELF_HOST} / ${SERVERLESS}`]);
    expect(attrs(svg(full, 'forecast-cumulative'), /<polyline data-series="([^"]*)"/g)).toEqual(OPTIONS);
    expect(full).toContain('<th scope="col" class="num">Monthly</th>');
    expect(full).toContain('<h2>Assumptions</h2>');
    expect(full).toContain('prices as of 2026-07-01 (147 days old)');
    expect(full).toContain('https://lambda.ai/pricing'); // a source, as text
    expect(full).toContain('<li class="warning">modal/h100&#39;s price is 147 days old');
  });

  it('the estimate alone, and simulate, have their own charts', () => {
    const alone = estimateHtml(estimate, {});
    expect(alone).not.toContain('data-chart=');
    expect(alone).toContain('<table>');
    const sim = simulateRenderers.html(simulate, PLAIN);
    expect(attrs(sim, /<svg data-chart="([^"]*)"/g)).toEqual(['simulate', 'tornado']);
    expect(attrs(sim, /<g data-series="([^"]*)"/g)).toEqual([SERVERLESS, API, SELF_HOST]);
  });

  it('escapes every text from user files', () => {
    const evil = estimateHtml(renamed(estimate, API, EVIL), { breakeven: renamed(breakeven, API, EVIL), forecast: renamed({ ...forecast, scenario: { ...forecast.scenario, name: EVIL } }, API, EVIL) });
    expect(evil).not.toContain(EVIL);
    expect(evil).not.toMatch(/<script/i);
    expect(evil).toContain('data-series="&lt;script&gt;alert(1)&lt;/script&gt;"');
    const quote = breakevenRenderers.html(renamed(breakeven, API, '"><img src=x onerror=alert(1)>'), PLAIN);
    expect(quote).not.toMatch(/<img/i);
    expect(quote).toContain('data-series="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
  });
});

describe('odd reports', () => {
  const many: BreakevenReport = {
    ...breakeven,
    curves: Array.from({ length: 10 }, (_, i) => ({ option: `option ${i}`, kind: 'api' as const, points: [{ scale: 1, users: 5000, requests_per_month: 1e5, monthly_cost: 100 * (i + 1), instances: null }, { scale: 2, users: 1e4, requests_per_month: 2e5, monthly_cost: 200 * (i + 1), instances: null }] })),
    pairs: [],
  };
  const cases: [string, BreakevenReport | ForecastReport][] = [
    ['ten options', many],
    ['every cost zero', { ...breakeven, curves: breakeven.curves.map((c) => ({ ...c, points: c.points.map((p) => ({ ...p, monthly_cost: 0 })) })) }],
    ['one point per curve', { ...breakeven, curves: breakeven.curves.map((c) => ({ ...c, points: c.points.slice(0, 1) })) }],
    ['one month', { ...forecast, months: forecast.months.slice(0, 1), cheapest_changes: [], capacity_changes: [] }],
  ];

  it.each(cases)('%s: renders in every format, no NaN, within 80 columns', (_, report) => {
    const renderers = report.command === 'breakeven' ? breakevenRenderers : forecastRenderers;
    for (const format of ['table', 'markdown', 'csv', 'html'] as const) {
      const text = (renderers[format] as (r: typeof report, o: { color: boolean }) => string)(report, PLAIN);
      expect(text, format).not.toMatch(/NaN|Infinity|undefined/);
      if (format === 'table') for (const line of lines(text)) expect(width(line), line).toBeLessThanOrEqual(80);
    }
  });

  it('ten options: ten letters in the legend and ten polylines', () => {
    const text = breakevenRenderers.table(many, PLAIN);
    for (const [i, letter] of [...'ABCDEFGHIJ'].entries()) expect(text).toContain(`${letter}  option ${i} (API)`);
    expect(breakevenRenderers.html(many, PLAIN).match(/<polyline data-series=/g)).toHaveLength(10);
  });
});

describe('reading a cost curve', () => {
  it('is straight between samples and takes the upper side of a step', () => {
    const points = [{ x: 1, y: 10 }, { x: 3, y: 30 }, { x: 3, y: 60 }, { x: 5, y: 60 }];
    expect(curveValueAt(points, 2)).toBe(20);
    expect(curveValueAt(points, 3)).toBe(60);
    expect(curveValueAt(points, 0.5)).toBe(10);
    expect(curveValueAt(points, 9)).toBe(60);
    expect(curveValueAt([], 1)).toBeNull();
  });

  it('uses a log cost axis when the spread is large', () => {
    const plot = breakevenPlot(breakeven, moneyFormatter('USD', true));
    expect(plot.y.log).toBe(true); // 144 to 14,400: 100x
    expect(plot.x.log).toBe(true);
    expect(plot.base).toEqual({ x: 5000, label: 'the scenario, 5,000 users' });
  });
});
