// The catalogue as the engine sees it: plain data, compiled once (at build time for the bundled
// part) from @pydantic/genai-prices and the YAML files in pricing/.

import type { PricePerMtok } from '../units.js';

/** Token prices per 1M tokens. A missing cache price means the model has no such discount/fee. */
export interface Rates {
  inputPerMtok: PricePerMtok;
  outputPerMtok: PricePerMtok;
  cachedInputPerMtok: PricePerMtok | undefined;
  cacheWritePerMtok: PricePerMtok | undefined;
}

/** Rates that apply to a call whose prompt is longer than `aboveTokens`. */
export interface PriceTier {
  aboveTokens: number;
  rates: Rates;
}

export interface PriceSchedule {
  base: Rates;
  tiers: PriceTier[];
  /** A fixed fee per call, in the entry's currency. */
  perRequestFee: number;
}

/** Prices in force from a date (null: from the start of the record). */
export interface DatedSchedule {
  from: string | null;
  schedule: PriceSchedule;
}

/** Prices that apply in daily windows (provider peak hours), as hours per day and rates. */
export interface TimeOfDayPrice {
  hoursPerDay: number;
  schedule: PriceSchedule;
  windows: string[];
}

/** Where a figure came from, lowest layer first. */
export type Layer = 'bundled' | 'pricing' | 'user' | 'inline';

export interface ApiModelEntry {
  /** provider/model, the exact name scenarios use. */
  id: string;
  provider: string;
  name: string;
  /** Other exact names (dated snapshots) that mean the same model. */
  aliases: string[];
  currency: string;
  history: DatedSchedule[];
  timeOfDay: TimeOfDayPrice[];
  contextWindow: number | undefined;
  /** Model-specific batch discount; otherwise the provider's from the batch table. */
  batchDiscount: number | undefined;
  source: string;
  /** Date the prices were read from the source; null for inline scenario prices. */
  asOf: string | null;
  layer: Layer;
  notes: string[];
}

export interface BatchDiscount {
  discount: number;
  source: string;
  asOf: string;
}

export interface FxRate {
  /** Units of this currency per 1 USD. */
  perUsd: number;
  source: string;
  asOf: string;
}

export interface Catalogue {
  /** The entries loaded (the bundle is split by provider; a command loads the ones it needs). */
  apiModels: ApiModelEntry[];
  /** Every model id the catalogue has, loaded or not: for did-you-mean suggestions. */
  knownIds: string[];
  batch: Record<string, BatchDiscount>;
  fx: Record<string, FxRate>;
  /** Where the bundled API prices came from. */
  bundled: { package: string; version: string; asOf: string; source: string } | undefined;
}

// ---- Self-hosting: architectures, quantisation, hardware, offers, engines (pricing/*.yaml) ----

export type AttentionKind = 'gqa' | 'mla' | 'sliding';

export interface ModelArchitecture {
  /** Which catalogue layer the entry came from: pricing/ or a --pricing file. */
  layer?: Layer;
  id: string;
  name: string;
  /** Total parameters (every expert of a MoE). */
  params: number;
  /** Parameters used per token (MoE: shared + active experts). */
  activeParams: number;
  layers: number;
  hiddenSize: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  contextTokens: number;
  attention: AttentionKind;
  slidingWindowTokens: number | undefined;
  slidingLayers: number | undefined;
  kvLoraRank: number | undefined;
  qkRopeHeadDim: number | undefined;
  experts: number | undefined;
  expertsPerToken: number | undefined;
  source: string;
  asOf: string;
}

export interface WeightQuant {
  /** Which catalogue layer the entry came from: pricing/ or a --pricing file. */
  layer?: Layer;
  id: string;
  /** Other spellings (fp16 for F16). */
  aliases: string[];
  bitsPerWeight: number;
  source: string;
  asOf: string;
}

export interface KvCacheType {
  /** Which catalogue layer the entry came from: pricing/ or a --pricing file. */
  layer?: Layer;
  id: string;
  aliases: string[];
  bytesPerElement: number;
  source: string;
  asOf: string;
}

export type HardwareClass = 'datacenter-gpu' | 'consumer-gpu' | 'apple' | 'cpu';

export interface Hardware {
  /** Which catalogue layer the entry came from: pricing/ or a --pricing file. */
  layer?: Layer;
  id: string;
  name: string;
  class: HardwareClass;
  memoryGib: number;
  memoryBandwidthGbPerSecond: number;
  fp16Tflops: number | undefined;
  int8Tops: number | undefined;
  watts: number | undefined;
  cores: number | undefined;
  source: string;
  asOf: string;
}

export type OfferKind = 'rent' | 'serverless' | 'purchase';

export interface Offer {
  /** Which catalogue layer the entry came from: pricing/ or a --pricing file. */
  layer?: Layer;
  id: string;
  name: string;
  kind: OfferKind;
  hardware: string;
  count: number;
  memoryGib: number | undefined;
  monthly: number | undefined;
  hourly: number | undefined;
  perSecond: number | undefined;
  billingIncrementSeconds: number | undefined;
  coldStartSeconds: number | undefined;
  price: number | undefined;
  currency: string;
  source: string;
  asOf: string;
  notes: string[];
}

/** Share of a hardware class's peak a engine achieves (fitted to published measurements). */
export type ClassFactors = Partial<Record<HardwareClass, number>>;

export interface Engine {
  /** Which catalogue layer the entry came from: pricing/ or a --pricing file. */
  layer?: Layer;
  id: string;
  aliases: string[];
  memoryOverheadGib: number;
  /** Share of GPU memory reserved up front (vLLM's gpu_memory_utilization); undefined: on demand. */
  reservesFraction: number | undefined;
  /** Decode: achieved share of memory bandwidth. */
  decodeEfficiency: ClassFactors;
  /** Prefill: achieved share of dense FP16 compute. */
  prefillEfficiency: ClassFactors;
  /** Fixed time a decode step costs beyond moving bytes (kernel launches, sampling), in ms. */
  stepOverheadMs: ClassFactors;
  /** Achieved prompt-processing GFLOPS per CPU core, for CPUs (vendors publish no FP16 figure). */
  cpuPrefillGflopsPerCore: number | undefined;
  /** Achieved prompt-processing FLOPs per byte/s of memory bandwidth on Apple GPUs (Apple publishes no FLOPS). */
  applePrefillFlopsPerByte: number | undefined;
  source: string;
  asOf: string;
}

/** What a speed figure is, for its accuracy: one stream, a batch in all, prompts, first token, per token. */
export type AccuracyKind = 'decode' | 'aggregate' | 'prefill' | 'ttft' | 'tpot';

/**
 * How far measurements fall from the model's predictions, for one kind of figure on one engine and
 * hardware class ('*': all of them): P10 and P90 of measured / predicted over leave-one-out
 * predictions (pricing/accuracy.yaml, generated by `npm run validate`).
 */
export interface AccuracyBand {
  kind: AccuracyKind;
  engine: string;
  class: HardwareClass | '*';
  measurements: number;
  /** P10 and P90 of measured / predicted: multiply a prediction by them for its typical range. */
  low: number;
  high: number;
  /** Median of |measured / predicted - 1|. */
  medianAbsError: number;
}

export interface AccuracyCatalogue {
  asOf: string;
  source: string;
  bands: AccuracyBand[];
}
