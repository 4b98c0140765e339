// Reads a catalogue YAML file (pricing/*.yaml, or a user's --pricing FILE) into catalogue parts,
// with positions for every problem. Pure: takes the text, returns data or throws UserError.

import { isMap, isScalar, type Node } from 'yaml';
import { sortProblems, UserError } from '../errors.js';
import { perMtok } from '../units.js';
import { INLINE_API_KEYS, parseYamlStrict, readInlineApiModel } from '../scenario/parse.js';
import { Reader, type Fields } from '../scenario/reader.js';
import type { InlineApiModel } from '../scenario/types.js';
import { readPromptCache, readRateLimits, readServiceTiers, type ServiceTierTable } from './api-rules-file.js';
import type { ApiModelEntry, BatchDiscount, FxRate, Layer, PriceSchedule, PromptCacheRule, RateLimitTable, Rates } from './types.js';

/** API sections, read here; the self-hosting sections of the same file are read by selfhost-file.ts. */
// The keys each mapping accepts; schema/catalogue.schema.json is built from these (src/schema).
export const TOP_KEYS = ['models', 'providers', 'base', 'source', 'as_of', 'rates', 'note', 'package', 'version',
  'architectures', 'weights', 'kv_cache', 'hardware', 'offers', 'engines', 'prompt_cache', 'rate_limits', 'service_tiers'] as const;
export const MODEL_KEYS = [...INLINE_API_KEYS, 'id', 'currency', 'source', 'as_of', 'note'] as const;

export interface PricingFile {
  apiModels: ApiModelEntry[];
  batch: Record<string, BatchDiscount>;
  fx: Record<string, FxRate>;
  promptCache?: Record<string, PromptCacheRule>;
  rateLimits?: Record<string, RateLimitTable>;
  serviceTiers?: ServiceTierTable;
}

/** Top-level keys that only a scenario has. */
export const PROVIDER_KEYS = ['discount', 'source', 'as_of', 'note'] as const;
export const RATE_KEYS = ['rate', 'source', 'as_of', 'note'] as const;
const SCENARIO_KEYS = new Set(['traffic', 'workload', 'options', 'budget']);

/**
 * A scenario given where a catalogue file belongs gets one line saying so, rather than a list of
 * its keys as unknown ones.
 */
export function refuseScenario(r: Reader, contents: unknown): void {
  if (!isMap(contents)) return;
  const pair = contents.items.find((p) => isScalar(p.key) && SCENARIO_KEYS.has(String(p.key.value)));
  if (!pair) return;
  r.problem(pair.key as Node, '', 'is a scenario, not a catalogue file', 'a catalogue file lists models, providers, rates, hardware, offers or engines; scenarios go to estimate');
  throw new UserError(r.problems);
}

export function parsePricingFile(text: string, file: string, layer: Layer): PricingFile {
  const { doc, lineCounter } = parseYamlStrict(text, file);
  const r = new Reader(file, lineCounter);
  refuseScenario(r, doc.contents);
  const top = r.map(doc.contents as Node, '', TOP_KEYS, 'a catalogue mapping (models, providers, rates)');
  if (!top) throw new UserError(r.problems);
  const result: PricingFile = { apiModels: [], batch: {}, fx: {} };

  const modelNodes = top.has('models') ? r.list(top.get('models'), 'models') ?? [] : [];
  const seen = new Set<string>();
  modelNodes.forEach((node, i) => {
    const entry = readModelEntry(r, node, `models[${i}]`, layer);
    if (!entry) return;
    if (seen.has(entry.id)) r.problem(node, `models[${i}].id`, `'${entry.id}' is listed twice in this file`);
    seen.add(entry.id);
    result.apiModels.push(entry);
  });

  if (top.has('providers')) {
    const providers = r.map(top.get('providers'), 'providers', anyKeys(top.get('providers')));
    for (const key of providers?.keys() ?? []) {
      const path = `providers.${key}`;
      const f = r.map(providers!.get(key), path, PROVIDER_KEYS);
      if (!f) continue;
      const discount = r.number(r.need(f, 'discount'), `${path}.discount`, 'share');
      const meta = readSourced(r, f, path);
      if (discount !== undefined && meta) result.batch[key] = { discount, ...meta };
    }
  }

  if (top.has('rates')) {
    const base = r.string(top.get('base'), 'base') ?? 'USD';
    if (base !== 'USD') r.problem(top.get('base'), 'base', `exchange rates must be given per 1 USD, got base ${base}`);
    const fileSource = r.string(top.get('source'), 'source');
    const fileAsOf = r.date(top.get('as_of'), 'as_of');
    const rates = r.map(top.get('rates'), 'rates', anyKeys(top.get('rates')));
    for (const code of rates?.keys() ?? []) {
      const path = `rates.${code}`;
      const node = rates!.get(code);
      if (!/^[A-Z]{3}$/.test(code)) r.problem(node, path, 'currency codes are three capital letters, e.g. EUR');
      if (isMap(node)) {
        const f = r.map(node, path, RATE_KEYS);
        const perUsd = f && r.number(r.need(f, 'rate'), `${path}.rate`, 'positive');
        const meta = f && readSourced(r, f, path);
        if (perUsd !== undefined && meta) result.fx[code] = { perUsd, ...meta };
      } else {
        const perUsd = r.number(node, path, 'positive');
        if (!fileSource || !fileAsOf) r.problem(node, path, 'needs a source and as_of (at the top of the file or as {rate, source, as_of})');
        else if (perUsd !== undefined) result.fx[code] = { perUsd, source: fileSource, asOf: fileAsOf };
      }
    }
  }
  if (top.has('prompt_cache')) result.promptCache = readPromptCache(r, top.get('prompt_cache'), readSourced);
  if (top.has('rate_limits')) result.rateLimits = readRateLimits(r, top.get('rate_limits'), readSourced);
  if (top.has('service_tiers')) result.serviceTiers = readServiceTiers(r, top.get('service_tiers'), readSourced);
  if (r.problems.length > 0) throw new UserError(sortProblems(r.problems));
  return result;
}

function anyKeys(node: Node | undefined): string[] {
  if (!isMap(node)) return [];
  return node.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')).filter(Boolean);
}


function readSourced(r: Reader, f: Fields, path: string): { source: string; asOf: string } | undefined {
  const source = r.string(r.need(f, 'source', ' (the URL the figure was read from)'), `${path}.source`);
  const asOf = r.date(r.need(f, 'as_of', ' (the date the figure was read, YYYY-MM-DD)'), `${path}.as_of`);
  if (source !== undefined && !/^https?:\/\//.test(source)) r.problem(f.get('source'), `${path}.source`, `must be a URL, got '${source}'`);
  return source !== undefined && asOf !== undefined ? { source, asOf } : undefined;
}

function readModelEntry(r: Reader, node: Node, path: string, layer: Layer): ApiModelEntry | undefined {
  const f = r.map(node, path, MODEL_KEYS);
  if (!f) return undefined;
  const id = r.string(r.need(f, 'id', ' (provider/model)'), `${path}.id`);
  if (id !== undefined && !id.includes('/')) r.problem(f.get('id'), `${path}.id`, `must be provider/model, got '${id}'`);
  const currency = (r.string(f.get('currency'), `${path}.currency`) ?? 'USD').toUpperCase();
  const meta = readSourced(r, f, path);
  const note = r.string(f.get('note'), `${path}.note`);
  const model = readInlineApiModel(r, f, path);
  if (model?.cachedInputPerMtok !== undefined && model.cachedInputPerMtok > model.inputPerMtok) {
    r.problem(f.get('cached_input'), `${path}.cached_input`, `${model.cachedInputPerMtok} is more than input (${model.inputPerMtok}): a cache read is billed at a discount`, 'are input and cached_input swapped?');
  }
  if (!id || !model || !meta) return undefined;
  return inlineToEntry(model, {
    id,
    currency,
    source: meta.source,
    asOf: meta.asOf,
    layer,
    notes: note ? [note] : [],
  });
}

/** One conversion from the inline price keys to a catalogue entry, for files and scenarios alike. */
export function inlineToEntry(
  model: InlineApiModel,
  meta: { id: string; currency: string; source: string; asOf: string | null; layer: Layer; notes: string[] },
): ApiModelEntry {
  const optional = (n: number | undefined) => (n === undefined ? undefined : perMtok(n));
  const base: Rates = {
    inputPerMtok: perMtok(model.inputPerMtok),
    outputPerMtok: perMtok(model.outputPerMtok),
    cachedInputPerMtok: optional(model.cachedInputPerMtok),
    cacheWritePerMtok: optional(model.cacheWritePerMtok),
  };
  const schedule: PriceSchedule = {
    base,
    // A key a tier leaves out keeps the base rate.
    tiers: model.tiers.map((t) => ({
      aboveTokens: t.aboveTokens,
      rates: {
        inputPerMtok: optional(t.inputPerMtok) ?? base.inputPerMtok,
        outputPerMtok: optional(t.outputPerMtok) ?? base.outputPerMtok,
        cachedInputPerMtok: optional(t.cachedInputPerMtok) ?? base.cachedInputPerMtok,
        cacheWritePerMtok: optional(t.cacheWritePerMtok) ?? base.cacheWritePerMtok,
      },
    })),
    perRequestFee: model.perRequestFee,
  };
  const slash = meta.id.indexOf('/');
  return {
    id: meta.id,
    provider: slash > 0 ? meta.id.slice(0, slash) : 'inline',
    name: model.name,
    aliases: [],
    currency: meta.currency,
    history: [{ from: null, schedule }],
    timeOfDay: [],
    contextWindow: model.contextWindow,
    batchDiscount: model.batchDiscount,
    source: meta.source,
    asOf: meta.asOf,
    layer: meta.layer,
    notes: meta.notes,
  };
}
