// The typed scenario the loader produces and the engine consumes. Plain data; token counts are
// tokens, shares are fractions in [0, 1], money is in the scenario's currency.

import type { HardwareClass, ModelArchitecture } from '../catalogue/types.js';
import type { Location } from '../errors.js';

/** A number given as a range, for uncertainty analysis. The scenario holds its mean. */
export type Distribution =
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'triangular'; min: number; mode: number; max: number };

export interface Uncertain {
  path: string;
  distribution: Distribution;
}

export interface Traffic {
  users: number | undefined;
  sessionsPerUser: number;
  requestsPerSession: number;
  /** Set when the scenario gives requests_per_month directly instead of users. */
  requestsPerMonth: number | undefined;
  peakFactor: number;
  /** Month-over-month growth as a fraction (0.08 for 8%). */
  growth: number | undefined;
}

export type History = { kind: 'full' } | { kind: 'none' } | { kind: 'last'; exchanges: number };

interface WorkloadBase {
  systemPromptTokens: number;
  /** User tokens per request (chat message, RAG query, agent task). */
  inputTokens: number;
  /** Output tokens per call (per round for an agent). */
  outputTokens: number;
  /** Reasoning tokens per call, billed as output, never resent. */
  reasoningTokens: number;
  /** Share of each call's cacheable prefix read from the provider's prompt cache. */
  cacheHit: number;
}

export interface ChatWorkload extends WorkloadBase {
  kind: 'chat';
  history: History;
}

export interface EmbeddingSpec {
  model: ApiModelRef;
  queryTokens: number;
  corpusTokens: number;
  reindexPerMonth: number;
}

export interface RagWorkload extends WorkloadBase {
  kind: 'rag';
  chunks: number;
  tokensPerChunk: number;
  embedding: EmbeddingSpec | undefined;
}

export interface AgentWorkload extends WorkloadBase {
  kind: 'agent';
  rounds: number;
  toolSchemaTokens: number;
  /** Tool output fed back into the next round, per round. */
  toolResultTokens: number;
  /** A fixed prompt size per round instead of accumulating context. */
  inputPerRound: number | undefined;
  contextLimit: number | undefined;
  /** Share of calls retried; each retry repeats the call. */
  retryRate: number;
}

export type Workload = ChatWorkload | RagWorkload | AgentWorkload;

/** An inline API model: prices per 1M tokens in the scenario's currency. */
export interface InlineApiModel {
  name: string;
  inputPerMtok: number;
  outputPerMtok: number;
  cachedInputPerMtok: number | undefined;
  cacheWritePerMtok: number | undefined;
  perRequestFee: number;
  batchDiscount: number | undefined;
  contextWindow: number | undefined;
  tiers: InlineTier[];
}

export interface InlineTier {
  aboveTokens: number;
  inputPerMtok: number | undefined;
  outputPerMtok: number | undefined;
  cachedInputPerMtok: number | undefined;
  cacheWritePerMtok: number | undefined;
}

export type ApiModelRef =
  | { kind: 'catalogue'; id: string; location: Location }
  | { kind: 'inline'; model: InlineApiModel; location: Location };

export const SERVICE_TIERS = ['flex', 'priority'] as const;
export type ServiceTierName = (typeof SERVICE_TIERS)[number];

export interface ApiOption {
  kind: 'api';
  name: string;
  model: ApiModelRef;
  batch: boolean;
  /** A provider's synchronous service tier other than standard: flex (cheaper, slower) or priority. */
  serviceTier?: ServiceTierName | undefined;
  /** Overrides the workload's cache_hit for this option (providers cache differently). */
  cacheHit: number | undefined;
  location: Location;
}

/** Hardware given inline; money in the scenario's currency. */
/**
 * Hardware given in the scenario: its price (in the scenario's currency) and, where the catalogue
 * lacks the device, its specs; `spec` borrows the specs of a catalogue hardware entry.
 */
export interface InlineHardware {
  name: string;
  spec: string | undefined;
  class: HardwareClass | undefined;
  memoryGib: number | undefined;
  memoryBandwidthGbPerSecond: number | undefined;
  fp16Tflops: number | undefined;
  watts: number | undefined;
  monthly: number | undefined;
  hourly: number | undefined;
  perSecond: number | undefined;
  /** Purchase price of one unit (owned hardware). */
  price: number | undefined;
  billingIncrementSeconds: number | undefined;
  /** Devices in one instance (GPUs in the box). */
  count: number;
}

export type HardwareRef = { kind: 'catalogue'; id: string; location: Location } | { kind: 'inline'; hardware: InlineHardware; location: Location };

/** An open-weight model: a catalogue architecture, or one described inline (a user's fine-tune). */
export type ModelArchRef =
  | { kind: 'catalogue'; id: string; location: Location }
  | { kind: 'inline'; model: ModelArchitecture; location: Location };

/** What the self-hosted model is and how it runs; shared by self_host and serverless. */
export interface Deployment {
  model: ModelArchRef | undefined;
  quant: string | undefined;
  kvType: string;
  /** Whether kv_type was written (else engines may pick their own default, e.g. fp8 for TensorRT-LLM with fp8 weights). */
  kvTypeSet?: boolean;
  engine: string | undefined;
  /** How several devices share the model (tensor | layer); the engine's default when absent. */
  split?: 'tensor' | 'layer';
  /** The engine's memory share setting, by its own key (gpu_memory_utilization, mem_fraction_static, ...). */
  memoryFraction?: MemoryFraction | undefined;
  hardware: HardwareRef;
  /** Measured aggregate decode tokens/s of one instance: overrides the estimate. */
  tokensPerSecond: number | undefined;
  /** Measured prompt tokens/s of one instance. */
  prefillTokensPerSecond: number | undefined;
  /** Tokens of context each sequence holds (default: the workload's longest prompt + output). */
  contextTokens: number | undefined;
  /** Latency target of this option (seconds per reply at peak); undefined: the scenario's. */
  maxSecondsPerReply: number | undefined;
}

/** An engine's memory share setting as written: the key names the engine it belongs to. */
export interface MemoryFraction {
  key: MemoryFractionKey;
  value: number;
}

export const MEMORY_FRACTION_KEYS = ['gpu_memory_utilization', 'mem_fraction_static', 'kv_cache_free_gpu_mem_fraction'] as const;
export type MemoryFractionKey = (typeof MEMORY_FRACTION_KEYS)[number];

/** Owning hardware instead of renting it. */
export interface Ownership {
  amortisationMonths: number;
  electricityPerKwh: number;
  pue: number;
  hostingMonthly: number;
  /** Share of full power drawn on average; default: the average utilisation. */
  powerLoad: number | undefined;
}

export interface SelfHostOption extends Deployment {
  kind: 'self_host';
  name: string;
  /** Each stream must decode at least this fast (tokens/s). */
  minTokensPerSecond: number;
  /** Peak busy share an instance is sized for. */
  targetUtilisation: number;
  /** A fixed number of instances instead of sizing them. */
  instances: number | undefined;
  owned: Ownership | undefined;
  opsHours: number;
  opsRate: number;
  fixedMonthly: number;
  fallback: { share: number; api: ApiModelRef } | undefined;
  location: Location;
}

export interface ServerlessOption extends Deployment {
  kind: 'serverless';
  name: string;
  /** Billed seconds per request, measured: overrides the estimate. */
  secondsPerRequest: number | undefined;
  coldStartsPerDay: number;
  coldStartSeconds: number | undefined;
  location: Location;
}

export type OptionSpec = ApiOption | SelfHostOption | ServerlessOption;

export interface Budget {
  monthly: number | undefined;
  perRequest: number | undefined;
  perSession: number | undefined;
  perUser: number | undefined;
  /** The highest rate-limit tier the API option may need at peak (1 = the lowest paid tier). */
  maxTier?: number | undefined;
  /** `cheapest` or an option's name. */
  option: string;
  /** Share of a budget at which a warning is raised (default 0.8). */
  warnAt: number;
  location: Location;
  /** The currency written with a limit (`$40`, `40 USD`, `€35`), when one is; else the scenario's. */
  currencies?: Partial<Record<'monthly' | 'per_request' | 'per_session' | 'per_user', string>>;
}

/** A token key given as a prompt file (`system_prompt: {file: prompts/system.md}`), counted at load. */
export interface PromptFileCount {
  /** Key path, e.g. `workload.system_prompt`. */
  path: string;
  /** As written in the scenario (relative to its folder). */
  file: string;
  tokens: number;
  encoding: string;
  /** True when the encoding stands in for the model's own tokenizer. */
  estimate: boolean;
  /** Why this encoding: "openai/gpt-4o-mini uses o200k_base". */
  basis: string;
}

export interface Scenario {
  name: string;
  /** The file it was read from, or a label such as `command line`. */
  source: string;
  currency: string;
  /** A reply at peak must take at most this long (seconds), or the option is not viable. */
  maxSecondsPerReply: number;
  traffic: Traffic;
  workload: Workload;
  options: OptionSpec[];
  budget: Budget | undefined;
  /** Numbers given as ranges, by key path; their means are in the fields above. */
  uncertain: Uncertain[];
  /** Where each key path was written, for later errors (budgets, model names). */
  locations: Map<string, Location>;
  /** Token keys read from prompt files, with the tokenizer used (absent: none). */
  promptFiles?: PromptFileCount[];
}
