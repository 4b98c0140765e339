// The source articles' worked examples, through the bundled scenarios and catalogue. Where an
// article's figure is wrong, the test holds the right one and says what the article claimed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { estimateYaml, option } from './estimate-helpers.js';

const scenario = (name: string) => readFileSync(new URL(`../../scenarios/${name}`, import.meta.url), 'utf8');

describe('seed 000: v0 chat app', () => {
  it('costs $42 a month on gpt-4o-mini at 5,000 users, not the article’s $240', async () => {
    const r = await estimateYaml(scenario('v0-chat-app.yaml'));
    // 5,000 users x 4 sessions x 5 exchanges = 100,000 exchanges of 400 in + 600 out.
    // gpt-4o-mini: $0.15 / $0.60 per 1M -> 100,000 x (400 x 0.15 + 600 x 0.60) / 1M = $42.
    expect(option(r, 'openai/gpt-4o-mini').monthly_cost).toBeCloseTo(42, 9);
    expect(240 / 42).toBeCloseTo(5.71, 2); // the article's table is 5.7x the list price
    // gpt-4o: $2.50 / $10 -> 100,000 x (400 x 2.5 + 600 x 10) / 1M = $700 (article: $3,360).
    expect(option(r, 'openai/gpt-4o').monthly_cost).toBeCloseTo(700, 9);
    // claude-haiku-4-5: $1 / $5 -> 100,000 x (400 + 3000) / 1M = $340.
    expect(option(r, 'anthropic/claude-haiku-4-5').monthly_cost).toBeCloseTo(340, 9);
    expect(r.cheapest).toBe('openai/gpt-4o-mini');
  });
});

describe('seed 001: code-review assistant', () => {
  it('V1 costs $0.0171 a review on Claude Sonnet 4.6, not the article’s $0.01', async () => {
    const r = await estimateYaml(scenario('code-review-chat.yaml'));
    // (600 + 2,600) x $3 / 1M + 500 x $15 / 1M = 0.0096 + 0.0075
    expect(option(r, 'anthropic/claude-sonnet-4-6').per_request_cost).toBeCloseTo(0.0171, 12);
  });

  it('V2 (RAG) costs $0.087 a review plus embeddings', async () => {
    const r = await estimateYaml(scenario('code-review-rag.yaml'));
    // 25,000 x 3 / 1M + 800 x 15 / 1M = 0.075 + 0.012 = 0.087 (the article: "about $0.09").
    // embeddings (text-embedding-3-small, $0.02 per 1M): 4,000 x 2,600 + 5M x 4 = 30.4M tokens
    // -> $0.608 a month, shared by the 4,000 reviews.
    expect(r.embeddings?.monthly_cost).toBeCloseTo(0.608, 12);
    const sonnet = option(r, 'anthropic/claude-sonnet-4-6');
    expect(sonnet.monthly_cost).toBeCloseTo(4000 * 0.087 + 0.608, 9);
    expect(sonnet.per_request_cost).toBeCloseTo(0.087 + 0.608 / 4000, 12);
  });

  it('V3 (agent) costs $2.475 a task on Sonnet; DeepSeek V4-Pro’s price changed after the article', async () => {
    const now = await estimateYaml(scenario('code-review-agent.yaml'));
    // 15 x (40,000 x 3 + 3,000 x 15) / 1M = 15 x 0.165
    expect(option(now, 'anthropic/claude-sonnet-4-6').per_request_cost).toBeCloseTo(2.475, 12);
    expect(now.workload.amplification).toBe(15);

    // Before 2026-08-17 V4-Pro was flat: $0.435 in, $0.003625 cached, $0.87 out.
    // Round 1: 40,000 uncached; rounds 2-15: 80% of the previous 40,000 read from cache.
    // 40,000 x 0.435 + 14 x (8,000 x 0.435 + 32,000 x 0.003625) + 45,000 x 0.87
    // = 17,400 + 14 x (3,480 + 116) + 39,150 = 17,400 + 50,344 + 39,150 = 106,894 per 1M
    const june = await estimateYaml(scenario('code-review-agent.yaml'), { today: '2026-06-30' });
    expect(option(june, 'deepseek/deepseek-v4-pro').per_request_cost).toBeCloseTo(0.106894, 12);

    // Since then: $0.66 / $0.022 / $1.98 off-peak and double that in 7 peak hours a day.
    // Blended over 24 h: input 0.66 x 17/24 + 1.32 x 7/24 = 0.8525; cached 0.022 x 17/24 +
    // 0.044 x 7/24 = 0.0284167; output 1.98 x 17/24 + 3.96 x 7/24 = 2.5575.
    const input = 0.66 * 17 / 24 + 1.32 * 7 / 24;
    const cached = 0.022 * 17 / 24 + 0.044 * 7 / 24;
    const output = 1.98 * 17 / 24 + 3.96 * 7 / 24;
    const perTask = (40_000 * input + 14 * (8_000 * input + 32_000 * cached) + 45_000 * output) / 1e6;
    expect(perTask).toBeCloseTo(0.2574, 4);
    const deepseek = option(now, 'deepseek/deepseek-v4-pro');
    expect(deepseek.per_request_cost).toBeCloseTo(perTask, 12);
    expect(deepseek.warnings.some((w) => w.startsWith('priced by time of day'))).toBe(true);
  });
});

describe('seed 002: customer service at 1M conversations a day', () => {
  it('costs $36,500 in a 730-hour month at $0.0015 per 1K tokens', async () => {
    const r = await estimateYaml(scenario('customer-service.yaml'));
    // 30,416,667 conversations x 800 tokens x $1.50 / 1M
    expect(option(r, 'article-blended-rate').monthly_cost).toBeCloseTo(30_416_667 * 800 * 1.5 / 1e6, 6);
    expect(option(r, 'article-blended-rate').monthly_cost).toBeCloseTo(36_500, 0);
    // gpt-4o-mini with the batch API (50% off): 30,416,667 x (500 x 0.15 + 300 x 0.6) / 1M / 2
    expect(option(r, 'openai/gpt-4o-mini (batch)').monthly_cost).toBeCloseTo((30_416_667 * 255) / 1e6 / 2, 6);
  });
});

describe('seed 003: GPT-4o in CNY', () => {
  it('prices the relay’s example at ¥73.5 and the list price at the catalogue rate', async () => {
    const r = await estimateYaml(scenario('relay-gpt-4o-cny.yaml'));
    // 1,000 calls x (1,000 x ¥21 + 500 x ¥105) / 1M = ¥21 + ¥52.5
    expect(option(r, 'relay-gpt-4o').monthly_cost).toBeCloseTo(73.5, 10);
    // $2.50 / $10: 1M x 2.5 + 0.5M x 10 = $7.50, at 6.80121 CNY per USD (pricing/fx.yaml)
    expect(option(r, 'openai/gpt-4o').monthly_cost).toBeCloseTo(7.5 * 6.80121, 9);
    expect(r.warnings.some((w) => w.includes('USD->CNY exchange rate is'))).toBe(true);
  });
});
