// Figures an estimate cannot stand behind: costs that overflowed to Infinity or NaN. Each becomes
// a problem at the key that most likely caused it, so that no command reports, compares or passes
// a budget with such a figure. Pure.

import type { Location, Problem } from '../errors.js';
import type { EstimateReport, OptionReport } from '../report.js';
import type { Scenario } from '../scenario/types.js';

/** Problems with the report's figures; empty when every figure is a usable number. */
export function implausibleFigures(scenario: Scenario, report: EstimateReport): Problem[] {
  const where = (path: string, fallback: Location): Location => scenario.locations.get(path) ?? fallback;
  const traffic = report.traffic;
  if (![traffic.sessions_per_month, traffic.requests_per_month, traffic.peak_requests_per_second].every(Number.isFinite)) {
    const key = scenario.traffic.users !== undefined ? 'traffic.users' : 'traffic.requests_per_month';
    const location = where(key, where('traffic', { file: scenario.source ?? '' }));
    return [{ location, path: key, message: 'the traffic is too large to compute with: the requests a month come out as Infinity', hint: 'check the unit and the exponent' }];
  }
  const problems: Problem[] = [];
  scenario.options.forEach((option, i) => {
    const figures = report.options.find((o) => o.name === option.name);
    if (!figures || figures.monthly_cost === null) return;
    const path = `options[${i}]`;
    if (!finite(figures)) {
      problems.push({
        location: option.location,
        path,
        message: `'${option.name}' costs come out as ${String(figures.monthly_cost)} a month: a figure of the scenario is too large or too small to compute with`,
        hint: 'check the traffic, token counts, prices and speeds for a wrong unit or exponent',
      });
    }
  });
  return problems;
}

function finite(o: Exclude<OptionReport, { monthly_cost: null }>): boolean {
  const numbers = [o.monthly_cost, o.per_request_cost, o.per_session_cost, o.per_user_cost ?? 0, ...Object.values(o.breakdown)];
  if ('instances' in o) numbers.push(o.instances, o.utilisation.peak, o.utilisation.average);
  return numbers.every(Number.isFinite);
}
