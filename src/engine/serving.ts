// A server under load: `concurrency` clients each send a prompt of `promptTokens`, read
// `outputTokens` back, and send the next (how vLLM, SGLang and TensorRT-LLM serving benchmarks
// and llama.cpp's parallel slots are run). Continuous batching keeps about `concurrency` sequences
// decoding; every prompt that arrives takes the GPU for its prefill, which the decoding sequences
// wait through. So in the time one request lives, the instance runs its `outputTokens` decode
// steps at batch `concurrency` and the prefills of `concurrency` prompts. Pure.

import { estimateSpeed, prefillRate, type SpeedInputs } from './speed.js';

export interface ServingLoad {
  concurrency: number;
  promptTokens: number;
  outputTokens: number;
  /** Requests a second arriving at random (a request-rate benchmark); undefined: closed-loop clients. */
  requestRate?: number | undefined;
}

export interface ServingFigures {
  /** Output tokens/s of the instance, summed over its streams. */
  outputTokensPerSecond: number;
  /** Time to first token: the request's prefill, plus the step it joins (and at a request rate, the prompts queued ahead). */
  ttftSeconds: number;
  /** Time per output token after the first, as a stream sees it (decode steps + others' prefills). */
  tpotSeconds: number;
  /** Seconds from sending a prompt to the last output token. */
  requestSeconds: number;
  /** Seconds one decode step takes at this batch. */
  stepSeconds: number;
  /** Seconds one prompt's prefill takes; 0 when no compute figure exists. */
  prefillSeconds: number;
}

/**
 * Seconds each other stream's prompt adds to a stream's every output token after the first: the
 * prompt's prefill, spread over the reply's later steps (none when the reply is one token).
 */
export function interferenceSeconds(prefillSeconds: number, outputTokens: number): number {
  return outputTokens > 1 ? prefillSeconds / (outputTokens - 1) : 0;
}

/**
 * Seconds a prompt arriving at random waits for the prompts ahead of it. The prefills form a queue
 * with one server (the instance prefills one prompt at a time) busy rho = rate x prefill time of
 * the time; with random (Poisson) arrivals and a fixed service time, the M/D/1 queue's mean wait is
 * rho x service / (2 (1 - rho)). At rho >= 1 the prompts alone need more than the instance: the
 * queue grows for as long as they keep coming and has no mean (Infinity).
 */
export function promptQueueSeconds(requestRate: number, prefillSeconds: number): number {
  const rho = requestRate * prefillSeconds;
  return rho >= 1 ? Infinity : (rho * prefillSeconds) / (2 * (1 - rho));
}

export function serveAt(inputs: SpeedInputs, load: ServingLoad): ServingFigures {
  const { concurrency, promptTokens, outputTokens } = load;
  // Sequences hold their prompt and, on average over the reply, half of it.
  const step = estimateSpeed(inputs, concurrency, promptTokens + outputTokens / 2).stepSeconds;
  const rate = prefillRate(inputs, promptTokens);
  const prefillSeconds = rate === null ? 0 : promptTokens / rate;
  // One request's life: its own prefill, then outputTokens steps, during which the other
  // concurrency - 1 clients' prompts are prefilled in between.
  const queue = load.requestRate === undefined ? 0 : promptQueueSeconds(load.requestRate, prefillSeconds);
  const ttftSeconds = prefillSeconds + step + queue;
  const requestSeconds = ttftSeconds + Math.max(0, outputTokens - 1) * step + (concurrency - 1) * prefillSeconds;
  const tpotSeconds = outputTokens > 1 ? step + (concurrency - 1) * interferenceSeconds(prefillSeconds, outputTokens) : step;
  return {
    outputTokensPerSecond: (concurrency * outputTokens) / requestSeconds,
    ttftSeconds,
    tpotSeconds,
    requestSeconds,
    stepSeconds: step,
    prefillSeconds,
  };
}

/**
 * `clients` closed-loop clients on an instance that runs at most `slots` sequences at once (what its
 * KV cache holds): the rest wait for a slot. The instance runs `slots` streams, finishing a request
 * every requestSeconds / slots; by Little's law each client's request then takes clients x that,
 * the wait included, which it spends before its first token. At or under the slots: serveAt.
 */
export function serveWithSlots(inputs: SpeedInputs, load: ServingLoad, slots: number): ServingFigures & { running: number } {
  const running = Math.max(1, Math.min(load.concurrency, slots));
  const f = serveAt(inputs, { ...load, concurrency: running });
  if (running === load.concurrency) return { ...f, running };
  const requestSeconds = (load.concurrency * f.requestSeconds) / running;
  return { ...f, ttftSeconds: f.ttftSeconds + (requestSeconds - f.requestSeconds), requestSeconds, running };
}

export interface RateFigures extends ServingFigures {
  /** Sequences running at once on average at this rate (Little's law), at most the slots. */
  running: number;
  /** Requests a second the instance keeps up with: its slots all busy, or its prompts alone. */
  maxRequestRate: number;
  /** The rate is at or beyond that: requests queue without end, and time to first token has no mean. */
  overloaded: boolean;
}

/**
 * Requests arriving at random at `requestRate` a second on an instance with `slots` sequences of
 * room. The sequences running at once follow from Little's law: rate x the time a request takes
 * at that load, found by iteration and capped at the slots; the time to first token adds the
 * prompts queued ahead (promptQueueSeconds). The instance keeps up with at most slots / a
 * request's time at full slots a second, and its prompts alone with 1 / prefill time: at or past
 * either the queue grows without end (overloaded, time to first token Infinity) and the figures
 * are those of a full instance.
 */
export function serveAtRate(inputs: SpeedInputs, load: Omit<ServingLoad, 'concurrency'> & { requestRate: number }, slots: number): RateFigures {
  const most = Math.max(1, slots);
  const full = serveAt(inputs, { ...load, concurrency: most, requestRate: undefined });
  const maxRequestRate = Math.min(most / full.requestSeconds, full.prefillSeconds > 0 ? 1 / full.prefillSeconds : Infinity);
  if (load.requestRate >= maxRequestRate) return { ...full, ttftSeconds: Infinity, running: most, maxRequestRate, overloaded: true };
  let n = 1;
  for (let i = 0; i < 50; i++) {
    const next = Math.min(most, Math.max(1, load.requestRate * serveAt(inputs, { ...load, concurrency: n, requestRate: undefined }).requestSeconds));
    if (Math.abs(next - n) < 1e-6) break;
    n = (n + next) / 2;
  }
  const f = serveAt(inputs, { ...load, concurrency: n });
  // At a rate the instance outputs what arrives: rate x output tokens a second.
  return { ...f, outputTokensPerSecond: load.requestRate * load.outputTokens, running: n, maxRequestRate, overloaded: false };
}
