// Monte Carlo over a scenario's ranges: seeded, so the same seed gives the same report byte for
// byte. Each sample draws every uncertain input, estimates every option, and solves the first
// break-even of each API option against each self-hosted or serverless one. A tornado ranks the
// inputs by how far each alone moves the bill of the option cheapest at the middle. Pure.

import { simulateSummary } from './summary.js';
import { REPORT_SCHEMA, type CostScaling, type CostedOptionReport, type EstimateReport, type Percentiles, type SimulateReport, type TornadoBar } from '../report.js';
import type { Resolved } from '../scenario/resolve.js';
import type { Scenario } from '../scenario/types.js';
import { costAt, DEFAULT_RANGE, type Range } from './breakeven.js';
import { estimate } from './estimate.js';
import { draw, mulberry32, quantile } from './random.js';
import { setterFor, touchesDeployment } from './uncertain.js';
import type { AccuracyKind } from '../catalogue/types.js';

export interface SimulateSettings {
  samples: number;
  seed: number;
  range?: Range;
  /** Binds a changed scenario's deployments again (needed when a range touches hardware prices). */
  resolve: (s: Scenario) => Resolved;
}

export function simulate(scenario: Scenario, resolved: Resolved, settings: SimulateSettings): SimulateReport {
  const range = settings.range ?? DEFAULT_RANGE;
  const inputs = scenario.uncertain;
  const reresolve = inputs.some((u) => touchesDeployment(u.path));
  const base = estimate(scenario, resolved, { breakeven: false });
  const names = base.options.map((o) => o.name);
  const costs = new Map<string, number[]>(names.map((n) => [n, []]));
  const cheapestCount = new Map<string, number>(names.map((n) => [n, 0]));
  const viableCount = new Map<string, number>(names.map((n) => [n, 0]));
  const pairs = breakevenPairsOf(base);
  const pairUsers = pairs.map(() => [] as number[]);
  const pairNever = pairs.map(() => 0);
  const pairNotViable = pairs.map(() => 0);
  const random = mulberry32(settings.seed);
  // Each path parsed once, not per sample.
  const draws = inputs.map((u) => ({ set: setterFor(scenario, u.path), distribution: u.distribution }));
  // Model error: each estimated speed is drawn within its accuracy band, one factor per option per
  // sample, into one array reused by every sample. From a stream of its own, so that the inputs'
  // draws are the same with or without bands.
  const modelError = speedBands(scenario, resolved);
  const factors = new Float64Array(scenario.options.length).fill(1);
  const speedRandom = mulberry32((settings.seed ^ SPEED_STREAM) >>> 0);

  for (let i = 0; i < settings.samples; i++) {
    let sample = scenario;
    for (const d of draws) sample = d.set(sample, draw(d.distribution, random()));
    for (const m of modelError) factors[m.index] = m.low * (m.high / m.low) ** speedRandom();
    const report = estimate(sample, reresolve ? settings.resolve(sample) : resolved, { breakeven: false, lean: true, speedFactors: factors });
    const costed = report.options.filter((o): o is CostedOptionReport => o.monthly_cost !== null);
    let cheapest: string | undefined;
    for (const o of costed) {
      costs.get(o.name)?.push(o.monthly_cost);
      if (!o.viable) continue;
      viableCount.set(o.name, (viableCount.get(o.name) ?? 0) + 1);
      cheapest ??= o.name;
    }
    if (cheapest !== undefined) cheapestCount.set(cheapest, (cheapestCount.get(cheapest) ?? 0) + 1);
    pairs.forEach(([a, b], p) => {
      const oa = costed.find((o) => o.name === a);
      const ob = costed.find((o) => o.name === b);
      // A sample where either is not viable has no break-even to act on.
      if (oa && ob && (!oa.viable || !ob.viable)) {
        pairNotViable[p]!++;
        return;
      }
      const scale = oa && ob ? firstCrossing(oa.scaling, ob.scaling, range) : null;
      if (scale === null || report.traffic.users === null) pairNever[p]!++;
      else pairUsers[p]!.push(scale * report.traffic.users);
    });
  }

  const percentiles = (values: number[]): Percentiles => {
    // A typed array sorts numerically without a comparator call per pair: several times faster at 10,000 samples.
    const sorted = Float64Array.from(values).sort();
    return { p10: quantile(sorted, 0.1), p50: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), mean: sorted.reduce((a, b) => a + b, 0) / sorted.length };
  };
  const warnings = [...base.warnings];
  if (inputs.length === 0 && modelError.length === 0) warnings.push('the scenario has no ranges (400..900 or {min, mode, max}): every sample is the same');
  const report: Omit<SimulateReport, 'summary'> = {
    schema: REPORT_SCHEMA,
    command: 'simulate',
    scenario: base.scenario,
    currency: base.currency,
    samples: settings.samples,
    seed: settings.seed,
    inputs: inputs.map((u) => ({ path: u.path, distribution: u.distribution })),
    model_error: modelError.map((m) => ({ option: scenario.options[m.index]!.name, kind: m.kind, distribution: { kind: 'log-uniform', min: m.low, max: m.high }, basis: m.basis })),
    options: base.options
      .filter((o) => (costs.get(o.name) ?? []).length > 0)
      .map((o) => ({ name: o.name, kind: o.kind, probability_cheapest: (cheapestCount.get(o.name) ?? 0) / settings.samples, probability_viable: (viableCount.get(o.name) ?? 0) / settings.samples, ...percentiles(costs.get(o.name)!) })),
    breakeven: pairs.map(([a, b], p) => ({ a, b, users: pairUsers[p]!.length > 0 ? percentiles(pairUsers[p]!) : null, probability_never: pairNever[p]! / settings.samples, probability_not_viable: pairNotViable[p]! / settings.samples })),
    tornado: tornado(scenario, resolved, base, settings),
    warnings,
  };
  return { ...report, summary: simulateSummary(report) };
}

/** Seeds the speed factors' stream apart from the inputs' (any fixed odd constant would do). */
const SPEED_STREAM = 0x9e3779b9;

/**
 * The accuracy band each estimated speed is drawn in: a self-hosted option's aggregate speed (it
 * sizes the instances), a serverless option's one stream. Measured speeds (tokens_per_second,
 * seconds_per_request) and figures with no validation data are not drawn.
 */
export function speedBands(scenario: Scenario, resolved: Resolved): { index: number; kind: AccuracyKind; low: number; high: number; basis: string }[] {
  const out: { index: number; kind: AccuracyKind; low: number; high: number; basis: string }[] = [];
  scenario.options.forEach((o, index) => {
    if (o.kind === 'api' || o.tokensPerSecond !== undefined || (o.kind === 'serverless' && o.secondsPerRequest !== undefined)) return;
    const kind: AccuracyKind = o.kind === 'serverless' ? 'decode' : 'aggregate';
    const band = resolved.deployments[index]?.bands?.[kind];
    if (band) out.push({ index, kind, low: band.low, high: band.high, basis: band.basis });
  });
  return out;
}

/** API options against self-hosted and serverless ones: the break-evens that decide how to serve. */
function breakevenPairsOf(report: EstimateReport): [string, string][] {
  const costed = report.options.filter((o) => o.monthly_cost !== null);
  const apis = costed.filter((o) => o.kind === 'api');
  const others = costed.filter((o) => o.kind !== 'api');
  return apis.flatMap((a) => others.map((o): [string, string] => [a.name, o.name]));
}

/**
 * The first scale where a and b swap places, or null; the simulation's hot path. Two straight
 * lines cross in closed form. Otherwise bounds first: a self-hosted cost lies between its line
 * through the instance count unrounded and one instance more, so when the other option stays on
 * one side of both at both ends of the range they never meet, and no step is walked. Failing
 * that, the steps are walked in order and the walk stops at the first swap.
 */
export function firstCrossing(a: CostScaling, b: CostScaling, range: Range): number | null {
  const { minScale: lo, maxScale: hi } = range;
  const stepping = (s: CostScaling) => s.fixed_instances === null && s.per_instance > 0 && s.instances_per_unit > 0;
  if (!stepping(a) && !stepping(b)) {
    const slope = a.per_unit - b.per_unit;
    const constant = costAt(a, lo) - costAt(b, lo) - slope * lo;
    if (slope === 0) return null;
    const root = -constant / slope;
    return root > lo && root < hi ? root : null;
  }
  const lower = (s: CostScaling, x: number) => (stepping(s) ? s.fixed + s.per_unit * x + s.per_instance * Math.max(s.min_instances, s.instances_per_unit * x) : costAt(s, x));
  const upper = (s: CostScaling, x: number) => (stepping(s) ? lower(s, x) + s.per_instance : costAt(s, x));
  if (upper(a, lo) < lower(b, lo) && upper(a, hi) < lower(b, hi)) return null;
  if (upper(b, lo) < lower(a, lo) && upper(b, hi) < lower(a, hi)) return null;
  // Walk the merged steps of both options, interval by interval.
  const nextStep = (s: CostScaling, after: number) => {
    if (!stepping(s)) return Infinity;
    const n = Math.max(s.min_instances, Math.floor(s.instances_per_unit * after + 1e-9) + 1);
    return n / s.instances_per_unit;
  };
  const diff = (x: number) => costAt(a, x) - costAt(b, x);
  let left = lo;
  let sign = Math.sign(diff(lo));
  while (left < hi) {
    const right = Math.min(hi, nextStep(a, left), nextStep(b, left));
    const probe = left + (right - left) * 1e-6;
    const startSign = Math.sign(diff(probe));
    if (left > lo && startSign !== 0 && sign !== 0 && startSign !== sign) return left;
    const endSign = Math.sign(diff(right));
    if (startSign !== 0 && endSign !== 0 && startSign !== endSign) {
      const slope = a.per_unit - b.per_unit;
      return probe - diff(probe) / slope;
    }
    sign = endSign || startSign;
    left = right;
  }
  return null;
}

function tornado(scenario: Scenario, resolved: Resolved, base: EstimateReport, settings: SimulateSettings): SimulateReport['tornado'] {
  const option = base.cheapest;
  const baseMonthly = base.options.find((o) => o.name === option)?.monthly_cost ?? 0;
  if (!option) return { option: '', base_monthly: 0, bars: [] };
  const bars: TornadoBar[] = scenario.uncertain.map((u) => {
    const set = setterFor(scenario, u.path);
    const rebind = touchesDeployment(u.path);
    const billWith = (value: number) => {
      const s = set(scenario, value);
      const r = estimate(s, rebind ? settings.resolve(s) : resolved, { breakeven: false, lean: true });
      return r.options.find((o) => o.name === option)?.monthly_cost ?? NaN;
    };
    const low = u.distribution.min;
    const high = u.distribution.max;
    const lowMonthly = billWith(low);
    const highMonthly = billWith(high);
    return { path: u.path, low_value: low, high_value: high, low_monthly: lowMonthly, high_monthly: highMonthly, swing: Math.abs(highMonthly - lowMonthly) };
  });
  bars.sort((x, y) => y.swing - x.swing || x.path.localeCompare(y.path));
  return { option, base_monthly: baseMonthly, bars };
}
