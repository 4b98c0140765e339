// The figures of one self-hosted or serverless instance: memory (does the model fit, how many
// sequences at once) and speed (the batch each stream still gets its minimum speed at). Pure.

import type { ResolvedDeployment } from '../scenario/resolve-deployment.js';
import { capacityOn, kvCacheBytes, memoryNeed, type MemoryNeed } from './memory.js';
import { hasGroupRule, quantWeights, shapeWarning } from './quant-weights.js';
import { engineMemory } from './engine-memory.js';
import { interferenceSeconds } from './serving.js';
import { computeFormatOf, defaultedWarning, estimateSpeed, prefillRate, stepLines, type SpeedInputs } from './speed.js';
import type { InstanceSpeed } from './capacity.js';

/** Batches are searched up to this size; engines rarely run more sequences at once. */
export const MAX_BATCH = 1024;

export interface MemoryFigures extends MemoryNeed {
  contextTokens: number;
  devices: number;
  usableBytes: number;
  /** Sequences of contextTokens whose KV cache fits beside the weights. */
  maxSequences: number;
  fits: boolean;
}

export interface SpeedFigures extends InstanceSpeed {
  source: 'measured' | 'estimated';
  bound: 'memory' | 'compute' | 'measured';
  /** Decode tokens/s of one stream alone (a lightly loaded instance). */
  singleStreamTokensPerSecond: number;
  /** Seconds each other stream's prompt adds to a stream's every output token under load (serving.ts). */
  interferenceSeconds?: number;
}

export interface DeploymentFigures {
  memory: MemoryFigures | null;
  speed: SpeedFigures | null;
  /** Why the option cannot be costed (does not fit, no speed): never a silent zero. */
  reason: string | null;
  warnings: string[];
}

export interface DeploymentNeeds {
  contextTokens: number;
  minTokensPerSecond: number;
  /** Serverless containers serve one request at a time. */
  singleStream: boolean;
  measuredTokensPerSecond: number | undefined;
  measuredPrefillTokensPerSecond: number | undefined;
  /** Prompt and output tokens of a request: prefill time depends on the prompt's length, and under load others' prompts slow each stream. */
  promptTokens?: number;
  outputTokens?: number;
}

export function figureDeployment(d: ResolvedDeployment, needs: DeploymentNeeds): DeploymentFigures {
  const warnings: string[] = [];
  const spec = d.hardware.spec;
  const devices = d.hardware.devices;
  let memory: MemoryFigures | null = null;
  let maxBatch = needs.singleStream ? 1 : MAX_BATCH;
  if (d.model && d.quant && d.kv && d.engine && spec) {
    const weights = quantWeights(d.model, d.quant);
    if (weights.basis === 'whole-model' && hasGroupRule(d.quant)) warnings.push(shapeWarning(d.model, d.quant));
    const own = engineMemory(d.model, d.engine, devices, spec);
    const need = memoryNeed(d.model, weights.bitsPerWeight, d.kv.bytesPerElement, needs.contextTokens, 1, d.engine, own.overheadBytes);
    const perSequence = kvCacheBytes(d.model, needs.contextTokens, d.kv.bytesPerElement);
    const capacity = capacityOn(spec, devices, need, perSequence, d.engine, undefined, d.memoryFraction);
    // Fields spelt out: an object spread here was the simulation's single slowest line.
    memory = {
      weightsBytes: need.weightsBytes,
      kvCacheBytes: need.kvCacheBytes,
      overheadBytes: need.overheadBytes,
      totalBytes: need.totalBytes,
      contextTokens: needs.contextTokens,
      devices,
      usableBytes: capacity.usableBytes,
      maxSequences: capacity.maxSequences,
      fits: capacity.maxSequences >= 1,
    };
    if (!memory.fits) {
      const gib = (b: number) => (b / 2 ** 30).toFixed(1);
      return {
        memory,
        speed: null,
        reason: `${d.model.id} ${d.quant.id} at ${needs.contextTokens} tokens of context needs ${gib(need.totalBytes + (devices - 1) * need.overheadBytes)} GiB; ` +
          `${devices > 1 ? `${devices} x ` : ''}${spec.name} offers ${gib(capacity.usableBytes)} GiB usable`,
        warnings,
      };
    }
    maxBatch = Math.min(maxBatch, capacity.maxSequences);
    if (d.model.contextTokens < needs.contextTokens) warnings.push(`${needs.contextTokens} tokens of context exceed ${d.model.id}'s ${d.model.contextTokens}`);
  }

  if (needs.measuredTokensPerSecond !== undefined) {
    const tps = needs.measuredTokensPerSecond;
    // A measured aggregate speed: as many streams as keep each at the minimum speed.
    const batch = Math.max(1, Math.min(maxBatch, Math.floor(tps / needs.minTokensPerSecond)));
    // Below the minimum the option is not viable, and says so there (viability.ts).
    const estimatedPrefill = d.model && d.quant && d.kv && d.engine && spec ? prefillRate(inputsOf(d), needs.promptTokens ?? 0) : null;
    return {
      memory,
      speed: {
        source: 'measured',
        bound: 'measured',
        singleStreamTokensPerSecond: tps,
        batch,
        decodeTokensPerSecond: tps,
        perSequenceTokensPerSecond: tps / batch,
        prefillTokensPerSecond: needs.measuredPrefillTokensPerSecond ?? estimatedPrefill,
      },
      reason: null,
      warnings: [...warnings, ...prefillWarning(needs.measuredPrefillTokensPerSecond ?? estimatedPrefill)],
    };
  }
  if (!d.model || !d.quant || !d.kv || !d.engine || !spec) {
    return { memory, speed: null, reason: 'no speed: give the model and quant with hardware specs, or a measured tokens_per_second', warnings };
  }
  const inputs = inputsOf(d);
  const at = (batch: number) => estimateSpeed(inputs, batch, needs.contextTokens);
  const promptTokens = needs.promptTokens ?? 0;
  const prefill = needs.measuredPrefillTokensPerSecond ?? prefillRate(inputs, promptTokens);
  // Under load every other stream's prompt is prefilled between this stream's decode steps (see
  // serving.ts): at batch b a stream waits through (b - 1) prefills over its reply.
  const interference = prefill && needs.outputTokens !== undefined ? interferenceSeconds(promptTokens / prefill, needs.outputTokens) : 0;
  const streamSpeed = (batch: number, speed = at(batch)) => 1 / (speed.stepSeconds + (batch - 1) * interference);
  const single = at(1);
  let batch = 1;
  // Too slow for the minimum even alone: one stream, and the option is not viable (viability.ts).
  if (single.perSequenceTokensPerSecond >= needs.minTokensPerSecond) {
    // The largest batch whose streams still get the minimum speed (per-stream speed falls with batch).
    const fast = (b: number) => streamSpeed(b) >= needs.minTokensPerSecond;
    const lines = stepLines(inputs, needs.contextTokens);
    if (lines) {
      // Dense model: solve step(b) + (b - 1) x interference <= 1 / minimum on both lines, then settle rounding by a step.
      const budget = 1 / needs.minTokensPerSecond - lines.overhead + interference;
      const perMemory = lines.memoryPerSequence + lines.overheadPerSequence + interference;
      const perCompute = lines.computePerSequence + lines.overheadPerSequence + interference;
      const byMemory = perMemory > 0 ? (budget - lines.memoryBase) / perMemory : Infinity;
      const byCompute = perCompute > 0 ? budget / perCompute : Infinity;
      batch = Math.max(1, Math.min(maxBatch, Math.floor(Math.min(byMemory, byCompute))));
      while (batch > 1 && !fast(batch)) batch--;
      while (batch < maxBatch && fast(batch + 1)) batch++;
    } else {
      let low = 1;
      let high = maxBatch;
      while (low < high) {
        const mid = Math.ceil((low + high) / 2);
        if (fast(mid)) low = mid;
        else high = mid - 1;
      }
      batch = low;
    }
  }
  const chosen = batch === 1 ? single : at(batch);
  if (chosen.defaultedEfficiency) warnings.push(defaultedWarning(d.engine, spec));
  return {
    memory,
    speed: {
      source: 'estimated',
      bound: chosen.bound,
      singleStreamTokensPerSecond: single.perSequenceTokensPerSecond,
      batch,
      decodeTokensPerSecond: chosen.decodeTokensPerSecond,
      perSequenceTokensPerSecond: streamSpeed(batch, chosen),
      interferenceSeconds: interference,
      prefillTokensPerSecond: prefill,
    },
    reason: null,
    warnings: [...warnings, ...prefillWarning(prefill)],
  };
}

function inputsOf(d: ResolvedDeployment): SpeedInputs {
  // The model's own whole-model figure (tensor groups at their own bits): what a decode step reads.
  return {
    model: d.model!, bitsPerWeight: quantWeights(d.model!, d.quant!).bitsPerWeight, kvBytesPerElement: d.kv!.bytesPerElement, hardware: d.hardware.spec!,
    devices: d.hardware.devices, engine: d.engine!, split: d.split, computeFormat: computeFormatOf(d.quant!),
  };
}

function prefillWarning(prefill: number | null): string[] {
  return prefill === null ? ['prompt processing time is left out: no compute figure for this hardware (give prefill_tokens_per_second)'] : [];
}

/**
 * Decode tokens/s each stream gets when an instance runs `batch` streams (at most the batch it was
 * sized for): the estimate at that batch, or a measured aggregate shared by the streams.
 */
export function perStreamTokensPerSecondAt(d: ResolvedDeployment, speed: SpeedFigures, contextTokens: number, batch: number, factor = 1): number {
  if (batch >= speed.batch) return speed.perSequenceTokensPerSecond;
  if (speed.source === 'measured') return speed.decodeTokensPerSecond / batch;
  // The estimate at this batch, times the factor a simulation drew for the estimate (1: none).
  const step = estimateSpeed(inputsOf(d), batch, contextTokens).stepSeconds;
  return (1 / (step + (batch - 1) * (speed.interferenceSeconds ?? 0))) * factor;
}
