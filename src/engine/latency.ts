// How long a person waits at peak: the time to the first token of a reply (its prompt processed
// at the instance's prefill speed) and the whole reply (that, plus its output at the speed each
// stream decodes at when the instance runs its full batch, as it does at peak). Per call: an agent
// task's rounds are each a reply. The slowest call of a request is the one reported. Pure.
//
// Queueing is not added: the capacity model sizes instances so the peak keeps them under the
// target utilisation, and gives no waiting time; a figure here is a floor, not a percentile.

/** A call's tokens (a workload's calls are passed as they are: nothing is copied per sample). */
export interface CallTokens {
  promptTokens: number;
  outputTokens: number;
  reasoningTokens: number;
}

export interface LatencyFigures {
  /** Seconds to the first token of the slowest call; null when prefill speed is unknown. */
  ttftSeconds: number | null;
  /** Seconds for that call's whole reply (decode alone when prefill speed is unknown). */
  secondsPerReply: number;
  /** The prompt and the output + reasoning tokens of that call. */
  promptTokens: number;
  decodeTokens: number;
}

/**
 * TTFT = prompt tokens / prefill tokens/s; reply = TTFT + decode tokens / per-stream tokens/s,
 * for the call whose reply takes longest.
 */
export function latencyAtPeak(calls: readonly CallTokens[], prefillTokensPerSecond: number | null, perStreamTokensPerSecond: number): LatencyFigures | null {
  let slowest: LatencyFigures | null = null;
  for (const call of calls) {
    const ttft = prefillTokensPerSecond ? call.promptTokens / prefillTokensPerSecond : null;
    const decode = call.outputTokens + call.reasoningTokens;
    const reply = (ttft ?? 0) + decode / perStreamTokensPerSecond;
    if (slowest === null || reply > slowest.secondsPerReply) slowest = { ttftSeconds: ttft, secondsPerReply: reply, promptTokens: call.promptTokens, decodeTokens: decode };
  }
  return slowest;
}
