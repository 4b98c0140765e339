// Whether an option is a choice a team can make: it must be costed (fit, have a speed), its
// streams must reach the minimum interactive speed, and a reply at peak must come within the
// latency target. Each failed rule is a sentence; an option with none is viable. Pure.

import { groupDigits } from '../units.js';
import type { LatencyFigures } from './latency.js';

export interface ViabilityInputs {
  /** Decode tokens/s each stream sees at the largest batch the instance is sized for. */
  perStreamTokensPerSecond: number;
  /** Decode tokens/s a reply gets at peak (the streams an instance holds then): the latency's speed. */
  replyTokensPerSecond: number;
  /** The floor each stream must reach; null when the option has none (serverless). */
  minTokensPerSecond: number | null;
  latency: LatencyFigures | null;
  maxSecondsPerReply: number;
}

/** Every reason the option is not viable (none: it is). */
export function notViableBecause(i: ViabilityInputs): string[] {
  const reasons: string[] = [];
  if (i.minTokensPerSecond !== null && i.perStreamTokensPerSecond < i.minTokensPerSecond) {
    reasons.push(`a stream decodes at ${figure(i.perStreamTokensPerSecond)} tokens/s, below the minimum of ${figure(i.minTokensPerSecond)} (min_tokens_per_second)`);
  }
  const l = i.latency;
  if (l && l.secondsPerReply > i.maxSecondsPerReply) {
    const first = l.ttftSeconds === null ? '' : `${figure(l.ttftSeconds)} s to the first token + `;
    reasons.push(
      `a reply at peak takes ${figure(l.secondsPerReply)} s (${first}${groupDigits(Math.round(l.decodeTokens), 0)} tokens at ${figure(i.replyTokensPerSecond)} tokens/s), ` +
        `over the target of ${figure(i.maxSecondsPerReply)} s (max_seconds_per_reply)`,
    );
  }
  return reasons;
}

/** 3 significant figures at most, grouped: 1,234, 56.7, 0.5. */
function figure(n: number): string {
  if (n >= 100) return groupDigits(Math.round(n), 0);
  return String(Number(n.toPrecision(3)));
}
