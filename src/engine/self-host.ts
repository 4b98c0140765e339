// Monthly cost of self-hosted options: instances sized for the peak, each rented or owned (over
// its amortisation, plus power and hosting), plus operations time and fixed costs; a hybrid sends
// a share of requests to an API. Pure.

import type { ResolvedDeployment } from '../scenario/resolve-deployment.js';
import type { SelfHostOption } from '../scenario/types.js';
import type { CostScaling, HardwareReport, LatencyReport, MemoryReport, SelfHostOptionReport, SpeedReport, UnestimatedOptionReport } from '../report.js';
import { HOURS_PER_MONTH, WATTS_PER_KW } from '../units.js';
import { sizeInstances, type Load } from './capacity.js';
import { figureDeployment, perStreamTokensPerSecondAt, type DeploymentFigures } from './deployment.js';
import { latencyAtPeak, type CallTokens, type LatencyFigures } from './latency.js';
import { bandOf, decodeKind, instancesBand, NOT_BANDED, scaledFigures } from './accuracy.js';
import { notViableBecause } from './viability.js';
import { doubtsIn, doubtWarnings } from './doubts.js';

export interface WorkloadLoad {
  requestsPerMonth: number;
  peakRequestsPerSecond: number;
  averageRequestsPerSecond: number;
  promptTokensPerRequest: number;
  decodeTokensPerRequest: number;
  /** Model calls a request makes (agent rounds, chat turns count one each): a call is what the server sees. */
  callsPerRequest?: number;
  /** Longest prompt + output of any call: the context a sequence must hold. */
  contextTokens: number;
  sessionsPerMonth: number;
  users: number | undefined;
  /** The calls of a session, for the latency of a reply. */
  calls: readonly CallTokens[];
  /** The scenario's latency target (seconds per reply at peak). */
  maxSecondsPerReply: number;
}

/** Embeddings every option pays: in all, and the part (re-indexing) that does not follow traffic. */
export interface EmbeddingCost {
  total: number;
  fixed: number;
}

/** An option whose whole cost follows traffic but for a fixed part. */
export function linearScaling(monthly: number, fixed: number): CostScaling {
  return { fixed, per_unit: monthly - fixed, per_instance: 0, instances_per_unit: 0, min_instances: 0, fixed_instances: null };
}

export interface Fallback {
  model: string;
  /** Cost of one request on the API. */
  perRequestCost: number;
}

export function selfHostOption(
  option: SelfHostOption,
  deployment: ResolvedDeployment,
  load: WorkloadLoad,
  fallback: Fallback | undefined,
  embeddings: EmbeddingCost,
  /** Estimated speeds times this (a simulated draw within the accuracy band); 1: as estimated. */
  speedFactor = 1,
  /** A simulated sample: accuracy bands are left out (simulate reads costs and viability only). */
  lean = false,
): SelfHostOptionReport | UnestimatedOptionReport {
  const kind = option.fallback ? 'hybrid' : 'self_host';
  const contextTokens = option.contextTokens ?? load.contextTokens;
  const figures = figureDeployment(deployment, {
    contextTokens,
    minTokensPerSecond: option.minTokensPerSecond,
    singleStream: false,
    measuredTokensPerSecond: option.tokensPerSecond,
    measuredPrefillTokensPerSecond: option.prefillTokensPerSecond,
    ...perCall(load),
  });
  if (!figures.speed) return unestimated(option.name, kind, figures);
  if (speedFactor !== 1 && figures.speed.source === 'estimated') figures.speed = scaledFigures(figures.speed, speedFactor);
  const share = 1 - (option.fallback?.share ?? 0);
  const selfHostedLoad: Load = {
    peakRequestsPerSecond: load.peakRequestsPerSecond * share,
    averageRequestsPerSecond: load.averageRequestsPerSecond * share,
    promptTokensPerRequest: load.promptTokensPerRequest,
    decodeTokensPerRequest: load.decodeTokensPerRequest,
  };
  const sized = sizeInstances(figures.speed, selfHostedLoad, option.targetUtilisation);
  const instances = option.instances ?? sized.instances;
  const busy = sized.peakUtilisation * sized.instances;
  const averageBusy = sized.averageUtilisation * sized.instances;
  const peakUtilisation = busy / instances;
  const averageUtilisation = averageBusy / instances;
  const warnings = [...deployment.notes, ...figures.warnings, ...contextWarning(option.contextTokens, load.contextTokens), ...(lean ? [] : offerDoubtWarnings(deployment))];
  if (option.instances !== undefined && peakUtilisation > 1) {
    warnings.push(`${instances} instance(s) are ${Math.round(peakUtilisation * 100)}% busy at peak: the peak needs at least ${Math.ceil(busy)}`);
  }

  const hw = deployment.hardware;
  let hardware = 0;
  let power = 0;
  let hosting = 0;
  // How the cost follows traffic: what each instance costs, and what grows with requests.
  let perInstance = 0;
  let powerPerUnit = 0;
  if (hw.price.kind === 'rent') {
    perInstance = hw.price.monthlyPerInstance;
    hardware = perInstance * instances;
  } else if (hw.price.kind === 'owned' && option.owned) {
    const owned = option.owned;
    hardware = (hw.price.purchasePerInstance / owned.amortisationMonths) * instances;
    const watts = (hw.wattsPerDevice ?? 0) * hw.devices;
    const kwhPrice = (watts * HOURS_PER_MONTH) / WATTS_PER_KW * owned.electricityPerKwh * owned.pue;
    // Drawn at a set load per instance, or at the average utilisation: then power follows traffic.
    power = owned.powerLoad === undefined ? kwhPrice * averageBusy : kwhPrice * owned.powerLoad * instances;
    hosting = owned.hostingMonthly * instances;
    perInstance = hw.price.purchasePerInstance / owned.amortisationMonths + owned.hostingMonthly + (owned.powerLoad === undefined ? 0 : kwhPrice * owned.powerLoad);
    powerPerUnit = owned.powerLoad === undefined ? power : 0;
    if (hw.wattsPerDevice === undefined) warnings.push('power is left out: the hardware has no watts figure (add watts: to the hardware)');
  }
  const fallbackApi = fallback && option.fallback ? fallback.perRequestCost * load.requestsPerMonth * option.fallback.share : 0;
  const breakdown = {
    hardware,
    power,
    hosting,
    ops: option.opsHours * option.opsRate,
    fixed: option.fixedMonthly,
    fallback_api: fallbackApi,
    embeddings: embeddings.total,
  };
  const monthly = breakdown.hardware + breakdown.power + breakdown.hosting + breakdown.ops + breakdown.fixed + breakdown.fallback_api + breakdown.embeddings;
  const speed = figures.speed;
  const reported = speedReport(figures, deployment, option.prefillTokensPerSecond !== undefined, lean)!;
  const maxSecondsPerReply = option.maxSecondsPerReply ?? load.maxSecondsPerReply;
  // At peak an instance decodes the streams it holds then (as sizing counts them, up to its batch);
  // each gets the per-stream speed of that batch.
  const peakBatch = Math.min(speed.batch, Math.max(1, Math.ceil(sized.peakConcurrentStreams / instances - 1e-9)));
  const perStream = perStreamTokensPerSecondAt(deployment, speed, contextTokens, peakBatch, speed.source === 'estimated' ? speedFactor : 1);
  const latency = latencyAtPeak(load.calls, speed.prefillTokensPerSecond, perStream)!;
  const reasons = notViableBecause({
    perStreamTokensPerSecond: speed.perSequenceTokensPerSecond,
    minTokensPerSecond: option.minTokensPerSecond,
    latency,
    replyTokensPerSecond: perStream,
    maxSecondsPerReply,
  });
  const scaling: CostScaling = {
    fixed: breakdown.ops + breakdown.fixed + embeddings.fixed,
    per_unit: powerPerUnit + fallbackApi + embeddings.total - embeddings.fixed,
    per_instance: perInstance,
    instances_per_unit: sized.instancesPerUnit,
    min_instances: 1,
    fixed_instances: option.instances ?? null,
  };
  return {
    name: option.name,
    kind,
    monthly_cost: monthly,
    per_request_cost: load.requestsPerMonth > 0 ? monthly / load.requestsPerMonth : 0,
    per_session_cost: load.sessionsPerMonth > 0 ? monthly / load.sessionsPerMonth : 0,
    per_user_cost: load.users ? monthly / load.users : null,
    instances,
    instances_band: lean ? NOT_BANDED : option.instances !== undefined
      ? { value: instances, low: null, high: null, basis: 'set in the scenario' }
      : instancesBand(speed, selfHostedLoad, option.targetUtilisation, instances, reported.decode_tokens_per_second_band),
    utilisation: { peak: peakUtilisation, average: averageUtilisation, target: option.targetUtilisation },
    bound_by: option.instances !== undefined ? 'fixed' : sized.boundBy,
    load: {
      share_self_hosted: share,
      peak_decode_tokens_per_second: selfHostedLoad.peakRequestsPerSecond * load.decodeTokensPerRequest,
      peak_prompt_tokens_per_second: selfHostedLoad.peakRequestsPerSecond * load.promptTokensPerRequest,
      peak_concurrent_streams: sized.peakConcurrentStreams,
      seconds_per_request: sized.requestSeconds,
    },
    hardware: hardwareReport(deployment),
    memory: memoryReport(figures),
    speed: reported,
    breakdown,
    fallback: fallback && option.fallback ? { model: fallback.model, share: option.fallback.share, monthly_cost: fallbackApi } : null,
    purchase: hw.price.kind === 'owned' ? hw.price.purchasePerInstance * instances : null,
    scaling,
    latency: latencyReport(latency, maxSecondsPerReply, peakBatch, perStream),
    viable: reasons.length === 0,
    not_viable_because: reasons,
    warnings: [...new Set(warnings)],
  };
}

export function latencyReport(l: LatencyFigures, maxSecondsPerReply: number, streams: number, perStreamTokensPerSecond: number): LatencyReport {
  return {
    ttft_seconds: l.ttftSeconds,
    seconds_per_reply: l.secondsPerReply,
    at: 'peak',
    prompt_tokens: l.promptTokens,
    output_tokens: l.decodeTokens,
    streams,
    per_stream_tokens_per_second: perStreamTokensPerSecond,
    max_seconds_per_reply: maxSecondsPerReply,
  };
}

export function hardwareReport(d: ResolvedDeployment): HardwareReport {
  return {
    name: d.hardware.name,
    offer: d.hardware.offer?.id ?? null,
    devices_per_instance: d.hardware.devices,
    source: d.hardware.source,
    as_of: d.hardware.asOf,
    listed_price: d.hardware.listed ?? null,
    doubts: doubtsIn(d.hardware.offer?.notes ?? []),
  };
}

/** The warnings an option carries for its offer's own doubts (doubts.ts). */
export function offerDoubtWarnings(d: ResolvedDeployment): string[] {
  const offer = d.hardware.offer;
  return offer ? doubtWarnings(offer.id, offer.notes) : [];
}

export function memoryReport(f: DeploymentFigures): MemoryReport | null {
  const m = f.memory;
  if (!m) return null;
  return {
    weights_bytes: m.weightsBytes,
    kv_cache_bytes: m.kvCacheBytes,
    overhead_bytes: m.overheadBytes * m.devices,
    total_bytes: m.weightsBytes + m.kvCacheBytes + m.overheadBytes * m.devices,
    context_tokens: m.contextTokens,
    devices: m.devices,
    usable_bytes: m.usableBytes,
    max_sequences: m.maxSequences,
    fits: m.fits,
  };
}

/** Speed figures with their bands; a measured speed (or prefill speed) has none. */
export function speedReport(f: DeploymentFigures, d: ResolvedDeployment, prefillMeasured: boolean, lean = false): SpeedReport | null {
  const s = f.speed;
  if (!s) return null;
  if (lean) {
    return {
      source: s.source, bound: s.bound, batch: s.batch, decode_tokens_per_second: s.decodeTokensPerSecond, per_sequence_tokens_per_second: s.perSequenceTokensPerSecond,
      single_stream_tokens_per_second: s.singleStreamTokensPerSecond, prefill_tokens_per_second: s.prefillTokensPerSecond, decode_tokens_per_second_band: NOT_BANDED,
      per_sequence_tokens_per_second_band: NOT_BANDED, single_stream_tokens_per_second_band: NOT_BANDED, prefill_tokens_per_second_band: null,
    };
  }
  const bands = d.bands ?? {};
  const measured = s.source === 'measured';
  const batchBand = bands[decodeKind(s.batch)];
  return {
    source: s.source,
    bound: s.bound,
    batch: s.batch,
    decode_tokens_per_second: s.decodeTokensPerSecond,
    per_sequence_tokens_per_second: s.perSequenceTokensPerSecond,
    single_stream_tokens_per_second: s.singleStreamTokensPerSecond,
    prefill_tokens_per_second: s.prefillTokensPerSecond,
    decode_tokens_per_second_band: bandOf(s.decodeTokensPerSecond, batchBand, measured),
    per_sequence_tokens_per_second_band: bandOf(s.perSequenceTokensPerSecond, batchBand, measured),
    single_stream_tokens_per_second_band: bandOf(s.singleStreamTokensPerSecond, bands.decode, measured),
    prefill_tokens_per_second_band: s.prefillTokensPerSecond === null ? null : bandOf(s.prefillTokensPerSecond, bands.prefill, prefillMeasured),
  };
}

export function unestimated(name: string, kind: UnestimatedOptionReport['kind'], f: DeploymentFigures): UnestimatedOptionReport {
  const reason = f.reason ?? 'not costed';
  return { name, kind, monthly_cost: null, per_request_cost: null, per_user_cost: null, reason, memory: memoryReport(f), viable: false, not_viable_because: [reason] };
}

/** The prompt and output of one model call: what the server prefills and decodes at a time. */
export function perCall(load: WorkloadLoad): { promptTokens: number; outputTokens: number } {
  const calls = load.callsPerRequest ?? 1;
  return { promptTokens: load.promptTokensPerRequest / calls, outputTokens: load.decodeTokensPerRequest / calls };
}

/** A context set shorter than the workload's longest call: the memory check would be too kind. */
export function contextWarning(set: number | undefined, needed: number): string[] {
  return set !== undefined && set < needed ? [`context ${set} is shorter than the workload's longest call (${Math.round(needed)} tokens): memory is checked for ${set}`] : [];
}
