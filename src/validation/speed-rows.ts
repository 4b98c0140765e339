// Published speed measurements (test/fixtures/measurements/) as rows the speed model can predict:
// single-stream decode, aggregate output throughput of a server under concurrent load, prefill,
// time to first token and time per output token. Pure: rows in, predictions out.

import type { SelfHostCatalogue } from '../catalogue/selfhost-file.js';
import type { Engine, Hardware, ModelArchitecture, WeightQuant } from '../catalogue/types.js';
import { serveAt } from '../engine/serving.js';
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
  input_tokens?: number | null;
  output_tokens?: number | null;
  context?: number | null;
  value?: number | null;
  unit?: string | null;
  throughput_of?: string | null;
  decode_only?: boolean | null;
  decode_tokens_per_second?: number | null;
  prefill_tokens_per_second?: number | null;
  tpot_ms?: number | null;
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
  concurrency: number;
  promptTokens: number;
  outputTokens: number;
  /** Decode-only rows (llama-bench tg, batched-bench S_TG): tokens already in the cache. */
  contextTokens: number;
  decodeOnly: boolean;
  /** Aggregate rows that count prompt tokens too: output x this factor. */
  totalFactor: number;
  measured: number;
  fit: boolean;
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
    const model = find(cat.models, row.model);
    const quant = find(cat.weightQuants, row.quant);
    const hardware = find(cat.hardware, row.hardware);
    const kv = find(cat.kvCacheTypes, row.kv_type ?? 'f16');
    const engine = ENGINE_OF[row.engine] ?? row.engine;
    if (!model || !quant || !hardware || !kv) {
      skipped.push(`${row.model} ${row.quant} ${row.hardware}: ${!model ? 'model' : !quant ? 'quant' : !hardware ? 'hardware' : 'kv type'} not in the catalogue`);
      continue;
    }
    const base = {
      engine, hardware, model, quant, kvBytesPerElement: kv.bytesPerElement, devices: row.gpus ?? 1,
      split: splitOf(row.split),
      fit: row.calibrate !== false, row,
    };
    for (const s of samplesOf(row)) samples.push({ ...base, ...s });
  }
  return { samples, skipped };
}

function splitOf(split: string | null | undefined): SplitMode | undefined {
  if (split === 'tensor') return 'tensor';
  // Pipeline stages run one after another for a sequence, as llama.cpp's layer split does.
  if (split === 'layer' || split === 'pipeline') return 'layer';
  return undefined;
}

type Load = Pick<SpeedSample, 'kind' | 'concurrency' | 'promptTokens' | 'outputTokens' | 'contextTokens' | 'decodeOnly' | 'totalFactor' | 'measured'>;

function samplesOf(row: MeasurementRow): Load[] {
  const out: Load[] = [];
  if (row.kind === undefined) {
    // decode.yaml: decode tokens/s (aggregate when batch > 1; tpot_ms the per-sequence rate) and prefill.
    const batch = row.batch ?? null;
    const at = { promptTokens: 0, outputTokens: 0, contextTokens: row.context ?? 0, decodeOnly: true, totalFactor: 1 };
    if (batch !== null && (row.decode_tokens_per_second || row.tpot_ms)) {
      const measured = row.tpot_ms ? (1000 / row.tpot_ms) * batch : row.decode_tokens_per_second!;
      out.push({ kind: batch === 1 ? 'decode' : 'aggregate', concurrency: batch, measured, ...at });
    }
    if (row.prefill_tokens_per_second) out.push({ kind: 'prefill', concurrency: 1, measured: row.prefill_tokens_per_second, ...at, promptTokens: 512 });
    return out;
  }
  const kind = row.kind as SpeedKind;
  if (!SPEED_KINDS.includes(kind) || !row.value) return out;
  const prompt = row.input_tokens ?? 0;
  const output = row.output_tokens ?? 128;
  const concurrency = row.concurrency ?? (kind === 'decode' || kind === 'prefill' ? 1 : null);
  if (concurrency === null) return out; // request-rate and offline runs: the load is not known
  const decodeOnly = kind === 'decode' || Boolean(row.decode_only);
  const totalFactor = kind === 'aggregate' && row.throughput_of === 'total' ? (prompt + output) / output : 1;
  out.push({
    kind, concurrency, promptTokens: kind === 'prefill' ? (row.input_tokens ?? 512) : prompt, outputTokens: output,
    contextTokens: row.context ?? (decodeOnly ? prompt : 0), decodeOnly, totalFactor, measured: row.value,
  });
  return out;
}

/** What the model predicts for a sample with the engine's factors. */
export function predictSample(s: SpeedSample, engine: Engine): number {
  const inputs: SpeedInputs = {
    model: s.model, bitsPerWeight: s.quant.bitsPerWeight, kvBytesPerElement: s.kvBytesPerElement, hardware: s.hardware,
    devices: s.devices, engine, split: s.split, computeFormat: computeFormatOf(s.quant),
  };
  switch (s.kind) {
    case 'prefill':
      return prefillRate(inputs, s.promptTokens) ?? NaN;
    case 'decode':
      return estimateSpeed(inputs, 1, s.contextTokens + s.outputTokens / 2).perSequenceTokensPerSecond;
    case 'aggregate':
      if (s.decodeOnly) return estimateSpeed(inputs, s.concurrency, s.contextTokens + s.outputTokens / 2).decodeTokensPerSecond;
      return serveAt(inputs, s).outputTokensPerSecond * s.totalFactor;
    case 'ttft':
      return serveAt(inputs, s).ttftSeconds * 1000;
    case 'tpot':
      if (s.decodeOnly) return estimateSpeed(inputs, s.concurrency, s.contextTokens + s.outputTokens / 2).stepSeconds * 1000;
      return serveAt(inputs, s).tpotSeconds * 1000;
  }
}
