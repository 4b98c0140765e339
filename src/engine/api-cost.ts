// The price of API calls: tier by prompt size, cache reads and writes, output and reasoning, fees,
// batch discount. Pure arithmetic on one call shape at a time.

import { ratesFor } from '../catalogue/catalogue.js';
import type { PriceSchedule } from '../catalogue/types.js';
import { perMtok, tokenCost } from '../units.js';
import type { Call } from './workload.js';

export interface CallCost {
  tierAboveTokens: number | null;
  /** The part of the cacheable prefix the provider caches at all (its minimum and step applied). */
  cacheEligibleTokens: number;
  uncachedInputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  /** Money for one call, after the batch discount. */
  input: number;
  cachedInput: number;
  cacheWrite: number;
  output: number;
  reasoning: number;
  requestFee: number;
  total: number;
  /** What the batch discount took off this call. */
  batchSavings: number;
}

export interface CallPricing {
  schedule: PriceSchedule;
  cacheHit: number;
  /** Share taken off token charges (0 when batch is off or unknown). */
  batchDiscount: number;
  /** The provider's prompt-cache minimum and step; absent: any prefix is cached whole. */
  promptCache?: { minTokens: number; stepTokens: number } | undefined;
}

/**
 * Tokens of a prefix the provider caches: none below its minimum, and above it only whole steps
 * (OpenAI caches 1,024 tokens, then 128 at a time: a 1,500-token prefix caches 1,408).
 */
export function cachedPrefixTokens(prefixTokens: number, rule: CallPricing['promptCache']): number {
  if (!rule) return prefixTokens;
  if (prefixTokens < rule.minTokens) return 0;
  return rule.minTokens + Math.floor((prefixTokens - rule.minTokens) / rule.stepTokens + 1e-9) * rule.stepTokens;
}

/**
 * Cache reads are cache_hit x the cacheable prefix (only where the model prices cache reads), the
 * prefix first cut to what the provider caches at all (cachedPrefixTokens). Where the model bills
 * cache writes, a call that uses caching writes what the next call will reuse and was not read
 * from the cache now: min(prompt, cached part of the next prefix) - reads. The rest of the prompt
 * is billed at the full input rate.
 */
export function priceCall(call: Call, pricing: CallPricing): CallCost {
  const tierIndex = pricing.schedule.tiers.findLastIndex((t) => call.promptTokens > t.aboveTokens);
  const rates = ratesFor(pricing.schedule, call.promptTokens);
  const eligible = cachedPrefixTokens(Math.min(call.cacheablePrefixTokens, call.promptTokens), pricing.promptCache);
  const reads = rates.cachedInputPerMtok === undefined ? 0 : pricing.cacheHit * eligible;
  const writes =
    rates.cacheWritePerMtok === undefined || pricing.cacheHit === 0
      ? 0
      : Math.max(0, cachedPrefixTokens(Math.min(call.promptTokens, call.nextPrefixTokens), pricing.promptCache) - reads);
  const uncached = call.promptTokens - reads - writes;
  const full = {
    input: tokenCost(uncached, rates.inputPerMtok),
    cachedInput: tokenCost(reads, rates.cachedInputPerMtok ?? perMtok(0)),
    cacheWrite: tokenCost(writes, rates.cacheWritePerMtok ?? perMtok(0)),
    output: tokenCost(call.outputTokens, rates.outputPerMtok),
    reasoning: tokenCost(call.reasoningTokens, rates.outputPerMtok),
  };
  const keep = 1 - pricing.batchDiscount;
  const input = full.input * keep;
  const cachedInput = full.cachedInput * keep;
  const cacheWrite = full.cacheWrite * keep;
  const output = full.output * keep;
  const reasoning = full.reasoning * keep;
  const tokenTotal = full.input + full.cachedInput + full.cacheWrite + full.output + full.reasoning;
  const requestFee = pricing.schedule.perRequestFee;
  return {
    tierAboveTokens: tierIndex < 0 ? null : pricing.schedule.tiers[tierIndex]!.aboveTokens,
    cacheEligibleTokens: eligible,
    uncachedInputTokens: uncached,
    cacheReadTokens: reads,
    cacheWriteTokens: writes,
    outputTokens: call.outputTokens,
    reasoningTokens: call.reasoningTokens,
    input,
    cachedInput,
    cacheWrite,
    output,
    reasoning,
    requestFee,
    total: input + cachedInput + cacheWrite + output + reasoning + requestFee,
    batchSavings: tokenTotal * pricing.batchDiscount,
  };
}
