// Runs the engine on scenario text, as the estimate command does, without the CLI around it.
import { fileURLToPath } from 'node:url';
import { loadCatalogue, loadSelfHostCatalogue } from '../../src/catalogue/load.js';
import type { Catalogue } from '../../src/catalogue/types.js';
import { withFx } from '../../src/commands/estimate.js';
import { estimate } from '../../src/engine/estimate.js';
import type { ApiOptionReport, EstimateReport, SelfHostOptionReport, ServerlessOptionReport } from '../../src/report.js';
import { parseScenario } from '../../src/scenario/parse.js';
import { resolveScenario } from '../../src/scenario/resolve.js';

let bundled: Promise<Catalogue> | undefined;
export const catalogue = () => (bundled ??= loadCatalogue());

export interface EstimateOptions {
  today?: string;
  currency?: string;
  fx?: string[];
  /** Catalogue files layered over the bundled self-hosting catalogue. */
  pricing?: string[];
}

export const TEST_HARDWARE = fileURLToPath(new URL('../fixtures/pricing/test-hardware.yaml', import.meta.url));

export async function estimateYaml(yaml: string, options: EstimateOptions = {}): Promise<EstimateReport> {
  const scenario = parseScenario(yaml, { file: 'test.yaml' });
  const today = options.today ?? '2026-11-25';
  const cat = withFx(await catalogue(), options.fx ?? [], today);
  const selfHost = await loadSelfHostCatalogue(options.pricing ?? []);
  const resolved = resolveScenario(scenario, { catalogue: cat, currency: options.currency ?? scenario.currency, today, selfHost });
  return estimate(scenario, resolved);
}

/** The costed option of that name (fails the test if it is missing or not costed). */
export function option(report: EstimateReport, name: string): ApiOptionReport {
  return costed(report, name, 'api');
}

export function selfHosted(report: EstimateReport, name: string): SelfHostOptionReport {
  return costed(report, name, 'self_host', 'hybrid');
}

export function serverless(report: EstimateReport, name: string): ServerlessOptionReport {
  return costed(report, name, 'serverless');
}

function costed<T>(report: EstimateReport, name: string, ...kinds: string[]): T {
  const found = report.options.find((o) => o.name === name);
  if (!found || found.monthly_cost === null || !kinds.includes(found.kind)) {
    const why = found && found.monthly_cost === null ? `not costed: ${found.reason}` : `not among ${report.options.map((o) => o.name).join(', ')}`;
    throw new Error(`option '${name}' ${why}`);
  }
  return found as T;
}
