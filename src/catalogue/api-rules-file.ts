// Reads the API rule sections of a catalogue file: prompt-cache minimums (`prompt_cache:`) and
// published rate-limit tiers (`rate_limits:`). Each entry names the providers or provider/model
// ids it applies to; every figure carries its source and as_of. Pure.

import type { Node } from 'yaml';
import type { Fields, Reader } from '../scenario/reader.js';
import { perMtok } from '../units.js';
import type { PromptCacheRule, RateLimitTable, RateLimitTier, ServiceTierPrice } from './types.js';

// The keys each mapping accepts; schema/catalogue.schema.json is built from these (src/schema).
export const PROMPT_CACHE_KEYS = ['models', 'min_tokens', 'step_tokens', 'source', 'as_of', 'note'] as const;
export const RATE_LIMIT_KEYS = ['models', 'tiers', 'source', 'as_of', 'note'] as const;
export const RATE_TIER_KEYS = ['tier', 'name', 'rpm', 'tpm', 'itpm', 'input_tpm', 'otpm'] as const;
export const SERVICE_TIER_KEYS = ['models', 'tier', 'discount', 'input', 'output', 'cached_input', 'cache_write', 'source', 'as_of', 'note'] as const;
export const SERVICE_TIER_NAMES = ['flex', 'priority'] as const;

type Sourced = (r: Reader, f: Fields, path: string) => { source: string; asOf: string } | undefined;

/** `models:` of an entry: provider ids (`openai`) or exact provider/model ids. */
function readModels(r: Reader, f: Fields, path: string): string[] {
  const items = r.list(r.need(f, 'models', ' (provider ids or provider/model ids it applies to)'), `${path}.models`) ?? [];
  const ids: string[] = [];
  items.forEach((node, i) => {
    const id = r.string(node, `${path}.models[${i}]`);
    if (id !== undefined) ids.push(id);
  });
  return ids;
}

export function readPromptCache(r: Reader, node: Node | undefined, readSourced: Sourced): Record<string, PromptCacheRule> {
  const out: Record<string, PromptCacheRule> = {};
  (r.list(node, 'prompt_cache') ?? []).forEach((item, i) => {
    const path = `prompt_cache[${i}]`;
    const f = r.map(item, path, PROMPT_CACHE_KEYS);
    if (!f) return;
    const models = readModels(r, f, path);
    const minTokens = r.number(r.need(f, 'min_tokens'), `${path}.min_tokens`, 'integer');
    const stepTokens = r.number(f.get('step_tokens'), `${path}.step_tokens`, 'integer') ?? 1;
    if (stepTokens === 0) r.problem(f.get('step_tokens'), `${path}.step_tokens`, 'must be at least 1 (1: any length above the minimum)');
    const note = r.string(f.get('note'), `${path}.note`);
    const meta = readSourced(r, f, path);
    if (minTokens === undefined || !meta || stepTokens === 0) return;
    for (const id of models) out[id] = { minTokens, stepTokens, ...meta, ...(note ? { note } : {}) };
  });
  return out;
}

export function readRateLimits(r: Reader, node: Node | undefined, readSourced: Sourced): Record<string, RateLimitTable> {
  const out: Record<string, RateLimitTable> = {};
  (r.list(node, 'rate_limits') ?? []).forEach((item, i) => {
    const path = `rate_limits[${i}]`;
    const f = r.map(item, path, RATE_LIMIT_KEYS);
    if (!f) return;
    const models = readModels(r, f, path);
    const tiers: RateLimitTier[] = [];
    (r.list(r.need(f, 'tiers'), `${path}.tiers`) ?? []).forEach((tierNode, j) => {
      const tierPath = `${path}.tiers[${j}]`;
      const t = r.map(tierNode, tierPath, RATE_TIER_KEYS);
      if (!t) return;
      const tier = r.number(r.need(t, 'tier', ' (its place in the ladder, 1 = the lowest paid tier)'), `${tierPath}.tier`, 'integer');
      const limit = (key: string) => r.number(t.get(key), `${tierPath}.${key}`, 'positive');
      const read: RateLimitTier | undefined = tier === undefined ? undefined : {
        tier,
        ...optional('name', r.string(t.get('name'), `${tierPath}.name`)),
        ...optional('requestsPerMinute', limit('rpm')),
        ...optional('tokensPerMinute', limit('tpm')),
        ...optional('inputTokensPerMinute', limit('itpm')),
        ...optional('promptTokensPerMinute', limit('input_tpm')),
        ...optional('outputTokensPerMinute', limit('otpm')),
      };
      if (read && Object.keys(read).filter((k) => k !== 'tier' && k !== 'name').length === 0) {
        r.problem(tierNode, tierPath, 'lists no limit', 'give at least one of rpm, tpm, itpm, input_tpm, otpm');
        return;
      }
      const previous = tiers.at(-1);
      if (read && previous && read.tier <= previous.tier) r.problem(t.get('tier'), `${tierPath}.tier`, `tiers go lowest first: ${read.tier} after ${previous.tier}`);
      if (read) tiers.push(read);
    });
    const note = r.string(f.get('note'), `${path}.note`);
    const meta = readSourced(r, f, path);
    if (!meta || tiers.length === 0) return;
    for (const id of models) {
      if (!id.includes('/')) r.problem(f.get('models'), `${path}.models`, `rate limits are per model: name it provider/model, got '${id}'`);
      else out[id] = { tiers, ...meta, ...(note ? { note } : {}) };
    }
  });
  return out;
}

export type ServiceTierTable = Record<string, Partial<Record<(typeof SERVICE_TIER_NAMES)[number], ServiceTierPrice>>>;

/** `service_tiers:` a tier's discount off standard prices, or its own prices, per provider or model. */
export function readServiceTiers(r: Reader, node: Node | undefined, readSourced: Sourced): ServiceTierTable {
  const out: ServiceTierTable = {};
  (r.list(node, 'service_tiers') ?? []).forEach((item, i) => {
    const path = `service_tiers[${i}]`;
    const f = r.map(item, path, SERVICE_TIER_KEYS);
    if (!f) return;
    const models = readModels(r, f, path);
    const tier = r.string(r.need(f, 'tier', ' (flex or priority)'), `${path}.tier`, SERVICE_TIER_NAMES) as (typeof SERVICE_TIER_NAMES)[number] | undefined;
    const discount = r.number(f.get('discount'), `${path}.discount`, 'share');
    const price = (key: string) => r.number(f.get(key), `${path}.${key}`, 'money');
    const input = price('input');
    const output = price('output');
    const cachedInput = price('cached_input');
    const cacheWrite = price('cache_write');
    const priced = input !== undefined || output !== undefined;
    if (discount !== undefined && (priced || cachedInput !== undefined)) r.problem(f.get('discount'), `${path}.discount`, 'give a discount or the tier\'s own prices, not both');
    else if (discount === undefined && (input === undefined || output === undefined)) {
      r.problem(item, path, 'needs a discount (a share off standard prices) or the tier\'s own input and output prices');
    }
    const note = r.string(f.get('note'), `${path}.note`);
    const meta = readSourced(r, f, path);
    if (!tier || !meta || (discount === undefined && (input === undefined || output === undefined))) return;
    const entry: ServiceTierPrice = {
      ...(discount !== undefined ? { discount } : {}),
      ...(discount === undefined
        ? { rates: { inputPerMtok: perMtok(input!), outputPerMtok: perMtok(output!), cachedInputPerMtok: cachedInput === undefined ? undefined : perMtok(cachedInput), cacheWritePerMtok: cacheWrite === undefined ? undefined : perMtok(cacheWrite) } }
        : {}),
      ...meta,
      ...(note ? { note } : {}),
    };
    for (const id of models) (out[id] ??= {})[tier] = entry;
  });
  return out;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
