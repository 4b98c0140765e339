import { describe, expect, it } from 'vitest';
import { layerCatalogue } from '../../src/catalogue/catalogue.js';
import { parsePricingFile } from '../../src/catalogue/pricing-file.js';
import { cachedPrefixTokens } from '../../src/engine/api-cost.js';
import { estimate } from '../../src/engine/estimate.js';
import { parseScenario } from '../../src/scenario/parse.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import { UserError } from '../../src/errors.js';
import { catalogue, estimateYaml, option } from './estimate-helpers.js';

// Two test models with their own prompt-cache rules, layered over the bundled catalogue as a
// --pricing file would be. Prices per 1M tokens.
const PRICING = `
models:
  - {id: t/auto, name: auto, input: 1, output: 2, cached_input: 0.1, source: https://example.com/p, as_of: 2026-11-01}
  - {id: t/write, name: write, input: 3, output: 15, cached_input: 0.3, cache_write: 3.75, source: https://example.com/p, as_of: 2026-11-01}
  - {id: u/free, name: free, input: 1, output: 2, cached_input: 0.1, source: https://example.com/p, as_of: 2026-11-01}
prompt_cache:
  - {models: [t/auto], min_tokens: 1024, step_tokens: 128, source: https://example.com/cache, as_of: 2026-11-02}
  - {models: [t], min_tokens: 1024, source: https://example.com/cache-t, as_of: 2026-11-02}
`;

async function estimateWith(yaml: string, pricing = PRICING) {
  const cat = layerCatalogue(await catalogue(), parsePricingFile(pricing, 'test-pricing.yaml', 'user'));
  const scenario = parseScenario(yaml, { file: 'test.yaml' });
  return estimate(scenario, resolveScenario(scenario, { catalogue: cat, currency: 'USD', today: '2026-11-25' }));
}

describe('cachedPrefixTokens', () => {
  const openai = { minTokens: 1024, stepTokens: 128 };
  it('caches nothing below the minimum and whole steps above it', () => {
    expect(cachedPrefixTokens(243, openai)).toBe(0);
    expect(cachedPrefixTokens(1023, openai)).toBe(0);
    expect(cachedPrefixTokens(1024, openai)).toBe(1024);
    // 1,024 + floor((1,151 - 1,024) / 128) x 128 = 1,024 + 0
    expect(cachedPrefixTokens(1151, openai)).toBe(1024);
    expect(cachedPrefixTokens(1152, openai)).toBe(1152);
    // 1,024 + floor(476 / 128) = 3 steps: 1,024 + 384 = 1,408
    expect(cachedPrefixTokens(1500, openai)).toBe(1408);
  });
  it('with a step of 1 (a breakpoint at the end of the prefix) keeps any length past the minimum', () => {
    expect(cachedPrefixTokens(1500, { minTokens: 1024, stepTokens: 1 })).toBe(1500);
    expect(cachedPrefixTokens(1000, { minTokens: 1024, stepTokens: 1 })).toBe(0);
  });
  it('without a rule caches the whole prefix', () => {
    expect(cachedPrefixTokens(243, undefined)).toBe(243);
  });
});

describe('prompt-cache minimums in the bill', () => {
  it('bills a prefix below the minimum as plain input, and says cache_hit was capped', async () => {
    const r = await estimateWith(`traffic: {requests_per_month: 1000}
workload: {kind: chat, system_prompt: 243, input: 100, output: 50, history: none, cache_hit: 50%}
options: [{api: t/auto}, {api: u/free}]`);
    const capped = option(r, 't/auto');
    // 343 input x 1 + 50 x 2 = 443 per 1M a request; nothing read from the cache.
    expect(capped.per_request_cost).toBeCloseTo(443e-6, 15);
    expect(capped.tokens_per_request.cached_input).toBe(0);
    expect(capped.prompt_cache).toEqual({ min_tokens: 1024, step_tokens: 128, cache_hit: 0.5, effective_cache_hit: 0, capped: true, source: 'https://example.com/cache', as_of: '2026-11-02' });
    expect(capped.warnings).toContain('cache_hit 50% applies to 0% of the cacheable prefix: t caches a prefix of at least 1,024 tokens, then steps of 128 (https://example.com/cache)');
    // A model with no rule keeps the old reading: 0.5 x 243 = 121.5 read at 0.1, 221.5 at 1, 50 x 2.
    const free = option(r, 'u/free');
    expect(free.per_request_cost).toBeCloseTo((121.5 * 0.1 + 221.5 + 100) * 1e-6, 15);
    expect(free.prompt_cache).toBeNull();
  });

  it('rounds a prefix above the minimum down to the step', async () => {
    const r = await estimateWith(`traffic: {requests_per_month: 1000}
workload: {kind: chat, system_prompt: 1500, input: 100, output: 0, history: none, cache_hit: 50%}
options: [{api: t/auto}]`);
    const m = option(r, 't/auto');
    // prefix 1,500 -> 1,408 cacheable; read 0.5 x 1,408 = 704 at 0.1; 1,600 - 704 = 896 at 1.
    // 896 + 70.4 = 966.4 per 1M a request, 1,000 requests.
    expect(m.tokens_per_request.cached_input).toBeCloseTo(704, 12);
    expect(m.per_request_cost).toBeCloseTo(966.4e-6, 15);
    expect(m.monthly_cost).toBeCloseTo(0.9664, 12);
    expect(m.prompt_cache!.capped).toBe(true);
    // 0.5 x 1,408 / 1,500
    expect(m.prompt_cache!.effective_cache_hit).toBeCloseTo((0.5 * 1408) / 1500, 15);
  });

  it('neither reads nor writes a prefix the provider will not cache (a provider-wide rule)', async () => {
    const r = await estimateWith(`traffic: {requests_per_month: 2, requests_per_session: 2}
workload: {kind: chat, system_prompt: 800, input: 500, output: 400, history: full, cache_hit: 1}
options: [{api: t/write}]`);
    const m = option(r, 't/write');
    // prompts 1,300 and 2,200; prefixes 800 (system) and 1,300; next prefixes 1,300 and 800.
    // call 1: prefix 800 < 1,024: reads 0; writes min(1,300, 1,300 cached) - 0 = 1,300; uncached 0.
    // call 2: reads 1,300; writes max(0, 0 (800 is not cached) - 1,300) = 0; uncached 900.
    // 1,300 x 0.3 + 1,300 x 3.75 + 900 x 3 + 800 x 15 = 390 + 4,875 + 2,700 + 12,000 = 19,965
    expect(m.calls.map((c) => c.cached_tokens)).toEqual([0, 1300]);
    expect(m.calls.map((c) => c.cache_write_tokens)).toEqual([1300, 0]);
    expect(m.monthly_cost).toBeCloseTo(19965e-6, 15);
    // 1 x (0 + 1,300) / (800 + 1,300)
    expect(m.prompt_cache!.effective_cache_hit).toBeCloseTo(1300 / 2100, 15);
    expect(m.prompt_cache!.source).toBe('https://example.com/cache-t');
  });

  it('is not capped when every prefix passes the minimum', async () => {
    const r = await estimateWith(`traffic: {requests_per_month: 10}
workload: {kind: chat, system_prompt: 2048, input: 10, output: 0, history: none, cache_hit: 1}
options: [{api: t/auto}]`);
    const m = option(r, 't/auto');
    // 2,048 = 1,024 + 8 x 128: all read at 0.1, 10 at 1: 204.8 + 10
    expect(m.per_request_cost).toBeCloseTo(214.8e-6, 15);
    expect(m.prompt_cache!.capped).toBe(false);
    expect(m.warnings.some((w) => w.startsWith('cache_hit'))).toBe(false);
  });

  it('applies the bundled OpenAI rule: a 243-token system prompt is not cached', async () => {
    const r = await estimateYaml(`traffic: {requests_per_month: 1000}
workload: {kind: chat, system_prompt: 243, input: 100, output: 200, history: none, cache_hit: 50%}
options: [{api: openai/gpt-4o-mini}]`);
    const m = option(r, 'openai/gpt-4o-mini');
    expect(m.tokens_per_request.cached_input).toBe(0);
    expect(m.tokens_per_request.input).toBe(343);
    expect(m.prompt_cache).toMatchObject({ min_tokens: 1024, step_tokens: 128, capped: true, effective_cache_hit: 0 });
  });
});

describe('prompt_cache in a catalogue file', () => {
  const bad = (text: string) => () => parsePricingFile(text, 'p.yaml', 'user');
  it('needs models, min_tokens, source and as_of', () => {
    expect(bad('prompt_cache:\n  - {min_tokens: 1024, source: https://x.org, as_of: 2026-01-01}\n')).toThrow(UserError);
    expect(bad('prompt_cache:\n  - {models: [openai], source: https://x.org, as_of: 2026-01-01}\n')).toThrow(/min_tokens/);
    expect(bad('prompt_cache:\n  - {models: [openai], min_tokens: 1024}\n')).toThrow(/source/);
    expect(bad('prompt_cache:\n  - {models: [openai], min_tokens: 1024, step_tokens: 0, source: https://x.org, as_of: 2026-01-01}\n')).toThrow(/step_tokens/);
  });
});
