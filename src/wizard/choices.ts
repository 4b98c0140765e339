// The lists the wizard offers: API models from the price catalogue (searchable), open-weight models
// and quantisations from the self-hosting catalogue, and the offers a model fits on.

import { quantWeights } from '../engine/quant-weights.js';
import { engineMemory } from '../engine/engine-memory.js';
import { fxFactor, pricesOn } from '../catalogue/catalogue.js';
import { instanceOf } from '../catalogue/instance.js';
import type { SelfHostCatalogue } from '../catalogue/selfhost-file.js';
import type { ApiModelEntry, Catalogue, Engine, Hardware, ModelArchitecture, Offer, WeightQuant } from '../catalogue/types.js';
import { capacityOn, kvCacheBytes, memoryNeed } from '../engine/memory.js';
import { computeFormatOf, estimateSpeed } from '../engine/speed.js';
import { DEFAULT_MIN_TOKENS_PER_SECOND } from '../scenario/parse-deployment.js';
import { formatMoney, formatRate, formatTokens } from '../formats/numbers.js';
import { defaultEngineId } from '../scenario/resolve-deployment.js';
import { BYTES_PER_GIB, HOURS_PER_MONTH } from '../units.js';
import type { Choice } from './prompter.js';

/** Shown at most per search; typing more narrows the list. */
const MAX_SEARCH_RESULTS = 200;

export const DONE = '\u0000done';
export const NONE = '\u0000none';

export function findApiEntry(catalogue: Catalogue, id: string): ApiModelEntry | undefined {
  return catalogue.apiModels.find((e) => e.id === id) ?? catalogue.apiModels.find((e) => e.aliases.includes(id));
}

/** "$0.15 in / $0.60 out per 1M tokens" at the prices in force today. */
export function describeApi(entry: ApiModelEntry, today: string): string {
  const base = pricesOn(entry, today).schedule.base;
  const price = (n: number) => formatMoney(n, entry.currency);
  return `${price(base.inputPerMtok)} in / ${price(base.outputPerMtok)} out per 1M tokens`;
}

export interface ApiSearchOptions {
  /** Ids already chosen: left out. */
  exclude: ReadonlySet<string>;
  /** Shown first before anything is typed. */
  suggested: string[];
  /** Only these entries (embedding models for the embedding question). */
  filter?: (entry: ApiModelEntry) => boolean;
  /** Choices above the models before anything is typed (done). */
  top?: Choice<string>[];
  /** Choices below the models before anything is typed (none). */
  bottom?: Choice<string>[];
}

/** A search over the catalogue's API models: every word typed must appear in the id. */
export function apiSearch(catalogue: Catalogue, today: string, options: ApiSearchOptions): (term: string) => Choice<string>[] {
  const entries = catalogue.apiModels.filter((e) => !options.exclude.has(e.id) && (options.filter?.(e) ?? true)).sort((a, b) => a.id.localeCompare(b.id));
  const choiceOf = (e: ApiModelEntry): Choice<string> => ({
    value: e.id,
    name: `${e.id.padEnd(44)} ${describeApi(e, today)}`,
    short: e.id,
    description: `${e.name}${e.contextWindow ? `, ${formatTokens(e.contextWindow)} tokens of context` : ''}; list prices as of ${e.asOf ?? 'unknown'} (${e.source})`,
  });
  return (term) => {
    const words = term.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) {
      const suggested = options.suggested.map((id) => entries.find((e) => e.id === id)).filter((e): e is ApiModelEntry => e !== undefined);
      const rest = entries.filter((e) => !options.suggested.includes(e.id));
      return [...(options.top ?? []), ...suggested.map(choiceOf), ...rest.slice(0, MAX_SEARCH_RESULTS).map(choiceOf), ...more(rest.length), ...(options.bottom ?? [])];
    }
    const text = (e: ApiModelEntry) => [e.id, ...e.aliases].join(' ').toLowerCase();
    const matches = entries.filter((e) => words.every((w) => text(e).includes(w)));
    // "done" and "none" can be typed too (the list below them is long).
    const extras = [...(options.top ?? []), ...(options.bottom ?? [])].filter((c) => words.every((w) => c.name.toLowerCase().includes(w)));
    // The id typed exactly first; then the model maker's own listing (anthropic/claude-sonnet-4-6
    // before a reseller's google/claude-sonnet-4-6); names that start with the term; the shortest.
    const joined = words.join(' ');
    const rank = (e: ApiModelEntry) => {
      if (e.id.toLowerCase() === joined) return 0;
      const model = e.id.toLowerCase().slice(e.id.indexOf('/') + 1);
      return (isMakers(e) ? 0 : 2) + (model.startsWith(words[0]!) ? 1 : 2);
    };
    matches.sort((a, b) => rank(a) - rank(b) || a.id.length - b.id.length || a.id.localeCompare(b.id));
    return [...extras, ...matches.slice(0, MAX_SEARCH_RESULTS).map(choiceOf), ...more(matches.length)];
  };
}

/** Model families by the provider that makes them: its own listing is the one most people mean. */
const MAKERS: Record<string, RegExp> = {
  anthropic: /^claude/,
  openai: /^(gpt|chatgpt|o\d|text-embedding|codex)/,
  google: /^(gemini|gemma|text-embedding|embedding)/,
  deepseek: /^deepseek/,
  mistral: /^(mistral|codestral|magistral|ministral|pixtral|devstral|open-mistral)/,
  'x-ai': /^grok/,
  moonshotai: /^kimi/,
  cohere: /^(command|embed|rerank)/,
  zai: /^glm/,
  zhipuai: /^glm/,
  voyageai: /^voyage/,
};

function isMakers(e: ApiModelEntry): boolean {
  const model = e.id.toLowerCase().slice(e.id.indexOf('/') + 1);
  return MAKERS[e.provider]?.test(model) ?? false;
}

function more(count: number): Choice<string>[] {
  return count > MAX_SEARCH_RESULTS ? [{ value: '', name: `... ${count - MAX_SEARCH_RESULTS} more: type to narrow the list`, disabled: ' ' }] : [];
}

export function isEmbeddingModel(entry: ApiModelEntry): boolean {
  return /embed/i.test(entry.id);
}

/** Open-weight models, searchable by id and name. */
export function modelSearch(selfHost: SelfHostCatalogue, suggested: string): (term: string) => Choice<string>[] {
  const choiceOf = (m: ModelArchitecture): Choice<string> => ({
    value: m.id,
    short: m.id,
    name: `${m.id.padEnd(22)} ${m.name}, ${formatParams(m.params)} parameters${m.activeParams < m.params ? ` (${formatParams(m.activeParams)} active)` : ''}`,
    description: `context up to ${formatTokens(m.contextTokens)} tokens; ${m.source}`,
  });
  return (term) => {
    const words = term.toLowerCase().split(/\s+/).filter(Boolean);
    const matches = selfHost.models.filter((m) => words.every((w) => `${m.id} ${m.name}`.toLowerCase().includes(w)));
    const first = matches.filter((m) => m.id === suggested);
    return [...first, ...matches.filter((m) => m.id !== suggested)].map(choiceOf);
  };
}

export function quantChoices(selfHost: SelfHostCatalogue): Choice<string>[] {
  return selfHost.weightQuants.map((q) => ({
    value: q.id,
    name: `${q.id.padEnd(10)} ${formatRate(q.bitsPerWeight)} bits a weight`,
    short: q.id,
    description: q.source,
  }));
}

export function findModel(selfHost: SelfHostCatalogue, id: string): ModelArchitecture | undefined {
  return selfHost.models.find((m) => m.id === id);
}

export function findQuant(selfHost: SelfHostCatalogue, id: string): WeightQuant | undefined {
  const match = (a: string) => a.toLowerCase() === id.toLowerCase();
  return selfHost.weightQuants.find((q) => match(q.id)) ?? selfHost.weightQuants.find((q) => q.aliases.some(match));
}

export interface OfferFit {
  offer: Offer;
  hardware: Hardware;
  engine: Engine;
  devices: number;
  /** Memory the model needs at the context (weights + one sequence's KV cache + engine), summed over devices. */
  needBytes: number;
  usableBytes: number;
  fits: boolean;
  /** Price in USD (a month for rent, a second for serverless), for sorting. */
  usd: number;
  /**
   * Estimated decode tokens/s of one stream alone at the context (the estimate's single-stream
   * figure for this offer); null when the hardware has no figures to estimate from.
   */
  tokensPerSecond: number | null;
}

/**
 * Whether `model` at `quant` holds one sequence of `contextTokens` on each offer of a kind, by the
 * rule the estimate applies (engine/deployment.ts: memoryNeed + capacityOn, at least one
 * sequence's KV cache beside the weights), on the instance the estimate builds (GPUs of a box as
 * tensor-parallel devices; a CPU offer's vCPUs as one device with the offer's RAM) and with the
 * engine it picks by default (vLLM on datacenter GPUs, llama.cpp elsewhere).
 */
export function offerFits(
  selfHost: SelfHostCatalogue,
  catalogue: Catalogue,
  model: ModelArchitecture,
  quant: WeightQuant,
  contextTokens: number,
  kind: 'rent' | 'serverless',
): OfferFit[] {
  const kv = selfHost.kvCacheTypes.find((k) => k.id.toLowerCase() === 'f16');
  const found: OfferFit[] = [];
  for (const offer of selfHost.offers) {
    if (offer.kind !== kind) continue;
    const spec = selfHost.hardware.find((h) => h.id === offer.hardware);
    if (!spec || !kv) continue;
    const { hardware, devices } = instanceOf(spec, offer.count, offer.memoryGib);
    const engineId = defaultEngineId(hardware);
    const engine = selfHost.engines.find((e) => e.id === engineId || e.aliases.includes(engineId));
    if (!engine) continue;
    const need = memoryNeed(model, quantWeights(model, quant).bitsPerWeight, kv.bytesPerElement, contextTokens, 1, engine, engineMemory(model, engine, devices, hardware).overheadBytes);
    const capacity = capacityOn(hardware, devices, need, kvCacheBytes(model, contextTokens, kv.bytesPerElement), engine);
    const toUsd = fxFactor(catalogue, offer.currency, 'USD');
    const amount = kind === 'serverless' ? offer.perSecond ?? 0 : offer.monthly ?? (offer.hourly ?? 0) * HOURS_PER_MONTH;
    const fits = capacity.maxSequences >= 1;
    // The inputs the estimate's speed takes (engine/deployment.ts), one stream at this context.
    const speed = fits
      ? estimateSpeed({ model, bitsPerWeight: quantWeights(model, quant).bitsPerWeight, kvBytesPerElement: kv.bytesPerElement, hardware, devices, engine, computeFormat: computeFormatOf(quant) }, 1, contextTokens)
      : undefined;
    found.push({
      offer,
      hardware,
      engine,
      devices,
      needBytes: need.totalBytes + (devices - 1) * need.overheadBytes,
      usableBytes: capacity.usableBytes,
      fits,
      usd: toUsd === undefined ? Infinity : amount * toUsd,
      tokensPerSecond: speed && Number.isFinite(speed.perSequenceTokensPerSecond) ? speed.perSequenceTokensPerSecond : null,
    });
  }
  return found.sort(byFitAndSpeed);
}

/**
 * The order offers are listed in: those that hold the model first; among them, those whose one
 * stream reaches the default minimum speed (min_tokens_per_second, 10 tokens/s), cheapest first;
 * then the slower ones, fastest first (an option below the minimum is not viable, whatever it costs).
 */
export function byFitAndSpeed(a: OfferFit, b: OfferFit): number {
  const rank = (f: OfferFit) => (!f.fits ? 2 : f.tokensPerSecond !== null && f.tokensPerSecond >= DEFAULT_MIN_TOKENS_PER_SECOND ? 0 : 1);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 1) return (b.tokensPerSecond ?? 0) - (a.tokensPerSecond ?? 0) || a.usd - b.usd;
  return a.usd - b.usd || a.offer.id.localeCompare(b.offer.id);
}

export function offerChoice(fit: OfferFit): Choice<string> {
  const o = fit.offer;
  // Rent as a month (an hourly price x 730 hours), so that the list compares like with like; the
  // hourly price, the engine and the source are in the description under the list.
  const price =
    o.kind === 'serverless' ? `${formatMoney(o.perSecond ?? 0, o.currency)}/s`
    : formatMoney(o.monthly ?? (o.hourly ?? 0) * HOURS_PER_MONTH, o.currency);
  const hourly = o.kind === 'rent' && o.monthly === undefined ? `${formatMoney(o.hourly ?? 0, o.currency)}/h; ` : '';
  return {
    value: o.id,
    short: o.id,
    name: `${o.id.padEnd(31)} ${price.padEnd(o.kind === 'serverless' ? 12 : 10)} ${speedText(fit.tokensPerSecond).padEnd(17)} ${gib(fit.needBytes)}/${gib(fit.usableBytes)} GiB`,
    description: `${hourly}${o.name}; one stream ${speedText(fit.tokensPerSecond)} on ${fit.engine.id} (an estimate); needs ${gib(fit.needBytes)} GiB of ${gib(fit.usableBytes)} usable; price as of ${o.asOf} (${o.source})`,
  };
}

/** "~42.3 tok/s" (an estimate, one stream), flagged "slow" below the default minimum. */
export function speedText(tokensPerSecond: number | null): string {
  if (tokensPerSecond === null) return 'speed unknown';
  const text = `~${formatRate(tokensPerSecond)} tok/s`;
  return tokensPerSecond < DEFAULT_MIN_TOKENS_PER_SECOND ? `${text} slow` : text;
}

export function describeOffer(offer: Offer): string {
  const price =
    offer.kind === 'serverless' ? `${formatMoney(offer.perSecond ?? 0, offer.currency)} a second`
    : offer.monthly !== undefined ? `${formatMoney(offer.monthly, offer.currency)} a month`
    : `${formatMoney(offer.hourly ?? 0, offer.currency)} an hour`;
  return `${price}: ${offer.name}`;
}

export function gib(bytes: number): string {
  return (bytes / BYTES_PER_GIB).toFixed(1);
}

function formatParams(params: number): string {
  return params >= 1e9 ? `${formatRate(params / 1e9)}B` : `${formatRate(params / 1e6)}M`;
}
