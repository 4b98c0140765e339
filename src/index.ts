// The library: `import { estimate, breakeven, vram, throughput, loadCatalogue } from 'llm-tco'`.
// Each function returns the report object the matching command prints with `-f json` (schema
// llm-tco/report@1), computed by the same function the command calls after reading its file and
// flags, and throws LlmTcoInputError with the problems the command would print before exit 2.
// Nothing here prints, and nothing of the wizard, the terminal output or the token tables is
// loaded until a scenario names a prompt file.

import { stringify } from 'yaml';
import { loadCatalogue as loadApiCatalogue, loadSelfHostCatalogue } from './catalogue/load.js';
import { breakevenOf } from './commands/analysis.js';
import { estimateScenario, withFx } from './commands/estimate.js';
import { throughputFromFlags } from './commands/throughput.js';
import { vramFromFlags } from './commands/vram.js';
import { UserError, type Problem } from './errors.js';
import { isCalendarDate } from './units.js';

import type * as Api from './library-types.js';
import type { BreakevenOptions, InputProblem, ModelOptions, PricingOptions, ScenarioInput, ScenarioOptions } from './library-types.js';

export type * from './library-types.js';

/** Bad input: every problem found, the same list the CLI prints before it exits with code 2. */
export class LlmTcoInputError extends Error {
  override readonly name = 'LlmTcoInputError';
  readonly problems: InputProblem[];
  constructor(problems: InputProblem[], message: string) {
    super(message);
    this.problems = problems;
  }
}
// The class declared in library-types.ts (and so in the .d.ts) is this one.
LlmTcoInputError satisfies typeof Api.LlmTcoInputError;

/** What `llm-tco estimate FILE -f json` prints. */
export const estimate: typeof Api.estimate = async (scenario, options = {}) => {
  return inputErrors(options.file, async () => {
    const input = scenarioText(scenario, options);
    return (await estimateScenario(input, pricingFlags(options), { today: today(options) })).report;
  });
};

/** What `llm-tco breakeven FILE -f json` prints. */
export const breakeven: typeof Api.breakeven = async (scenario, options: BreakevenOptions = {}) => {
  return inputErrors(options.file, async () => {
    const input = scenarioText(scenario, options);
    return breakevenOf(input, { ...pricingFlags(options), ...(options.range === undefined ? {} : { range: options.range }) }, { today: today(options) });
  });
};

/** What `llm-tco vram -f json` prints. */
export const vram: typeof Api.vram = async (options) => {
  return inputErrors(undefined, () => vramFromFlags({ ...modelFlags(options), ...numberFlags({ context: options.context, concurrency: options.concurrency }), ...(options.gpu ? { gpu: options.gpu } : {}) }));
};

/** What `llm-tco throughput -f json` prints. */
export const throughput: typeof Api.throughput = async (options) => {
  return inputErrors(undefined, () =>
    throughputFromFlags({
      ...modelFlags(options), hardware: options.hardware,
      ...numberFlags({ batch: options.batch, context: options.context, gpus: options.gpus, input: options.input, output: options.output, requestRate: options.requestRate }),
      ...(options.split ? { split: options.split } : {}),
    }));
};

/** The catalogues an estimate prices with: every API model (with the exchange rates) and the self-hosting parts. */
export const loadCatalogue: typeof Api.loadCatalogue = async (options = {}) => {
  return inputErrors(undefined, async () => {
    const flags = pricingFlags(options);
    const api = withFx(await loadApiCatalogue({ userFiles: flags.pricing ?? [] }), flags.fx ?? [], today(options));
    return { api, selfHost: await loadSelfHostCatalogue(flags.pricing ?? []) };
  });
};

// ---- from options to what the commands take ----

const DEFAULT_FILE = 'scenario.yaml';
const OBJECT_FILE = '(scenario object)';

function scenarioText(scenario: ScenarioInput, options: ScenarioOptions): { file: string; text: string } {
  if (typeof scenario === 'string') return { file: options.file ?? DEFAULT_FILE, text: scenario };
  if (scenario === null || typeof scenario !== 'object' || Array.isArray(scenario)) {
    throw UserError.plain(options.file ?? OBJECT_FILE, 'a scenario is YAML text or an object of its keys', 'see docs/scenario.md');
  }
  return { file: options.file ?? OBJECT_FILE, text: stringify(scenario) };
}

function today(options: PricingOptions): string {
  if (options.today === undefined) return new Date().toISOString().slice(0, 10);
  if (!isCalendarDate(options.today)) throw UserError.at({ file: 'command line', flag: '--today' }, '--today', `must be a date written YYYY-MM-DD, got '${options.today}'`);
  return options.today;
}

function pricingFlags(options: ScenarioOptions): { pricing?: string[]; fx?: string[]; today?: string; currency?: string } {
  return {
    ...(options.pricing ? { pricing: options.pricing } : {}),
    ...(options.fx ? { fx: Object.entries(options.fx).map(([code, rate]) => `${code}=${rate}`) } : {}),
    ...(options.today === undefined ? {} : { today: today(options) }),
    ...(options.currency === undefined ? {} : { currency: options.currency }),
  };
}

function modelFlags(o: ModelOptions) {
  return {
    quant: o.quant,
    ...(o.model === undefined ? {} : { model: o.model }),
    ...(o.modelFile === undefined ? {} : { modelFile: o.modelFile }),
    ...(o.kvType === undefined ? {} : { kvType: o.kvType }),
    ...(o.engine === undefined ? {} : { engine: o.engine }),
    ...(o.pricing ? { pricing: o.pricing } : {}),
  };
}

/** Numbers as the flags' text, so they are checked by the same rules and named in the same words. */
function numberFlags<K extends string>(values: Record<K, number | undefined>): Partial<Record<K, string>> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])) as Partial<Record<K, string>>;
}

/** Runs a command's function; its UserError becomes an LlmTcoInputError with the same problems. */
async function inputErrors<T>(file: string | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    // An object given as the scenario has no lines of its own: positions in its YAML form would mislead.
    const fromObject = (p: Problem) => p.location.file === OBJECT_FILE && file === undefined;
    const problems = error.problems.map((p): InputProblem => ({
      file: p.location.file,
      ...(p.location.line === undefined || fromObject(p) ? {} : { line: p.location.line, column: p.location.col ?? 1 }),
      path: p.path,
      message: p.message,
      ...(p.hint === undefined ? {} : { hint: p.hint }),
      ...(p.location.flag === undefined ? {} : { flag: p.location.flag }),
    }));
    throw new LlmTcoInputError(problems, error.message);
  }
}

