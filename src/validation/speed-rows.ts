// Published speed measurements (test/fixtures/measurements/) as rows the speed model can predict:
// single-stream decode, aggregate output throughput of a server under concurrent load, prefill,
// time to first token and time per output token. Pure: rows in, predictions out.

import type { SelfHostCatalogue } from '../catalogue/selfhost-file.js';
import type { Engine, Hardware, ModelArchitecture, WeightQuant } from '../catalogue/types.js';
import { instanceOf } from '../catalogue/instance.js';
import { engineMemory } from '../engine/engine-memory.js';
import { capacityOn, kvCacheBytes, memoryNeed } from '../engine/memory.js';
import { quantWeights, variableBitsQuant } from '../engine/quant-weights.js';
import { serveAt, serveAtRate } from '../engine/serving.js';
import { computeFormatOf, estimateSpeed, prefillRate, type SpeedInputs, type SplitMode } from '../engine/speed.js';

export type SpeedKind = 'decode' | 'aggregate' | 'prefill' | 'ttft' | 'tpot';
export const SPEED_KINDS: readonly SpeedKind[] = ['decode', 'aggregate', 'prefill', 'ttft', 'tpot'];

/** One figure as the fixtures print it (both the older decode.yaml layout and the serving one). */
export interface MeasurementRow {
  kind?: string;
  model: string;
  quant: string;
  kv_type?: string | null;
  hardware: string;
  engine: string;
  gpus?: number | null;
  split?: string | null;
  batch?: number | null;
  concurrency?: number | null;
  request_rate?: number | null;
  num_prompts?: number | null;
  input_tokens?: number | null;
  output_tokens?: number | null;
  context?: number | null;
  value?: number | null;
  unit?: string | null;
  throughput_of?: string | null;
  decode_only?: boolean | null;
  /** llama.cpp's backend when the source names it (CUDA, Metal, CPU, ...). */
  backend?: string | null;
  decode_tokens_per_second?: number | null;
  prefill_tokens_per_second?: number | null;
  tpot_ms?: number | null;
  /** decode.yaml: which llama-bench test the prefill figure is (pp512, "pp2048 @ d32768"). */
  prefill_test?: string | null;
  calibrate?: boolean;
  source: string;
  as_of?: string;
  note?: string;
}

/** A row the model can describe: what was measured, under what load, on what. */
export interface SpeedSample {
  kind: SpeedKind;
  /** The engine whose factors predict it (Ollama runs llama.cpp). */
  engine: string;
  hardware: Hardware;
  model: ModelArchitecture;
  quant: WeightQuant;
  kvBytesPerElement: number;
  devices: number;
  split: SplitMode | undefined;
  /** Concurrent requests; for a saturated run (all requests at once) the most the engine runs together. */
  concurrency: number;
  /** Requests a second of a request-rate run (concurrency then follows from the rate). */
  requestRate: number | undefined;
  /** All requests sent at once: the engine ran as many as its memory (or limit) allowed. */
  saturated: boolean;
  numPrompts: number | undefined;
  promptTokens: number;
  outputTokens: number;
  /** Decode-only rows (llama-bench tg, batched-bench S_TG): tokens already in the cache. */
  contextTokens: number;
  decodeOnly: boolean;
  /** Aggregate rows that count prompt tokens too: output x this factor. */
  totalFactor: number;
  measured: number;
  /** Fitted and counted: not marked `calibrate: false`, and of a current build (CURRENT_BUILDS_FROM). */
  fit: boolean;
  /** Measured on a build from before CURRENT_BUILDS_FROM: kept, predicted, reported apart. */
  superseded: boolean;
  row: MeasurementRow;
}

const ENGINE_OF: Record<string, string> = { ollama: 'llama.cpp', 'llama.cpp-server': 'llama.cpp', 'trt-llm': 'tensorrt-llm', 'mlx-lm': 'mlx' };

const find = <T extends { id: string; aliases?: string[] }>(list: T[], id: string | null | undefined): T | undefined => {
  if (!id) return undefined;
  const k = id.toLowerCase();
  return list.find((x) => x.id.toLowerCase() === k) ?? list.find((x) => (x.aliases ?? []).some((a) => a.toLowerCase() === k));
};


/** The rows the catalogue can describe, as samples; the others with why. */
export function speedSamples(rows: MeasurementRow[], cat: SelfHostCatalogue): { samples: SpeedSample[]; skipped: string[] } {
  const samples: SpeedSample[] = [];
  const skipped: string[] = [];
  for (const row of rows) {
    if (!row.quant) {
      skipped.push(`${row.model} on ${row.hardware}: no quantisation stated`);
      continue;
    }
    const model = find(cat.models, row.model);
    // As the CLI resolves a quant: an exact name, else a family named with its bits (exl2-4.0bpw).
    const quant = find(cat.weightQuants, row.quant) ?? variableBitsQuant(cat.weightQuants, row.quant);
    const listed = find(cat.hardware, row.hardware);
    // A CPU row's `gpus` counts the vCPUs (or sockets) one process used: they pool into one device,
    // as a CPU offer's vCPUs do (summed bandwidth and cores), not a layer split over 96 devices.
    const pooled = listed?.class === 'cpu' && (row.gpus ?? 1) > 1 ? instanceOf(listed, row.gpus!, undefined) : undefined;
    const hardware = pooled?.hardware ?? listed;
    const kv = find(cat.kvCacheTypes, row.kv_type ?? 'f16');
    const engine = ENGINE_OF[row.engine] ?? row.engine;
    // A GPU's or an Apple chip's CPU cores running the model: the catalogue describes the GPU side only.
    if (hardware && hardware.class !== 'cpu' && row.backend?.toUpperCase() === 'CPU') {
      skipped.push(`${row.model} ${row.quant} on ${row.hardware}: run on its CPU cores, which the catalogue does not describe`);
      continue;
    }
    if (!model || !quant || !hardware || !kv) {
      skipped.push(`${row.model} ${row.quant} ${row.hardware}: ${!model ? 'model' : !quant ? 'quant' : !hardware ? 'hardware' : 'kv type'} not in the catalogue`);
      continue;
    }
    const base = {
      engine, hardware, model, quant, kvBytesPerElement: kv.bytesPerElement, devices: pooled?.devices ?? row.gpus ?? 1,
      split: splitOf(row.split),
      fit: row.calibrate !== false && !supersededBuild(row), superseded: supersededBuild(row), row,
    };
    for (const s of samplesOf(row)) samples.push({ ...base, ...s });
    if (promptLengthUnstated(row)) skipped.push(`${row.model} ${row.quant} on ${row.hardware}: prompt rate of a prompt whose length the source does not state`);
  }
  return { samples, skipped };
}

function splitOf(split: string | null | undefined): SplitMode | undefined {
  if (split === 'tensor') return 'tensor';
  // llama.cpp's row split divides every matrix between the GPUs: a tensor split.
  if (split === 'row') return 'tensor';
  // Pipeline stages run one after another for a sequence, as llama.cpp's layer split does.
  if (split === 'layer' || split === 'pipeline') return 'layer';
  return undefined;
}

/**
 * The model describes engines as they are built now. A figure measured before this date is kept
 * with its source but neither fitted nor counted: llama.cpp's kernels of 2023 were replaced since
 * (Metal prompt processing about doubled with ggml-org/llama.cpp PR #3084 in September 2023, the
 * MoE matrix kernels Mixtral first ran on were rewritten in 2024, and multi-GPU runs split by rows
 * until PR #4766 made layer split the default in January 2024). `npm run validate` reports how
 * today's factors do on those rows, apart.
 */
export const CURRENT_BUILDS_FROM = '2024-01-01';

function supersededBuild(row: MeasurementRow): boolean {
  return row.as_of !== undefined && String(row.as_of) < CURRENT_BUILDS_FROM;
}

const PREFILL_TEST = /^pp(\d+)(?: @ d(\d+))?$/;

/**
 * A prompt rate depends on the prompt's length (a short prompt cannot fill the GPU, a long one
 * pays for attention): a figure measured on a prompt of unstated length predicts nothing and is
 * left out, as serving runs without their lengths are.
 */
function promptLengthUnstated(row: MeasurementRow): boolean {
  if (row.kind === undefined) return Boolean(row.prefill_tokens_per_second) && !PREFILL_TEST.test(row.prefill_test ?? '');
  return row.kind === 'prefill' && row.input_tokens == null;
}

type Load = Pick<SpeedSample, 'kind' | 'concurrency' | 'requestRate' | 'saturated' | 'numPrompts' | 'promptTokens' | 'outputTokens' | 'contextTokens' | 'decodeOnly' | 'totalFactor' | 'measured'>;

function samplesOf(row: MeasurementRow): Load[] {
  const out: Load[] = [];
  const fixed = { requestRate: undefined, saturated: false, numPrompts: undefined };
  if (row.kind === undefined) {
    // decode.yaml: decode tokens/s (aggregate when batch > 1; tpot_ms the per-sequence rate) and prefill.
    const batch = row.batch ?? null;
    const at = { promptTokens: 0, outputTokens: 0, contextTokens: row.context ?? 0, decodeOnly: true, totalFactor: 1 };
    if (batch !== null && (row.decode_tokens_per_second || row.tpot_ms)) {
      const measured = row.tpot_ms ? (1000 / row.tpot_ms) * batch : row.decode_tokens_per_second!;
      out.push({ kind: batch === 1 ? 'decode' : 'aggregate', concurrency: batch, measured, ...at, ...fixed });
    }
    // llama-bench "ppN" or "ppN @ dD": N prompt tokens after D already in the cache.
    const test = PREFILL_TEST.exec(row.prefill_test ?? '');
    if (row.prefill_tokens_per_second && test) {
      out.push({ kind: 'prefill', concurrency: 1, measured: row.prefill_tokens_per_second, ...at, ...fixed, promptTokens: Number(test[1]), contextTokens: test[2] ? Number(test[2]) : 0 });
    }
    return out;
  }
  const kind = row.kind as SpeedKind;
  if (!SPEED_KINDS.includes(kind) || !row.value || promptLengthUnstated(row)) return out;
  const decodeOnly = kind === 'decode' || kind === 'prefill' || Boolean(row.decode_only);
  // A serving run's load needs its prompt and reply lengths (variable-length sets are left out).
  if (!decodeOnly && (row.input_tokens == null || row.output_tokens == null)) return out;
  const prompt = row.input_tokens ?? 0;
  const output = row.output_tokens ?? 128;
  const requestRate = row.request_rate ?? undefined;
  const saturated = !decodeOnly && row.concurrency == null && requestRate === undefined;
  // When every request is sent at once, time to first token and per token are mostly queueing.
  if (saturated && (kind === 'ttft' || kind === 'tpot')) return out;
  const concurrency = row.concurrency ?? (decodeOnly ? 1 : 0);
  const loadOf = { requestRate, saturated, numPrompts: row.num_prompts ?? undefined };
  const totalFactor = kind === 'aggregate' && row.throughput_of === 'total' ? (prompt + output) / output : 1;
  out.push({
    kind, concurrency, promptTokens: prompt, outputTokens: output,
    contextTokens: row.context ?? (kind === 'decode' || kind === 'prefill' ? 0 : prompt), decodeOnly, totalFactor, measured: row.value, ...loadOf,
  });
  return out;
}

/** What the model predicts for a sample with the engine's factors. */
export function predictSample(s: SpeedSample, engine: Engine): number {
  const inputs: SpeedInputs = {
    model: s.model, bitsPerWeight: bitsOf(s), kvBytesPerElement: s.kvBytesPerElement, hardware: s.hardware,
    devices: s.devices, engine, split: s.split, computeFormat: computeFormatOf(s.quant),
  };
  // A request-rate run is what `throughput --request-rate` computes, with the run's own room.
  const served = () => s.requestRate === undefined
    ? serveAt(inputs, { concurrency: concurrencyOf(s, inputs), promptTokens: s.promptTokens, outputTokens: s.outputTokens })
    : serveAtRate(inputs, { requestRate: s.requestRate, promptTokens: s.promptTokens, outputTokens: s.outputTokens }, saturatedConcurrency(s, inputs));
  // Time to first token needs a prompt rate; hardware without a compute figure has none.
  if ((s.kind === 'ttft' || s.kind === 'prefill') && prefillRate(inputs, 0) === null) return NaN;
  switch (s.kind) {
    case 'prefill':
      return prefillRate(inputs, s.promptTokens, s.contextTokens) ?? NaN;
    case 'decode':
      return estimateSpeed(inputs, 1, s.contextTokens + s.outputTokens / 2).perSequenceTokensPerSecond;
    case 'aggregate':
      if (s.decodeOnly) return estimateSpeed(inputs, s.concurrency, s.contextTokens + s.outputTokens / 2).decodeTokensPerSecond;
      return served().outputTokensPerSecond * s.totalFactor;
    case 'ttft':
      return served().ttftSeconds * 1000;
    case 'tpot':
      if (s.decodeOnly) return estimateSpeed(inputs, s.concurrency, s.contextTokens + s.outputTokens / 2).stepSeconds * 1000;
      return served().tpotSeconds * 1000;
  }
}

/** Sequences an engine runs at once when every request is sent together: what fits, at most its limit. */
export const SATURATED_MAX_SEQUENCES = 1024;

/** The model's own whole-model bits (tensor groups at their own precision), as estimates use. */
function bitsOf(s: SpeedSample): number {
  return quantWeights(s.model, s.quant).bitsPerWeight;
}

const saturatedCache = new WeakMap<SpeedSample, number>();

function saturatedConcurrency(s: SpeedSample, inputs: SpeedInputs): number {
  // Memory settings are not fitted: what fits is the same for every trial of the factors.
  const known = saturatedCache.get(s);
  if (known !== undefined) return known;
  const own = engineMemory(s.model, inputs.engine, s.devices, s.hardware);
  const need = memoryNeed(s.model, bitsOf(s), s.kvBytesPerElement, s.promptTokens + s.outputTokens, 1, inputs.engine, own.overheadBytes);
  const perSequence = kvCacheBytes(s.model, s.promptTokens + s.outputTokens, s.kvBytesPerElement);
  const fits = capacityOn(s.hardware, s.devices, need, perSequence, inputs.engine).maxSequences;
  const n = Math.max(1, Math.min(fits, s.numPrompts ?? Infinity, SATURATED_MAX_SEQUENCES));
  saturatedCache.set(s, n);
  return n;
}

/** The load a closed-loop run puts on the engine: its clients, or for a saturated run what fits. */
function concurrencyOf(s: SpeedSample, inputs: SpeedInputs): number {
  return s.saturated ? saturatedConcurrency(s, inputs) : s.concurrency;
}
