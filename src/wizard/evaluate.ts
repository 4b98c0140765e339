// A scenario's text -> the estimate report, by the steps of `llm-tco estimate` (src/commands/
// estimate.ts: read, check model names, resolve prices, estimate), so that the figures the wizard
// shows are the ones `llm-tco estimate <file>` prints for the file it writes.

import type { SelfHostCatalogue } from '../catalogue/selfhost-file.js';
import type { Catalogue } from '../catalogue/types.js';
import { estimate } from '../engine/estimate.js';
import { sortProblems, UserError, type Problem } from '../errors.js';
import type { EstimateReport } from '../report.js';
import { readScenarioText } from '../scenario/parse.js';
import { checkModelMentions, resolveScenario } from '../scenario/resolve.js';
import type { Scenario } from '../scenario/types.js';

export interface EvaluateContext {
  catalogue: Catalogue;
  selfHost: SelfHostCatalogue;
  /** YYYY-MM-DD: which dated prices apply. */
  today: string;
}

export type Evaluation = { ok: true; scenario: Scenario; report: EstimateReport } | { ok: false; problems: Problem[] };

export function evaluateScenario(text: string, file: string, ctx: EvaluateContext): Evaluation {
  const reading = readScenarioText(text, { file });
  const problems = [...reading.problems, ...checkModelMentions(reading.models, ctx.catalogue)];
  if (problems.length > 0 || !reading.scenario) return { ok: false, problems: sortProblems(problems) };
  const scenario = reading.scenario;
  try {
    const resolved = resolveScenario(scenario, { catalogue: ctx.catalogue, currency: scenario.currency, today: ctx.today, selfHost: ctx.selfHost });
    return { ok: true, scenario, report: estimate(scenario, resolved) };
  } catch (error) {
    if (error instanceof UserError) return { ok: false, problems: error.problems };
    throw error;
  }
}
