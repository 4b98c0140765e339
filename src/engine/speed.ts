// Speed of a self-hosted model. Decode is memory-bandwidth bound: a step reads the active weights
// once for the whole batch plus each sequence's KV cache. Prefill is compute bound: about
// 2 x active parameters FLOPs a token, plus attention over the prompt. A step also costs a fixed
// time (kernel launches, sampling) that dominates small models, and a time per sequence in the
// batch (attention kernels, sampling, scheduling) that dominates large batches. Batching raises
// aggregate decode throughput until the step's compute (2 x active parameters x batch FLOPs)
// outgrows its memory time. Pure.

import type { ClassFactors, Engine, Hardware, ModelArchitecture } from '../catalogue/types.js';
import { BYTES_PER_GB, FLOPS_PER_TFLOP } from '../units.js';
import { kvCacheBytes } from './memory.js';

/**
 * How a model is spread over several devices. `tensor`: every layer is split, the devices work at
 * once (bandwidths and compute add up) and exchange activations every layer. `layer`: each device
 * holds whole layers and they run one after another (llama.cpp's default split): memory adds up,
 * speed is one device's.
 */
export type SplitMode = 'tensor' | 'layer';
export const SPLIT_MODES: readonly SplitMode[] = ['tensor', 'layer'];

/** The tensor-core rate a quantisation computes at: FP8, INT8 (W8A8) and FP4 (NVFP4) run at their own rates. */
export type ComputeFormat = 'fp16' | 'fp8' | 'int8' | 'fp4';

export interface SpeedInputs {
  model: ModelArchitecture;
  bitsPerWeight: number;
  kvBytesPerElement: number;
  hardware: Hardware;
  /** Devices serving one instance. */
  devices: number;
  engine: Engine;
  /** How the devices share the model; the engine's default when absent. */
  split?: SplitMode;
  /** The rate prompts compute at; FP16 when absent. */
  computeFormat?: ComputeFormat;
}

export interface Speed {
  /** Aggregate decode tokens/s of the instance at this batch. */
  decodeTokensPerSecond: number;
  /** Decode tokens/s each sequence sees. */
  perSequenceTokensPerSecond: number;
  /** Prompt tokens/s; null when the hardware has no compute figure to estimate it from. */
  prefillTokensPerSecond: number | null;
  stepSeconds: number;
  bound: 'memory' | 'compute';
  decodeEfficiency: number;
  prefillEfficiency: number | null;
  /** The engine has no fitted factor for this hardware class: a default was used. */
  defaultedEfficiency: boolean;
}

/**
 * Bytes of weights a decode step reads for `batch` sequences. A MoE token reads its active
 * experts; a batch reads the union of the experts its tokens chose, which tends to all of them:
 * expected share of experts touched = 1 - (1 - k/E)^batch.
 */
export function weightBytesPerStep(model: ModelArchitecture, bitsPerWeight: number, batch: number): number {
  const bytesPerParam = bitsPerWeight / 8;
  if (!isMoe(model)) return model.activeParams * bytesPerParam;
  const share = model.expertsPerToken! / model.experts!;
  const expertParams = (model.params - model.activeParams) / (1 - share);
  const sharedParams = model.params - expertParams;
  const touched = 1 - (1 - share) ** batch;
  return (sharedParams + expertParams * touched) * bytesPerParam;
}

export function isMoe(model: ModelArchitecture): boolean {
  return Boolean(model.experts && model.expertsPerToken && model.activeParams < model.params);
}

export const DEFAULT_EFFICIENCY = { decode: 0.5, prefill: 0.3 } as const;

/**
 * A fitted factor for this hardware: by its family (hopper, apple-m1, arm-server...) when the engine
 * has one, else by its class, else undefined.
 */
export function factorFor(factors: ClassFactors | undefined, hardware: Hardware): number | undefined {
  if (factors === undefined) return undefined;
  const family = hardware.family;
  const byFamily = family === undefined ? undefined : (factors as Record<string, number | undefined>)[family];
  return byFamily ?? factors[hardware.class];
}

/** The split an engine uses unless told otherwise: llama.cpp splits by layer, the serving engines by tensor. */
export function defaultSplit(engine: Engine): SplitMode {
  return engine.split ?? 'tensor';
}

/** Devices whose bandwidth and compute add up for one sequence's step. */
function parallelDevices(inputs: SpeedInputs): number {
  return (inputs.split ?? defaultSplit(inputs.engine)) === 'tensor' ? inputs.devices : 1;
}

/**
 * FP8 checkpoints compute in FP8, W8A8 ones in INT8 and NVFP4 ones (weights and activations in FP4)
 * in FP4 where the device can; weight-only formats in FP16.
 */
export function computeFormatOf(quant: { id: string }): ComputeFormat {
  const id = quant.id.toLowerCase();
  if (id.startsWith('fp8') || id === 'w8a8-fp8') return 'fp8';
  if (id === 'int8' || id === 'w8a8' || id === 'w8a8-int8') return 'int8';
  if (id === 'nvfp4') return 'fp4';
  return 'fp16';
}

/**
 * Dense tensor rate of one device in the compute format, falling back to FP16 where no other is
 * published. FP4 falls back to FP16, not FP8: on GPUs without FP4 tensor cores vLLM runs NVFP4
 * weights through its FP4 Marlin kernel, which dequantises them to 16 bit (W4A16).
 */
export function tensorTflops(hardware: Hardware, format: ComputeFormat): number | undefined {
  if (format === 'fp8' && hardware.fp8Tflops !== undefined) return hardware.fp8Tflops;
  if (format === 'int8' && hardware.int8Tops !== undefined) return hardware.int8Tops;
  if (format === 'fp4' && hardware.fp4Tflops !== undefined) return hardware.fp4Tflops;
  return hardware.fp16Tflops;
}

/** A prompt rate of CPUs or Apple GPUs: one figure for the class, or one per family (x86-desktop, apple-m3) with the class's as the rest's. */
function rateFor(rate: number | ClassFactors | undefined, hardware: Hardware): number | undefined {
  return typeof rate === 'object' ? factorFor(rate, hardware) : rate;
}

/**
 * Compute a device achieves on prompts. GPUs: rated dense tensor rate x the engine's efficiency. CPUs and
 * Apple GPUs have no published FP16 figure: the engine's fitted rate per core, or per byte/s of
 * bandwidth, stands in. Undefined when nothing applies (prefill time is then left out, and said).
 */
function achievedFlops(inputs: SpeedInputs): { flops: number | undefined; prefillEfficiency: number | null } {
  const { hardware, engine } = inputs;
  const devices = parallelDevices(inputs) * matrixKernelFactor(inputs);
  const tflops = tensorTflops(hardware, inputs.computeFormat ?? 'fp16');
  if (tflops !== undefined) {
    const efficiency = factorFor(engine.prefillEfficiency, hardware) ?? DEFAULT_EFFICIENCY.prefill;
    // The share reported is the one this model and format reach, kernel factors included.
    return { flops: tflops * FLOPS_PER_TFLOP * devices * efficiency, prefillEfficiency: efficiency * matrixKernelFactor(inputs) };
  }
  const perCore = rateFor(engine.cpuPrefillGflopsPerCore, hardware);
  if (hardware.class === 'cpu' && hardware.cores !== undefined && perCore !== undefined) {
    return { flops: hardware.cores * perCore * 1e9 * devices, prefillEfficiency: null };
  }
  const perByte = rateFor(engine.applePrefillFlopsPerByte, hardware);
  if (hardware.class === 'apple' && perByte !== undefined) {
    return { flops: hardware.memoryBandwidthGbPerSecond * BYTES_PER_GB * perByte * devices, prefillEfficiency: null };
  }
  return { flops: undefined, prefillEfficiency: null };
}

/**
 * Weights in a weight-only quantised format: below 16 bits and computed in FP16 (not FP8 or INT8
 * checkpoints). NVFP4 is one on a device without an FP4 rate, where it runs dequantised to FP16.
 */
export function isWeightOnlyQuantised(inputs: Pick<SpeedInputs, 'bitsPerWeight' | 'computeFormat'> & { hardware?: Hardware }): boolean {
  const format = inputs.computeFormat ?? 'fp16';
  const inFp16 = format === 'fp16' || (format === 'fp4' && inputs.hardware?.fp4Tflops === undefined);
  return inFp16 && inputs.bitsPerWeight < 15;
}

/**
 * What the model's matrix kernels keep of the 16-bit dense rate: weight-only quantised formats run
 * kernels that dequantise (GPUs, Apple) or requantise activations to int8 (CPUs) as they go, and
 * a MoE splits its batch into small per-expert matrices after routing it. Fitted per engine and
 * hardware class; 1 where nothing is fitted.
 */
export function matrixKernelFactor(inputs: SpeedInputs): number {
  const { engine, hardware } = inputs;
  const quantised = isWeightOnlyQuantised(inputs) ? (factorFor(engine.quantisedPrefillFactor, hardware) ?? 1) : 1;
  const moe = isMoe(inputs.model) ? (factorFor(engine.moePrefillEfficiency, hardware) ?? 1) : 1;
  return quantised * moe;
}

/**
 * FLOPs to process one prompt token, averaged over a prompt of `promptTokens` that follows
 * `contextTokens` already in the cache: the matrix products (2 x active parameters) plus attention,
 * whose scores and weighted sum take 2 x 2 x (query width) FLOPs per earlier token in each layer:
 * on average the context and half the prompt are earlier.
 */
export function prefillFlopsPerToken(model: ModelArchitecture, promptTokens: number, contextTokens = 0): number {
  return 2 * model.activeParams + 4 * model.layers * model.heads * model.headDim * (contextTokens + promptTokens / 2);
}

/** Share of bandwidth a decode step achieves: fitted per engine and hardware, lower for a MoE. */
export function decodeEfficiencyOf(inputs: SpeedInputs): { efficiency: number; defaulted: boolean } {
  const fitted = factorFor(inputs.engine.decodeEfficiency, inputs.hardware);
  const base = fitted ?? DEFAULT_EFFICIENCY.decode;
  const moe = isMoe(inputs.model) ? (factorFor(inputs.engine.moeDecodeEfficiency, inputs.hardware) ?? 1) : 1;
  return { efficiency: base * moe, defaulted: fitted === undefined };
}

/**
 * Fitted time of a tensor-parallel step's collectives, in ms: a mixture of experts has its own
 * (its layers also dispatch tokens to experts on other devices), so that large MoE runs do not set
 * the figure of dense models; the dense figure where the engine has no MoE one.
 */
export function tensorParallelStepMsOf(inputs: Pick<SpeedInputs, 'engine' | 'hardware' | 'model'>): number | undefined {
  const { engine, hardware, model } = inputs;
  const dense = factorFor(engine.tensorParallelStepMs, hardware);
  return isMoe(model) ? (factorFor(engine.moeTensorParallelStepMs, hardware) ?? dense) : dense;
}

/** The depth `step_overhead_ms` is given for: Llama 3 8B's 32 layers, the model most measurements use. */
export const OVERHEAD_REFERENCE_LAYERS = 32;

/** The cores `step_overhead_ms` is given for on CPUs: a 16-core desktop part, as most CPU rows are. */
export const OVERHEAD_REFERENCE_CORES = 16;

/**
 * The fixed time of one decode step of this model, in ms. Every layer launches the same kernels
 * (norms, projections, attention, MLP) whatever its width, so the time goes with the depth: the
 * engine's `step_overhead_ms` (for a 32-layer model) x layers / 32. TinyLlama's 22 layers cost
 * 0.69 of it, a 70B's 80 layers 2.5 times. On a CPU every operation also ends at a barrier all its
 * threads spin on, which costs more the more threads meet there: x sqrt(cores / 16). The square
 * root is what the published CPU rows favour over no growth and linear growth (npm run validate:
 * CPU decode within 25% on 57%, 62% and 62% of rows; time to first token 33%, 50% and 33%).
 */
export function fixedStepMs(inputs: Pick<SpeedInputs, 'engine' | 'hardware' | 'model'>): number {
  const { hardware } = inputs;
  const threads = hardware.class === 'cpu' && hardware.cores !== undefined ? Math.sqrt(hardware.cores / OVERHEAD_REFERENCE_CORES) : 1;
  return (factorFor(inputs.engine.stepOverheadMs, hardware) ?? 0) * (inputs.model.layers / OVERHEAD_REFERENCE_LAYERS) * threads;
}

/** Time a decode step costs beyond moving bytes and computing, in seconds, for `batch` sequences. */
export function stepOverheadSeconds(inputs: SpeedInputs, batch: number): number {
  const { engine, hardware } = inputs;
  const perSequenceMs = factorFor(engine.stepOverheadMsPerSequence, hardware) ?? 0;
  // Tensor parallel exchanges activations twice a layer; the cost is latency-bound, so per step.
  const tensorMs = parallelDevices(inputs) > 1 ? (tensorParallelStepMsOf(inputs) ?? 0) : 0;
  return (fixedStepMs(inputs) + perSequenceMs * batch + tensorMs) / 1000 + exchangeSeconds(inputs, batch);
}

/**
 * Seconds a tensor-parallel decode step spends moving activations over the link between devices:
 * every layer all-reduces its attention and its MLP output, `tokens` x hidden size 16-bit values
 * each, and a ring all-reduce sends 2 x (n - 1) / n of that from every device, at the device's
 * interconnect rate each way (a decode step's batch, or each prompt token). 0 on one device, split
 * by layer, or without an interconnect figure.
 */
export function exchangeSeconds(inputs: SpeedInputs, tokens: number): number {
  const n = parallelDevices(inputs);
  const link = inputs.hardware.interconnectGbPerSecond;
  if (n <= 1 || link === undefined) return 0;
  const bytes = 2 * inputs.model.layers * tokens * inputs.model.hiddenSize * 2 * ((2 * (n - 1)) / n);
  return bytes / (link * BYTES_PER_GB);
}

/**
 * Prompt tokens/s for prompts of `promptTokens` (0: the matrix products alone) after `contextTokens`
 * already cached: each token's FLOPs, and in tensor parallel its activations over the interconnect.
 */
export function prefillRate(inputs: SpeedInputs, promptTokens: number, contextTokens = 0): number | null {
  const { flops } = achievedFlops(inputs);
  return flops === undefined ? null : 1 / (prefillFlopsPerToken(inputs.model, promptTokens, contextTokens) / flops + exchangeSeconds(inputs, 1));
}

export function estimateSpeed(inputs: SpeedInputs, batch: number, contextTokens: number, promptTokens = 0): Speed {
  const { model, hardware } = inputs;
  const { efficiency: decodeEfficiency, defaulted } = decodeEfficiencyOf(inputs);
  const bandwidth = hardware.memoryBandwidthGbPerSecond * BYTES_PER_GB * parallelDevices(inputs) * decodeEfficiency;
  const { flops, prefillEfficiency } = achievedFlops(inputs);
  const bytes = weightBytesPerStep(model, inputs.bitsPerWeight, batch) + batch * kvCacheBytes(model, contextTokens, inputs.kvBytesPerElement);
  const memorySeconds = bytes / bandwidth;
  const computeSeconds = flops === undefined ? 0 : (2 * model.activeParams * batch) / flops;
  const stepSeconds = Math.max(memorySeconds, computeSeconds) + stepOverheadSeconds(inputs, batch);
  return {
    decodeTokensPerSecond: batch / stepSeconds,
    perSequenceTokensPerSecond: 1 / stepSeconds,
    prefillTokensPerSecond: prefillRate(inputs, promptTokens),
    stepSeconds,
    bound: computeSeconds > memorySeconds ? 'compute' : 'memory',
    decodeEfficiency,
    prefillEfficiency,
    defaultedEfficiency: defaulted,
  };
}

/**
 * A decode step's time as straight lines in the batch, for a dense model: memory
 * (base + per sequence) x batch, compute per sequence x batch, plus the step's overhead (fixed and
 * per sequence). Lets the largest batch at a speed floor be solved instead of searched. Undefined
 * for a MoE, whose weight reads grow with the batch along a curve.
 */
export function stepLines(inputs: SpeedInputs, contextTokens: number): { memoryBase: number; memoryPerSequence: number; computePerSequence: number; overhead: number; overheadPerSequence: number } | undefined {
  const { model, hardware } = inputs;
  if (isMoe(model)) return undefined;
  const bandwidth = hardware.memoryBandwidthGbPerSecond * BYTES_PER_GB * parallelDevices(inputs) * decodeEfficiencyOf(inputs).efficiency;
  const { flops } = achievedFlops(inputs);
  const overhead = stepOverheadSeconds(inputs, 0);
  return {
    memoryBase: weightBytesPerStep(model, inputs.bitsPerWeight, 1) / bandwidth,
    memoryPerSequence: kvCacheBytes(model, contextTokens, inputs.kvBytesPerElement) / bandwidth,
    computePerSequence: flops === undefined ? 0 : (2 * model.activeParams) / flops,
    overhead,
    overheadPerSequence: stepOverheadSeconds(inputs, 1) - overhead,
  };
}

export function defaultedWarning(engine: Engine, hardware: Hardware): string {
  return `${engine.id} has no efficiency fitted for ${hardware.class} hardware: ${DEFAULT_EFFICIENCY.decode * 100}% of bandwidth assumed (give a measured tokens_per_second)`;
}
