// Pure operations on a catalogue: layering, exact look-ups, and the prices in force on a date.

import { suggest } from '../errors.js';
import { perMtok, type PricePerMtok } from '../units.js';
import type { PricingFile } from './pricing-file.js';
import type { ApiModelEntry, Catalogue, PriceSchedule, Rates, ServiceTierPrice } from './types.js';

/** A later layer replaces an earlier one's entries of the same id; nothing is merged field by field. */
export function layerCatalogue(base: Catalogue, file: PricingFile): Catalogue {
  const replaced = new Set(file.apiModels.map((m) => m.id));
  return {
    apiModels: [...base.apiModels.filter((m) => !replaced.has(m.id)), ...file.apiModels],
    knownIds: [...new Set([...base.knownIds, ...file.apiModels.map((m) => m.id)])],
    batch: { ...base.batch, ...file.batch },
    fx: { ...base.fx, ...file.fx },
    promptCache: { ...base.promptCache, ...file.promptCache },
    rateLimits: { ...base.rateLimits, ...file.rateLimits },
    serviceTiers: mergeServiceTiers(base.serviceTiers, file.serviceTiers),
    bundled: base.bundled,
  };
}

export interface ApiModelIndex {
  byName: Map<string, ApiModelEntry>;
  names: string[];
}

/** Indexes already built, per catalogue (a catalogue is not changed once loaded). */
const indexes = new WeakMap<Catalogue, ApiModelIndex>();

export function indexApiModels(catalogue: Catalogue): ApiModelIndex {
  let index = indexes.get(catalogue);
  if (!index) indexes.set(catalogue, (index = buildIndex(catalogue)));
  return index;
}

function buildIndex(catalogue: Catalogue): ApiModelIndex {
  const byName = new Map<string, ApiModelEntry>();
  // Aliases first, so that an id always wins over another model's alias.
  for (const m of catalogue.apiModels) for (const alias of m.aliases) byName.set(alias, m);
  for (const m of catalogue.apiModels) byName.set(m.id, m);
  return { byName, names: [...new Set([...catalogue.knownIds, ...catalogue.apiModels.map((m) => m.id)])] };
}

/** Exact id or alias; never a pattern or substring, so a typo can't pick a wrong price. */
export function findApiModel(index: ApiModelIndex, name: string): ApiModelEntry | undefined {
  return index.byName.get(name);
}

export function suggestApiModels(index: ApiModelIndex, name: string): string[] {
  const exactTail = index.names.filter((id) => id.slice(id.indexOf('/') + 1) === name);
  if (exactTail.length > 0) return exactTail.slice(0, 3);
  return suggest(name, index.names);
}

export interface ResolvedPrices {
  schedule: PriceSchedule;
  /** Date the schedule took effect (null: no date recorded). */
  effectiveFrom: string | null;
  notes: string[];
}

/**
 * The prices in force on `today` (YYYY-MM-DD). Daily peak-hour prices are blended in by the share
 * of the day they cover, which is what a month of traffic spread evenly over the day pays.
 */
export function pricesOn(entry: ApiModelEntry, today: string): ResolvedPrices {
  const inForce = entry.history.filter((h) => h.from === null || h.from <= today);
  const current = inForce[inForce.length - 1] ?? entry.history[0]!;
  const notes: string[] = [];
  if (current.from && current.from > today) notes.push(`prices take effect on ${current.from}`);
  let schedule = current.schedule;
  // Daily windows are recorded without dates; they belong to the latest dated prices only.
  const latest = entry.history[entry.history.length - 1]!;
  const windowsApply = current === latest;
  const peakHours = windowsApply ? entry.timeOfDay.reduce((sum, t) => sum + t.hoursPerDay, 0) : 0;
  if (peakHours > 0) {
    const offPeakWeight = Math.max(0, 24 - peakHours) / 24;
    let blended = scaleSchedule(schedule, offPeakWeight);
    for (const t of entry.timeOfDay) blended = addSchedules(blended, scaleSchedule(t.schedule, t.hoursPerDay / 24));
    notes.push(
      `priced by time of day (input ${schedule.base.inputPerMtok} ${entry.currency}/1M off-peak, ` +
        `${[...new Set(entry.timeOfDay.map((t) => t.schedule.base.inputPerMtok))].join('/')} in ${entry.timeOfDay.flatMap((t) => t.windows).join(', ')} UTC): ` +
        `blended for traffic spread evenly over the day (${peakHours} peak hours)`,
    );
    schedule = blended;
  }
  return { schedule, effectiveFrom: current.from, notes };
}

function scaleRates(r: Rates, k: number): Rates {
  const scale = (x: PricePerMtok | undefined) => (x === undefined ? undefined : perMtok(x * k));
  return {
    inputPerMtok: perMtok(r.inputPerMtok * k),
    outputPerMtok: perMtok(r.outputPerMtok * k),
    cachedInputPerMtok: scale(r.cachedInputPerMtok),
    cacheWritePerMtok: scale(r.cacheWritePerMtok),
  };
}

function addRates(a: Rates, b: Rates): Rates {
  const add = (x: PricePerMtok | undefined, y: PricePerMtok | undefined) =>
    x === undefined && y === undefined ? undefined : perMtok((x ?? 0) + (y ?? 0));
  return {
    inputPerMtok: perMtok(a.inputPerMtok + b.inputPerMtok),
    outputPerMtok: perMtok(a.outputPerMtok + b.outputPerMtok),
    cachedInputPerMtok: add(a.cachedInputPerMtok, b.cachedInputPerMtok),
    cacheWritePerMtok: add(a.cacheWritePerMtok, b.cacheWritePerMtok),
  };
}

export function scaleSchedule(s: PriceSchedule, k: number): PriceSchedule {
  if (k === 1) return s;
  return {
    base: scaleRates(s.base, k),
    tiers: s.tiers.map((t) => ({ aboveTokens: t.aboveTokens, rates: scaleRates(t.rates, k) })),
    perRequestFee: s.perRequestFee * k,
  };
}

/** Sums two schedules tier by tier, over the union of their thresholds. */
function addSchedules(a: PriceSchedule, b: PriceSchedule): PriceSchedule {
  const thresholds = [...new Set([...a.tiers, ...b.tiers].map((t) => t.aboveTokens))].sort((x, y) => x - y);
  return {
    base: addRates(a.base, b.base),
    tiers: thresholds.map((above) => ({ aboveTokens: above, rates: addRates(ratesFor(a, above + 1), ratesFor(b, above + 1)) })),
    perRequestFee: a.perRequestFee + b.perRequestFee,
  };
}

/** The rates a call with `promptTokens` prompt tokens pays: the highest tier it exceeds. */
export function ratesFor(schedule: PriceSchedule, promptTokens: number): Rates {
  let rates = schedule.base;
  for (const tier of schedule.tiers) if (promptTokens > tier.aboveTokens) rates = tier.rates;
  return rates;
}

/** A later layer's tier of an id replaces the earlier one's; its other tiers stay. */
function mergeServiceTiers(base: Catalogue['serviceTiers'], file: Catalogue['serviceTiers']): Catalogue['serviceTiers'] {
  const out = { ...base };
  for (const [id, tiers] of Object.entries(file ?? {})) out[id] = { ...out[id], ...tiers };
  return out;
}

/** The price of a service tier for an entry: its own id's, then an alias's, then its provider's. */
export function serviceTierFor(catalogue: Catalogue, entry: Pick<ApiModelEntry, 'id' | 'aliases' | 'provider'>, tier: 'flex' | 'priority'): (ServiceTierPrice & { providerWide: boolean }) | undefined {
  for (const id of [entry.id, ...entry.aliases, entry.provider]) {
    const found = catalogue.serviceTiers?.[id]?.[tier];
    if (found) return { ...found, providerWide: id === entry.provider };
  }
  return undefined;
}

/** An entry's rule from a by-id table: its own id, then an alias, then its provider's. */
export function ruleFor<T>(table: Record<string, T> | undefined, entry: Pick<ApiModelEntry, 'id' | 'aliases' | 'provider'>): T | undefined {
  if (!table) return undefined;
  for (const id of [entry.id, ...entry.aliases, entry.provider]) if (Object.hasOwn(table, id)) return table[id];
  return undefined;
}

/** Converts `amount` from one currency to another; undefined if either rate is unknown. */
export function fxFactor(catalogue: Catalogue, from: string, to: string): number | undefined {
  if (from === to) return 1;
  const perUsd = (code: string) => (code === 'USD' ? 1 : catalogue.fx[code]?.perUsd);
  const a = perUsd(from);
  const b = perUsd(to);
  return a === undefined || b === undefined ? undefined : b / a;
}

/**
 * The conversion `fxFactor` makes, as a report lists it: the rate (units of `to` per 1 `from`)
 * with the source and date of the rate it rests on (the older one when neither side is USD).
 * Undefined when no conversion is made or a rate is unknown.
 */
export function fxUse(catalogue: Catalogue, from: string, to: string): { from: string; to: string; rate: number; source: string; asOf: string } | undefined {
  const rate = fxFactor(catalogue, from, to);
  if (rate === undefined || from === to) return undefined;
  const rates = [from, to].filter((c) => c !== 'USD').map((c) => catalogue.fx[c]!).sort((a, b) => a.asOf.localeCompare(b.asOf));
  const oldest = rates[0];
  return oldest ? { from, to, rate, source: oldest.source, asOf: oldest.asOf } : undefined;
}
