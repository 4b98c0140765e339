import { describe, expect, it } from 'vitest';
import { layerCatalogue } from '../../src/catalogue/catalogue.js';
import { parsePricingFile } from '../../src/catalogue/pricing-file.js';
import { estimate } from '../../src/engine/estimate.js';
import { parseScenario } from '../../src/scenario/parse.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import { catalogue, estimateYaml, option } from './estimate-helpers.js';

// A test model (per 1M tokens: input 2, cached 0.2, output 8, a fee of 0.001 a call) with a flex
// discount for its provider and priority prices of its own.
const PRICING = `
models:
  - {id: s/m, name: m, input: 2, cached_input: 0.2, output: 8, per_request: 0.001, source: https://example.com/p, as_of: 2026-11-01}
  - {id: s/other, name: other, input: 2, output: 8, source: https://example.com/p, as_of: 2026-11-01}
service_tiers:
  - {models: [s], tier: flex, discount: 40%, source: https://example.com/flex, as_of: 2026-11-02}
  - {models: [s/m], tier: priority, input: 3.5, cached_input: 0.35, output: 14, source: https://example.com/priority, as_of: 2026-11-03}
`;

async function run(options: string) {
  const cat = layerCatalogue(await catalogue(), parsePricingFile(PRICING, 'tiers.yaml', 'user'));
  const scenario = parseScenario(`traffic: {requests_per_month: 1000}
workload: {kind: chat, system_prompt: 0, input: 1000, output: 500, history: none}
options: ${options}`, { file: 'test.yaml' });
  return estimate(scenario, resolveScenario(scenario, { catalogue: cat, currency: 'USD', today: '2026-11-25' }));
}

describe('service tiers', () => {
  it('names the option after its tier and bills flex at the discount, the fee unchanged', async () => {
    const r = await run('[{api: s/m}, {api: s/m, service_tier: flex}, {api: s/m, service_tier: priority}]');
    // standard: 1,000 x 2 + 500 x 8 = 6,000 per 1M = 0.006, + 0.001 fee
    expect(option(r, 's/m').per_request_cost).toBeCloseTo(0.007, 15);
    // flex: 0.006 x (1 - 0.4) = 0.0036, + 0.001 fee
    const flex = option(r, 's/m (flex)');
    expect(flex.per_request_cost).toBeCloseTo(0.0046, 15);
    expect(flex.price.input_per_mtok).toBeCloseTo(1.2, 15);
    expect(flex.breakdown.request_fees).toBeCloseTo(1, 12);
    expect(flex.service_tier).toEqual({ tier: 'flex', discount: 0.4, source: 'https://example.com/flex', as_of: '2026-11-02' });
    // a price given for the provider, not the model: the report says to check the model has it
    expect(flex.warnings).toContain("flex is priced for all of s's models; check that s/m offers it (https://example.com/flex)");
    expect(option(r, 's/m (priority)').warnings.some((w) => w.startsWith('priority is priced for all'))).toBe(false);
    // priority: its own prices, 1,000 x 3.5 + 500 x 14 = 10,500 per 1M = 0.0105, + 0.001 fee
    const priority = option(r, 's/m (priority)');
    expect(priority.per_request_cost).toBeCloseTo(0.0115, 15);
    expect(priority.monthly_cost).toBeCloseTo(11.5, 12);
    expect(priority.service_tier).toEqual({ tier: 'priority', discount: null, source: 'https://example.com/priority', as_of: '2026-11-03' });
    expect(option(r, 's/m').service_tier).toBeNull();
  });

  it('bills at standard and says so where no price of the tier is known', async () => {
    const r = await run('[{api: s/other, service_tier: priority}]');
    const m = option(r, 's/other (priority)');
    expect(m.per_request_cost).toBeCloseTo(0.006, 15);
    expect(m.warnings).toContain('no priority price is known for s/other: billed at the standard price');
  });

  it('refuses a tier with batch, or on a self-hosted option, or an unknown tier', () => {
    const yaml = (option: string) => `traffic: {requests_per_month: 1}\nworkload: {kind: chat, input: 1, output: 1}\noptions: [${option}]\n`;
    expect(() => parseScenario(yaml('{api: s/m, batch: true, service_tier: flex}'), { file: 's.yaml' })).toThrow(/service_tier: batch requests have no service tier/);
    expect(() => parseScenario(yaml('{api: s/m, service_tier: turbo}'), { file: 's.yaml' })).toThrow(/must be one of flex, priority/);
    expect(() => parseScenario(yaml('{self_host: {hardware: {name: box, monthly: 10}, tokens_per_second: 20}, service_tier: flex}'), { file: 's.yaml' })).toThrow(/service_tier applies to api options only/);
  });

  it('prices OpenAI priority from the bundled catalogue (gpt-4o-mini: 0.25 in, 1 out)', async () => {
    const r = await estimateYaml(`traffic: {requests_per_month: 1000}
workload: {kind: chat, input: 1000, output: 1000}
options: [{api: openai/gpt-4o-mini, service_tier: priority}]`);
    // 1,000 x 0.25 + 1,000 x 1 = 1,250 per 1M a request
    expect(option(r, 'openai/gpt-4o-mini (priority)').per_request_cost).toBeCloseTo(0.00125, 15);
  });
});
