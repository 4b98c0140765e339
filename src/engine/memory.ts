// Memory a self-hosted model needs: quantised weights + KV cache + the engine's overhead, and
// what fits on which card. Pure; bytes throughout, GiB only at the edges.

import type { Engine, Hardware, ModelArchitecture } from '../catalogue/types.js';
import { BYTES_PER_GIB } from '../units.js';
import { deviceBytes, reservedBytes } from './engine-memory.js';

export function weightsBytes(model: ModelArchitecture, bitsPerWeight: number): number {
  return (model.params * bitsPerWeight) / 8;
}

/**
 * KV cache of one sequence of `contextTokens` tokens.
 * - gqa: keys and values (x2) for every layer, KV head and head dimension;
 * - sliding: layers with a window hold at most `window` tokens, the others the whole context;
 * - mla (DeepSeek V2/V3): one compressed latent (kv_lora_rank + rope dims) a layer, no factor 2.
 */
export function kvCacheBytes(model: ModelArchitecture, contextTokens: number, bytesPerElement: number): number {
  switch (model.attention) {
    case 'mla':
      return model.layers * ((model.kvLoraRank ?? 0) + (model.qkRopeHeadDim ?? 0)) * bytesPerElement * contextTokens;
    case 'sliding': {
      const slidingLayers = model.slidingLayers ?? 0;
      const window = model.slidingWindowTokens ?? contextTokens;
      const perLayerToken = 2 * model.kvHeads * model.headDim * bytesPerElement;
      return perLayerToken * ((model.layers - slidingLayers) * contextTokens + slidingLayers * Math.min(contextTokens, window));
    }
    case 'gqa':
      return 2 * model.layers * model.kvHeads * model.headDim * bytesPerElement * contextTokens;
  }
}

export interface MemoryNeed {
  weightsBytes: number;
  kvCacheBytes: number;
  /** Engine overhead for one device. */
  overheadBytes: number;
  totalBytes: number;
}

export function memoryNeed(
  model: ModelArchitecture,
  bitsPerWeight: number,
  kvBytesPerElement: number,
  contextTokens: number,
  sequences: number,
  engine: Engine,
  /** The engine's own memory per device (engine-memory.ts); default: its flat memory_overhead_gib. */
  overheadBytes?: number,
): MemoryNeed {
  const weights = weightsBytes(model, bitsPerWeight);
  const kv = kvCacheBytes(model, contextTokens, kvBytesPerElement) * sequences;
  const overhead = overheadBytes ?? engine.memoryOverheadGib * BYTES_PER_GIB;
  return { weightsBytes: weights, kvCacheBytes: kv, overheadBytes: overhead, totalBytes: weights + kv + overhead };
}

/** Tensor-parallel group sizes tried, as engines support them. */
export const TENSOR_PARALLEL_SIZES = [1, 2, 4, 8] as const;

export interface Fit {
  hardware: string;
  /** Devices in tensor parallel needed, or null if even 8 are not enough. */
  devices: number | null;
  /** Usable memory of the group (after an up-front reservation such as vLLM's 90%). */
  usableBytes: number;
  /** Usable memory left after weights, KV cache and per-device overhead. */
  headroomBytes: number;
  /**
   * The longest context (per sequence, `concurrency` of them) that fits the group, up to the
   * model's own window: memory beyond it cannot lengthen what the model reads.
   */
  maxContextTokens: number;
  /** Sequences at the requested context that fit the group. */
  maxConcurrency: number;
  /** vLLM-style KV capacity: tokens of KV cache the group holds after weights and overhead. */
  kvCapacityTokens: number;
}

export interface DeviceCapacity {
  /** Usable memory of the group (after an up-front reservation such as vLLM's 90%). */
  usableBytes: number;
  /** Left for KV cache after weights and per-device overhead. */
  freeForKvBytes: number;
  /** Sequences of `contextTokens` whose KV cache fits. */
  maxSequences: number;
}

/**
 * Memory a group of `devices` lets the engine fill: each device's usable memory (as the runtime
 * reports it) times the engine's share (`memoryFraction`, or its default; engine-memory.ts).
 */
export function usableOn(hardware: Hardware, devices: number, need: MemoryNeed, engine: Engine, deviceMemoryGib?: number, memoryFraction?: number): number {
  return devices * reservedBytes(deviceBytes(hardware, deviceMemoryGib), engine, memoryFraction, need.weightsBytes / devices + need.overheadBytes);
}

/** Memory a group of `devices` offers a model once its weights and the engine are in. */
export function capacityOn(hardware: Hardware, devices: number, need: MemoryNeed, kvPerSequenceBytes: number, engine: Engine, deviceMemoryGib?: number, memoryFraction?: number): DeviceCapacity {
  const usable = usableOn(hardware, devices, need, engine, deviceMemoryGib, memoryFraction);
  const free = usable - need.weightsBytes - devices * need.overheadBytes;
  return { usableBytes: usable, freeForKvBytes: free, maxSequences: kvPerSequenceBytes > 0 ? Math.max(0, Math.floor(free / kvPerSequenceBytes)) : 0 };
}

/** What fits on `hardware`: the smallest tensor-parallel group that holds the need. */
export function fitOn(
  hardware: Hardware,
  model: ModelArchitecture,
  need: MemoryNeed,
  kvBytesPerElement: number,
  contextTokens: number,
  sequences: number,
  engine: Engine,
  deviceMemoryGib?: number,
  options: { memoryFraction?: number; overheadFor?: (devices: number) => number } = {},
): Fit {
  const tryDevices = (n: number) => {
    const overhead = options.overheadFor?.(n) ?? need.overheadBytes;
    const usable = usableOn(hardware, n, { ...need, overheadBytes: overhead }, engine, deviceMemoryGib, options.memoryFraction);
    const free = usable - need.weightsBytes - n * overhead;
    return { usable, free };
  };
  const devices = TENSOR_PARALLEL_SIZES.find((n) => tryDevices(n).free >= need.kvCacheBytes) ?? null;
  const { usable, free } = tryDevices(devices ?? 1);
  const perToken = kvCacheBytes(model, 1, kvBytesPerElement);
  const perSequence = kvCacheBytes(model, contextTokens, kvBytesPerElement);
  return {
    hardware: hardware.id,
    devices,
    usableBytes: usable,
    headroomBytes: free - need.kvCacheBytes,
    maxContextTokens: Math.min(model.contextTokens, Math.max(0, maxContextFor(model, free / Math.max(1, sequences), kvBytesPerElement))),
    maxConcurrency: perSequence > 0 ? Math.max(0, Math.floor(free / perSequence)) : 0,
    kvCapacityTokens: perToken > 0 ? Math.max(0, Math.floor(free / perToken)) : 0,
  };
}

/** The longest context whose KV cache fits in `bytes` (inverse of kvCacheBytes, exact for sliding). */
export function maxContextFor(model: ModelArchitecture, bytes: number, bytesPerElement: number): number {
  if (bytes <= 0) return 0;
  if (model.attention !== 'sliding') return Math.floor(bytes / kvCacheBytes(model, 1, bytesPerElement));
  const slidingLayers = model.slidingLayers ?? 0;
  const window = model.slidingWindowTokens ?? Infinity;
  const perLayerToken = 2 * model.kvHeads * model.headDim * bytesPerElement;
  const atWindow = kvCacheBytes(model, window, bytesPerElement);
  if (bytes <= atWindow) return Math.floor(bytes / (perLayerToken * model.layers));
  const globalLayers = model.layers - slidingLayers;
  if (globalLayers === 0) return Infinity;
  return Math.floor(window + (bytes - atWindow) / (perLayerToken * globalLayers));
}
