// The estimate: every option's monthly cost and what drives it. Pure: scenario and resolved
// prices in, report out. Sorting, cheapest and warnings are decided here, never in renderers.

import type { FxUse, PricedModel, Resolved } from '../scenario/resolve.js';
import type { ApiOption, Scenario } from '../scenario/types.js';
import { scaleSchedule } from '../catalogue/catalogue.js';
import type { PriceSchedule } from '../catalogue/types.js';
import { REPORT_SCHEMA, type ApiOptionReport, type CallReport, type CostedOptionReport, type EstimateReport, type FxConversion, type OptionReport } from '../report.js';
import { doubtsIn, doubtWarnings } from './doubts.js';
import { estimateSummary } from './summary.js';
import { STALE_PRICE_DAYS, daysBetween, groupDigits, tokenCost } from '../units.js';
import { priceCall } from './api-cost.js';
import { rateLimitFeasibility } from './rate-limit.js';
import { trafficFigures, type TrafficFigures } from './traffic.js';
import { breakevenPairs } from './breakeven.js';
import { implausibleFigures } from './limits.js';
import { serverlessOption } from './serverless.js';
import { linearScaling, selfHostOption, type EmbeddingCost, type Fallback, type WorkloadLoad } from './self-host.js';
import { expandWorkload, type Expansion } from './workload.js';

export interface EstimateSettings {
  /** Solve break-even between every pair of options (default true; simulations skip it). */
  breakeven?: boolean;
  /** Leave out the per-call detail of API options (simulations need the totals only). */
  lean?: boolean;
  /**
   * Per option index, a factor on its estimated decode speeds (a simulated draw within the
   * accuracy band); absent or 1: as estimated. Measured speeds are never scaled.
   */
  speedFactors?: ArrayLike<number>;
}

export function estimate(scenario: Scenario, resolved: Resolved, settings: EstimateSettings = {}): EstimateReport {
  const traffic = trafficFigures(scenario.traffic);
  const expansion = expandWorkload(scenario.workload, scenario.traffic.requestsPerSession);
  const embeddings = embeddingCost(scenario, resolved, traffic);
  const warnings: string[] = [];

  const embeddingsMonthly = embeddings?.monthly_cost ?? 0;
  const embeddingSplit: EmbeddingCost = { total: embeddingsMonthly, fixed: embeddings?.corpus_monthly_cost ?? 0 };
  const load = workloadLoad(scenario, expansion, traffic);
  const options: OptionReport[] = scenario.options.map((option, i) => {
    if (option.kind === 'api') return apiOption(option, resolved.models[i]!, scenario, expansion, traffic, embeddingSplit, settings.lean === true);
    const deployment = resolved.deployments[i]!;
    const speedFactor = settings.speedFactors?.[i] ?? 1;
    const lean = settings.lean === true;
    if (option.kind === 'serverless') return serverlessOption(option, deployment, load, expansion, embeddingSplit, speedFactor, lean);
    let fallback: Fallback | undefined;
    if (option.fallback) {
      const model = resolved.models[i]!;
      const api: ApiOption = { kind: 'api', name: model.entry.id, model: option.fallback.api, batch: false, cacheHit: undefined, location: option.location };
      fallback = { model: model.entry.id, perRequestCost: apiOption(api, model, scenario, expansion, traffic, { total: 0, fixed: 0 }, true).per_request_cost };
    }
    return selfHostOption(option, deployment, load, fallback, embeddingSplit, speedFactor, lean);
  });
  const costed = options.filter((o): o is CostedOptionReport => o.monthly_cost !== null);
  const ordered = [...costed.sort((a, b) => a.monthly_cost - b.monthly_cost || a.name.localeCompare(b.name)), ...options.filter((o) => o.monthly_cost === null)];

  // Price dates and their warnings: the same for every sample of a simulation, so computed once.
  const dated = settings.lean ? LEAN_DATES : priceDates(resolved, scenario.options.map((o) => o.name), warnings);

  const report: EstimateReport = {
    schema: REPORT_SCHEMA,
    command: 'estimate',
    scenario: { name: scenario.name, source: scenario.source },
    currency: resolved.currency,
    traffic: {
      users: scenario.traffic.users ?? null,
      sessions_per_user: scenario.traffic.requestsPerMonth === undefined ? scenario.traffic.sessionsPerUser : null,
      requests_per_session: scenario.traffic.requestsPerSession,
      sessions_per_month: traffic.sessionsPerMonth,
      requests_per_month: traffic.requestsPerMonth,
      peak_factor: scenario.traffic.peakFactor,
      peak_requests_per_second: traffic.peakRequestsPerSecond,
    },
    workload: {
      kind: scenario.workload.kind,
      calls_per_request: expansion.callsPerRequest,
      single_turn_tokens: expansion.singleTurnTokens,
      workflow_tokens_per_request: expansion.workflowTokensPerRequest,
      amplification: expansion.amplification,
    },
    embeddings,
    prompt_files: scenario.promptFiles ?? [],
    options: ordered,
    // Only a viable option is a choice; none viable: none is cheapest (and the formats say so).
    cheapest: ordered.find((o) => o.viable)?.name ?? null,
    breakeven: [],
    prices: { today: resolved.today, ...dated },
    summary: [],
    warnings,
  };
  if (report.cheapest === null && ordered.length > 0) warnings.push(NONE_VIABLE);
  // Break-even needs every option's cost scaling, so it comes last; it is left out when figures are
  // unusable (the command reports those instead), since it steps through every instance count.
  if (settings.breakeven !== false && implausibleFigures(scenario, report).length === 0) report.breakeven = breakevenPairs(report);
  // The headline reads the break-even pairs, so it comes after them; a simulated sample has none.
  if (!settings.lean) report.summary = estimateSummary(report);
  return report;
}

/** Said when every option is out: cheapest is then null. */
export const NONE_VIABLE = 'no option is viable, so none is the cheapest: see why beside each option';

const LEAN_DATES = { oldest_as_of: null, age_days: null, stale: false, fx: [] };

/** How old the prices a report relies on are, with a warning for each that is over 90 days. */
function priceDates(resolved: Resolved, names: string[], warnings: string[]): Omit<EstimateReport['prices'], 'today'> {
  const priced = [...resolved.models, resolved.embedding].filter((m): m is PricedModel => m !== undefined);
  const offers = resolved.deployments.flatMap((d) => (d?.hardware.offer ? [d.hardware.offer] : []));
  const dates = [...priced.map((m) => m.entry.asOf), ...offers.map((o) => o.asOf)].filter((d): d is string => d !== null).sort();
  for (const offer of new Set(offers)) {
    const days = daysBetween(offer.asOf, resolved.today);
    if (days > STALE_PRICE_DAYS) warnings.push(`${offer.id}'s price is ${days} days old (as of ${offer.asOf}): check ${offer.source}`);
  }
  const oldest = dates[0] ?? null;
  const ageDays = oldest ? daysBetween(oldest, resolved.today) : null;
  const oldestApi = priced.map((m) => m.entry.asOf).filter((d): d is string => d !== null).sort()[0];
  const apiDays = oldestApi ? daysBetween(oldestApi, resolved.today) : 0;
  if (apiDays > STALE_PRICE_DAYS) warnings.push(`API prices are ${apiDays} days old (as of ${oldestApi}): check them against the providers' pages or layer fresher ones with --pricing`);
  const fx = uniqueFx(resolved, names);
  for (const rate of fx) {
    if (rate.stale) warnings.push(`the ${rate.from}->${rate.to} exchange rate is ${rate.age_days} days old (as of ${rate.as_of}): pass a current one with --fx`);
  }
  return { oldest_as_of: oldest, age_days: ageDays, stale: ageDays !== null && ageDays > STALE_PRICE_DAYS, fx };
}

function apiOption(
  option: ApiOption,
  model: PricedModel,
  scenario: Scenario,
  expansion: Expansion,
  traffic: TrafficFigures,
  embeddings: EmbeddingCost,
  lean = false,
): ApiOptionReport {
  const warnings: string[] = lean ? [] : [...model.notes.filter((n) => n.startsWith('priced by time of day') || n.startsWith('prices take effect')), ...doubtWarnings(model.entry.id, model.entry.notes)];
  const cacheHit = option.cacheHit ?? scenario.workload.cacheHit;
  let batchDiscount = 0;
  if (option.batch) {
    if (model.batchDiscount === undefined) warnings.push(`no batch discount is known for ${model.entry.id}: billed at list price`);
    else batchDiscount = model.batchDiscount;
  }
  const { schedule, serviceTier } = serviceTierSchedule(option, model, warnings);
  if (cacheHit > 0 && schedule.base.cachedInputPerMtok === undefined) {
    warnings.push(`${model.entry.id} lists no cached-input price: cache_hit does not lower its bill`);
  }
  const sessionsPerMonth = traffic.sessionsPerMonth;
  const promptCache = model.promptCache;
  // Prefix tokens per session: as the workload offers them, and what the provider's minimum leaves.
  let prefixTokens = 0;
  let eligibleTokens = 0;
  let promptTokens = 0;
  const sum = { input: 0, cachedInput: 0, cacheWrite: 0, output: 0, reasoning: 0, requestFee: 0, total: 0, batchSavings: 0 };
  const tokens = { input: 0, cached_input: 0, cache_write: 0, output: 0, reasoning: 0 };
  const calls: CallReport[] = [];
  for (const call of expansion.calls) {
    const cost = priceCall(call, { schedule, cacheHit, batchDiscount, promptCache });
    prefixTokens += Math.min(call.cacheablePrefixTokens, call.promptTokens) * call.perSession;
    eligibleTokens += cost.cacheEligibleTokens * call.perSession;
    promptTokens += call.promptTokens * call.perSession;
    // Spelt out rather than looped over keys: this is the simulation's inner loop.
    const w = call.perSession;
    sum.input += cost.input * w;
    sum.cachedInput += cost.cachedInput * w;
    sum.cacheWrite += cost.cacheWrite * w;
    sum.output += cost.output * w;
    sum.reasoning += cost.reasoning * w;
    sum.requestFee += cost.requestFee * w;
    sum.total += cost.total * w;
    sum.batchSavings += cost.batchSavings * w;
    tokens.input += cost.uncachedInputTokens * call.perSession;
    tokens.cached_input += cost.cacheReadTokens * call.perSession;
    tokens.cache_write += cost.cacheWriteTokens * call.perSession;
    tokens.output += cost.outputTokens * call.perSession;
    tokens.reasoning += cost.reasoningTokens * call.perSession;
    if (model.entry.contextWindow !== undefined && call.promptTokens > model.entry.contextWindow) {
      warnings.push(`${call.label} sends ${groupDigits(Math.round(call.promptTokens), 0)} prompt tokens, over ${model.entry.id}'s context window of ${groupDigits(model.entry.contextWindow, 0)}`);
    }
    if (lean) continue;
    calls.push({
      label: call.label,
      per_session: call.perSession,
      prompt_tokens: call.promptTokens,
      cacheable_prefix_tokens: call.cacheablePrefixTokens,
      cached_tokens: cost.cacheReadTokens,
      cache_write_tokens: cost.cacheWriteTokens,
      output_tokens: call.outputTokens,
      reasoning_tokens: call.reasoningTokens,
      tier_above_tokens: cost.tierAboveTokens,
      cost: cost.total,
    });
  }
  const rps = expansion.requestsPerSession;
  const perRequest = sum.total / rps;
  const breakdown = {
    input: sum.input * sessionsPerMonth,
    cached_input: sum.cachedInput * sessionsPerMonth,
    cache_write: sum.cacheWrite * sessionsPerMonth,
    output: sum.output * sessionsPerMonth,
    reasoning: sum.reasoning * sessionsPerMonth,
    request_fees: sum.requestFee * sessionsPerMonth,
    embeddings: embeddings.total,
  };
  // Summed field by field: Object.values(...).reduce was the hottest line of a simulated sample.
  const monthly = breakdown.input + breakdown.cached_input + breakdown.cache_write + breakdown.output + breakdown.reasoning + breakdown.request_fees + breakdown.embeddings;
  const users = scenario.traffic.users;
  const base = schedule.base;
  const cachePriced = base.cachedInputPerMtok !== undefined;
  const effectiveCacheHit = prefixTokens > 0 ? (cacheHit * eligibleTokens) / prefixTokens : cacheHit;
  const capped = promptCache !== undefined && cachePriced && cacheHit > 0 && eligibleTokens < prefixTokens;
  if (capped && !lean) {
    const rule = `${groupDigits(promptCache.minTokens, 0)} tokens${promptCache.stepTokens > 1 ? `, then steps of ${groupDigits(promptCache.stepTokens, 0)}` : ''}`;
    warnings.push(`cache_hit ${percent(cacheHit)} applies to ${percent(effectiveCacheHit)} of the cacheable prefix: ${model.entry.provider} caches a prefix of at least ${rule} (${promptCache.source})`);
  }
  return {
    name: option.name,
    kind: 'api',
    monthly_cost: monthly,
    per_request_cost: traffic.requestsPerMonth > 0 ? monthly / traffic.requestsPerMonth : perRequest,
    per_session_cost: traffic.sessionsPerMonth > 0 ? monthly / traffic.sessionsPerMonth : perRequest * rps,
    per_user_cost: users ? monthly / users : null,
    breakdown,
    batch_savings: sum.batchSavings * sessionsPerMonth,
    tokens_per_request: {
      input: tokens.input / rps,
      cached_input: tokens.cached_input / rps,
      cache_write: tokens.cache_write / rps,
      output: tokens.output / rps,
      reasoning: tokens.reasoning / rps,
    },
    calls,
    price: {
      model: model.entry.id,
      input_per_mtok: base.inputPerMtok,
      output_per_mtok: base.outputPerMtok,
      cached_input_per_mtok: base.cachedInputPerMtok ?? null,
      cache_write_per_mtok: base.cacheWritePerMtok ?? null,
      per_request_fee: schedule.perRequestFee,
      batch_discount: option.batch ? batchDiscount : model.batchDiscount ?? null,
      source_currency: model.entry.currency,
      source: model.entry.source,
      as_of: model.entry.asOf,
      layer: model.entry.layer,
      effective_from: model.effectiveFrom,
      doubts: lean ? [] : doubtsIn(model.entry.notes),
    },
    service_tier: serviceTier,
    prompt_cache: promptCache
      ? { min_tokens: promptCache.minTokens, step_tokens: promptCache.stepTokens, cache_hit: cacheHit, effective_cache_hit: cachePriced ? effectiveCacheHit : 0, capped, source: promptCache.source, as_of: promptCache.asOf }
      : null,
    // Not in a simulation's samples (lean): nothing there reads it, and it is per option per sample.
    ...(lean ? {} : { rate_limit: rateLimitFeasibility(
      {
        peakRequestsPerSecond: traffic.peakRequestsPerSecond,
        callsPerRequest: expansion.calls.reduce((n, c) => n + c.perSession, 0) / rps,
        promptTokens: promptTokens / rps,
        uncachedPromptTokens: (tokens.input + tokens.cache_write) / rps,
        outputTokens: (tokens.output + tokens.reasoning) / rps,
      },
      model.rateLimits,
      model.entry.id,
      option.batch,
    ) }),
    scaling: linearScaling(monthly, embeddings.fixed),
    // An API serves what it is sent: a rate-limit tier it needs is reported (rate_limit) and can be
    // budgeted (budget.max_tier), never a reason it is not viable.
    viable: true,
    not_viable_because: [],
    warnings: [...new Set(warnings)],
  };
}

/**
 * The prices an option's service tier bills at: the tier's own (priority), or the standard ones
 * less its discount (flex), per-request fees unchanged. Unknown for the model: standard prices and
 * a warning, as for batch.
 */
function serviceTierSchedule(option: ApiOption, model: PricedModel, warnings: string[]): { schedule: PriceSchedule; serviceTier: ApiOptionReport['service_tier'] } {
  const tier = option.serviceTier;
  if (!tier) return { schedule: model.schedule, serviceTier: null };
  const price = model.serviceTiers?.[tier];
  if (!price) {
    warnings.push(`no ${tier} price is known for ${model.entry.id}: billed at the standard price`);
    return { schedule: model.schedule, serviceTier: { tier, discount: null, source: null, as_of: null } };
  }
  if (price.providerWide) warnings.push(`${tier} is priced for all of ${model.entry.provider}'s models; check that ${model.entry.id} offers it (${price.source})`);
  const schedule = price.schedule ?? { ...scaleSchedule(model.schedule, 1 - (price.discount ?? 0)), perRequestFee: model.schedule.perRequestFee };
  return { schedule, serviceTier: { tier, discount: price.discount ?? null, source: price.source, as_of: price.asOf } };
}

/** 0.5 -> "50%", 0.2345 -> "23.5%". */
function percent(share: number): string {
  return `${Number((share * 100).toFixed(1))}%`;
}

function embeddingCost(scenario: Scenario, resolved: Resolved, traffic: TrafficFigures): EstimateReport['embeddings'] {
  const w = scenario.workload;
  if (w.kind !== 'rag' || !w.embedding || !resolved.embedding) return null;
  const queryTokens = traffic.requestsPerMonth * w.embedding.queryTokens;
  const corpusTokens = w.embedding.corpusTokens * w.embedding.reindexPerMonth;
  const price = resolved.embedding.schedule.base.inputPerMtok;
  return {
    model: resolved.embedding.entry.id,
    monthly_cost: tokenCost(queryTokens + corpusTokens, price),
    query_tokens_per_month: queryTokens,
    corpus_tokens_per_month: corpusTokens,
    // Re-indexing the corpus costs the same whatever the traffic.
    corpus_monthly_cost: tokenCost(corpusTokens, price),
  };
}

/** What self-hosted options must serve: requests, their tokens, and the context a sequence holds. */
function workloadLoad(scenario: Scenario, expansion: Expansion, traffic: TrafficFigures): WorkloadLoad {
  const perRequest = (f: (c: Expansion['calls'][number]) => number) =>
    expansion.calls.reduce((sum, c) => sum + c.perSession * f(c), 0) / expansion.requestsPerSession;
  return {
    requestsPerMonth: traffic.requestsPerMonth,
    peakRequestsPerSecond: traffic.peakRequestsPerSecond,
    averageRequestsPerSecond: traffic.peakRequestsPerSecond / scenario.traffic.peakFactor,
    promptTokensPerRequest: perRequest((c) => c.promptTokens),
    decodeTokensPerRequest: perRequest((c) => c.outputTokens + c.reasoningTokens),
    callsPerRequest: perRequest(() => 1),
    // reduce, not Math.max(...calls): a spread of a very long session's calls overflows the stack.
    contextTokens: expansion.calls.reduce((most, c) => Math.max(most, c.promptTokens + c.outputTokens + c.reasoningTokens), 0),
    sessionsPerMonth: traffic.sessionsPerMonth,
    users: scenario.traffic.users,
    calls: expansion.calls,
    maxSecondsPerReply: scenario.maxSecondsPerReply,
  };
}

/** Every conversion made, once per pair of currencies, with the options (by index: `names`) it priced. */
function uniqueFx(resolved: Resolved, names: string[]): FxConversion[] {
  const seen = new Map<string, FxConversion>();
  const use = (fx: FxUse | undefined, by: string) => {
    if (!fx) return;
    const key = `${fx.from}>${fx.to}`;
    const days = daysBetween(fx.asOf, resolved.today);
    const entry = seen.get(key) ?? { from: fx.from, to: fx.to, rate: fx.rate, source: fx.source, as_of: fx.asOf, age_days: days, stale: days > STALE_PRICE_DAYS, used_by: [] };
    if (!entry.used_by.includes(by)) entry.used_by.push(by);
    seen.set(key, entry);
  };
  names.forEach((name, i) => {
    use(resolved.models[i]?.fx, name);
    use(resolved.deployments[i]?.hardware.fx, name);
  });
  if (resolved.embedding) use(resolved.embedding.fx, resolved.embedding.entry.id);
  return [...seen.values()];
}
