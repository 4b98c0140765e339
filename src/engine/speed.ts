// Speed of a self-hosted model. Decode is memory-bandwidth bound: a step reads the active weights
// once for the whole batch plus each sequence's KV cache. Prefill is compute bound: about
// 2 x active parameters FLOPs a token. A step also costs a fixed time (kernel launches, sampling)
// that dominates small models. Batching raises aggregate decode throughput until the
// step's compute (2 x active parameters x batch FLOPs) outgrows its memory time. Pure.

import type { Engine, Hardware, ModelArchitecture } from '../catalogue/types.js';
import { BYTES_PER_GB, FLOPS_PER_TFLOP } from '../units.js';
import { kvCacheBytes } from './memory.js';

export interface SpeedInputs {
  model: ModelArchitecture;
  bitsPerWeight: number;
  kvBytesPerElement: number;
  hardware: Hardware;
  /** Devices in tensor parallel: bandwidth and compute add up. */
  devices: number;
  engine: Engine;
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
  const { experts, expertsPerToken } = model;
  if (!experts || !expertsPerToken || model.activeParams >= model.params) return model.activeParams * bytesPerParam;
  const share = expertsPerToken / experts;
  const expertParams = (model.params - model.activeParams) / (1 - share);
  const sharedParams = model.params - expertParams;
  const touched = 1 - (1 - share) ** batch;
  return (sharedParams + expertParams * touched) * bytesPerParam;
}

export const DEFAULT_EFFICIENCY = { decode: 0.5, prefill: 0.3 } as const;

/**
 * Compute a device achieves on prompts. GPUs: rated dense FP16 x the engine's efficiency. CPUs and
 * Apple GPUs have no published FP16 figure: the engine's fitted rate per core, or per byte/s of
 * bandwidth, stands in. Undefined when nothing applies (prefill time is then left out, and said).
 */
function achievedFlops(hardware: Hardware, engine: Engine, devices: number): { flops: number | undefined; prefillEfficiency: number | null } {
  if (hardware.fp16Tflops !== undefined) {
    const efficiency = engine.prefillEfficiency[hardware.class] ?? DEFAULT_EFFICIENCY.prefill;
    return { flops: hardware.fp16Tflops * FLOPS_PER_TFLOP * devices * efficiency, prefillEfficiency: efficiency };
  }
  if (hardware.class === 'cpu' && hardware.cores !== undefined && engine.cpuPrefillGflopsPerCore !== undefined) {
    return { flops: hardware.cores * engine.cpuPrefillGflopsPerCore * 1e9 * devices, prefillEfficiency: null };
  }
  if (hardware.class === 'apple' && engine.applePrefillFlopsPerByte !== undefined) {
    return { flops: hardware.memoryBandwidthGbPerSecond * BYTES_PER_GB * engine.applePrefillFlopsPerByte * devices, prefillEfficiency: null };
  }
  return { flops: undefined, prefillEfficiency: null };
}

export function estimateSpeed(inputs: SpeedInputs, batch: number, contextTokens: number): Speed {
  const { model, hardware, engine, devices } = inputs;
  const decodeEfficiency = engine.decodeEfficiency[hardware.class] ?? DEFAULT_EFFICIENCY.decode;
  const bandwidth = hardware.memoryBandwidthGbPerSecond * BYTES_PER_GB * devices * decodeEfficiency;
  const { flops, prefillEfficiency } = achievedFlops(hardware, engine, devices);
  const bytes = weightBytesPerStep(model, inputs.bitsPerWeight, batch) + batch * kvCacheBytes(model, contextTokens, inputs.kvBytesPerElement);
  const memorySeconds = bytes / bandwidth;
  const computeSeconds = flops === undefined ? 0 : (2 * model.activeParams * batch) / flops;
  const stepSeconds = Math.max(memorySeconds, computeSeconds) + (engine.stepOverheadMs[hardware.class] ?? 0) / 1000;
  return {
    decodeTokensPerSecond: batch / stepSeconds,
    perSequenceTokensPerSecond: 1 / stepSeconds,
    prefillTokensPerSecond: flops === undefined ? null : flops / (2 * model.activeParams),
    stepSeconds,
    bound: computeSeconds > memorySeconds ? 'compute' : 'memory',
    decodeEfficiency,
    prefillEfficiency,
    defaultedEfficiency: engine.decodeEfficiency[hardware.class] === undefined,
  };
}

/**
 * A decode step's time as straight lines in the batch, for a dense model: memory
 * (base + per sequence) x batch, compute per sequence x batch, plus the fixed step time. Lets the
 * largest batch at a speed floor be solved instead of searched. Undefined for a MoE, whose weight
 * reads grow with the batch along a curve.
 */
export function stepLines(inputs: SpeedInputs, contextTokens: number): { memoryBase: number; memoryPerSequence: number; computePerSequence: number; overhead: number } | undefined {
  const { model, hardware, engine, devices } = inputs;
  if (model.experts && model.expertsPerToken && model.activeParams < model.params) return undefined;
  const decodeEfficiency = engine.decodeEfficiency[hardware.class] ?? DEFAULT_EFFICIENCY.decode;
  const bandwidth = hardware.memoryBandwidthGbPerSecond * BYTES_PER_GB * devices * decodeEfficiency;
  const { flops } = achievedFlops(hardware, engine, devices);
  return {
    memoryBase: weightBytesPerStep(model, inputs.bitsPerWeight, 1) / bandwidth,
    memoryPerSequence: kvCacheBytes(model, contextTokens, inputs.kvBytesPerElement) / bandwidth,
    computePerSequence: flops === undefined ? 0 : (2 * model.activeParams) / flops,
    overhead: (engine.stepOverheadMs[hardware.class] ?? 0) / 1000,
  };
}

export function defaultedWarning(engine: Engine, hardware: Hardware): string {
  return `${engine.id} has no efficiency fitted for ${hardware.class} hardware: ${DEFAULT_EFFICIENCY.decode * 100}% of bandwidth assumed (give a measured tokens_per_second)`;
}
