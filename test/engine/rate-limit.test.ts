import { describe, expect, it } from 'vitest';
import { layerCatalogue } from '../../src/catalogue/catalogue.js';
import { parsePricingFile } from '../../src/catalogue/pricing-file.js';
import type { RateLimitTable } from '../../src/catalogue/types.js';
import { checkBudget } from '../../src/engine/budget.js';
import { estimate } from '../../src/engine/estimate.js';
import { rateLimitFeasibility } from '../../src/engine/rate-limit.js';
import { parseScenario } from '../../src/scenario/parse.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import { catalogue, option } from './estimate-helpers.js';

const meta = { source: 'https://example.com/limits', asOf: '2026-11-01' };

describe('rateLimitFeasibility', () => {
  // 2 requests/s at peak = 120 a minute; 1.5 calls each; 1,000 prompt tokens (400 not read from
  // the cache), 200 output tokens a request.
  const load = { peakRequestsPerSecond: 2, callsPerRequest: 1.5, promptTokens: 1000, uncachedPromptTokens: 400, outputTokens: 200 };

  it('gives the peak minute of every kind of limit', () => {
    const r = rateLimitFeasibility(load, undefined, 'x/m', false);
    expect(r.peak_requests_per_minute).toBeCloseTo(180, 12); // 120 x 1.5
    expect(r.peak_tokens_per_minute).toBeCloseTo(144_000, 9); // 120 x (1,000 + 200)
    expect(r.peak_input_tokens_per_minute).toBeCloseTo(48_000, 9); // 120 x 400
    expect(r.peak_prompt_tokens_per_minute).toBeCloseTo(120_000, 9); // 120 x 1,000
    expect(r.peak_output_tokens_per_minute).toBeCloseTo(24_000, 9); // 120 x 200
    expect(r.min_tier).toBeNull();
    expect(r.note).toBe('the catalogue has no published rate limits for x/m');
  });

  it('names the lowest tier whose every limit carries the peak, and the limit that decides it', () => {
    const table: RateLimitTable = {
      ...meta,
      tiers: [
        { tier: 1, requestsPerMinute: 50, inputTokensPerMinute: 30_000, outputTokensPerMinute: 8_000 },
        { tier: 2, name: 'Build', requestsPerMinute: 1000, inputTokensPerMinute: 450_000, outputTokensPerMinute: 90_000 },
      ],
    };
    const r = rateLimitFeasibility(load, table, 'x/m', false);
    // tier 1: 180 / 50 = 3.6 requests, 48,000 / 30,000 = 1.6 input, 24,000 / 8,000 = 3 output:
    // over, most on requests. tier 2: 180 / 1,000 = 0.18, 0.107, 0.267: it carries the peak.
    expect(r.min_tier).toBe(2);
    expect(r.min_tier_name).toBe('Build');
    expect(r.binding_limit).toBe('rpm');
    expect(r.binding_share).toBeCloseTo(180 / 1000, 15);
    expect(r.exceeds_highest_tier).toBe(false);
    expect(r.keys_needed).toBeNull();
    expect(r.source).toBe('https://example.com/limits');
  });

  it('past the highest tier: how many projects/keys at its limits carry the peak', () => {
    const table: RateLimitTable = { ...meta, tiers: [{ tier: 1, requestsPerMinute: 100, tokensPerMinute: 50_000 }] };
    const r = rateLimitFeasibility(load, table, 'x/m', false);
    // 180 / 100 = 1.8 requests; 144,000 / 50,000 = 2.88 tokens: the tokens bind, 3 keys.
    expect(r.min_tier).toBeNull();
    expect(r.exceeds_highest_tier).toBe(true);
    expect(r.highest_tier).toBe(1);
    expect(r.binding_limit).toBe('tpm');
    expect(r.binding_share).toBeCloseTo(2.88, 15);
    expect(r.keys_needed).toBe(3);
  });

  it('counts every prompt token against an input TPM (Gemini), and only uncached ones against ITPM', () => {
    const table: RateLimitTable = { ...meta, tiers: [{ tier: 1, promptTokensPerMinute: 100_000 }, { tier: 2, promptTokensPerMinute: 200_000 }] };
    // 120,000 prompt tokens a minute: over 100,000, under 200,000.
    expect(rateLimitFeasibility(load, table, 'x/m', false).min_tier).toBe(2);
    const itpm: RateLimitTable = { ...meta, tiers: [{ tier: 1, inputTokensPerMinute: 50_000 }] };
    // 48,000 uncached a minute: under 50,000, though 120,000 are sent.
    expect(rateLimitFeasibility(load, itpm, 'x/m', false).min_tier).toBe(1);
  });

  it('gives no tier for batch requests, which the providers queue under their own limits', () => {
    const table: RateLimitTable = { ...meta, tiers: [{ tier: 1, requestsPerMinute: 1 }] };
    const r = rateLimitFeasibility(load, table, 'x/m', true);
    expect(r.min_tier).toBeNull();
    expect(r.exceeds_highest_tier).toBe(false);
    expect(r.note).toMatch(/batch/);
  });
});

const PRICING = `
models:
  - {id: r/m, name: m, input: 1, output: 2, source: https://example.com/p, as_of: 2026-11-01}
rate_limits:
  - models: [r/m]
    source: https://example.com/limits
    as_of: 2026-11-01
    tiers:
      - {tier: 1, rpm: 100, tpm: 100000}
      - {tier: 2, rpm: 1000, tpm: 200000}
`;

async function run(yaml: string) {
  const cat = layerCatalogue(await catalogue(), parsePricingFile(PRICING, 'limits.yaml', 'user'));
  const scenario = parseScenario(yaml, { file: 'tier.yaml' });
  return { scenario, report: estimate(scenario, resolveScenario(scenario, { catalogue: cat, currency: 'USD', today: '2026-11-25' })) };
}

// 2,628,000 requests over a 730-hour month = 1/s on average; x2 at peak = 120 a minute.
const SCENARIO = `traffic: {requests_per_month: 2628000, peak_factor: 2}
workload: {kind: chat, system_prompt: 600, input: 400, output: 200, history: none}
options: [{api: r/m}]
budget:
  max_tier: 1
`;

describe('rate limits in the estimate and the budget check', () => {
  it('reports the tier an API option needs at peak', async () => {
    const { report } = await run(SCENARIO);
    const rl = option(report, 'r/m').rate_limit!;
    expect(rl.peak_requests_per_minute).toBeCloseTo(120, 9);
    // 120 x (1,000 + 200) = 144,000: tier 1's 100,000 is short (1.44; requests 120 / 100 = 1.2);
    // tier 2: 144,000 / 200,000 = 0.72
    expect(rl.peak_tokens_per_minute).toBeCloseTo(144_000, 6);
    expect(rl).toMatchObject({ min_tier: 2, min_tier_name: 'Tier 2', binding_limit: 'tpm', exceeds_highest_tier: false });
    expect(rl.binding_share).toBeCloseTo(0.72, 12);
  });

  it('fails max_tier when the tier needed is higher, naming where the limit is written', async () => {
    const { scenario, report } = await run(SCENARIO);
    const at = scenario.locations.get('budget.max_tier')!;
    const verdict = checkBudget('tier.yaml', report, { limits: { max_tier: { amount: 1, location: at } }, option: 'cheapest', warnAt: 0.8 });
    expect(verdict.status).toBe('over');
    expect(verdict.checks[0]).toMatchObject({ limit: 'max_tier', budget: 1, value: 2, status: 'over', over_by: 1 });
    expect(verdict.advice).toContain('or raise budget.max_tier at tier.yaml:5');
    const ok = checkBudget('tier.yaml', report, { limits: { max_tier: { amount: 2, location: at } }, option: 'cheapest', warnAt: 0.8 });
    expect(ok.status).toBe('ok');
  });

  it('refuses a max_tier of 0 or a fraction', () => {
    expect(() => parseScenario(SCENARIO.replace('max_tier: 1', 'max_tier: 0'), { file: 's.yaml' })).toThrow(/max_tier: must be a whole rate-limit tier of at least 1 \(the lowest paid tier\), got 0/);
    expect(() => parseScenario(SCENARIO.replace('max_tier: 1', 'max_tier: 1.5'), { file: 's.yaml' })).toThrow(/max_tier: must be a whole rate-limit tier of at least 1 \(the lowest paid tier\), got 1.5/);
  });
});

describe('rate_limits in a catalogue file', () => {
  const read = (text: string) => () => parsePricingFile(text, 'p.yaml', 'user');
  it('needs tiers lowest first, each with a limit, for provider/model ids', () => {
    const head = 'rate_limits:\n  - {models: [a/b], source: https://x.org, as_of: 2026-01-01, tiers: ';
    expect(read(`${head}[{tier: 2, rpm: 5}, {tier: 1, rpm: 1}]}\n`)).toThrow(/lowest first/);
    expect(read(`${head}[{tier: 1}]}\n`)).toThrow(/lists no limit/);
    expect(read(head.replace('[a/b]', '[openai]') + '[{tier: 1, rpm: 5}]}\n')).toThrow(/per model/);
    expect(read(`${head}[{tier: 1, rpm: 5}]}\n`)().rateLimits!['a/b']!.tiers).toEqual([{ tier: 1, requestsPerMinute: 5 }]);
  });
});
