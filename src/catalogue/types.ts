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

/**
 * A provider's prompt-cache rule: a prefix shorter than `minTokens` is not cached at all, and a
 * longer one is cached in whole steps of `stepTokens` above the minimum (OpenAI: 1,024, then 128).
 */
export interface PromptCacheRule {
  minTokens: number;
  stepTokens: number;
  source: string;
  asOf: string;
  note?: string;
}

/**
 * One published usage tier of a model's rate limits, per minute. Which tokens each limit counts:
 * `tokensPerMinute` prompt + output (OpenAI TPM); `inputTokensPerMinute` the prompt without
 * tokens read from the cache (Anthropic ITPM); `promptTokensPerMinute` every prompt token (Gemini
 * "TPM (input)"); `outputTokensPerMinute` output and reasoning (Anthropic OTPM).
 */
export interface RateLimitTier {
  /** The tier's place in the provider's ladder, 1 = the lowest paid tier. */
  tier: number;
  /** The provider's own name for it, when it is not "Tier N". */
  name?: string;
  requestsPerMinute?: number;
  tokensPerMinute?: number;
  inputTokensPerMinute?: number;
  promptTokensPerMinute?: number;
  outputTokensPerMinute?: number;
}

export interface RateLimitTable {
  /** Lowest tier first. */
  tiers: RateLimitTier[];
  source: string;
  asOf: string;
  note?: string;
}

/**
 * What a synchronous service tier other than standard costs for a model: a share off the
 * standard token prices (`discount`, OpenAI and Gemini flex), or the tier's own prices per 1M
 * tokens in the model's currency (`rates`, OpenAI priority).
 */
export interface ServiceTierPrice {
  discount?: number;
  rates?: Rates;
  source: string;
  asOf: string;
  note?: string;
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
  /** Prompt-cache minimums by provider or by provider/model (the model's own entry first). */
  promptCache?: Record<string, PromptCacheRule>;
  /** Published rate-limit tiers by provider/model. */
  rateLimits?: Record<string, RateLimitTable>;
  /** Service-tier prices by provider or provider/model, then by tier (flex, priority). */
  serviceTiers?: Record<string, Partial<Record<'flex' | 'priority', ServiceTierPrice>>>;
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
  /**
   * Shape fields from config.json that split the parameters into tensor groups (embeddings,
   * output head, attention, FFN/experts, norms) for per-tensor quantisation. Optional: without
   * them the quant's whole-model bits per weight applies.
   */
  vocabSize?: number | undefined;
  /** The output head shares the embedding matrix (no separate lm_head). */
  tiedEmbeddings?: boolean | undefined;
  /** Width of a dense FFN layer (intermediate_size). */
  intermediateSize?: number | undefined;
  /** Width of one routed expert (moe_intermediate_size; Mixtral: intermediate_size). */
  moeIntermediateSize?: number | undefined;
  /** Total width of the shared expert(s) every token passes (DeepSeek: n_shared_experts x moe_intermediate_size). */
  sharedExpertIntermediateSize?: number | undefined;
  /** Leading layers with a dense FFN instead of experts (DeepSeek's first_k_dense_replace). */
  denseLayers?: number | undefined;
  /** The routed experts ship already quantised in this format (gpt-oss: MXFP4), and GGUF conversions keep it. */
  nativeExpertFormat?: 'MXFP4' | undefined;
  source: string;
  asOf: string;
}

/** Which tensors a quantised checkpoint stores at the quant's bits; the rest stay 16-bit. */
export type QuantisedTensors = 'linear' | 'experts';

export interface WeightQuant {
  /** Which catalogue layer the entry came from: pricing/ or a --pricing file. */
  layer?: Layer;
  id: string;
  /** Other spellings (fp16 for F16). */
  aliases: string[];
  bitsPerWeight: number;
  /** 'gguf', 'safetensors', ... as the catalogue says; GGUF mixes follow llama.cpp's per-tensor rules. */
  format?: string | undefined;
  /**
   * Bits per weight of the quantised tensors alone (with their scales and zero points), for
   * formats that keep embeddings, output head and norms in 16 bit (AWQ, GPTQ, FP8, W8A8, EXL2).
   */
  linearBitsPerWeight?: number | undefined;
  /** Which tensors are quantised: every linear layer (default) or the MoE experts only (gpt-oss MXFP4). */
  quantises?: QuantisedTensors | undefined;
  /** Bits per weight of the output head where the format quantises it separately (EXL2/EXL3 head_bits). */
  headBitsPerWeight?: number | undefined;
  /** Bits per weight are chosen by the user (`exl2-4.0bpw`): the entry is a family, not one quant. */
  variableBits?: boolean | undefined;
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

/**
 * Narrower than a class, where speed differs within it: GPUs by architecture, CPUs by market and
 * instruction set, Apple by chip generation. Engines' factors may be fitted per family.
 */
export const HARDWARE_FAMILIES = [
  'pascal', 'turing', 'ampere', 'ada', 'hopper', 'blackwell', 'rdna2', 'rdna3', 'cdna3',
  'x86-server', 'x86-desktop', 'x86-mobile', 'arm-server', 'arm-desktop',
  'apple-m1', 'apple-m2', 'apple-m3', 'apple-m4', 'apple-m5', 'apu',
] as const;
export type HardwareFamily = (typeof HARDWARE_FAMILIES)[number];

export interface Hardware {
  /** Which catalogue layer the entry came from: pricing/ or a --pricing file. */
  layer?: Layer;
  id: string;
  name: string;
  class: HardwareClass;
  /** Absent (a --pricing file or inline hardware that gives none): the class alone describes it. */
  family?: HardwareFamily | undefined;
  memoryGib: number;
  memoryBandwidthGbPerSecond: number;
  fp16Tflops: number | undefined;
  /** Dense FP8 tensor rate (FP32 accumulate), on parts with FP8 tensor cores. */
  fp8Tflops?: number | undefined;
  /** Dense FP4 tensor rate (NVFP4 / MXFP4 inputs), on parts with FP4 tensor cores (Blackwell). */
  fp4Tflops?: number | undefined;
  int8Tops: number | undefined;
  /**
   * GB/s one device can send to the others of a tensor-parallel group, each way (NVLink; PCIe
   * where a card has no NVLink). Undefined: the exchange is the fitted time a step alone.
   */
  interconnectGbPerSecond?: number | undefined;
  watts: number | undefined;
  cores: number | undefined;
  /**
   * Memory one device offers a program, as the runtime reports it (torch/nvidia-smi total), in GiB:
   * below memoryGib, which is the marketed size (an 80 GB H100 shows 79.1 GiB). Undefined: memoryGib.
   */
  usableMemoryGib?: number | undefined;
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

/** A factor an engine achieves per hardware class, or per family where fitted (published measurements). */
export type ClassFactors = Partial<Record<HardwareClass | HardwareFamily, number>>;

export interface Engine {
  /** Which catalogue layer the entry came from: pricing/ or a --pricing file. */
  layer?: Layer;
  id: string;
  aliases: string[];
  memoryOverheadGib: number;
  /** Share of GPU memory reserved up front (vLLM's gpu_memory_utilization); undefined: on demand. */
  reservesFraction: number | undefined;
  /** The engine's key for that share (gpu_memory_utilization, mem_fraction_static, kv_cache_free_gpu_mem_fraction). */
  memoryFractionKey?: string | undefined;
  /** What the share is a share of: all device memory (vLLM, SGLang) or what is free after the weights (TensorRT-LLM). */
  memoryFractionOf?: 'total' | 'free' | undefined;
  /** KV cache type used when the scenario sets none and the weights are fp8 (TensorRT-LLM). */
  fp8KvWithFp8Weights?: boolean | undefined;
  /** Fitted terms of the engine's own memory (see src/engine/engine-memory.ts); undefined: memoryOverheadGib alone. */
  memoryModel?: EngineMemoryModel | undefined;
  /** Decode: achieved share of memory bandwidth. */
  decodeEfficiency: ClassFactors;
  /** Prefill: achieved share of dense FP16 compute. */
  prefillEfficiency: ClassFactors;
  /** Fixed time a decode step costs beyond moving bytes (kernel launches, sampling), in ms. */
  stepOverheadMs: ClassFactors;
  /** Time a decode step costs per sequence in the batch (attention, sampling, scheduling), in ms. */
  stepOverheadMsPerSequence?: ClassFactors;
  /** Time a tensor-parallel step spends exchanging activations between devices, in ms. */
  tensorParallelStepMs?: ClassFactors;
  /**
   * The same for a mixture of experts, whose layers also route tokens to experts on other devices;
   * tensorParallelStepMs where absent.
   */
  moeTensorParallelStepMs?: ClassFactors;
  /** Share of the dense efficiency a mixture-of-experts model keeps (routing, small expert matrices). */
  moeDecodeEfficiency?: ClassFactors;
  /**
   * Prompt rate of weights stored in a weight-only quantised format (GGUF blocks, AWQ, GPTQ, MXFP4),
   * relative to 16-bit weights: their matrix kernels dequantise or requantise as they go.
   */
  quantisedPrefillFactor?: ClassFactors;
  /** Share of the prompt rate a mixture-of-experts model keeps (routing, small per-expert matrices). */
  moePrefillEfficiency?: ClassFactors;
  /** How the engine spreads a model over several devices by default. */
  split?: 'tensor' | 'layer';
  /** Achieved prompt-processing GFLOPS per CPU core, for CPUs (vendors publish no FP16 figure). */
  cpuPrefillGflopsPerCore: number | ClassFactors | undefined;
  /** Achieved prompt-processing FLOPs per byte/s of memory bandwidth on Apple GPUs (Apple publishes no FLOPS). */
  applePrefillFlopsPerByte: number | ClassFactors | undefined;
  source: string;
  asOf: string;
}

/** Terms of an engine's own memory per device, fitted to start-up logs (pricing/engines.yaml). */
export interface EngineMemoryModel {
  /** CUDA context, cuBLAS workspaces and the engine's fixed buffers, per device (GiB). */
  fixedGib: number;
  /** NCCL / all-reduce buffers and CUDA graphs of a tensor-parallel group, per device, when it has 2+ devices (GiB). */
  tensorParallelGib: number;
  /** Tokens the profiling forward pass carries (vLLM max_num_batched_tokens), on devices of 70 GiB or more. */
  profileTokens: number;
  /** The same below 70 GiB (vLLM picks smaller defaults there). */
  profileTokensSmallDevice: number;
  /** 16-bit activation values per token held at the peak, per unit of hidden size. */
  activationHiddenMultiple: number;
  /** The same per unit of FFN width on one device (MoE: experts per token x expert width). */
  activationFfnMultiple: number;
  /** MoE only: values per token per unit of experts-per-token x hidden (fused-MoE work buffers). */
  activationExpertMultiple: number;
  /** Sequences whose logits the sampler holds in the profiling run (vLLM max_num_seqs), devices of 70 GiB or more. */
  samplerSequences: number;
  samplerSequencesSmallDevice: number;
  /** Bytes per vocabulary entry per sequence the sampler holds (fp32 logits and their working copies). */
  samplerBytesPerLogit: number;
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

/** The self-hosting catalogue: architectures, quantisations, KV cache types, hardware, offers, engines. */
export interface SelfHostCatalogue {
  models: ModelArchitecture[];
  weightQuants: WeightQuant[];
  kvCacheTypes: KvCacheType[];
  hardware: Hardware[];
  offers: Offer[];
  engines: Engine[];
  /** How far the speed model's predictions fall from measurements (pricing/accuracy.yaml); absent: no bands. */
  accuracy?: AccuracyCatalogue;
}
