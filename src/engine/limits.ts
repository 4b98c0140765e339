// Figures an estimate cannot stand behind: costs that overflowed to Infinity or NaN, and instance
// counts no deployment has. Each becomes a problem at the key that most likely caused it, so that
// no command reports, compares or passes a budget with such a figure. Pure.

import { clip, type Location, type Problem } from '../errors.js';
import type { EstimateReport, OptionReport, SelfHostOptionReport } from '../report.js';
import type { Scenario, SelfHostOption } from '../scenario/types.js';
import { MAX_INSTANCES } from '../limits.js';
import { DEFAULT_RANGE } from './breakeven.js';
import { groupDigits } from '../units.js';

export { MAX_INSTANCES };

/** Problems with the report's figures; empty when every figure is a usable number. */
export function implausibleFigures(scenario: Scenario, report: EstimateReport): Problem[] {
  const where = (path: string, fallback: Location): Location => scenario.locations.get(path) ?? fallback;
  const traffic = report.traffic;
  if (![traffic.sessions_per_month, traffic.requests_per_month, traffic.peak_requests_per_second].every(Number.isFinite)) {
    const key = scenario.traffic.users !== undefined ? 'traffic.users' : 'traffic.requests_per_month';
    const location = where(key, where('traffic', { file: scenario.source ?? '' }));
    return [{ location, path: key, message: 'the traffic is too large to compute with: the requests a month come out as Infinity', hint: 'check the unit and the exponent' }];
  }
  // Break-even describes traffic up to the top of its range: those figures must be numbers too.
  const topTokens = traffic.requests_per_month * DEFAULT_RANGE.maxScale * report.workload.workflow_tokens_per_request;
  if (!Number.isFinite(topTokens)) {
    const key = scenario.traffic.users !== undefined ? 'traffic.users' : 'traffic.requests_per_month';
    const location = where(key, where('traffic', { file: scenario.source ?? '' }));
    const message = `the traffic is too large to compute with: break-even looks up to ${DEFAULT_RANGE.maxScale} times it, where the tokens a month come out as Infinity`;
    return [{ location, path: key, message, hint: 'check the unit and the exponent' }];
  }
  const problems: Problem[] = [];
  scenario.options.forEach((option, i) => {
    const figures = report.options.find((o) => o.name === option.name);
    const path = `options[${i}]`;
    // Memory is reported for an option that does not fit too: a prompt of 1e303 tokens is not
    // "Infinity GiB", it is a figure of the scenario gone wrong.
    const memory = figures && 'memory' in figures ? figures.memory : null;
    if (memory && ![memory.kv_cache_bytes, memory.total_bytes].every(Number.isFinite)) {
      problems.push({
        location: option.location,
        path,
        message: `'${clip(option.name)}' would need more memory than can be computed with for ${memory.context_tokens.toPrecision(3)} tokens of context`,
        hint: 'check the token counts for a wrong unit or exponent',
      });
      return;
    }
    if (!figures || figures.monthly_cost === null) return;
    if (!finite(figures)) {
      problems.push({
        location: option.location,
        path,
        message: `'${clip(option.name)}' costs come out as ${String(figures.monthly_cost)} a month: a figure of the scenario is too large or too small to compute with`,
        hint: 'check the traffic, token counts, prices and speeds for a wrong unit or exponent',
      });
      return;
    }
    if (option.kind === 'self_host' && 'instances' in figures && figures.instances > MAX_INSTANCES) {
      const key = drivingKey(option, figures);
      problems.push({
        location: where(`${path}.${option.kind}.${key}`, option.location),
        path: `${path}.${option.kind}.${key}`,
        message: `'${clip(option.name)}' would need ${figures.instances.toPrecision(3)} instances at peak, more than ${groupDigits(MAX_INSTANCES, 0)}: ${key} is too small`,
        hint: KEY_HINTS[key],
      });
    }
  });
  return problems;
}

type DrivingKey = 'tokens_per_second' | 'prefill_tokens_per_second' | 'target_utilisation' | 'min_tokens_per_second' | 'instances';

const KEY_HINTS: Record<DrivingKey, string> = {
  tokens_per_second: 'it is the decode speed of one instance, in tokens per second',
  prefill_tokens_per_second: 'it is the prompt-processing speed of one instance, in tokens per second',
  target_utilisation: 'it is the busiest each instance may be at peak, e.g. 70%',
  min_tokens_per_second: 'it is the slowest each stream may decode, in tokens per second',
  instances: 'give a smaller instance count',
};

/**
 * Which key sets the count: the largest of the factors that multiply it (the decode and prompt
 * work at peak in instances, and 1 / target_utilisation), or a fixed count.
 */
function drivingKey(option: SelfHostOption, figures: SelfHostOptionReport): DrivingKey {
  if (option.instances !== undefined) return 'instances';
  const speed = figures.speed;
  const factors: [DrivingKey, number][] = [
    ['tokens_per_second', figures.load.peak_decode_tokens_per_second / speed.decode_tokens_per_second],
    ['prefill_tokens_per_second', speed.prefill_tokens_per_second ? figures.load.peak_prompt_tokens_per_second / speed.prefill_tokens_per_second : 0],
    ['target_utilisation', 1 / option.targetUtilisation],
  ];
  if (figures.bound_by === 'concurrency') return 'min_tokens_per_second';
  return factors.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

function finite(o: Exclude<OptionReport, { monthly_cost: null }>): boolean {
  const numbers = [o.monthly_cost, o.per_request_cost, o.per_session_cost, o.per_user_cost ?? 0, ...Object.values(o.breakdown)];
  if ('instances' in o) numbers.push(o.instances, o.utilisation.peak, o.utilisation.average);
  return numbers.every(Number.isFinite);
}
