// How many instances the peak traffic needs. An instance alternates prefill (prompts) and decode
// (outputs); each stream must see at least a minimum interactive speed, which caps the batch; and
// the busy share at peak must stay under a target utilisation. Pure.

export interface InstanceSpeed {
  /** Largest batch run together (by memory, or by the interactive-speed floor). */
  batch: number;
  /** Aggregate decode tokens/s at that batch. */
  decodeTokensPerSecond: number;
  /** Decode tokens/s each stream sees at that batch. */
  perSequenceTokensPerSecond: number;
  /** Prompt tokens/s, or null when unknown (then prefill time is left out and the report says so). */
  prefillTokensPerSecond: number | null;
}

export interface Load {
  peakRequestsPerSecond: number;
  averageRequestsPerSecond: number;
  promptTokensPerRequest: number;
  /** Output + reasoning tokens per request. */
  decodeTokensPerRequest: number;
}

export interface Capacity {
  instances: number;
  /** Busy share of the instances at peak, and on average over the month. */
  peakUtilisation: number;
  averageUtilisation: number;
  /** Why that many: throughput (busy share over the target) or concurrency (streams per batch). */
  boundBy: 'throughput' | 'concurrency' | 'minimum';
  /** Streams in flight at peak (Little's law: arrival rate x time in system). */
  peakConcurrentStreams: number;
  requestSeconds: number;
  /** Instances the peak needs per unit of traffic, before rounding up: how the count scales. */
  instancesPerUnit: number;
}

export function sizeInstances(speed: InstanceSpeed, load: Load, targetUtilisation: number): Capacity {
  const prefillSeconds = speed.prefillTokensPerSecond ? load.promptTokensPerRequest / speed.prefillTokensPerSecond : 0;
  const decodeSecondsPerRequest = load.decodeTokensPerRequest / speed.decodeTokensPerSecond;
  // Seconds of one instance's time a request takes: its prompt alone, its decode shared by the batch.
  const busySecondsPerRequest = prefillSeconds + decodeSecondsPerRequest;
  const peakBusy = load.peakRequestsPerSecond * busySecondsPerRequest;
  const requestSeconds = prefillSeconds + load.decodeTokensPerRequest / speed.perSequenceTokensPerSecond;
  const streams = load.peakRequestsPerSecond * requestSeconds;
  const forThroughput = Math.ceil(peakBusy / targetUtilisation - 1e-9);
  const forConcurrency = Math.ceil(streams / speed.batch - 1e-9);
  const instances = Math.max(1, forThroughput, forConcurrency);
  return {
    instances,
    peakUtilisation: peakBusy / instances,
    averageUtilisation: (load.averageRequestsPerSecond * busySecondsPerRequest) / instances,
    boundBy: instances === 1 && forThroughput <= 1 && forConcurrency <= 1 ? 'minimum' : forThroughput >= forConcurrency ? 'throughput' : 'concurrency',
    peakConcurrentStreams: streams,
    requestSeconds,
    instancesPerUnit: Math.max(peakBusy / targetUtilisation, streams / speed.batch),
  };
}
