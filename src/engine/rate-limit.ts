// Rate-limit feasibility: an API option's load at the peak hour, per minute, against the model's
// published usage tiers. The lowest tier whose every limit carries the peak is the tier needed;
// past the highest, the peak needs a negotiated limit or several projects/keys. Pure.

import type { RateLimitTable, RateLimitTier } from '../catalogue/types.js';
import type { RateLimitKind, RateLimitReport } from '../report.js';

/** What one request sends and receives, averaged over the calls of a session. */
export interface RequestLoad {
  /** Peak requests a second (average rate x peak_factor). */
  peakRequestsPerSecond: number;
  callsPerRequest: number;
  /** Prompt tokens a request sends, all of them. */
  promptTokens: number;
  /** Prompt tokens not read from the cache (uncached input + cache writes). */
  uncachedPromptTokens: number;
  /** Output + reasoning tokens. */
  outputTokens: number;
}

const FIELD: Record<RateLimitKind, keyof RateLimitTier> = {
  rpm: 'requestsPerMinute',
  tpm: 'tokensPerMinute',
  itpm: 'inputTokensPerMinute',
  input_tpm: 'promptTokensPerMinute',
  otpm: 'outputTokensPerMinute',
};

/**
 * Peak per minute = peak requests/s x 60 x what a request sends. `table` undefined: the peaks
 * alone, with a note; `batch`: batch requests are queued under their own limits, so no tier.
 */
export function rateLimitFeasibility(load: RequestLoad, table: RateLimitTable | undefined, model: string, batch: boolean): RateLimitReport {
  const perMinute = load.peakRequestsPerSecond * 60;
  const peak: Record<RateLimitKind, number> = {
    rpm: perMinute * load.callsPerRequest,
    tpm: perMinute * (load.promptTokens + load.outputTokens),
    itpm: perMinute * load.uncachedPromptTokens,
    input_tpm: perMinute * load.promptTokens,
    otpm: perMinute * load.outputTokens,
  };
  const base: RateLimitReport = {
    peak_requests_per_minute: peak.rpm,
    peak_tokens_per_minute: peak.tpm,
    peak_input_tokens_per_minute: peak.itpm,
    peak_prompt_tokens_per_minute: peak.input_tpm,
    peak_output_tokens_per_minute: peak.otpm,
    min_tier: null,
    min_tier_name: null,
    highest_tier: null,
    exceeds_highest_tier: false,
    keys_needed: null,
    binding_limit: null,
    binding_share: null,
    note: null,
    source: table?.source ?? null,
    as_of: table?.asOf ?? null,
  };
  if (batch) return { ...base, note: 'batch requests are queued under the provider\'s separate batch limits' };
  if (!table || table.tiers.length === 0) return { ...base, note: `the catalogue has no published rate limits for ${model}` };
  const highest = table.tiers[table.tiers.length - 1]!;
  const fullest = (tier: RateLimitTier) => {
    let worst: { kind: RateLimitKind; share: number } | undefined;
    for (const kind of Object.keys(FIELD) as RateLimitKind[]) {
      const limit = tier[FIELD[kind]] as number | undefined;
      if (limit === undefined) continue;
      const share = peak[kind] / limit;
      if (!worst || share > worst.share) worst = { kind, share };
    }
    return worst!;
  };
  const index = table.tiers.findIndex((t) => fullest(t).share <= 1);
  const carrying = index < 0 ? undefined : table.tiers[index]!;
  // The limit that decides the tier: the one most exceeded a tier below (the fullest at the lowest
  // tier, or past the highest), with its share at the tier needed.
  const deciding = index > 0 ? fullest(table.tiers[index - 1]!).kind : fullest(carrying ?? highest).kind;
  const limitAt = (tier: RateLimitTier) => tier[FIELD[deciding]] as number | undefined;
  const at = carrying ?? highest;
  const binding = { kind: deciding, share: peak[deciding] / (limitAt(at) ?? Infinity) };
  return {
    ...base,
    min_tier: carrying?.tier ?? null,
    min_tier_name: carrying ? (carrying.name ?? `Tier ${carrying.tier}`) : null,
    highest_tier: highest.tier,
    exceeds_highest_tier: carrying === undefined,
    keys_needed: carrying === undefined ? Math.ceil(binding.share - 1e-9) : null,
    binding_limit: binding.kind,
    binding_share: binding.share,
  };
}
