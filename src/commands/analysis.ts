// llm-tco breakeven | forecast | simulate: where options cross, how the bill grows, how sure it is.

import { breakevenPairs, costCurves, DEFAULT_RANGE, type Range } from '../engine/breakeven.js';
import { forecast, notViableOptions } from '../engine/forecast.js';
import { simulate } from '../engine/simulate.js';
import { breakevenSummary } from '../engine/summary.js';
import { UserError } from '../errors.js';
import { formatCount } from '../formats/numbers.js';
import { breakevenRenderers, estimateHtml, forecastRenderers, simulateRenderers } from '../formats/analysis.js';
import type { Scenario } from '../scenario/types.js';
import type { AnalysisFormat } from '../formats/names.js';
import { emit, type Io } from '../io.js';
import { REPORT_SCHEMA, type BreakevenReport, type CostedOptionReport, type EstimateReport } from '../report.js';
import { bareGrowth, parseNumberText } from '../scenario/reader.js';
import { countFlag } from './flag-values.js';
import { estimateScenario, type PricingFlags } from './estimate.js';
import { readScenarioFile } from './scenario-file.js';

export interface AnalysisFlags extends PricingFlags {
  format: AnalysisFormat;
  out?: string;
  range?: string;
}

const COMMAND_LINE = 'command line';

/** The widest change of traffic a break-even range or a forecast may span, either way. */
const MAX_SCALE = 1e12;

/** --range LOW..HIGH in users (or requests a month when the scenario has no users), as scales. */
export function rangeOf(flags: Pick<AnalysisFlags, 'range'>, report: EstimateReport): Range {
  if (flags.range === undefined) return DEFAULT_RANGE;
  // 1k...1M would split into 1k and .1M (100,000): a range silently misread.
  if (/\.{3,}/.test(flags.range)) {
    throw UserError.at({ file: COMMAND_LINE, flag: '--range' }, '--range', `write LOW..HIGH with two dots, e.g. 1000..1M; got '${flags.range}'`);
  }
  const [low, high, ...rest] = flags.range.split('..');
  const lo = parseNumberText(low ?? '');
  const hi = parseNumberText(high ?? '');
  if (rest.length > 0 || lo === undefined || hi === undefined || lo <= 0 || hi <= lo) {
    throw UserError.at({ file: COMMAND_LINE, flag: '--range' }, '--range', `expected LOW..HIGH with 0 < LOW < HIGH, e.g. 1000..1M; got '${flags.range}'`);
  }
  const base = report.traffic.users ?? report.traffic.requests_per_month;
  if (hi / base > MAX_SCALE || lo / base < 1 / MAX_SCALE) {
    throw UserError.at({ file: COMMAND_LINE, flag: '--range' }, '--range', `at most ${MAX_SCALE.toExponential(0)} times the scenario's traffic either way (${formatCount(base)} now); got '${flags.range}'`);
  }
  return { minScale: lo / base, maxScale: hi / base };
}

export function breakevenReport(report: EstimateReport, range: Range): BreakevenReport {
  const costed = report.options.filter((o): o is CostedOptionReport => o.monthly_cost !== null);
  const warnings = [...report.warnings];
  if (costed.length < 2) warnings.push('break-even needs at least two costed options');
  const result: BreakevenReport = {
    schema: REPORT_SCHEMA,
    command: 'breakeven',
    scenario: report.scenario,
    currency: report.currency,
    base: { users: report.traffic.users, requests_per_month: report.traffic.requests_per_month, tokens_per_request: report.workload.workflow_tokens_per_request },
    range: { min_scale: range.minScale, max_scale: range.maxScale },
    options: costed.map((o) => ({ name: o.name, kind: o.kind, scaling: o.scaling, viable: o.viable, not_viable_because: o.not_viable_because, warnings: o.warnings })),
    pairs: breakevenPairs(report, range),
    // A curve is a choice drawn against the others: options that are not viable are left out, and listed.
    curves: costCurves(report, costed.filter((o) => o.viable), range),
    not_viable: notViableOptions(report),
    summary: [],
    warnings,
  };
  result.summary = breakevenSummary(result);
  return result;
}

/** The estimate as one HTML page: with the break-even chart, and the forecast when the scenario grows. */
export function estimateHtmlReport(scenario: Scenario, report: EstimateReport): string {
  const growth = scenario.traffic.growth;
  return estimateHtml(report, { breakeven: breakevenReport(report, DEFAULT_RANGE), ...(growth !== undefined ? { forecast: forecast(report, growth, 12) } : {}) });
}

export async function runBreakeven(file: string, flags: AnalysisFlags, io: Io): Promise<number> {
  const result = await breakevenOf(readScenarioFile(file), flags, io);
  emit(io, flags.out, (options) => breakevenRenderers[flags.format](result, options));
  return 0;
}

/** The report `breakeven` prints, from a scenario's text and the flags (the library's breakeven() too). Throws UserError. */
export async function breakevenOf(input: { file: string; text: string }, flags: Omit<AnalysisFlags, 'format' | 'out'>, io: Pick<Io, 'today'>): Promise<BreakevenReport> {
  const { report } = await estimateScenario(input, flags, io);
  return breakevenReport(report, rangeOf(flags, report));
}

export async function runForecast(file: string, flags: AnalysisFlags & { growth?: string; months?: string }, io: Io): Promise<number> {
  const { scenario, report } = await estimateScenario(readScenarioFile(file), flags, io);
  const growth = flags.growth === undefined ? scenario.traffic.growth : parseNumberText(flags.growth);
  if (growth === undefined || !Number.isFinite(growth) || growth <= -1) {
    throw UserError.at(
      flags.growth === undefined ? (scenario.locations.get('traffic') ?? { file }) : { file: COMMAND_LINE, flag: '--growth' },
      flags.growth === undefined ? 'traffic.growth' : '--growth',
      flags.growth === undefined ? 'a forecast needs a monthly growth' : `expected a monthly growth such as 8% or -5%, got '${flags.growth}'`,
      'set traffic.growth in the scenario, or pass --growth 8%',
    );
  }
  const bare = flags.growth === undefined ? undefined : bareGrowth(growth, flags.growth);
  if (bare) throw UserError.at({ file: COMMAND_LINE, flag: '--growth' }, '--growth', bare);
  const months = flags.months === undefined ? 12 : countFlag(flags.months, '--months', { integer: true, min: 1, example: 'e.g. 24' });
  if (months > 600) throw UserError.at({ file: COMMAND_LINE, flag: '--months' }, '--months', 'at most 600 (50 years)');
  // Past a million-million-fold change the figures mean nothing and soon overflow (11^300 is Infinity).
  const factor = (1 + growth) ** months;
  if (!(factor <= MAX_SCALE && factor >= 1 / MAX_SCALE)) {
    throw UserError.at(
      { file: COMMAND_LINE, flag: '--months' },
      '--months',
      `${months} months at ${Math.round(growth * 1000) / 10}% a month scale traffic by ${factor.toPrecision(3)}: beyond ${MAX_SCALE.toExponential(0)} either way`,
      'forecast fewer months or a smaller growth',
    );
  }
  const result = forecast(report, growth, months);
  emit(io, flags.out, (options) => forecastRenderers[flags.format](result, options));
  return 0;
}

export async function runSimulate(file: string, flags: AnalysisFlags & { samples?: string; seed?: string }, io: Io): Promise<number> {
  const { scenario, report, resolved, resolve } = await estimateScenario(readScenarioFile(file), flags, io);
  const samples = flags.samples === undefined ? 10_000 : countFlag(flags.samples, '--samples', { integer: true, min: 1 });
  if (samples > 1_000_000) throw UserError.at({ file: COMMAND_LINE, flag: '--samples' }, '--samples', 'at most 1,000,000');
  const seed = flags.seed === undefined ? 1 : countFlag(flags.seed, '--seed', { integer: true, min: 0, max: 2 ** 32 - 1, example: 'e.g. 42' });
  const result = simulate(scenario, resolved, { samples, seed, range: rangeOf(flags, report), resolve });
  emit(io, flags.out, (options) => simulateRenderers[flags.format](result, options));
  return 0;
}
