// Budget checks: a scenario's cost against its limits, with what to change when it is over, and
// its change against a baseline. Pure.

import { clip, didYouMean, type Location } from '../errors.js';
import type { BudgetCheck, BudgetLimit, CheckPrices, CostedOptionReport, EstimateReport, OptionCost, OptionDiff, ScenarioDiff, ScenarioInput, ScenarioVerdict } from '../report.js';
import { changedInputs, drivingChanges } from './baseline-diff.js';

export interface BudgetSpec {
  /** Amounts in the report's currency; `written`: as the scenario wrote it, when that was another currency. */
  limits: Partial<Record<BudgetLimit, { amount: number; location: Location; written?: BudgetCheck['written'] }>>;
  /** `cheapest` or an option's name. */
  option: string;
  warnAt: number;
}

const FIELD: Record<Exclude<BudgetLimit, 'max_tier'>, 'monthly_cost' | 'per_request_cost' | 'per_session_cost' | 'per_user_cost'> = {
  monthly: 'monthly_cost',
  per_request: 'per_request_cost',
  per_session: 'per_session_cost',
  per_user: 'per_user_cost',
};

/** The option a budget binds (`cheapest`: the cheapest viable one), or undefined when it is not costed or not there. */
export function boundOption(report: EstimateReport, option: string): CostedOptionReport | undefined {
  const costed = report.options.filter((o): o is CostedOptionReport => o.monthly_cost !== null);
  // A baseline written before viability was reported has no `viable`: its options count as viable.
  if (option === 'cheapest') return costed.find((o) => o.viable !== false);
  return costed.find((o) => o.name === option);
}

export function checkBudget(file: string, report: EstimateReport, spec: BudgetSpec): ScenarioVerdict {
  const bound = boundOption(report, spec.option);
  const base = { file, name: report.scenario.name, currency: report.currency, warn_at: spec.warnAt, problems: [] };
  if (!bound) {
    const names = report.options.map((o) => o.name);
    const named = spec.option === 'cheapest' || names.includes(spec.option);
    const costed = report.options.some((o) => o.monthly_cost !== null);
    const why = spec.option === 'cheapest' ? (costed ? 'no option is viable (see each option\'s not_viable_because)' : 'no option could be costed') : named ? `option '${clip(spec.option)}' could not be costed` : `no option is named '${clip(spec.option)}'`;
    const hint = named ? undefined : (didYouMean(spec.option, names) ?? `options: ${names.slice(0, 12).map(clip).join(', ')}${names.length > 12 ? ', ...' : ''}`);
    return { ...base, status: 'invalid', option: null, monthly_cost: null, checks: [], advice: [], options: optionCosts(report), problems: [{ location: { file }, path: 'budget.option', message: why, ...(hint ? { hint } : {}) }] };
  }
  const checks: BudgetCheck[] = (Object.entries(spec.limits) as [BudgetLimit, NonNullable<BudgetSpec['limits'][BudgetLimit]>][]).map(([limit, { amount, location, written }]) => {
    if (limit === 'max_tier') return tierCheck(bound, amount, location);
    const value = bound[FIELD[limit]] ?? null;
    const share = value === null ? null : amount > 0 ? value / amount : value > 0 ? Infinity : 0;
    const status = share === null ? 'ok' : value! > amount ? 'over' : share >= spec.warnAt ? 'warn' : 'ok';
    return { limit, budget: amount, value, share, status, over_by: status === 'over' ? value! - amount : null, location, ...(written ? { written } : {}) };
  });
  const status = checks.some((c) => c.status === 'over') ? 'over' : checks.some((c) => c.status === 'warn') ? 'warn' : 'ok';
  return { ...base, status, option: bound.name, monthly_cost: bound.monthly_cost, checks, advice: status === 'ok' ? [] : advise(report, bound, checks), options: optionCosts(report) };
}

/**
 * The rate-limit tier the bound option needs at peak against `max_tier`. Past the highest listed
 * tier the need counts as that tier + 1 (a negotiated limit or more projects/keys). An option with
 * no known tiers (not an API, batch, or no table) passes, with `needed: null`.
 */
function tierCheck(bound: CostedOptionReport, maxTier: number, location: BudgetCheck['location']): BudgetCheck {
  const needed = tierNeeded(bound);
  const rl = bound.kind === 'api' ? bound.rate_limit : undefined;
  const over = needed !== null && needed > maxTier;
  return {
    limit: 'max_tier', budget: maxTier, value: needed, share: null, status: over ? 'over' : 'ok', over_by: over ? needed - maxTier : null, location,
    tier: { needed: rl?.min_tier ?? null, name: rl?.min_tier_name ?? null, highest: rl?.highest_tier ?? null, exceeds_highest_tier: rl?.exceeds_highest_tier ?? false, model: bound.kind === 'api' ? bound.price.model : null },
  };
}

/** The lowest tier that carries an option's peak (highest listed + 1 past all of them); null when unknown. */
export function tierNeeded(o: CostedOptionReport): number | null {
  if (o.kind !== 'api' || !o.rate_limit) return null;
  if (o.rate_limit.min_tier !== null) return o.rate_limit.min_tier;
  return o.rate_limit.exceeds_highest_tier && o.rate_limit.highest_tier !== null ? o.rate_limit.highest_tier + 1 : null;
}

/** What would bring the bill under: another option that fits, or which part of the bill to cut. */
function advise(report: EstimateReport, bound: CostedOptionReport, checks: BudgetCheck[]): string[] {
  const advice: string[] = [];
  const fits = (o: CostedOptionReport) => checks.every((c) => (c.limit === 'max_tier' ? (tierNeeded(o) ?? 0) : (o[FIELD[c.limit]] ?? 0)) <= c.budget);
  const alternatives = report.options.filter((o): o is CostedOptionReport => o.monthly_cost !== null && o.viable && o.name !== bound.name && fits(o));
  if (alternatives.length > 0) advice.push(`switch to ${alternatives[0]!.name}, which fits every limit`);
  const worst = checks.filter((c) => c.share !== null).sort((a, b) => b.share! - a.share!)[0];
  if (worst && worst.share! > 1) advice.push(`cut ${bound.name}'s cost by ${Math.ceil((1 - 1 / worst.share!) * 100)}% to meet the ${worst.limit.replace('_', ' ')} budget`);
  // Where each limit that failed is written, as size-limit names the file that holds its limit.
  for (const c of checks) if (c.status === 'over') advice.push(`or raise ${limitPlace(c)}`);
  if (checks.some((c) => c.limit === 'max_tier' && c.status === 'over')) {
    advice.push('or carry a lower peak: fewer tokens per request, a flatter peak_factor, batch for work that can wait, or a negotiated limit');
  }
  // What the bill is made of helps only a limit on money.
  if (!checks.some((c) => c.limit !== 'max_tier' && c.status !== 'ok')) return advice;
  const parts = Object.entries(bound.breakdown as unknown as Record<string, number>).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
  const [top, amount] = parts[0] ?? [];
  if (top && amount !== undefined && bound.monthly_cost > 0) {
    const share = Math.round((amount / bound.monthly_cost) * 100);
    const how: Record<string, string> = {
      output: 'cap output tokens (max_tokens) or use a model with cheaper output',
      reasoning: 'lower the reasoning effort or turn thinking off',
      input: 'trim the prompt (history window, retrieved chunks, tool results) or cache its stable prefix',
      cached_input: 'send fewer calls: the cached prefix is read on every one',
      cache_write: 'keep the prompt prefix stable so it is written to the cache less often',
      hardware: 'size fewer instances (target_utilisation, min_tokens_per_second) or a cheaper offer',
      ops: 'fewer ops_hours',
      fallback_api: 'send a smaller share to the fallback API',
      compute: 'shorten each run (fewer output tokens, a faster GPU)',
      embeddings: 're-index the corpus less often',
    };
    advice.push(`${top.replace('_', ' ')} is ${share}% of the bill: ${how[top] ?? 'reduce it'}`);
  }
  return advice;
}

/** A scenario's options and their monthly costs: an estimate, or a verdict of a saved check report. */
export interface OptionCosts {
  currency: string | null;
  options: readonly OptionCost[];
}

/** Each option's monthly cost, as a check report keeps it for a later comparison. */
export function optionCosts(report: EstimateReport): OptionCost[] {
  return report.options.map((o) => ({ name: o.name, monthly_cost: o.monthly_cost, viable: o.monthly_cost !== null && o.viable !== false }));
}

/** As boundOption, on the costs alone. */
function boundCost(costs: OptionCosts, option: string): (OptionCost & { monthly_cost: number }) | undefined {
  const costed = costs.options.filter((o): o is OptionCost & { monthly_cost: number } => o.monthly_cost !== null);
  if (option === 'cheapest') return costed.find((o) => o.viable !== false);
  return costed.find((o) => o.name === option);
}

/** `budget.monthly at scenarios/chat.yaml:17`, or the flag that set the limit. */
function limitPlace(c: BudgetCheck): string {
  const { file, line, flag } = c.location;
  if (flag !== undefined) return `${flag} ${c.limit}=... on the command line`;
  return `budget.${c.limit} at ${line === undefined ? file : `${file}:${line}`}`;
}

/**
 * The inputs of both sides, to say what changed: the baseline's are null when it did not keep them
 * (a report saved before they were); `lineOf` finds a key path's line in the scenario now.
 */
export interface DiffInputs {
  before: readonly ScenarioInput[] | null;
  now: readonly ScenarioInput[];
  lineOf: (path: string) => number | null;
}

/** One scenario now against its baseline, option by option; `bound` names the option compared. */
export function diffScenario(file: string, now: OptionCosts | null, before: OptionCosts | null, bound: string, maxIncrease: number | null, inputs?: DiffInputs): ScenarioDiff {
  const names = [...new Set([...(before?.options ?? []).map((o) => o.name), ...(now?.options ?? []).map((o) => o.name)])];
  const monthly = (r: OptionCosts | null, name: string) => r?.options.find((o) => o.name === name)?.monthly_cost ?? null;
  const has = (r: OptionCosts | null, name: string) => r?.options.some((o) => o.name === name) === true;
  // An option whose name followed a change of its model (options[1]: gpt-4o-mini -> gpt-4o) is
  // compared with the option at its place before, when neither name is on both sides.
  const renamed = new Map<string, string>();
  if (inputs?.before) {
    const nameAt = (side: readonly ScenarioInput[], path: string) => side.find((i) => i.path === path)?.value;
    for (const i of inputs.now) {
      if (!/^options\[\d+\]\.name$/.test(i.path) || typeof i.value !== 'string' || has(before, i.value)) continue;
      const was = nameAt(inputs.before, i.path);
      if (typeof was === 'string' && !has(now, was) && has(before, was)) renamed.set(i.value, was);
    }
  }
  const wasRenamed = new Set(renamed.values());
  const options: OptionDiff[] = names
    .filter((name) => !wasRenamed.has(name))
    .map((name) => {
      const was = renamed.get(name);
      return was === undefined ? diff(name, monthly(before, name), monthly(now, name)) : { ...diff(name, monthly(before, was), monthly(now, name)), old_name: was };
    });
  const oldBound = before ? boundCost(before, bound) : undefined;
  const newBound = now ? boundCost(now, bound) : undefined;
  const headline = diff(newBound?.name ?? oldBound?.name ?? bound, oldBound?.monthly_cost ?? null, newBound?.monthly_cost ?? null);
  const status = !before ? 'added' : !now ? 'removed' : options.every((o) => o.change === 0) ? 'unchanged' : 'changed';
  const explained = before && now && inputs ? drivingChanges(inputs.before ? changedInputs(inputs.before, inputs.now, inputs.lineOf) : [], { before: oldBound?.name ?? null, now: newBound?.name ?? null }, inputs.before, inputs.now, inputs.lineOf) : undefined;
  const changes = explained && inputs?.before ? explained.changes : null;
  const line = explained?.line ?? null;
  return {
    file,
    status,
    option: headline.name,
    old_monthly: headline.old_monthly,
    new_monthly: headline.new_monthly,
    change: headline.change,
    change_share: headline.change_share,
    over_max_increase: maxIncrease !== null && isOverIncrease(headline, maxIncrease),
    options,
    currency: now?.currency ?? before?.currency ?? null,
    changes,
    line,
  };
}

/** A rise past the share; from a cost of zero, any rise is past every share. */
function isOverIncrease(d: OptionDiff, maxIncrease: number): boolean {
  if (d.change === null || d.change <= 0) return false;
  return d.change_share === null ? d.old_monthly === 0 : d.change_share > maxIncrease;
}

function diff(name: string, before: number | null, now: number | null): OptionDiff {
  const change = before !== null && now !== null ? now - before : null;
  return { name, old_monthly: before, new_monthly: now, change, change_share: change === null || before === 0 ? null : change / before! };
}

/** The age of the prices behind every scenario checked: the oldest as_of of them all, against --max-price-age. */
export function checkPrices(reports: ReadonlyMap<string, EstimateReport>, today: string, maxAgeDays: number | null): CheckPrices {
  let oldest: [string, EstimateReport] | undefined;
  for (const entry of reports) {
    const age = entry[1].prices.age_days;
    if (entry[1].prices.oldest_as_of !== null && age !== null && (oldest === undefined || age > oldest[1].prices.age_days!)) oldest = entry;
  }
  const age = oldest?.[1].prices.age_days ?? null;
  return {
    today,
    oldest_as_of: oldest?.[1].prices.oldest_as_of ?? null,
    age_days: age,
    oldest_in: oldest?.[0] ?? null,
    stale: [...reports.values()].some((r) => r.prices.stale),
    max_age_days: maxAgeDays,
    too_old: maxAgeDays !== null && age !== null && age > maxAgeDays,
  };
}
