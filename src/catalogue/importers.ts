// Price snapshots from other projects, layered with --pricing so a user can bring fresher prices
// offline: LiteLLM's model_prices_and_context_window.json (prices per token) and models.dev's
// api.json (prices per million tokens). Pure: parsed JSON in, catalogue entries out.

import { UserError } from '../errors.js';
import type { InlineApiModel, InlineTier } from '../scenario/types.js';
import { inlineToEntry, type PricingFile } from './pricing-file.js';
import type { Layer } from './types.js';
import { groupDigits, PER_MTOK_FLOOR } from '../units.js';

export const LITELLM_SOURCE = 'https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json';
export const MODELS_DEV_SOURCE = 'https://models.dev/api.json';

export type SnapshotFormat = 'litellm' | 'models.dev';

/** Which snapshot a parsed JSON document is, or undefined. */
export function detectSnapshot(json: unknown): SnapshotFormat | undefined {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const values = Object.values(json as Record<string, unknown>).filter((v) => v && typeof v === 'object') as Record<string, unknown>[];
  if (values.some((v) => 'litellm_provider' in v || 'input_cost_per_token' in v)) return 'litellm';
  if (values.some((v) => v.models && typeof v.models === 'object')) return 'models.dev';
  return undefined;
}

/** LiteLLM names some providers differently from the bundled catalogue. */
const PROVIDER_ALIASES: Record<string, string> = { gemini: 'google', 'vertex_ai-language-models': 'google-vertex', xai: 'x-ai', mistralai: 'mistral' };
const provider = (name: string) => PROVIDER_ALIASES[name] ?? name;
const PER_MTOK = 1e6;

interface Meta {
  file: string;
  /** The snapshot's date: the day its file was written. */
  asOf: string;
  layer: Layer;
}

export function importSnapshot(json: unknown, meta: Meta): PricingFile {
  const format = detectSnapshot(json);
  if (format === 'litellm') return importLiteLlm(json as Record<string, unknown>, meta);
  if (format === 'models.dev') return importModelsDev(json as Record<string, unknown>, meta);
  throw UserError.plain(meta.file, 'is JSON but neither a LiteLLM model_prices_and_context_window.json nor a models.dev api.json', 'catalogue files in our own format are YAML');
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);

/**
 * Above this a LiteLLM price per token is a price per million written in the wrong field
 * ($10,000 per 1M tokens; the dearest models list well under $1,000).
 */
const MOST_PER_TOKEN = 0.01;

/** The LiteLLM price fields llm-tco reads. */
const PRICE_FIELDS = /^(input_cost_per_token|output_cost_per_token|input_cost_per_token_batches|cache_read_input_token_cost|cache_creation_input_token_cost)$|^(input_cost_per_token|output_cost_per_token|cache_read_input_token_cost)_above_\d+k_tokens$/;

/**
 * The price fields of one LiteLLM entry that are present but not a price: a string, a negative
 * number, or a per-million figure in a per-token field. Skipping the entry would silently leave
 * the bundled (older) price in force.
 */
function badPrices(key: string, v: Record<string, unknown>): string[] {
  const bad: string[] = [];
  for (const [field, value] of Object.entries(v)) {
    if (!PRICE_FIELDS.test(field) || value === undefined || value === null) continue;
    if (num(value) === undefined) bad.push(`'${key}'.${field}: not a price per token (got ${JSON.stringify(value)})`);
    else if ((value as number) > MOST_PER_TOKEN) bad.push(`'${key}'.${field}: ${value} per token is $${groupDigits((value as number) * PER_MTOK, 0)} per 1M tokens (is it a price per 1M? LiteLLM's fields are per token)`);
  }
  const list = num(v.input_cost_per_token);
  const batch = num(v.input_cost_per_token_batches);
  if (list !== undefined && batch !== undefined && batch > list) bad.push(`'${key}'.input_cost_per_token_batches: ${batch} is more than the list price ${list}: a batch price is a discount`);
  return bad;
}

/** The same for a models.dev entry, whose prices are per 1M tokens. */
function badPricesPerMtok(id: string, cost: Record<string, unknown>): string[] {
  const bad: string[] = [];
  const over = cost.context_over_200k && typeof cost.context_over_200k === 'object' ? (cost.context_over_200k as Record<string, unknown>) : {};
  const fields = [...['input', 'output', 'cache_read', 'cache_write'].map((k) => [k, cost[k]] as const), ...['input', 'output', 'cache_read', 'cache_write'].map((k) => [`context_over_200k.${k}`, over[k]] as const)];
  for (const [field, value] of fields) {
    if (value === undefined || value === null) continue;
    if (num(value) === undefined) bad.push(`'${id}'.cost.${field}: not a price per 1M tokens (got ${JSON.stringify(value)})`);
    else if ((value as number) > 0 && (value as number) < PER_MTOK_FLOOR) bad.push(`'${id}'.cost.${field}: ${value} looks like a price per token (models.dev's prices are per 1M tokens)`);
  }
  return bad;
}

function importLiteLlm(json: Record<string, unknown>, meta: Meta): PricingFile {
  const apiModels = [];
  const problems: string[] = [];
  for (const [key, raw] of Object.entries(json)) {
    if (key === 'sample_spec' || !raw || typeof raw !== 'object') continue;
    const v = raw as Record<string, unknown>;
    const mode = v.mode;
    if (mode !== undefined && mode !== 'chat' && mode !== 'completion' && mode !== 'responses' && mode !== 'embedding') continue;
    const bad = badPrices(key, v);
    if (bad.length > 0) {
      problems.push(...bad);
      continue;
    }
    const input = num(v.input_cost_per_token);
    const output = num(v.output_cost_per_token) ?? (mode === 'embedding' ? 0 : undefined);
    const litellmProvider = typeof v.litellm_provider === 'string' ? v.litellm_provider : undefined;
    if (input === undefined || output === undefined || !litellmProvider) continue;
    const name = key.startsWith(`${litellmProvider}/`) ? key.slice(litellmProvider.length + 1) : key;
    const tiers: InlineTier[] = [];
    for (const [field, value] of Object.entries(v)) {
      const m = /^input_cost_per_token_above_(\d+)k_tokens$/.exec(field);
      if (!m || num(value) === undefined) continue;
      const above = Number(m[1]) * 1000;
      const out = num(v[`output_cost_per_token_above_${m[1]}k_tokens`]);
      const cached = num(v[`cache_read_input_token_cost_above_${m[1]}k_tokens`]);
      tiers.push({ aboveTokens: above, inputPerMtok: num(value)! * PER_MTOK, outputPerMtok: out === undefined ? undefined : out * PER_MTOK,
        cachedInputPerMtok: cached === undefined ? undefined : cached * PER_MTOK, cacheWritePerMtok: undefined });
    }
    const batchInput = num(v.input_cost_per_token_batches);
    const model: InlineApiModel = {
      name,
      inputPerMtok: input * PER_MTOK,
      outputPerMtok: output * PER_MTOK,
      cachedInputPerMtok: scaled(v.cache_read_input_token_cost),
      cacheWritePerMtok: scaled(v.cache_creation_input_token_cost),
      perRequestFee: 0,
      batchDiscount: batchInput !== undefined && input > 0 ? 1 - batchInput / input : undefined,
      contextWindow: num(v.max_input_tokens),
      tiers: tiers.sort((a, b) => a.aboveTokens - b.aboveTokens),
    };
    apiModels.push(inlineToEntry(model, { id: `${provider(litellmProvider)}/${name}`, currency: 'USD', source: LITELLM_SOURCE, asOf: meta.asOf, layer: meta.layer, notes: [`imported from ${meta.file}`] }));
  }
  if (problems.length > 0) throw new UserError(problems.map((message) => ({ location: { file: meta.file }, path: '', message })));
  return { apiModels: dedupe(apiModels), batch: {}, fx: {} };
}

const scaled = (v: unknown) => (num(v) === undefined ? undefined : num(v)! * PER_MTOK);

function importModelsDev(json: Record<string, unknown>, meta: Meta): PricingFile {
  const apiModels = [];
  const problems: string[] = [];
  for (const [providerId, raw] of Object.entries(json)) {
    const models = (raw as { models?: Record<string, unknown> })?.models;
    if (!models || typeof models !== 'object') continue;
    for (const [modelId, m] of Object.entries(models)) {
      const cost = (m as { cost?: Record<string, unknown> })?.cost;
      const bad = cost && typeof cost === 'object' ? badPricesPerMtok(`${providerId}/${modelId}`, cost) : [];
      if (bad.length > 0) {
        problems.push(...bad);
        continue;
      }
      const input = num(cost?.input);
      const output = num(cost?.output);
      if (!cost || input === undefined || output === undefined) continue;
      const over = cost.context_over_200k as Record<string, unknown> | undefined;
      const tiers: InlineTier[] = over && num(over.input) !== undefined
        ? [{ aboveTokens: 200_000, inputPerMtok: num(over.input), outputPerMtok: num(over.output), cachedInputPerMtok: num(over.cache_read), cacheWritePerMtok: num(over.cache_write) }]
        : [];
      const limit = (m as { limit?: { context?: unknown } }).limit;
      const model: InlineApiModel = {
        name: String((m as { name?: unknown }).name ?? modelId),
        inputPerMtok: input,
        outputPerMtok: output,
        cachedInputPerMtok: num(cost.cache_read),
        cacheWritePerMtok: num(cost.cache_write),
        perRequestFee: 0,
        batchDiscount: undefined,
        contextWindow: num(limit?.context) || undefined,
        tiers,
      };
      apiModels.push(inlineToEntry(model, { id: `${providerId}/${modelId}`, currency: 'USD', source: MODELS_DEV_SOURCE, asOf: meta.asOf, layer: meta.layer, notes: [`imported from ${meta.file}`] }));
    }
  }
  if (problems.length > 0) throw new UserError(problems.map((message) => ({ location: { file: meta.file }, path: '', message })));
  return { apiModels: dedupe(apiModels), batch: {}, fx: {} };
}

/** The first entry of an id wins (LiteLLM lists some models twice, with and without a prefix). */
function dedupe<T extends { id: string }>(entries: T[]): T[] {
  const seen = new Set<string>();
  return entries.filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
}
