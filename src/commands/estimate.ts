// llm-tco estimate: parse flags, load inputs, call the engine, render, write.

import { fxFactor } from '../catalogue/catalogue.js';
import { loadCatalogue, loadSelfHostCatalogue } from '../catalogue/load.js';
import type { SelfHostCatalogue } from '../catalogue/selfhost-file.js';
import type { Catalogue } from '../catalogue/types.js';
import { estimate } from '../engine/estimate.js';
import { implausibleFigures } from '../engine/limits.js';
import { capProblems, sortProblems, UserError } from '../errors.js';
import { estimateRenderers } from '../formats/index.js';
import type { AnalysisFormat } from '../formats/names.js';
import { emit, type Io } from '../io.js';
import type { ScenarioFlagValues } from '../scenario/flags.js';
import { readScenarioFlags, readScenarioText } from '../scenario/parse.js';
import type { ModelMention } from '../scenario/reader.js';
import { checkModelMentions, resolveScenario, type Resolved } from '../scenario/resolve.js';
import type { Scenario } from '../scenario/types.js';
import type { EstimateReport } from '../report.js';
import type { TextRead } from '../text-file.js';
import { readScenarioFile } from './scenario-file.js';
import { findPreset, presetFlagValues, PRESET_NAMES, PRESETS } from '../presets.js';
import { deploymentOptions, hasDeploymentFlags, type DeploymentFlags } from './deployment-flags.js';
import { openWeightHints } from './open-weight-hint.js';
import { saveScenario } from './save-scenario.js';

export interface EstimateFlags extends ScenarioFlagValues, DeploymentFlags {
  format: AnalysisFormat;
  currency?: string;
  fx?: string[];
  pricing?: string[];
  out?: string;
  /** --wide: every column of a table, whatever the width (docs/output.md). */
  wide?: boolean;
  today?: string;
  /** A usage preset (src/presets.ts) whose figures fill the flags not given. */
  preset?: string;
  /** Writes the scenario the flags describe to this file. */
  save?: string;
}

export async function runEstimate(file: string | undefined, flags: EstimateFlags, io: Io): Promise<number> {
  const effective = await scenarioFlags(file, flags);
  const { scenario, report } = await estimateScenario(file === undefined ? undefined : readScenarioFile(file), effective, io);
  if (flags.save !== undefined) {
    saveScenario(flags.save, { flags: effective, given: { ...flags }, preset: flags.preset, report, today: flags.today ?? io.today, writtenOn: io.today, pricingArgs: pricingArgs(flags) });
  }
  const format = flags.format;
  if (format === 'html') {
    const { estimateHtmlReport } = await import('./analysis.js');
    emit(io, flags.out, () => estimateHtmlReport(scenario, report));
  } else emit(io, flags.out, (options) => estimateRenderers[format](report, options), flags.wide);
  return 0;
}

/**
 * The scenario flags a run describes: a preset's figures under the flags given, and the options
 * of --self-host / --serverless. Both describe a scenario from flags alone, not a file's.
 */
async function scenarioFlags(file: string | undefined, flags: EstimateFlags): Promise<EstimateFlags> {
  let effective: EstimateFlags = flags;
  if (file !== undefined) {
    for (const [flag, given] of [['--preset', flags.preset], ['--save', flags.save]] as const) {
      if (given !== undefined) throw UserError.at({ file: 'command line', flag }, flag, `describes a scenario from flags; ${file} is one already`, flag === '--save' ? 'edit the file, or run llm-tco wizard --from it' : 'leave out the file, or change the file\'s workload');
    }
  }
  if (flags.preset !== undefined) {
    const preset = findPreset(flags.preset);
    if (!preset) throw UserError.at({ file: 'command line', flag: '--preset' }, '--preset', `unknown preset '${flags.preset}'`, `known: ${PRESET_NAMES.join(', ')}`);
    // Its figures describe one kind of workload (chunks for rag, rounds for an agent).
    if (flags.workload !== undefined && flags.workload !== preset.kind) {
      throw UserError.at({ file: 'command line', flag: '--workload' }, '--workload', `the ${preset.id} preset is ${preset.kind === 'agent' ? 'an' : 'a'} ${preset.kind} workload, not ${flags.workload}`,
        `leave out --workload, or take the preset of that kind: ${PRESETS.filter((p) => p.kind === flags.workload).map((p) => p.id).join(', ') || 'none'}`);
    }
    const given = Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined));
    effective = { name: `${preset.title} (--preset ${preset.id})`, ...presetFlagValues(preset), ...given } as EstimateFlags;
  }
  if (!hasDeploymentFlags(flags)) return effective;
  return { ...effective, deployments: await deploymentOptions(flags) };
}

/** The flags `estimate` needs to price a saved scenario as this run did, in the order it takes them. */
function pricingArgs(flags: EstimateFlags): string[] {
  return [
    ...(flags.pricing ?? []).flatMap((file) => ['--pricing', file]),
    ...(flags.fx ?? []).flatMap((pair) => ['--fx', pair]),
    ...(flags.today === undefined ? [] : ['--today', flags.today]),
  ];
}

export type PricingFlags = Pick<EstimateFlags, 'currency' | 'fx' | 'pricing' | 'today'>;

type Estimated = { scenario: Scenario; report: EstimateReport; resolved: Resolved; resolve: (s: Scenario) => Resolved; fromScenarioCurrency: number | undefined; toReportCurrency: (from: string) => number | undefined };

/**
 * Reads, checks and estimates one scenario (from its text, or from flags alone): the steps every
 * command that estimates shares. Throws UserError with every problem found, up to
 * MAX_PROBLEMS_PER_FILE of them and a count of the rest.
 */
export async function estimateScenario(
  input: ScenarioText | undefined,
  flags: PricingFlags & ScenarioFlagValues,
  io: Pick<Io, 'today'>,
  pricing: Pricing = loadPricing(flags, io),
): Promise<Estimated> {
  try {
    return await estimateAll(input, flags, io, pricing);
  } catch (error) {
    if (error instanceof UserError) throw new UserError(capProblems(error.problems));
    throw error;
  }
}

/**
 * A scenario's text, named `file` in messages; its prompt files are found beside `promptsFrom`
 * (default: `file`), read by `readPrompt` when they are not on disk (a baseline at a git ref).
 */
export interface ScenarioText {
  file: string;
  text: string;
  promptsFrom?: string | undefined;
  readPrompt?: ((path: string) => TextRead) | undefined;
}

async function estimateAll(input: ScenarioText | undefined, flags: PricingFlags & ScenarioFlagValues, io: Pick<Io, 'today'>, pricing: Pricing): Promise<Estimated> {
  const reading = input === undefined ? readScenarioFlags(flags) : readScenarioText(input.text, {
    file: input.file,
    flags,
    ...(input.promptsFrom === undefined ? {} : { promptsFrom: input.promptsFrom }),
    ...(input.readPrompt === undefined ? {} : { readPrompt: input.readPrompt }),
  });
  const catalogue = await pricing.api(providersOf(reading.models));
  // Every problem at once: the scenario's own, and the model names the catalogue lacks.
  let unknownModels = checkModelMentions(reading.models, catalogue);
  // An open-weight model given to --model is served, not bought by the token: say how.
  if (unknownModels.some((p) => p.location.flag === '--model')) {
    unknownModels = openWeightHints(unknownModels, reading.models, catalogue, await pricing.selfHost());
  }
  const problems = [...reading.problems, ...unknownModels];
  if (problems.length > 0 || !reading.scenario) throw new UserError(sortProblems(problems));
  const scenario = reading.scenario;
  const today = flags.today ?? io.today;
  const currency = (flags.currency ?? scenario.currency).toUpperCase();
  const selfHost = scenario.options.some((o) => o.kind !== 'api') ? await pricing.selfHost() : undefined;
  const context = { catalogue, currency, today, currencyFlag: flags.currency !== undefined, ...(selfHost ? { selfHost } : {}) };
  const resolved = resolveScenario(scenario, context);
  // Amounts written in the scenario (its budget) are in its currency; the report may be in another.
  const fromScenarioCurrency = fxFactor(catalogue, scenario.currency.toUpperCase(), currency);
  const report = estimate(scenario, resolved);
  // A cost of Infinity or NaN, or a million instances, is never reported nor checked against a budget.
  const implausible = implausibleFigures(scenario, report);
  if (implausible.length > 0) throw new UserError(sortProblems(implausible));
  return { scenario, report, resolved, resolve: (s) => resolveScenario(s, context), fromScenarioCurrency, toReportCurrency: (from) => fxFactor(catalogue, from, currency) };
}

/** The catalogues for one set of --pricing and --fx flags. */
export interface Pricing {
  /** With the models of these providers loaded. */
  api(providers: string[]): Promise<Catalogue>;
  selfHost(): Promise<SelfHostCatalogue>;
}

/**
 * Loads the catalogues as scenarios ask for them, and keeps what it read: a command that
 * estimates many scenarios (check) reads each price file once for all of them.
 */
export function loadPricing(flags: PricingFlags, io: Pick<Io, 'today'>): Pricing {
  const files = new Map<string, unknown>();
  // One catalogue object per set of providers: its model index (built once per object) then
  // serves every scenario that names the same providers, not rebuilt for each of 5,000.
  const byProviders = new Map<string, Promise<Catalogue>>();
  let selfHost: Promise<SelfHostCatalogue> | undefined;
  return {
    api: (providers) => {
      const key = [...new Set(providers)].sort().join(' ');
      let catalogue = byProviders.get(key);
      if (!catalogue) {
        catalogue = loadCatalogue({ userFiles: flags.pricing ?? [], providers, files }).then((c) => withFx(c, flags.fx ?? [], io.today));
        byProviders.set(key, catalogue);
      }
      return catalogue;
    },
    selfHost: () => (selfHost ??= loadSelfHostCatalogue(flags.pricing ?? [])),
  };
}

/** Providers of the catalogue models a scenario names: only their price files are read. */
function providersOf(models: ModelMention[]): string[] {
  return models.flatMap((m) => (m.id.includes('/') ? [m.id.slice(0, m.id.indexOf('/'))] : []));
}

/** --fx CODE=RATE (units per 1 USD) overrides the catalogue's rate for that currency. */
export function withFx(catalogue: Catalogue, pairs: string[], today: string): Catalogue {
  if (pairs.length === 0) return catalogue;
  const fx = { ...catalogue.fx };
  for (const pair of pairs) {
    const m = /^([A-Za-z]{3})=(\d+(?:\.\d+)?)$/.exec(pair.trim());
    if (!m || Number(m[2]) <= 0) throw UserError.plain('--fx', `expected CODE=RATE (units of CODE per 1 USD), e.g. --fx CNY=7.2; got '${pair}'`);
    // Rates are per 1 USD: a USD rate other than 1 would be ignored, so it is refused.
    if (m[1]!.toUpperCase() === 'USD' && Number(m[2]) !== 1) throw UserError.plain('--fx', `rates are units per 1 USD, so USD's is always 1; got '${pair}'`, 'give the other currency\'s rate, e.g. --fx EUR=0.92');
    fx[m[1]!.toUpperCase()] = { perUsd: Number(m[2]), source: 'command line (--fx)', asOf: today };
  }
  return { ...catalogue, fx };
}
