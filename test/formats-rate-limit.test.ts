import { describe, expect, it } from 'vitest';
import { rateLimitText } from '../src/formats/summary.js';
import type { ApiOptionReport, RateLimitReport } from '../src/report.js';

const base: RateLimitReport = {
  peak_requests_per_minute: 2740, peak_tokens_per_minute: 6_030_000, peak_input_tokens_per_minute: 3_000_000,
  peak_prompt_tokens_per_minute: 4_930_000, peak_output_tokens_per_minute: 1_096_000,
  min_tier: 5, min_tier_name: 'Tier 5', highest_tier: 5, exceeds_highest_tier: false, keys_needed: null,
  binding_limit: 'tpm', binding_share: 0.5025, note: null, source: 'https://example.com', as_of: '2026-11-01',
};
const api = (rl: RateLimitReport | undefined) => ({ rate_limit: rl }) as unknown as ApiOptionReport;

describe('the rate-limit line of an API option', () => {
  it('names the tier needed and the limit nearest to full', () => {
    expect(rateLimitText(api(base))).toBe('peak 2,740 requests/min, 6.03M tokens/min: needs rate-limit Tier 5 or higher (tokens/min at 50.2% of its limit)');
  });
  it('gives a named tier its place in the ladder', () => {
    const scale = { ...base, min_tier: 3, min_tier_name: 'Scale', highest_tier: 3, binding_limit: 'otpm' as const, binding_share: 0.548 };
    expect(rateLimitText(api(scale))).toBe('peak 2,740 requests/min, 1.1M output tokens/min: needs the Scale rate-limit tier (tier 3) or higher (output tokens/min at 54.8% of its limit)');
  });
  it('past the highest tier, says how many projects/keys', () => {
    const over = { ...base, min_tier: null, min_tier_name: null, exceeds_highest_tier: true, keys_needed: 14, binding_limit: 'otpm' as const, binding_share: 13.7 };
    expect(rateLimitText(api(over))).toBe('peak 2,740 requests/min, 1.1M output tokens/min: exceeds the highest published rate-limit tier (tier 5, output tokens/min at 1,370% of its limit): needs a negotiated limit or 14 projects/keys');
  });
  it('says nothing when the lowest tier carries it, or without a table', () => {
    expect(rateLimitText(api({ ...base, min_tier: 1, min_tier_name: 'Tier 1' }))).toBeUndefined();
    expect(rateLimitText(api({ ...base, min_tier: null, min_tier_name: null, highest_tier: null, binding_limit: null, binding_share: null }))).toBeUndefined();
    expect(rateLimitText(api(undefined))).toBeUndefined();
  });
});

describe('the CSV columns of service tier, prompt cache and rate limit', () => {
  it('fills them for API options', async () => {
    const { estimateYaml } = await import('./engine/estimate-helpers.js');
    const { estimateCsv } = await import('../src/formats/csv.js');
    const r = await estimateYaml(`traffic: {requests_per_month: 1000}
workload: {kind: chat, system_prompt: 1500, input: 100, output: 100, history: none, cache_hit: 50%}
options: [{api: openai/gpt-4o-mini, service_tier: flex}]`);
    const [head, row] = estimateCsv(r).split('\r\n').map((line) => line.split(','));
    const cell = (name: string) => row![head!.indexOf(name)];
    expect(cell('service_tier')).toBe('flex');
    // 0.5 x 1,408 cacheable of a 1,500-token prefix
    expect(Number(cell('effective_cache_hit'))).toBeCloseTo((0.5 * 1408) / 1500, 12);
    expect(cell('cache_hit_capped')).toBe('true');
    // flex requests are synchronous, held to the model's tiers: 1,000 requests a month fit Tier 1
    expect(cell('rate_limit_min_tier')).toBe('1');
    expect(cell('rate_limit_exceeds_highest_tier')).toBe('false');
  });
});
