// Break-even: the traffic at which two options cost the same. Each option's cost is
// fixed + per_unit x s + per_instance x instances(s) with traffic scaled by s (CostScaling), so
// between two step boundaries of the self-hosted options both costs are straight lines and every
// crossing is solved exactly; a step can also carry one option past the other. Pure.

import type { BreakevenPair, CostCurve, CostScaling, CostedOptionReport, Crossing, EstimateReport } from '../report.js';
import { MAX_BREAKEVEN_STEPS, MAX_CROSSINGS_PER_PAIR } from '../limits.js';
import { groupDigits } from '../units.js';

export interface Range {
  minScale: number;
  maxScale: number;
}

/** By default: from a hundredth of the scenario's traffic to a hundred times it. */
export const DEFAULT_RANGE: Range = { minScale: 0.01, maxScale: 100 };
/** Instance steps listed per option at most: far past any real deployment; crossings beyond them are not looked for. */
const MAX_STEPS = 20_000;
/** Steps per option when many pairs share MAX_BREAKEVEN_STEPS: enough for the first hundreds of instances. */
const MIN_STEPS = 100;
const EPSILON = 1e-9;

export function instancesAt(s: CostScaling, scale: number): number {
  if (s.per_instance === 0 && s.instances_per_unit === 0) return 0;
  if (s.fixed_instances !== null) return s.fixed_instances;
  return Math.max(s.min_instances, Math.ceil(s.instances_per_unit * scale - EPSILON));
}

export function costAt(s: CostScaling, scale: number): number {
  return s.fixed + s.per_unit * scale + s.per_instance * instancesAt(s, scale);
}

/** Scales in (lo, hi] where an option adds an instance: n / instances_per_unit. */
function stepsIn(s: CostScaling, lo: number, hi: number, maxSteps = MAX_STEPS): number[] {
  if (s.per_instance === 0 || s.fixed_instances !== null || s.instances_per_unit <= 0) return [];
  const k = s.instances_per_unit;
  const first = Math.max(s.min_instances, Math.floor(k * lo + EPSILON)) + 0;
  const out: number[] = [];
  // Past 2^53, n + 1 === n and the loop would never end; counts that large are refused upstream.
  if (!Number.isSafeInteger(first) || !Number.isFinite(k * hi)) return [];
  for (let n = first; n / k <= hi && out.length <= maxSteps && n - first <= maxSteps + 1; n++) if (n / k > lo && n >= s.min_instances) out.push(n / k);
  return out;
}

/** Every scale in [lo, hi] where a and b swap places, and which is cheaper just above it. */
export interface Swap {
  scale: number;
  cheaperAbove: 'a' | 'b';
  /** The option whose step made the swap (null: the lines cross between steps). */
  stepOf: 'a' | 'b' | null;
}

export function crossings(a: CostScaling, b: CostScaling, lo: number, hi: number, maxSteps = MAX_STEPS): Swap[] {
  const stepsA = stepsIn(a, lo, hi, maxSteps);
  const stepsB = new Set(stepsIn(b, lo, hi, maxSteps));
  const bounds = [...new Set([lo, ...stepsA, ...stepsB, hi])].sort((x, y) => x - y);
  const out: Swap[] = [];
  const diff = (s: number) => costAt(a, s) - costAt(b, s);
  let previousSign = Math.sign(diff(lo));
  for (let i = 0; i + 1 < bounds.length; i++) {
    const left = bounds[i]!;
    const right = bounds[i + 1]!;
    // Instances are constant on (left, right]: evaluate the line just right of `left`.
    const probe = left + (right - left) * 1e-6;
    const startSign = Math.sign(diff(probe));
    // A step at `left` may carry one option past the other.
    if (i > 0 && startSign !== 0 && previousSign !== 0 && startSign !== previousSign) {
      out.push({ scale: left, cheaperAbove: startSign < 0 ? 'a' : 'b', stepOf: stepsB.has(left) ? 'b' : 'a' });
    }
    const na = instancesAt(a, probe);
    const nb = instancesAt(b, probe);
    const constant = a.fixed - b.fixed + a.per_instance * na - b.per_instance * nb;
    const slope = a.per_unit - b.per_unit;
    if (slope !== 0) {
      const root = -constant / slope;
      if (root > left + EPSILON && root < right - EPSILON) out.push({ scale: root, cheaperAbove: slope > 0 ? 'b' : 'a', stepOf: null });
    }
    previousSign = Math.sign(diff(right)) || startSign;
  }
  return out;
}

/** 12345.6 -> "12,346" (no Intl: its first call costs start-up time). */
const thousands = (n: number) => groupDigits(Math.round(n), 0);

function describe(report: EstimateReport, scale: number): { users: number | null; requests: number; tokens: number } {
  const requests = report.traffic.requests_per_month * scale;
  return {
    users: report.traffic.users === null ? null : report.traffic.users * scale,
    requests,
    tokens: requests * report.workload.workflow_tokens_per_request,
  };
}

function formatScale(report: EstimateReport, scale: number): string {
  const d = describe(report, scale);
  const round = (n: number) => (n >= 100 ? thousands(n) : String(Math.round(n * 100) / 100));
  return d.users !== null ? `${round(d.users)} users` : `${round(d.requests)} requests a month`;
}

/**
 * Where two options cross. `maxSteps` bounds the instance steps looked at per option (fewer when
 * many pairs share the work); `options` is how many the scenario compares, for the reason.
 */
export function breakevenPair(report: EstimateReport, a: CostedOptionReport, b: CostedOptionReport, range: Range, maxSteps = MAX_STEPS, options = 2): BreakevenPair {
  const found = crossings(a.scaling, b.scaling, range.minScale, range.maxScale, maxSteps);
  // Two step functions of nearly one size swap places at almost every step: list the first ones.
  const list: Crossing[] = found.slice(0, MAX_CROSSINGS_PER_PAIR).map(({ scale, cheaperAbove, stepOf }) => {
    const d = describe(report, scale);
    // At a step the two costs differ there: report the cost of the option that did not step.
    const cost = costAt(stepOf === 'a' ? b.scaling : a.scaling, scale);
    return { scale, users: d.users, requests_per_month: d.requests, tokens_per_month: d.tokens, monthly_cost: cost, cheaper_above: cheaperAbove === 'a' ? a.name : b.name };
  });
  return {
    a: a.name,
    b: b.name,
    viable: true,
    users: list[0]?.users ?? null,
    crossings: list,
    reason: (list.length > 0 ? crossingText(report, list, found.length - list.length) : neverText(report, a, b, range)) + stoppedText(a, b, range, maxSteps, options),
    payback_months: payback(a, b) ?? payback(b, a) ?? null,
  };
}

function crossingText(report: EstimateReport, list: Crossing[], more: number): string {
  const text = list.map((c) => `from ${formatScale(report, c.scale)} (${thousands(c.monthly_cost)} ${report.currency} a month) ${c.cheaper_above} is cheaper`).join('; ');
  return more > 0 ? `${text}; and ${thousands(more)} more crossings` : text;
}

/** Said when the shared budget of steps cut an option's steps short of the range (never for two options). */
function stoppedText(a: CostedOptionReport, b: CostedOptionReport, range: Range, maxSteps: number, options: number): string {
  if (maxSteps >= MAX_STEPS) return '';
  const cut = [a, b].some((o) => stepsIn(o.scaling, range.minScale, range.maxScale, maxSteps).length > maxSteps);
  return cut ? ` (crossings past ${thousands(maxSteps)} instance steps of an option are not looked for: the scenario compares ${options} options)` : '';
}

/** Why two options do not cross in range: which stays cheaper, and whether it ever changes. */
function neverText(report: EstimateReport, a: CostedOptionReport, b: CostedOptionReport, range: Range): string {
  const mid = Math.sqrt(range.minScale * range.maxScale);
  const [cheap, dear] = costAt(a.scaling, mid) <= costAt(b.scaling, mid) ? [a, b] : [b, a];
  const span = `${formatScale(report, range.minScale)} to ${formatScale(report, range.maxScale)}`;
  // Marginal cost of one more unit of traffic, instances counted as they come.
  const marginal = (s: CostScaling) => s.per_unit + (s.fixed_instances === null ? s.per_instance * s.instances_per_unit : 0);
  const mc = marginal(cheap.scaling);
  const md = marginal(dear.scaling);
  if (mc <= md) {
    const per1000 = (m: number) => ((m / report.traffic.requests_per_month) * 1000).toFixed(4);
    return `${cheap.name} is cheaper from ${span}, and never crosses: each extra 1,000 requests cost ${per1000(mc)} ${report.currency} on it and ${per1000(md)} on ${dear.name}`;
  }
  // The dearer option's lower marginal cost would catch up past the range.
  const gap = costAt(dear.scaling, range.maxScale) - costAt(cheap.scaling, range.maxScale);
  const beyond = range.maxScale + gap / (mc - md);
  return `${cheap.name} is cheaper from ${span}; ${dear.name} would catch up at about ${formatScale(report, beyond)} (beyond the range)`;
}

/** Months of savings against `other` that repay an owned option's purchase; undefined if not owned. */
function payback(owned: CostedOptionReport, other: CostedOptionReport): number | null | undefined {
  if (owned.kind !== 'self_host' && owned.kind !== 'hybrid') return undefined;
  const purchase = owned.purchase;
  if (purchase === null) return undefined;
  const running = owned.monthly_cost - owned.breakdown.hardware;
  const savings = other.monthly_cost - running;
  return savings > 0 ? purchase / savings : null;
}

/**
 * Each option's cost over the range: a log-spaced grid plus both sides of every step. A step at
 * n / instances_per_unit still runs n instances; the next one starts just above it.
 */
export function costCurves(report: EstimateReport, options: CostedOptionReport[], range: Range, points = 60): CostCurve[] {
  const grid: number[] = [];
  const ratio = range.maxScale / range.minScale;
  for (let i = 0; i <= points; i++) grid.push(range.minScale * ratio ** (i / points));
  return options.map((o) => {
    const steps = stepsIn(o.scaling, range.minScale, range.maxScale);
    const scales = [...grid, ...(steps.length <= 400 ? steps.flatMap((s) => [s, s * (1 + 1e-6)]) : [])].sort((x, y) => x - y);
    return {
      option: o.name,
      kind: o.kind,
      points: scales.map((scale) => {
        const d = describe(report, scale);
        return { scale, users: d.users, requests_per_month: d.requests, monthly_cost: costAt(o.scaling, scale), instances: o.kind === 'self_host' || o.kind === 'hybrid' ? instancesAt(o.scaling, scale) : null };
      }),
    };
  });
}

export function breakevenPairs(report: EstimateReport, range: Range = DEFAULT_RANGE): BreakevenPair[] {
  const costed = report.options.filter((o): o is CostedOptionReport => o.monthly_cost !== null);
  const pairs: BreakevenPair[] = [];
  // Each pair walks both options' steps: the pairs share one budget of them.
  const pairCount = (costed.length * (costed.length - 1)) / 2;
  const maxSteps = Math.min(MAX_STEPS, Math.max(MIN_STEPS, Math.floor(MAX_BREAKEVEN_STEPS / Math.max(1, pairCount) / 2)));
  for (let i = 0; i < costed.length; i++) {
    for (let j = i + 1; j < costed.length; j++) {
      const a = costed[i]!;
      const b = costed[j]!;
      pairs.push(a.viable && b.viable ? breakevenPair(report, a, b, range, maxSteps, costed.length) : notViablePair(a, b));
    }
  }
  return pairs;
}

/** A pair with an option that is no choice: no crossing to act on, and why. */
export function notViablePair(a: CostedOptionReport, b: CostedOptionReport): BreakevenPair {
  const out = [a, b].filter((o) => !o.viable);
  const reason = out.map((o) => `${o.name} is not viable: ${o.not_viable_because.join('; ')}`).join('; ');
  return { a: a.name, b: b.name, viable: false, users: null, crossings: [], reason: `${reason} (no break-even to act on)`, payback_months: null };
}
