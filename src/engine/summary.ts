// The headline of a report: one or two sentences that answer the scenario's question (which
// option, at what cost, how far ahead of the next, where that changes, and which options cannot
// serve the traffic at all), built from the report's own figures. The text rounds for reading, as
// a renderer would; `figures` keeps every number it shows, unrounded, under a name. Option names
// come from a user's file and are data: quoted as they are, escaped by each format.

import { formatCount, formatFactor, formatMoney, formatShare } from '../formats/numbers.js';
import type { BreakevenPair, BreakevenReport, CostedOptionReport, CostScaling, EstimateReport, ForecastReport, SimulateReport, SummaryLine } from '../report.js';
import { costAt, DEFAULT_RANGE, type Range } from './breakeven.js';

/** Not-viable options named one by one; past this many, the rest are counted. */
const NAMED_NOT_VIABLE = 2;

interface Traffic {
  users: number | null;
  requests_per_month: number;
}

/** "4,000 users", or "12,000 requests a month" when the scenario gives no users; at scale s. */
function trafficAt(t: Traffic, scale: number): { text: string; users: number | null; requests_per_month: number } {
  const requests = t.requests_per_month * scale;
  if (t.users === null) return { text: `${formatCount(requests)} requests a month`, users: null, requests_per_month: requests };
  const users = t.users * scale;
  return { text: `${formatCount(users)} users`, users, requests_per_month: requests };
}

const pairOf = (pairs: BreakevenPair[], a: string, b: string) => pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));

/** The first crossing above the scenario's traffic after which `other` is the cheaper of the two. */
const overtakes = (pair: BreakevenPair | undefined, other: string) => pair?.crossings.find((c) => c.scale > 1 && c.cheaper_above === other);

function notViableLines(list: { name: string; not_viable_because: string[] }[]): SummaryLine[] {
  const lines: SummaryLine[] = list.slice(0, NAMED_NOT_VIABLE).map((o) => ({
    kind: 'not_viable',
    text: `${o.name} cannot serve this traffic: ${o.not_viable_because[0] ?? 'not viable'}.`,
    figures: { option: o.name },
  }));
  const rest = list.length - NAMED_NOT_VIABLE;
  if (rest > 0) lines.push({ kind: 'not_viable', text: `${rest} more ${rest === 1 ? 'option is' : 'options are'} not viable either.`, figures: { options: rest } });
  return lines;
}

/** The estimate's headline: the cheapest viable option, the next one against it, and what cannot serve. */
export function estimateSummary(r: EstimateReport, range: Range = DEFAULT_RANGE): SummaryLine[] {
  const money = (n: number) => formatMoney(n, r.currency);
  const viable = r.options.filter((o): o is CostedOptionReport => o.viable && o.monthly_cost !== null);
  const lines: SummaryLine[] = [];
  const best = viable[0];
  if (!best) {
    lines.push({ kind: 'none_viable', text: 'No option can serve this traffic, so none is recommended.', figures: {} });
    return [...lines, ...notViableLines(r.options.filter((o) => !o.viable))];
  }
  lines.push({
    kind: 'cheapest',
    text: `${best.name} is the cheapest way to serve this traffic: ${money(best.monthly_cost)} a month (${money(best.per_request_cost)} a request).`,
    figures: { option: best.name, monthly_cost: best.monthly_cost, per_request_cost: best.per_request_cost },
  });
  const next = viable[1];
  if (next) {
    const ratio = best.monthly_cost > 0 ? next.monthly_cost / best.monthly_cost : null;
    const crossing = overtakes(pairOf(r.breakeven, best.name, next.name), next.name);
    const top = trafficAt(r.traffic, range.maxScale);
    const cost = ratio === null ? money(next.monthly_cost) : `${formatFactor(ratio)} as much (${money(next.monthly_cost)} a month)`;
    const where = crossing
      ? `, and becomes the cheaper of the two above ${trafficAt(r.traffic, crossing.scale).text}`
      : `, and stays the dearer of the two up to ${top.text} (${formatFactor(range.maxScale)} this traffic)`;
    lines.push({
      kind: 'runner_up',
      text: `${next.name}, the next cheapest, costs ${cost}${r.breakeven.length > 0 ? where : ''}.`,
      figures: {
        option: next.name,
        monthly_cost: next.monthly_cost,
        ratio,
        breakeven_users: crossing ? crossing.users : null,
        breakeven_requests_per_month: crossing ? crossing.requests_per_month : null,
        range_max_users: crossing || r.breakeven.length === 0 ? null : top.users,
        range_max_requests_per_month: crossing || r.breakeven.length === 0 ? null : top.requests_per_month,
      },
    });
  }
  return [...lines, ...notViableLines(r.options.filter((o) => !o.viable))];
}

/** The break-even headline: what is cheapest at the scenario's traffic, and where that changes. */
export function breakevenSummary(r: BreakevenReport): SummaryLine[] {
  const money = (n: number) => formatMoney(n, r.currency);
  const base = { users: r.base.users, requests_per_month: r.base.requests_per_month };
  const viable = r.options.filter((o) => o.viable).map((o) => ({ ...o, monthly: costAt(o.scaling as CostScaling, 1) }));
  viable.sort((a, b) => a.monthly - b.monthly || a.name.localeCompare(b.name));
  const best = viable[0];
  const lines: SummaryLine[] = [];
  if (!best) {
    lines.push({ kind: 'none_viable', text: 'No option can serve this traffic, so there is no break-even to act on.', figures: {} });
    return [...lines, ...notViableLines(r.options.filter((o) => !o.viable))];
  }
  const at = trafficAt(base, 1);
  lines.push({
    kind: 'cheapest',
    text: `At ${at.text}, ${best.name} is the cheapest: ${money(best.monthly)} a month.`,
    figures: { option: best.name, monthly_cost: best.monthly, users: at.users, requests_per_month: at.requests_per_month },
  });
  // The first option to overtake it as traffic grows.
  const first = viable
    .slice(1)
    .flatMap((o) => {
      const c = overtakes(pairOf(r.pairs, best.name, o.name), o.name);
      return c ? [{ option: o.name, crossing: c }] : [];
    })
    .sort((a, b) => a.crossing.scale - b.crossing.scale)[0];
  const top = trafficAt(base, r.range.max_scale);
  if (first) {
    const where = trafficAt(base, first.crossing.scale);
    lines.push({
      kind: 'breakeven',
      text: `Above ${where.text} (${formatFactor(first.crossing.scale)} today's traffic), ${first.option} becomes cheaper than ${best.name}; both cost ${money(first.crossing.monthly_cost)} a month there.`,
      figures: { option: first.option, than: best.name, scale: first.crossing.scale, users: where.users, requests_per_month: where.requests_per_month, monthly_cost: first.crossing.monthly_cost },
    });
  } else if (viable.length > 1) {
    lines.push({
      kind: 'no_breakeven',
      text: `No other option becomes cheaper than ${best.name} up to ${top.text} (${formatFactor(r.range.max_scale)} today's traffic).`,
      figures: { option: best.name, scale: r.range.max_scale, users: top.users, requests_per_month: top.requests_per_month },
    });
  }
  return [...lines, ...notViableLines(r.options.filter((o) => !o.viable))];
}

/**
 * The forecast's headline: the option that costs least over the whole forecast, the next one
 * against it, the month the cheapest changes (if it does), and what is left out as not viable.
 */
export function forecastSummary(r: Omit<ForecastReport, 'summary'>): SummaryLine[] {
  const money = (n: number) => formatMoney(n, r.currency);
  const months = r.months.length;
  const lines: SummaryLine[] = [];
  const [best, next] = r.totals;
  if (!best) {
    lines.push({ kind: 'none_viable', text: 'No option can serve this traffic, so there is nothing to forecast.', figures: {} });
    return [...lines, ...notViableLines(r.not_viable.map((o) => ({ name: o.option, not_viable_because: o.not_viable_because })))];
  }
  lines.push({
    kind: 'cheapest_total',
    text: `Over ${formatCount(months)} ${months === 1 ? 'month' : 'months'} at ${formatShare(r.growth)} growth a month, ${best.option} costs the least in all: ${money(best.cumulative_cost)}.`,
    figures: { option: best.option, cumulative_cost: best.cumulative_cost, months, growth: r.growth },
  });
  if (next) {
    const ratio = best.cumulative_cost > 0 ? next.cumulative_cost / best.cumulative_cost : null;
    lines.push({
      kind: 'runner_up',
      text: `${next.option}, the next, comes to ${money(next.cumulative_cost)}${ratio === null ? '' : ` (${formatFactor(ratio)} as much)`}.`,
      figures: { option: next.option, cumulative_cost: next.cumulative_cost, ratio },
    });
  }
  const change = r.cheapest_changes[0];
  if (change) {
    lines.push({
      kind: 'cheapest_changes',
      text: `From month ${formatCount(change.month)}, ${change.to} is cheaper each month than ${change.from}.`,
      figures: { month: change.month, from: change.from, to: change.to },
    });
  }
  return [...lines, ...notViableLines(r.not_viable.map((o) => ({ name: o.option, not_viable_because: o.not_viable_because })))];
}

/**
 * The simulation's headline: the option most often the cheapest, how often, and the spread of its
 * bill (P10 to P90, the middle); then the input that moves that bill most.
 */
export function simulateSummary(r: Omit<SimulateReport, 'summary'>): SummaryLine[] {
  const money = (n: number) => formatMoney(n, r.currency);
  const best = [...r.options].sort((a, b) => b.probability_cheapest - a.probability_cheapest || a.p50 - b.p50 || a.name.localeCompare(b.name))[0];
  if (!best || best.probability_cheapest === 0) return [{ kind: 'none_viable', text: 'No option was viable in any sample.', figures: {} }];
  const lines: SummaryLine[] = [
    {
      kind: 'cheapest',
      text:
        `${best.name} is the cheapest viable option in ${formatShare(best.probability_cheapest)} of ${formatCount(r.samples)} samples; ` +
        `its bill is ${money(best.p10)} to ${money(best.p90)} a month (P10 to P90), ${money(best.p50)} in the middle.`,
      figures: { option: best.name, probability_cheapest: best.probability_cheapest, samples: r.samples, p10: best.p10, p50: best.p50, p90: best.p90 },
    },
  ];
  const bar = r.tornado.option === best.name ? [...r.tornado.bars].sort((a, b) => Math.abs(b.high_monthly - b.low_monthly) - Math.abs(a.high_monthly - a.low_monthly))[0] : undefined;
  if (bar && bar.high_monthly !== bar.low_monthly) {
    lines.push({
      kind: 'driver',
      text: `${bar.path} moves it most: ${money(bar.low_monthly)} at its low, ${money(bar.high_monthly)} at its high.`,
      figures: { path: bar.path, low_monthly: bar.low_monthly, high_monthly: bar.high_monthly },
    });
  }
  return lines;
}
