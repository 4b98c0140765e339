// The JSON Schemas in schema/: current (what src/schema builds), in agreement with the parsers at
// every mapping (the keys a parser accepts there are the schema's properties, no more, no fewer),
// and accepting every bundled scenario and catalogue file while refusing a misspelt key.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parsePricingFile } from '../src/catalogue/pricing-file.js';
import { parseSelfHostFile } from '../src/catalogue/selfhost-file.js';
import { UserError, type Problem } from '../src/errors.js';
import { readScenarioText } from '../src/scenario/parse.js';
import { catalogueSchema, scenarioSchema, schemaFiles, schemaText, type Schema } from '../src/schema/index.js';
import { ROOT } from './helpers.js';

// strictRequired off: `required` in oneOf/if branches names keys the object around them defines.
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
const validScenario = ajv.compile(scenarioSchema());
const validCatalogue = ajv.compile(catalogueSchema());
const errorsOf = (validate: typeof validScenario) => (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);

/** A key no parser knows and none would take for a misspelling of one of its own. */
const BOGUS = 'zzqqxx';

/** The keys the parser says it allows where it met BOGUS, from its "allowed here: ..." hint. */
function allowedAt(problems: readonly Problem[], path: string): string[] {
  const problem = problems.find((p) => p.message === `unknown key '${BOGUS}'` && p.path === `${path ? `${path}.` : ''}${BOGUS}`);
  expect(problem, `no unknown-key problem at ${path}: ${JSON.stringify(problems)}`).toBeDefined();
  const hint = /^allowed here: (.*)$/.exec(problem!.hint ?? '');
  expect(hint, problem!.hint).not.toBeNull();
  return hint![1]!.split(', ');
}

/**
 * The properties of the mapping at a schema path ('[]' for a list's items, '{}' for a map's values),
 * through $ref, allOf and anyOf to the object form (the one with key `want` when there are two).
 */
function propertiesAt(root: Schema, steps: readonly string[], want?: string): string[] {
  const definitions = root.definitions as Record<string, Schema>;
  const objectForm = (s: Schema, key?: string): Schema | undefined => {
    if (typeof s.$ref === 'string') return objectForm(definitions[s.$ref.replace('#/definitions/', '')]!, key);
    if (s.type === 'object') return key === undefined || key in (s.properties as Schema) ? s : undefined;
    for (const part of [...((s.anyOf as Schema[] | undefined) ?? []), ...((s.allOf as Schema[] | undefined) ?? [])]) {
      const found = objectForm(part, key);
      if (found) return found;
    }
    return undefined;
  };
  let at: Schema = root;
  for (const step of steps) {
    if (step === '[]') at = at.items as Schema;
    else if (step === '{}') at = objectForm(at)!.additionalProperties as Schema;
    else at = (objectForm(at)!.properties as Record<string, Schema>)[step]!;
    expect(at, `${steps.join('.')}: no ${step}`).toBeDefined();
  }
  return Object.keys(objectForm(at, want)!.properties as Schema);
}

const sorted = (keys: readonly string[]) => [...keys].sort();

describe('schema/*.json', () => {
  it('are what npm run schema writes from src/schema', () => {
    for (const [name, schema] of Object.entries(schemaFiles())) {
      expect(readFileSync(join(ROOT, 'schema', name), 'utf8'), `schema/${name} is out of date: run npm run schema`).toBe(schemaText(schema));
    }
  });

  it('are listed in package.json files, so that they ship', () => {
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).files).toContain('schema/');
  });
});

describe('the scenario schema and the scenario parser accept the same keys', () => {
  // [key path the parser reports, schema steps, a scenario with BOGUS in that mapping]
  const base = (workload: string, option: string, extra = '') =>
    `name: x\ntraffic: {users: 10}\nworkload: ${workload}\noptions:\n  - ${option}\n${extra}`;
  const chat = '{kind: chat, input: 1, output: 1}';
  const api = 'api: openai/gpt-4o-mini';
  const selfHost = (inner: string) => `self_host: {model: llama-3.1-8b, hardware: nvidia-rtx-4090-rent, ${inner}}`;
  const cases: [string, string[], string, string?][] = [
    ['', [], `${BOGUS}: 1\n${base(chat, api)}`],
    ['traffic', ['traffic'], base(chat, api).replace('{users: 10}', `{users: 10, ${BOGUS}: 1}`)],
    ['traffic.users', ['traffic', 'users'], base(chat, api).replace('{users: 10}', `{users: {min: 1, max: 2, ${BOGUS}: 1}}`)],
    ['workload', ['workload'], base(`{kind: chat, input: 1, output: 1, ${BOGUS}: 1}`, api)],
    ['workload.system_prompt', ['workload', 'system_prompt'], base(`{kind: chat, input: 1, output: 1, system_prompt: {file: a.md, ${BOGUS}: 1}}`, api), 'file'],
    ['workload.history', ['workload', 'history'], base(`{kind: chat, input: 1, output: 1, history: {last: 2, ${BOGUS}: 1}}`, api)],
    ['workload.retrieved', ['workload', 'retrieved'], base(`{kind: rag, input: 1, output: 1, retrieved: {chunks: 1, tokens_per_chunk: 1, ${BOGUS}: 1}}`, api)],
    ['workload.embedding', ['workload', 'embedding'], base(`{kind: rag, input: 1, output: 1, retrieved: {chunks: 1, tokens_per_chunk: 1}, embedding: {model: openai/text-embedding-3-small, ${BOGUS}: 1}}`, api)],
    ['options[0]', ['options', '[]'], base(chat, `{api: openai/gpt-4o-mini, ${BOGUS}: 1}`)],
    ['options[0].api', ['options', '[]', 'api'], base(chat, `api: {name: m, input: 1, output: 1, ${BOGUS}: 1}`)],
    ['options[0].api.tiers[0]', ['options', '[]', 'api', 'tiers', '[]'], base(chat, `api: {name: m, input: 1, output: 1, tiers: [{above: 10, ${BOGUS}: 1}]}`)],
    ['options[0].self_host', ['options', '[]', 'self_host'], base(chat, selfHost(`${BOGUS}: 1`))],
    ['options[0].self_host.hardware', ['options', '[]', 'self_host', 'hardware'], base(chat, `self_host: {model: llama-3.1-8b, hardware: {name: h, monthly: 1, ${BOGUS}: 1}}`)],
    ['options[0].self_host.owned', ['options', '[]', 'self_host', 'owned'], base(chat, selfHost(`owned: {electricity_per_kwh: 0.1, ${BOGUS}: 1}`))],
    ['options[0].self_host.model', ['options', '[]', 'self_host', 'model'], base(chat, `self_host: {hardware: nvidia-rtx-4090-rent, model: {params: 8B, layers: 32, kv_heads: 8, head_dim: 128, ${BOGUS}: 1}}`)],
    ['options[0].fallback', ['options', '[]', 'fallback'], base(chat, `{self_host: {model: llama-3.1-8b, hardware: nvidia-rtx-4090-rent}, fallback: {share: 0.1, api: openai/gpt-4o-mini, ${BOGUS}: 1}}`)],
    ['options[0].serverless', ['options', '[]', 'serverless'], base(chat, `serverless: {model: llama-3.1-8b, hardware: modal-h100, ${BOGUS}: 1}`)],
    ['budget', ['budget'], base(chat, api, `budget: {monthly: 10, ${BOGUS}: 1}\n`)],
  ];

  it.each(cases)('%s', (path, steps, text, want) => {
    const reading = readScenarioText(text, { file: 'x.yaml' });
    expect(sorted(allowedAt(reading.problems, path))).toEqual(sorted(propertiesAt(scenarioSchema(), steps, want)));
  });
});

describe('the catalogue schema and the catalogue parsers accept the same keys', () => {
  const sourced = 'source: https://example.com, as_of: 2026-01-01';
  const cases: [string, string[], string][] = [
    ['', [], `${BOGUS}: 1\n`],
    ['models[0]', ['models', '[]'], `models:\n  - {id: a/b, name: b, input: 1, output: 1, ${sourced}, ${BOGUS}: 1}\n`],
    ['models[0].tiers[0]', ['models', '[]', 'tiers', '[]'], `models:\n  - {id: a/b, name: b, input: 1, output: 1, ${sourced}, tiers: [{above: 1, ${BOGUS}: 1}]}\n`],
    ['providers.openai', ['providers', '{}'], `providers:\n  openai: {discount: 0.5, ${sourced}, ${BOGUS}: 1}\n`],
    ['rates.EUR', ['rates', '{}'], `rates:\n  EUR: {rate: 0.9, ${sourced}, ${BOGUS}: 1}\n`],
    ['prompt_cache[0]', ['prompt_cache', '[]'], `prompt_cache:\n  - {models: [openai], min_tokens: 1024, ${sourced}, ${BOGUS}: 1}\n`],
    ['rate_limits[0]', ['rate_limits', '[]'], `rate_limits:\n  - {models: [a/b], tiers: [{tier: 1, rpm: 5}], ${sourced}, ${BOGUS}: 1}\n`],
    ['rate_limits[0].tiers[0]', ['rate_limits', '[]', 'tiers', '[]'], `rate_limits:\n  - {models: [a/b], ${sourced}, tiers: [{tier: 1, rpm: 5, ${BOGUS}: 1}]}\n`],
    ['service_tiers[0]', ['service_tiers', '[]'], `service_tiers:\n  - {models: [openai], tier: flex, discount: 0.5, ${sourced}, ${BOGUS}: 1}\n`],
    ['architectures[0]', ['architectures', '[]'], `architectures:\n  - {id: m, ${BOGUS}: 1}\n`],
    ['weights[0]', ['weights', '[]'], `weights:\n  - {id: q, ${BOGUS}: 1}\n`],
    ['kv_cache[0]', ['kv_cache', '[]'], `kv_cache:\n  - {id: k, ${BOGUS}: 1}\n`],
    ['hardware[0]', ['hardware', '[]'], `hardware:\n  - {id: h, ${BOGUS}: 1}\n`],
    ['offers[0]', ['offers', '[]'], `offers:\n  - {id: o, ${BOGUS}: 1}\n`],
    ['engines[0]', ['engines', '[]'], `engines:\n  - {id: e, ${BOGUS}: 1}\n`],
    ['engines[0].memory_model', ['engines', '[]', 'memory_model'], `engines:\n  - {id: e, ${sourced}, memory_model: {${BOGUS}: 1}}\n`],
    ['engines[0].decode_efficiency', ['engines', '[]', 'decode_efficiency'], `engines:\n  - {id: e, ${sourced}, decode_efficiency: {${BOGUS}: 1}}\n`],
  ];
  const problemsOf = (read: () => unknown): Problem[] => {
    try {
      read();
    } catch (error) {
      if (error instanceof UserError) return error.problems;
      throw error;
    }
    return [];
  };

  it.each(cases)('%s', (path, steps, text) => {
    const schemaKeys = sorted(propertiesAt(catalogueSchema(), steps));
    // A file may hold API and self-hosting sections: each parser reads its own and knows the other's top-level keys.
    const pricing = problemsOf(() => parsePricingFile(text, 'x.yaml', 'pricing'));
    const selfHost = problemsOf(() => parseSelfHostFile(text, 'x.yaml'));
    const apiSection = ['', 'models[0]', 'models[0].tiers[0]', 'providers.openai', 'rates.EUR', 'prompt_cache[0]', 'rate_limits[0]', 'rate_limits[0].tiers[0]', 'service_tiers[0]'].includes(path);
    if (path === '' || apiSection) expect(sorted(allowedAt(pricing, path))).toEqual(schemaKeys);
    if (path === '' || !apiSection) expect(sorted(allowedAt(selfHost, path))).toEqual(schemaKeys);
  });
});

describe('validation with ajv', () => {
  const scenarios = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml'));

  it.each(scenarios)('accepts scenarios/%s', (file) => {
    const text = readFileSync(join(ROOT, 'scenarios', file), 'utf8');
    expect(validScenario(parse(text)), errorsOf(validScenario).join('\n')).toBe(true);
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/scenario.schema.json');
  });

  // accuracy.yaml is generated (npm run validate) in a format of its own, read by accuracy-file.ts.
  const catalogues = readdirSync(join(ROOT, 'pricing')).filter((f) => f.endsWith('.yaml') && f !== 'accuracy.yaml');

  it.each(catalogues)('accepts pricing/%s', (file) => {
    const text = readFileSync(join(ROOT, 'pricing', file), 'utf8');
    expect(validCatalogue(parse(text)), errorsOf(validCatalogue).join('\n')).toBe(true);
  });

  it('refuses a misspelt key, in a scenario and in a catalogue file', () => {
    const scenario = parse(readFileSync(join(ROOT, 'scenarios', 'v0-chat-app.yaml'), 'utf8'));
    scenario.trafic = scenario.traffic;
    delete scenario.traffic;
    expect(validScenario(scenario)).toBe(false);
    expect(errorsOf(validScenario).join('\n')).toContain('"additionalProperty":"trafic"');
    scenario.traffic = scenario.trafic;
    delete scenario.trafic;
    scenario.workload.ouput = 600;
    expect(validScenario(scenario)).toBe(false);
    expect(errorsOf(validScenario).join('\n')).toContain('"additionalProperty":"ouput"');
    delete scenario.workload.ouput;
    expect(validScenario(scenario)).toBe(true);

    const catalogue = parse(readFileSync(join(ROOT, 'pricing', 'hardware.yaml'), 'utf8'));
    catalogue.hardware[0].memory_gb = 24;
    expect(validCatalogue(catalogue)).toBe(false);
    expect(errorsOf(validCatalogue).join('\n')).toContain('"additionalProperty":"memory_gb"');
  });

  it('says what the parser says across keys: one kind per option, keys of the workload kind, traffic and budget', () => {
    const base = () => parse(readFileSync(join(ROOT, 'scenarios', 'v0-chat-app.yaml'), 'utf8'));
    type Doc = { options: unknown[]; workload: Record<string, unknown>; traffic: Record<string, unknown>; budget?: unknown };
    const valid = (change: (s: Doc) => void) => {
      const scenario = base() as Doc;
      change(scenario);
      return validScenario(scenario);
    };
    expect(valid(() => {})).toBe(true);
    expect(valid((s) => (s.options[0] = { api: 'openai/gpt-4o-mini', self_host: { hardware: 'x' } }))).toBe(false); // two kinds
    expect(valid((s) => (s.options[0] = { name: 'nothing' }))).toBe(false); //                                          no kind
    expect(valid((s) => (s.options[0] = { self_host: { hardware: 'x' }, batch: true }))).toBe(false); //                 batch is for api
    expect(valid((s) => (s.options[0] = { api: 'openai/gpt-4o-mini', fallback: { share: 0.1, api: 'openai/gpt-4o' } }))).toBe(false);
    expect(valid((s) => (s.options[0] = { self_host: { hardware: 'x' }, fallback: { share: 0.1, api: 'openai/gpt-4o' } }))).toBe(true);
    expect(valid((s) => (s.workload.rounds = 3))).toBe(false); //                                                        an agent key on a chat
    expect(valid((s) => delete s.workload.output)).toBe(false);
    expect(valid((s) => (s.workload = { kind: 'agent', rounds: 3, output: 100 }))).toBe(true); //                      an agent needs no input
    expect(valid((s) => (s.workload = { kind: 'rag', input: 1, output: 1 }))).toBe(false); //                            a rag needs retrieved
    expect(valid((s) => (s.traffic.requests_per_month = 1000))).toBe(false); //                                          with users
    expect(valid((s) => (s.traffic = { requests_per_month: 1000, requests_per_session: 2 }))).toBe(true);
    expect(valid((s) => (s.traffic = { requests_per_month: 1000, sessions_per_user: 2 }))).toBe(false);
    expect(valid((s) => (s.traffic = { users: 10, requests_per_month: 1000 }))).toBe(false);
    expect(valid((s) => (s.traffic = { peak_factor: 2 }))).toBe(false);
    expect(valid((s) => (s.budget = { warn_at: 0.5 }))).toBe(false); //                                                  no limit
  });

  it('describes every form a number may take, and refuses what the parser refuses', () => {
    const scenario = parse(readFileSync(join(ROOT, 'scenarios', 'v0-chat-app.yaml'), 'utf8'));
    const users = (value: unknown) => {
      scenario.traffic.users = value;
      return validScenario(scenario);
    };
    for (const ok of [5000, '12k', '1.5M', '1,000', '400..900', '1k..2k', { min: 100, max: 900 }, { min: 100, mode: 400, max: 900 }]) expect(users(ok), JSON.stringify(ok)).toBe(true);
    for (const bad of [0, -5, 'lots', '400...900', '8%', { min: 100 }, { min: 1, max: 2, most: 3 }, { file: 'users.txt' }]) expect(users(bad), JSON.stringify(bad)).toBe(false);
    scenario.traffic.users = 5000;
    const cacheHit = (value: unknown) => {
      scenario.workload.cache_hit = value;
      return validScenario(scenario);
    };
    for (const ok of [0.5, '50%', '10%..30%', 0]) expect(cacheHit(ok), JSON.stringify(ok)).toBe(true);
    for (const bad of [1.5, '150x', 'half']) expect(cacheHit(bad), JSON.stringify(bad)).toBe(false);
    delete scenario.workload.cache_hit;
    const systemPrompt = (value: unknown) => {
      scenario.workload.system_prompt = value;
      return validScenario(scenario);
    };
    for (const ok of [0, '2k', { file: 'prompts/system.md' }, '100..300']) expect(systemPrompt(ok), JSON.stringify(ok)).toBe(true);
    for (const bad of [{ file: 3 }, { path: 'x.md' }, 'a file']) expect(systemPrompt(bad), JSON.stringify(bad)).toBe(false);
  });
});

describe('budget limits in the schema', () => {
  it('take money with its currency, as the parser does, and refuse what it refuses', () => {
    const schema = JSON.parse(readFileSync(new URL('../schema/scenario.schema.json', import.meta.url), 'utf8'));
    const validate = new Ajv({ strict: false }).compile(schema);
    const scenario = (monthly: unknown) => ({ traffic: { users: 10 }, workload: { kind: 'chat', input: 10, output: 10 }, options: [{ api: 'openai/gpt-4o-mini' }], budget: { monthly } });
    for (const written of [40, '$40', '40 USD', '€35', 'EUR 35', '35€']) expect([written, validate(scenario(written))]).toEqual([written, true]);
    for (const written of ['forty', '$', 'USD']) expect([written, validate(scenario(written))]).toEqual([written, false]);
  });
});
