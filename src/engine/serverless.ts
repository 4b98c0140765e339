// Serverless GPUs billed per second: each call's run time (prompt processing + decoding at one
// stream), rounded up to the provider's billing increment, plus billed cold starts. Pure.

import type { ResolvedDeployment } from '../scenario/resolve-deployment.js';
import type { ServerlessOption } from '../scenario/types.js';
import type { ServerlessOptionReport, UnestimatedOptionReport } from '../report.js';
import { DAYS_PER_MONTH } from '../units.js';
import { figureDeployment } from './deployment.js';
import { contextWarning, hardwareReport, offerDoubtWarnings, latencyReport, linearScaling, memoryReport, perCall, speedReport, unestimated, type EmbeddingCost, type WorkloadLoad } from './self-host.js';
import type { Expansion } from './workload.js';
import { latencyAtPeak } from './latency.js';
import { scaledFigures } from './accuracy.js';
import { notViableBecause } from './viability.js';

/** Seconds rounded up to whole billing increments (none: billed exactly). */
export function billedSeconds(seconds: number, increment: number | undefined): number {
  if (!increment) return seconds;
  return Math.ceil(seconds / increment - 1e-9) * increment;
}

export function serverlessOption(
  option: ServerlessOption,
  deployment: ResolvedDeployment,
  load: WorkloadLoad,
  expansion: Expansion,
  embeddings: EmbeddingCost,
  /** Estimated speeds times this (a simulated draw within the accuracy band); 1: as estimated. */
  speedFactor = 1,
  /** A simulated sample: accuracy bands are left out. */
  lean = false,
): ServerlessOptionReport | UnestimatedOptionReport {
  const price = deployment.hardware.price;
  if (price.kind !== 'serverless') {
    return { name: option.name, kind: 'serverless', monthly_cost: null, per_request_cost: null, per_user_cost: null, reason: 'not a serverless offer', memory: null, viable: false, not_viable_because: ['not a serverless offer'] };
  }
  const warnings = [...deployment.notes, ...contextWarning(option.contextTokens, load.contextTokens), ...(lean ? [] : offerDoubtWarnings(deployment))];
  const figures = figureDeployment(deployment, {
    contextTokens: option.contextTokens ?? load.contextTokens,
    minTokensPerSecond: 0,
    singleStream: true,
    measuredTokensPerSecond: option.tokensPerSecond,
    measuredPrefillTokensPerSecond: option.prefillTokensPerSecond,
    ...perCall(load),
  });
  let seconds: number;
  let billed: number;
  const increment = price.billingIncrementSeconds;
  if (option.secondsPerRequest !== undefined) {
    seconds = option.secondsPerRequest;
    billed = billedSeconds(seconds, increment);
  } else {
    if (!figures.speed) return unestimated(option.name, 'serverless', figures);
    if (speedFactor !== 1 && figures.speed.source === 'estimated') figures.speed = scaledFigures(figures.speed, speedFactor);
    warnings.push(...figures.warnings);
    const speed = figures.speed;
    // Every call of a request is its own prediction, rounded up on its own.
    const perCall = expansion.calls.map((c) => {
      const prefill = speed.prefillTokensPerSecond ? c.promptTokens / speed.prefillTokensPerSecond : 0;
      const run = prefill + (c.outputTokens + c.reasoningTokens) / speed.perSequenceTokensPerSecond;
      return { weight: c.perSession / expansion.requestsPerSession, run, billed: billedSeconds(run, increment) };
    });
    seconds = perCall.reduce((sum, c) => sum + c.weight * c.run, 0);
    billed = perCall.reduce((sum, c) => sum + c.weight * c.billed, 0);
  }
  const coldStartSeconds = option.coldStartSeconds ?? price.coldStartSeconds ?? 0;
  const compute = load.requestsPerMonth * billed * price.perSecond;
  const coldStarts = option.coldStartsPerDay * DAYS_PER_MONTH * billedSeconds(coldStartSeconds, increment) * price.perSecond;
  const monthly = compute + coldStarts + embeddings.total;
  // A container serves one request at a time: its stream decodes alone, also at peak.
  const speed = option.secondsPerRequest === undefined ? figures.speed : null;
  const maxSecondsPerReply = option.maxSecondsPerReply ?? load.maxSecondsPerReply;
  const latency = speed ? latencyAtPeak(load.calls, speed.prefillTokensPerSecond, speed.perSequenceTokensPerSecond) : null;
  const reasons = speed ? notViableBecause({ perStreamTokensPerSecond: speed.perSequenceTokensPerSecond, minTokensPerSecond: null, latency, replyTokensPerSecond: speed.perSequenceTokensPerSecond, maxSecondsPerReply }) : [];
  return {
    name: option.name,
    kind: 'serverless',
    monthly_cost: monthly,
    per_request_cost: load.requestsPerMonth > 0 ? monthly / load.requestsPerMonth : 0,
    per_session_cost: load.sessionsPerMonth > 0 ? monthly / load.sessionsPerMonth : 0,
    per_user_cost: load.users ? monthly / load.users : null,
    seconds_per_request: seconds,
    billed_seconds_per_request: billed,
    hardware: hardwareReport(deployment),
    memory: memoryReport(figures),
    speed: option.secondsPerRequest !== undefined ? null : speedReport(figures, deployment, option.prefillTokensPerSecond !== undefined, lean),
    breakdown: { compute, cold_starts: coldStarts, embeddings: embeddings.total },
    scaling: linearScaling(monthly, coldStarts + embeddings.fixed),
    latency: latency && speed ? latencyReport(latency, maxSecondsPerReply, 1, speed.perSequenceTokensPerSecond) : null,
    viable: reasons.length === 0,
    not_viable_because: reasons,
    warnings: [...new Set(warnings)],
  };
}
