// An engine's own memory on each device, beyond weights and KV cache, and the share of the device
// it lets weights + KV cache + its own buffers take. Pure.
//
// Engines with a fitted memory model (vLLM, SGLang, TensorRT-LLM in pricing/engines.yaml):
//   per device = fixed (CUDA context, workspaces)
//              + tensor-parallel buffers (NCCL, all-reduce, CUDA graphs of a TP group) when devices > 1
//              + the profiling run's peak, the larger of its two steps (the forward pass's
//                intermediates are freed before the sampler runs):
//                forward: tokens x 2 bytes x (a x hidden + b x FFN width / devices [+ c x experts per token x hidden, MoE])
//                sampler: sequences x vocabulary x bytes per logit (every device holds the whole vocabulary)
// so it grows with the model's width and vocabulary; the forward step shrinks per device as TP splits the FFN.
// Others (llama.cpp, MLX): the flat memory_overhead_gib.
//
// Memory the engine may fill, per device:
//   vLLM / SGLang ('total'): usable device memory x fraction (gpu_memory_utilization, mem_fraction_static);
//   TensorRT-LLM ('free'): weights + own buffers + fraction x (usable - weights - own buffers)
//   (kv_cache_free_gpu_mem_fraction is a share of what is free once the engine is loaded);
//   on-demand engines: all usable memory.
// Usable device memory is what the runtime reports (hardware usable_memory_gib), not the marketed size.

import type { Engine, Hardware, ModelArchitecture } from '../catalogue/types.js';
import { BYTES_PER_GIB } from '../units.js';

/** vLLM picks its larger batching defaults on devices with at least this much memory (GiB). */
export const LARGE_DEVICE_GIB = 70;
/** Activations are held in 16 bits. */
const ACTIVATION_BYTES = 2;

export interface EngineMemory {
  fixedBytes: number;
  tensorParallelBytes: number;
  activationBytes: number;
  samplerBytes: number;
  /** The engine's own memory on one device: fixed + tensor-parallel + the larger of activation and sampler. */
  overheadBytes: number;
  basis: 'fitted' | 'flat';
}

/** Memory one device of `hardware` offers, as the runtime reports it. */
export function deviceBytes(hardware: Hardware, deviceMemoryGib?: number): number {
  return (deviceMemoryGib ?? hardware.usableMemoryGib ?? hardware.memoryGib) * BYTES_PER_GIB;
}

/** FFN width a token passes through: the dense width, or experts per token x expert width (+ shared). */
export function ffnWidth(model: ModelArchitecture): number | undefined {
  if ((model.experts ?? 0) > 1 && model.moeIntermediateSize !== undefined) {
    return (model.expertsPerToken ?? 1) * model.moeIntermediateSize + (model.sharedExpertIntermediateSize ?? 0);
  }
  return model.intermediateSize;
}

/** The engine's own memory on each of `devices` devices (tensor parallel) of `hardware`. */
export function engineMemory(model: ModelArchitecture, engine: Engine, devices: number, hardware: Hardware | undefined): EngineMemory {
  const m = engine.memoryModel;
  const flat = engine.memoryOverheadGib * BYTES_PER_GIB;
  const width = ffnWidth(model);
  if (!m || width === undefined || model.vocabSize === undefined) {
    return { fixedBytes: flat, tensorParallelBytes: 0, activationBytes: 0, samplerBytes: 0, overheadBytes: flat, basis: 'flat' };
  }
  const large = hardware !== undefined && (hardware.usableMemoryGib ?? hardware.memoryGib) >= LARGE_DEVICE_GIB;
  const tokens = large ? m.profileTokens : m.profileTokensSmallDevice;
  const sequences = large ? m.samplerSequences : m.samplerSequencesSmallDevice;
  const fixedBytes = m.fixedGib * BYTES_PER_GIB;
  const tensorParallelBytes = devices > 1 ? m.tensorParallelGib * BYTES_PER_GIB : 0;
  const moe = (model.experts ?? 0) > 1;
  const expertValues = moe ? m.activationExpertMultiple * (model.expertsPerToken ?? 1) * model.hiddenSize : 0;
  const activationBytes = tokens * ACTIVATION_BYTES * (m.activationHiddenMultiple * model.hiddenSize + (m.activationFfnMultiple * width) / devices + expertValues);
  const samplerBytes = sequences * model.vocabSize * m.samplerBytesPerLogit;
  return {
    fixedBytes, tensorParallelBytes, activationBytes, samplerBytes,
    overheadBytes: fixedBytes + tensorParallelBytes + Math.max(activationBytes, samplerBytes),
    basis: 'fitted',
  };
}

/**
 * Bytes one device lets weights, KV cache and the engine's buffers take: the engine's share of it
 * (`fraction`, or the engine's default). `takenBytes` = weights + own buffers on the device, for
 * engines whose share is of the memory left free after loading (TensorRT-LLM).
 */
export function reservedBytes(device: number, engine: Engine, fraction: number | undefined, takenBytes: number): number {
  const share = fraction ?? engine.reservesFraction;
  if (share === undefined) return device;
  if (engine.memoryFractionOf === 'free') return takenBytes + share * Math.max(0, device - takenBytes);
  return device * share;
}
