// Runs the engine on scenario text, as the estimate command does, without the CLI around it.
import { loadCatalogue } from '../../src/catalogue/load.js';
import type { Catalogue } from '../../src/catalogue/types.js';
import { withFx } from '../../src/commands/estimate.js';
import { estimate } from '../../src/engine/estimate.js';
import type { ApiOptionReport, EstimateReport } from '../../src/report.js';
import { parseScenario } from '../../src/scenario/parse.js';
import { resolveScenario } from '../../src/scenario/resolve.js';

let bundled: Promise<Catalogue> | undefined;
export const catalogue = () => (bundled ??= loadCatalogue());

export interface EstimateOptions {
  today?: string;
  currency?: string;
  fx?: string[];
}

export async function estimateYaml(yaml: string, options: EstimateOptions = {}): Promise<EstimateReport> {
  const scenario = parseScenario(yaml, { file: 'test.yaml' });
  const today = options.today ?? '2026-11-25';
  const cat = withFx(await catalogue(), options.fx ?? [], today);
  const resolved = resolveScenario(scenario, { catalogue: cat, currency: options.currency ?? scenario.currency, today });
  return estimate(scenario, resolved);
}

/** The costed option of that name (fails the test if it is missing or not costed). */
export function option(report: EstimateReport, name: string): ApiOptionReport {
  const found = report.options.find((o) => o.name === name);
  if (!found || found.monthly_cost === null) throw new Error(`no costed option '${name}' in ${report.options.map((o) => o.name).join(', ')}`);
  return found as ApiOptionReport;
}
