// Converts @pydantic/genai-prices provider data into catalogue entries. Pure: the build script
// hands it the providers; nothing here imports the package.

import { perMtok } from '../units.js';
import type { ApiModelEntry, DatedSchedule, PriceSchedule, Rates, TimeOfDayPrice } from './types.js';

/** The subset of the package's types this converter reads. */
export interface GenaiTiered {
  base: number;
  tiers: { start: number; price: number }[];
}
export type GenaiPrice = Record<string, number | GenaiTiered | undefined>;
export interface GenaiModel {
  id: string;
  name?: string;
  context_window?: number;
  deprecated?: boolean;
  price_comments?: string;
  match: unknown;
  prices: GenaiPrice | { constraint?: GenaiConstraint; prices: GenaiPrice }[];
}
export type GenaiConstraint =
  | { type: 'start_date'; start_date: string }
  | { type: 'time_of_date'; start_time: string; end_time: string };
export interface GenaiProvider {
  id: string;
  name: string;
  pricing_urls?: string[];
  models: GenaiModel[];
}

const PRICE_KEYS = ['input_mtok', 'output_mtok', 'cache_read_mtok', 'cache_write_mtok'] as const;

export function convertGenaiProviders(
  providers: GenaiProvider[],
  snapshot: { package: string; version: string; asOf: string },
): ApiModelEntry[] {
  const entries: ApiModelEntry[] = [];
  for (const provider of providers) {
    const source = provider.pricing_urls?.[0] ?? `https://github.com/pydantic/genai-prices/tree/main/prices/providers/${provider.id}.yml`;
    for (const model of provider.models) {
      const entry = convertModel(provider, model, source, snapshot);
      if (entry) entries.push(entry);
    }
  }
  return entries;
}

function convertModel(
  provider: GenaiProvider,
  model: GenaiModel,
  source: string,
  snapshot: { package: string; version: string; asOf: string },
): ApiModelEntry | undefined {
  const conditional = Array.isArray(model.prices) ? model.prices : [{ prices: model.prices }];
  const history: DatedSchedule[] = [];
  const timeOfDay: TimeOfDayPrice[] = [];
  for (const item of conditional) {
    const schedule = toSchedule(item.prices);
    if (!schedule) continue;
    const constraint = item.constraint;
    if (!constraint) history.push({ from: null, schedule });
    else if (constraint.type === 'start_date') history.push({ from: constraint.start_date, schedule });
    else {
      const hours = windowHours(constraint.start_time, constraint.end_time);
      timeOfDay.push({ hoursPerDay: hours, schedule, windows: [`${hhmm(constraint.start_time)}-${hhmm(constraint.end_time)}`] });
    }
  }
  if (history.length === 0) return undefined;
  history.sort((a, b) => (a.from ?? '').localeCompare(b.from ?? ''));
  const notes = [`from ${snapshot.package}@${snapshot.version}`];
  if (model.deprecated) notes.push('deprecated by the provider');
  if (model.price_comments) notes.push(model.price_comments);
  return {
    id: `${provider.id}/${model.id}`,
    provider: provider.id,
    name: model.name ?? model.id,
    aliases: exactNames(model.match).filter((n) => n !== model.id).map((n) => `${provider.id}/${n}`),
    currency: 'USD',
    history,
    timeOfDay,
    contextWindow: model.context_window,
    batchDiscount: undefined,
    source,
    asOf: snapshot.asOf,
    layer: 'bundled',
    notes,
  };
}

function toSchedule(price: GenaiPrice): PriceSchedule | undefined {
  if (price.input_mtok === undefined) return undefined;
  const starts = new Set<number>();
  for (const key of PRICE_KEYS) {
    const value = price[key];
    if (typeof value === 'object') for (const t of value.tiers) starts.add(t.start);
  }
  const at = (key: (typeof PRICE_KEYS)[number], tokens: number): number | undefined => {
    const value = price[key];
    if (value === undefined || typeof value === 'number') return value;
    let rate = value.base;
    for (const t of [...value.tiers].sort((a, b) => a.start - b.start)) if (t.start <= tokens) rate = t.price;
    return rate;
  };
  const optional = (key: (typeof PRICE_KEYS)[number], tokens: number) => {
    const rate = at(key, tokens);
    return rate === undefined ? undefined : perMtok(rate);
  };
  const ratesAt = (tokens: number): Rates => ({
    inputPerMtok: perMtok(at('input_mtok', tokens) ?? 0),
    // Embedding models list no output price: they produce no output tokens.
    outputPerMtok: perMtok(at('output_mtok', tokens) ?? 0),
    cachedInputPerMtok: optional('cache_read_mtok', tokens),
    cacheWritePerMtok: optional('cache_write_mtok', tokens),
  });
  const requests = price.requests_kcount;
  return {
    base: ratesAt(0),
    tiers: [...starts].sort((a, b) => a - b).map((start) => ({ aboveTokens: start, rates: ratesAt(start) })),
    perRequestFee: typeof requests === 'number' ? requests / 1000 : 0,
  };
}

/** "01:00:00Z" -> "01:00" */
const hhmm = (time: string) => time.replace(/Z$/, '').split(':').slice(0, 2).join(':');

/** Hours in a daily UTC window "HH:MM:SSZ"-"HH:MM:SSZ" (wrapping past midnight). */
export function windowHours(start: string, end: string): number {
  const hours = (t: string) => {
    const [h = '0', m = '0', s = '0'] = t.replace(/Z$/, '').split(':');
    return Number(h) + Number(m) / 60 + Number(s) / 3600;
  };
  const span = hours(end) - hours(start);
  return span > 0 ? span : span + 24;
}

/** Model names a match rule accepts exactly (equals), not patterns. */
function exactNames(match: unknown): string[] {
  if (!match || typeof match !== 'object') return [];
  const m = match as Record<string, unknown>;
  if (typeof m.equals === 'string') return [m.equals];
  const nested = m.or as unknown[] | undefined;
  return Array.isArray(nested) ? nested.flatMap(exactNames) : [];
}
