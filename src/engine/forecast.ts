// Forecast: each option's bill month by month under steady growth, what it adds up to, the month
// the cheapest option changes, and when a self-hosted option needs another instance. Options that
// are not viable are no plan: they are left out, and listed with the reason. Pure.

import { REPORT_SCHEMA, type CostedOptionReport, type EstimateReport, type ForecastMonth, type ForecastReport, type NotViableOption } from '../report.js';
import { costAt, instancesAt } from './breakeven.js';
import { forecastSummary } from './summary.js';

export function forecast(report: EstimateReport, growth: number, months: number): ForecastReport {
  const costed = report.options.filter((o): o is CostedOptionReport => o.monthly_cost !== null && o.viable);
  const cumulative = new Map<string, number>(costed.map((o) => [o.name, 0]));
  const rows: ForecastMonth[] = [];
  const cheapestChanges: ForecastReport['cheapest_changes'] = [];
  const capacityChanges: ForecastReport['capacity_changes'] = [];
  const stepped = (o: CostedOptionReport) => o.kind === 'self_host' || o.kind === 'hybrid';
  for (let month = 1; month <= months; month++) {
    const scale = (1 + growth) ** (month - 1);
    const options = costed.map((o) => {
      const monthly = costAt(o.scaling, scale);
      cumulative.set(o.name, cumulative.get(o.name)! + monthly);
      return { name: o.name, monthly_cost: monthly, cumulative_cost: cumulative.get(o.name)!, instances: stepped(o) ? instancesAt(o.scaling, scale) : null };
    });
    const cheapest = [...options].sort((a, b) => a.monthly_cost - b.monthly_cost || a.name.localeCompare(b.name))[0]?.name ?? null;
    const previous = rows[rows.length - 1];
    if (previous && previous.cheapest !== null && cheapest !== null && previous.cheapest !== cheapest) cheapestChanges.push({ month, from: previous.cheapest, to: cheapest });
    if (previous) {
      for (const o of options) {
        const before = previous.options.find((p) => p.name === o.name)!.instances;
        if (o.instances !== null && before !== null && o.instances !== before) capacityChanges.push({ month, option: o.name, instances_from: before, instances_to: o.instances });
      }
    }
    rows.push({
      month,
      scale,
      users: report.traffic.users === null ? null : report.traffic.users * scale,
      requests_per_month: report.traffic.requests_per_month * scale,
      options,
      cheapest,
    });
  }
  const totals = costed.map((o) => ({ option: o.name, cumulative_cost: cumulative.get(o.name)! })).sort((a, b) => a.cumulative_cost - b.cumulative_cost);
  const result: Omit<ForecastReport, 'summary'> = {
    schema: REPORT_SCHEMA,
    command: 'forecast',
    scenario: report.scenario,
    currency: report.currency,
    growth,
    months: rows,
    cheapest_changes: cheapestChanges,
    capacity_changes: capacityChanges,
    totals,
    not_viable: notViableOptions(report),
    warnings: report.warnings,
  };
  return { ...result, summary: forecastSummary(result) };
}

/** The options that are not viable, with the reasons: what analyses leave out and say so. */
export function notViableOptions(report: EstimateReport): NotViableOption[] {
  return report.options.filter((o) => !o.viable).map((o) => ({ option: o.name, not_viable_because: o.not_viable_because }));
}
