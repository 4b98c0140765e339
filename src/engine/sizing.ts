// The vram and throughput reports: memory of a model on every card, and its speed on one. Pure.

import type { AccuracyBand, Engine, Hardware, KvCacheType, ModelArchitecture, WeightQuant } from '../catalogue/types.js';
import { REPORT_SCHEMA, type ServingFiguresReport, type ThroughputReport, type VramReport } from '../report.js';
import { capacityOn, fitOn, kvCacheBytes, memoryNeed } from './memory.js';
import { hasGroupRule, quantWeights, shapeWarning } from './quant-weights.js';
import { engineMemory } from './engine-memory.js';
import { computeFormatOf, defaultSplit, defaultedWarning, estimateSpeed, factorFor, fixedStepMs, type SpeedInputs, type SplitMode } from './speed.js';
import { serveAtRate, serveWithSlots } from './serving.js';
import { decodeKind, figureBand, type BandContext } from './accuracy.js';
import { groupDigits } from '../units.js';
import { formatRate } from '../formats/numbers.js';

export interface ModelSetup {
  model: ModelArchitecture;
  quant: WeightQuant;
  kv: KvCacheType;
  engine: Engine;
  /** The engine's memory share as set (--gpu-memory-utilization, ...); undefined: the engine's default. */
  memoryFraction?: number | undefined;
  /** Notes on defaults taken (an engine's own KV cache type, say). */
  notes?: string[];
  /** The speed model's accuracy bands (pricing/accuracy.yaml); absent: none known. */
  accuracy?: readonly AccuracyBand[];
}

/** The oldest catalogue date among the entries a report used (inline entries have none). */
function oldest(...dates: string[]): string | null {
  return dates.filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort()[0] ?? null;
}

export function vramReport(setup: ModelSetup, contextTokens: number, concurrency: number, hardware: Hardware[]): VramReport {
  const { model, quant, kv, engine } = setup;
  const weights = quantWeights(model, quant);
  // The summary's engine memory is one device's: of the one card asked for, else of a small card.
  const own = engineMemory(model, engine, 1, hardware.length === 1 ? hardware[0] : undefined);
  const need = memoryNeed(model, weights.bitsPerWeight, kv.bytesPerElement, contextTokens, concurrency, engine, own.overheadBytes);
  const warnings: string[] = [...(setup.notes ?? [])];
  if (weights.basis === 'whole-model' && hasGroupRule(quant)) warnings.push(shapeWarning(model, quant));
  if (contextTokens > model.contextTokens) warnings.push(`${contextTokens} tokens exceed ${model.id}'s context of ${model.contextTokens}`);
  // A vCPU's share of a server has no memory of its own (memory_gib 0): its instance brings the RAM.
  for (const h of hardware.filter((x) => x.memoryGib <= 0)) {
    warnings.push(`${h.id} is left out: one vCPU has no memory of its own (its instance brings the RAM); name an offer of it, or inline hardware {spec: ${h.id}, count, memory_gib} in a scenario`);
  }
  const fits = hardware
    .filter((h) => h.memoryGib > 0)
    .map((h) => {
      const overheadFor = (devices: number) => engineMemory(model, engine, devices, h).overheadBytes;
      const fit = fitOn(h, model, need, kv.bytesPerElement, contextTokens, concurrency, engine, undefined, { memoryFraction: setup.memoryFraction, overheadFor });
      return {
        hardware: h.id,
        name: h.name,
        class: h.class,
        memory_gib: h.memoryGib,
        usable_memory_gib: h.usableMemoryGib ?? h.memoryGib,
        devices: fit.devices,
        overhead_bytes: overheadFor(fit.devices ?? 1),
        usable_bytes: fit.usableBytes,
        headroom_bytes: fit.headroomBytes,
        max_context_tokens: fit.maxContextTokens,
        max_concurrency: fit.maxConcurrency,
        kv_capacity_tokens: fit.kvCapacityTokens,
      };
    })
    // Cards that hold it on the fewest devices first, then the smallest that does.
    .sort((a, b) => (a.devices ?? 99) - (b.devices ?? 99) || a.memory_gib - b.memory_gib || a.hardware.localeCompare(b.hardware));
  return {
    schema: REPORT_SCHEMA,
    command: 'vram',
    model: { id: model.id, params: model.params, active_params: model.activeParams, attention: model.attention, source: model.source },
    quant: { id: quant.id, bits_per_weight: weights.bitsPerWeight, catalogue_bits_per_weight: quant.bitsPerWeight, basis: weights.basis },
    kv_type: { id: kv.id, bytes_per_element: kv.bytesPerElement },
    engine: {
      id: engine.id,
      memory_overhead_bytes: need.overheadBytes,
      reserves_fraction: setup.memoryFraction ?? engine.reservesFraction ?? null,
      memory_fraction_key: engine.memoryFractionKey ?? null,
      memory_fraction_of: engine.memoryFractionOf ?? 'total',
      memory_basis: own.basis,
      memory: { fixed_bytes: own.fixedBytes, tensor_parallel_bytes: own.tensorParallelBytes, activation_bytes: own.activationBytes, sampler_bytes: own.samplerBytes },
    },
    context_tokens: contextTokens,
    concurrency,
    weights_bytes: need.weightsBytes,
    weights_groups: weights.groups.map((g) => ({ group: g.group, params: g.params, bytes: g.bytes })),
    kv_cache_bytes: need.kvCacheBytes,
    kv_cache_bytes_per_token: kvCacheBytes(model, 1, kv.bytesPerElement),
    overhead_bytes: need.overheadBytes,
    total_bytes: need.totalBytes,
    fits,
    oldest_as_of: oldest(model.asOf, quant.asOf, kv.asOf, engine.asOf),
    warnings,
  };
}

/** A served load for `throughput`: prompt and output tokens of each request, and requests a second if they arrive at a rate. */
export interface ServingRequest {
  inputTokens: number;
  outputTokens: number;
  requestRate?: number | undefined;
}

function servingReport(inputs: SpeedInputs, concurrency: number, request: ServingRequest, bands: BandContext, slots: number): ServingFiguresReport {
  const load = { promptTokens: request.inputTokens, outputTokens: request.outputTokens };
  const rated = request.requestRate === undefined ? undefined : serveAtRate(inputs, { ...load, requestRate: request.requestRate }, slots);
  const f = rated ?? serveWithSlots(inputs, { ...load, concurrency }, slots);
  const aggregate = f.running > 1 ? 'aggregate' : 'decode';
  const ttft = Number.isFinite(f.ttftSeconds) ? f.ttftSeconds : null;
  return {
    concurrency: rated ? f.running : concurrency,
    running: f.running,
    request_rate: request.requestRate ?? null,
    max_request_rate: rated?.maxRequestRate ?? null,
    overloaded: rated?.overloaded ?? false,
    input_tokens: request.inputTokens,
    output_tokens: request.outputTokens,
    output_tokens_per_second: f.outputTokensPerSecond,
    output_tokens_per_second_band: figureBand(f.outputTokensPerSecond, aggregate, bands),
    ttft_seconds: ttft,
    ttft_seconds_band: ttft === null ? null : figureBand(ttft, 'ttft', bands),
    tpot_seconds: f.tpotSeconds,
    tpot_seconds_band: figureBand(f.tpotSeconds, 'tpot', bands),
    request_seconds: f.requestSeconds,
  };
}

export function throughputReport(setup: ModelSetup, hardware: Hardware, devices: number, batch: number, contextTokens: number, split?: SplitMode, request?: ServingRequest): ThroughputReport {
  const { model, quant, kv, engine } = setup;
  const weights = quantWeights(model, quant);
  const inputs: SpeedInputs = {
    model, bitsPerWeight: weights.bitsPerWeight, kvBytesPerElement: kv.bytesPerElement, hardware, devices, engine,
    split: split ?? defaultSplit(engine), computeFormat: computeFormatOf(quant),
  };
  const bands = { bands: setup.accuracy ?? [], engine: engine.id, hardwareClass: hardware.class };
  const speed = estimateSpeed(inputs, batch, contextTokens);
  const need = memoryNeed(model, weights.bitsPerWeight, kv.bytesPerElement, contextTokens, batch, engine, engineMemory(model, engine, devices, hardware).overheadBytes);
  const capacity = capacityOn(hardware, devices, need, kvCacheBytes(model, contextTokens, kv.bytesPerElement), engine, undefined, setup.memoryFraction);
  const warnings: string[] = [...(setup.notes ?? [])];
  if (weights.basis === 'whole-model' && hasGroupRule(quant)) warnings.push(shapeWarning(model, quant));
  if (speed.defaultedEfficiency) warnings.push(defaultedWarning(engine, hardware));
  const fits = capacity.freeForKvBytes >= need.kvCacheBytes;
  if (!fits) {
    const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GiB`;
    const on = `${devices} x ${hardware.id}`;
    warnings.push(
      capacity.freeForKvBytes < 0
        ? `the weights (${gib(need.weightsBytes)}) and engine overhead do not fit in the ${gib(capacity.usableBytes)} usable on ${on}: it cannot run this model at all`
        : `${batch} sequence${batch === 1 ? '' : 's'} of ${groupDigits(contextTokens, 0)} tokens do${batch === 1 ? 'es' : ''} not fit in memory on ${on}: at most ${capacity.maxSequences}`,
    );
  }
  // Under load each sequence holds its prompt and reply; requests beyond what the KV cache holds wait.
  const slots = request === undefined ? 0
    : capacityOn(hardware, devices, need, kvCacheBytes(model, request.inputTokens + request.outputTokens, kv.bytesPerElement), engine, undefined, setup.memoryFraction).maxSequences;
  const serving = request === undefined ? undefined : servingReport(inputs, batch, request, bands, slots);
  if (serving?.overloaded) {
    warnings.push(`at ${formatRate(serving.request_rate!)} request${serving.request_rate === 1 ? '' : 's'} a second it falls behind: one instance keeps up with at most ${formatRate(serving.max_request_rate!)} a second of these requests, so the queue grows without end (the figures are those of a full instance)`);
  } else if (serving && serving.request_rate === null && serving.running < batch && slots > 0) {
    warnings.push(`${groupDigits(batch, 0)} concurrent requests of ${groupDigits(request!.inputTokens + request!.outputTokens, 0)} tokens do not fit in memory at once: the engine runs ${groupDigits(serving.running, 0)} and the others wait for a slot (their wait is in the time to first token)`);
  }
  let computeFrom: number | null = null;
  for (let b = 1; b <= 4096; b *= 2) {
    if (estimateSpeed(inputs, b, contextTokens).bound === 'compute') {
      computeFrom = b;
      break;
    }
  }
  return {
    schema: REPORT_SCHEMA,
    command: 'throughput',
    model: { id: model.id, params: model.params, active_params: model.activeParams },
    quant: { id: quant.id, bits_per_weight: weights.bitsPerWeight, catalogue_bits_per_weight: quant.bitsPerWeight, basis: weights.basis },
    hardware: { id: hardware.id, name: hardware.name, class: hardware.class, devices, memory_bandwidth_gb_s: hardware.memoryBandwidthGbPerSecond, fp16_tflops: hardware.fp16Tflops ?? null },
    engine: {
      id: engine.id,
      decode_efficiency: speed.decodeEfficiency,
      prefill_efficiency: speed.prefillEfficiency,
      step_overhead_ms: fixedStepMs({ engine, hardware, model }),
      step_overhead_ms_per_sequence: factorFor(engine.stepOverheadMsPerSequence, hardware) ?? 0,
      fitted: !speed.defaultedEfficiency,
    },
    batch,
    context_tokens: contextTokens,
    decode_tokens_per_second: speed.decodeTokensPerSecond,
    per_sequence_tokens_per_second: speed.perSequenceTokensPerSecond,
    prefill_tokens_per_second: speed.prefillTokensPerSecond,
    decode_tokens_per_second_band: figureBand(speed.decodeTokensPerSecond, decodeKind(batch), bands),
    per_sequence_tokens_per_second_band: figureBand(speed.perSequenceTokensPerSecond, decodeKind(batch), bands),
    prefill_tokens_per_second_band: speed.prefillTokensPerSecond === null ? null : figureBand(speed.prefillTokensPerSecond, 'prefill', bands),
    serving: serving ?? null,
    bound: speed.bound,
    compute_bound_from_batch: computeFrom,
    memory: { total_bytes: need.totalBytes + (devices - 1) * need.overheadBytes, usable_bytes: capacity.usableBytes, fits },
    oldest_as_of: oldest(model.asOf, quant.asOf, kv.asOf, engine.asOf, hardware.asOf),
    warnings,
  };
}
