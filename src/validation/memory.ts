// Predicted against published memory figures (test/fixtures/measurements/memory*.yaml): weights,
// total memory in use and KV capacity, row by row, with the engine's own rules. Pure: rows and a
// catalogue in, samples out; rows this cannot predict (a model or quant the catalogue lacks, a
// publisher's rule of thumb rather than a measurement) are left out.

import type { SelfHostCatalogue } from '../catalogue/selfhost-file.js';
import type { Engine, Hardware, HardwareClass, KvCacheType, ModelArchitecture, WeightQuant } from '../catalogue/types.js';
import { deviceBytes, engineMemory, reservedBytes } from '../engine/engine-memory.js';
import { kvCacheBytes } from '../engine/memory.js';
import { quantWeights, variableBitsQuant } from '../engine/quant-weights.js';
import { engineKvDefault } from '../scenario/resolve-deployment.js';

/** One row of a memory fixture, as read from YAML (fields as the fixtures' headers describe). */
export interface MemoryRow {
  model: string;
  quant: string;
  kind: string;
  value: number;
  unit: string;
  engine?: string | null;
  hardware?: string | null;
  gpus?: number | null;
  context?: number | null;
  kv_type?: string | null;
  gpu_memory_utilization?: number | null;
  mem_fraction_static?: number | null;
  note?: string | null;
  [key: string]: unknown;
}

export type MemorySampleKind = 'weights' | 'total_memory' | 'kv_capacity';

export interface MemorySample {
  kind: MemorySampleKind;
  engine: string | null;
  hardwareClass: HardwareClass | null;
  /** In the row's own unit converted to bytes (tokens for KV capacity in tokens). */
  predicted: number;
  measured: number;
  row: MemoryRow;
}

/** llama.cpp's server context when a row states none (its long-standing -c default). */
export const LLAMA_CPP_DEFAULT_CONTEXT = 4096;

const UNIT_BYTES: Record<string, number> = { bytes: 1, KB: 1e3, MB: 1e6, GB: 1e9, KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30 };

/** Publisher guidance recorded beside measurements: not something to test a model against. */
const NOT_MEASURED = /NOT a measurement|vendor guidance|rule of thumb/i;

export function memoryValidationSamples(rows: readonly MemoryRow[], catalogue: SelfHostCatalogue): MemorySample[] {
  const samples: MemorySample[] = [];
  for (const row of rows) {
    const sample = sampleOf(row, catalogue);
    if (sample) samples.push(sample);
  }
  return samples;
}

function sampleOf(row: MemoryRow, cat: SelfHostCatalogue): MemorySample | undefined {
  if (row.note && NOT_MEASURED.test(row.note)) return undefined;
  const model = cat.models.find((m) => m.id === row.model);
  const quant = findQuant(cat.weightQuants, row.quant);
  if (!model || !quant) return undefined;
  const hardware = row.hardware ? cat.hardware.find((h) => h.id === row.hardware) : undefined;
  const engine = row.engine ? findEngine(cat.engines, row.engine) : undefined;
  const base = { engine: row.engine ?? null, hardwareClass: hardware?.class ?? null, row };
  // memory.yaml's vLLM rows copy "took 14.9888 GB" as printed and note that vLLM computes it in GiB.
  const bytes = UNIT_BYTES[/in GiB despite the 'GB' label/.test(row.note ?? '') ? 'GiB' : row.unit];
  const gpus = row.gpus ?? gpusFromNote(row.note) ?? 1;
  const weights = quantWeights(model, quant).bytes;

  // memory.yaml records vLLM's "Loading model weights took" under total_memory, its note says so.
  const weightsLoaded = row.kind === 'weights_loaded' || (row.kind === 'total_memory' && /^'?Loading model weights took/i.test(row.note ?? ''));
  if ((row.kind === 'file_size' || weightsLoaded) && bytes !== undefined) {
    return { ...base, kind: 'weights', predicted: weightsLoaded ? weights / gpus : weights, measured: row.value * bytes };
  }
  if (!engine) return undefined;
  const kv = kvTypeOf(row, engine, quant, cat.kvCacheTypes);
  if (!kv) return undefined;
  if (row.kind === 'total_memory' && bytes !== undefined && !engine.reservesFraction) {
    // An engine that allocates on demand: weights + the context's KV cache + its own buffers.
    const context = row.context ?? LLAMA_CPP_DEFAULT_CONTEXT;
    const own = engineMemory(model, engine, 1, hardware).overheadBytes;
    return { ...base, kind: 'total_memory', predicted: weights + kvCacheBytes(model, context, kv.bytesPerElement) + own, measured: row.value * bytes };
  }
  if ((row.kind === 'kv_cache_tokens' || row.kind === 'kv_cache_memory') && hardware) {
    const freePerGpu = kvFreeBytesPerDevice(model, weights, engine, hardware, gpus, fractionOf(row, engine));
    if (row.kind === 'kv_cache_memory' && bytes !== undefined) return { ...base, kind: 'kv_capacity', predicted: freePerGpu, measured: row.value * bytes };
    if (row.kind === 'kv_cache_tokens') {
      const perToken = kvCacheBytes(model, 1, kv.bytesPerElement);
      return { ...base, kind: 'kv_capacity', predicted: Math.max(0, Math.floor((freePerGpu * gpus) / perToken)), measured: row.value };
    }
  }
  return undefined;
}

/** What one device of a tensor-parallel group has left for KV cache after its weights and the engine. */
export function kvFreeBytesPerDevice(model: ModelArchitecture, weightsBytes: number, engine: Engine, hardware: Hardware, gpus: number, fraction: number | undefined): number {
  const own = engineMemory(model, engine, gpus, hardware).overheadBytes;
  const taken = weightsBytes / gpus + own;
  return reservedBytes(deviceBytes(hardware), engine, fraction, taken) - taken;
}

function findQuant(quants: WeightQuant[], name: string): WeightQuant | undefined {
  const lower = name.toLowerCase();
  return quants.find((q) => q.id.toLowerCase() === lower) ?? quants.find((q) => q.aliases.some((a) => a.toLowerCase() === lower)) ?? variableBitsQuant(quants, name);
}

function findEngine(engines: Engine[], name: string): Engine | undefined {
  const lower = name.toLowerCase();
  return engines.find((e) => e.id.toLowerCase() === lower || e.aliases.some((a) => a.toLowerCase() === lower));
}

function kvTypeOf(row: MemoryRow, engine: Engine, quant: WeightQuant, kvTypes: KvCacheType[]): KvCacheType | undefined {
  const named = row.kv_type ? kvTypes.find((k) => k.id.toLowerCase() === row.kv_type!.toLowerCase() || k.aliases.some((a) => a.toLowerCase() === row.kv_type!.toLowerCase())) : undefined;
  return named ?? engineKvDefault(engine, quant, false, kvTypes) ?? kvTypes.find((k) => k.id === 'f16');
}

/** The memory share the row states, under the engine's own key, else in its note; undefined: the engine's default. */
function fractionOf(row: MemoryRow, engine: Engine): number | undefined {
  const stated = engine.memoryFractionKey === 'mem_fraction_static' ? row.mem_fraction_static : row.gpu_memory_utilization;
  if (typeof stated === 'number') return stated;
  const note = row.note ?? '';
  const match = /(?:gpu[-_]memory[-_]utilization|mem[-_]fraction[-_]static)[ =]+([0-9.]+)/i.exec(note);
  return match ? Number(match[1]) : undefined;
}

/** Older rows state the tensor-parallel size only in their note (`--tensor-parallel-size 4`, `--tp 4`). */
function gpusFromNote(note: string | null | undefined): number | undefined {
  const match = /(?:tensor[-_]parallel[-_]size|--tp)[ =]+(\d+)/i.exec(note ?? '');
  return match ? Number(match[1]) : undefined;
}
