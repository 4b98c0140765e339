// llm-tco check: every scenario against its budget (and, optionally, against a baseline), for CI.
// Exit 0 all within budget, 1 any over (or over --max-increase; with --strict, any warning),
// 2 any scenario invalid: an invalid scenario fails the check, it is never skipped.

import { execFileSync } from 'node:child_process';
import { appendFileSync, lstatSync, statSync } from 'node:fs';
import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { diffTotals, lineFinder } from '../engine/baseline-diff.js';
import { checkBudget, checkPrices, diffScenario, optionCosts, type BudgetSpec, type OptionCosts } from '../engine/budget.js';
import { formatProblem, UserError, type Location, type Problem } from '../errors.js';
import { checkRenderers, pricesSentence, type CheckFormat } from '../formats/check.js';
import { expandPattern, isPattern, patternBase, segmentRegExp, unlistableProblem, type Unlistable } from '../glob.js';
import { emit, type Io } from '../io.js';
import { REPORT_SCHEMA, type BudgetLimit, type CheckPrices, type CheckReport, type EstimateReport, type ScenarioDiff, type ScenarioInput, type ScenarioVerdict } from '../report.js';
import { scenarioInputs } from '../scenario/inputs.js';
import type { Scenario } from '../scenario/types.js';
import { parseNumberText } from '../scenario/reader.js';
import { overLimit, runFiles } from '../run-files.js';
import { decodeText, readText, unreadableError, type TextRead } from '../text-file.js';
import { readSavedBaseline } from './saved-baseline.js';
import { readScenarioFile } from './scenario-file.js';
import { estimateScenario, loadPricing, type PricingFlags } from './estimate.js';

export interface CheckFlags extends PricingFlags {
  format: CheckFormat;
  out?: string;
  budget?: string[];
  budgetOption?: string;
  warnAt?: string;
  strict?: boolean;
  baseline?: string;
  baselineRef?: string;
  compareTo?: string;
  maxIncrease?: string;
  maxPriceAge?: string;
  showUnchanged?: boolean;
}

/** Why a budget of 0 is refused (scenario and flag alike). */
const ZERO_BUDGET_HINT = 'a budget of 0 is over at any cost; leave the limit out to set none';
const LIMITS: BudgetLimit[] = ['monthly', 'per_request', 'per_session', 'per_user', 'max_tier'];
const COMMAND_LINE = 'command line';
const SCENARIO_FILE = /\.ya?ml$/i;

export async function runCheck(args: string[], flags: CheckFlags, io: Io): Promise<number> {
  const flagBudget = parseBudgetFlags(flags);
  const given = (['baseline', 'baselineRef', 'compareTo'] as const).filter((k) => flags[k] !== undefined);
  if (given.length > 1) {
    throw UserError.at({ file: COMMAND_LINE, flag: '--baseline' }, '--baseline', 'give one of --baseline DIR, --baseline-ref REF and --compare-to FILE, not several');
  }
  const maxIncrease = flags.maxIncrease === undefined ? null : shareFlag(flags.maxIncrease, '--max-increase', false);
  const maxPriceAge = flags.maxPriceAge === undefined ? null : daysFlag(flags.maxPriceAge, '--max-price-age');
  // An increase is measured against a baseline; without one the limit would be ignored.
  if (maxIncrease !== null && given.length === 0) {
    throw UserError.at({ file: COMMAND_LINE, flag: '--max-increase' }, '--max-increase', 'needs a baseline to compare with', 'add --baseline DIR, --baseline-ref REF or --compare-to FILE, e.g. --baseline-ref origin/main');
  }
  const foundIn = new Map<string, string>();
  const unlistable: Unlistable[] = [];
  const files = scenarioFiles(args, '.', foundIn, unlistable);
  // One load of the catalogues for every scenario and baseline: the flags that choose them are the run's.
  const pricing = loadPricing(flags, io);

  const verdicts: ScenarioVerdict[] = [];
  const reports = new Map<string, EstimateReport>();
  /** Each scenario's inputs now, and where its keys are, for the comparison with the baseline. */
  const heads = new Map<string, { inputs: ScenarioInput[]; lineOf: (path: string) => number | null }>();
  const bindings = new Map<string, string>();
  for (const file of files) {
    try {
      const { scenario, report, toReportCurrency } = await estimateScenario(readScenarioFile(file, foundIn.get(file)), flags, io, pricing);
      reports.set(file, report);
      const inputs = scenarioInputs(scenario);
      heads.set(file, { inputs, lineOf: lineFinder(scenario.locations) });
      const spec = budgetFor(scenario, flagBudget, report.currency, toReportCurrency);
      bindings.set(file, spec?.option ?? 'cheapest');
      verdicts.push({ ...(spec ? checkBudget(file, report, spec) : noBudget(file, report)), inputs });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      verdicts.push(invalid(file, error.problems));
    }
  }

  // A folder the walk could not list may hold scenarios: the check cannot pass without them.
  for (const folder of unlistable) verdicts.push(invalid(folder.folder, [unlistableProblem(folder)]));

  let baseline: CheckReport['baseline'] = null;
  const source = baselineSource(flags, io, pricing);
  if (source) {
    const diffs: ScenarioDiff[] = [];
    for (const file of files) {
      const report = reports.get(file);
      const now: OptionCosts | null = report ? { currency: report.currency, options: optionCosts(report) } : null;
      let before: BaselineCosts | null = null;
      let unreadable = false;
      try {
        before = (await source.costs(file)) ?? null;
        // Costs in two currencies are not compared (a saved report keeps the currency it was saved in).
        if (before && now && before.currency !== now.currency) {
          throw UserError.plain(`${source.label}:${file}`, `costed in ${before.currency}, and this check in ${now.currency}: not compared`, `save the baseline with --currency ${now.currency}, or check with --currency ${before.currency}`);
        }
      } catch (error) {
        // A baseline that does not read is an error, not an absent baseline: counting the
        // scenario as new would let it past --max-increase unchecked.
        if (!(error instanceof UserError)) throw error;
        const at = verdicts.findIndex((v) => v.file === file);
        verdicts[at] = invalid(file, [...(verdicts[at]?.problems ?? []), ...error.problems]);
        unreadable = true;
      }
      const head = heads.get(file);
      const inputs = head && before ? { before: before.inputs, now: head.inputs, lineOf: head.lineOf } : undefined;
      const diff = diffScenario(file, now, before, bindings.get(file) ?? 'cheapest', maxIncrease, inputs);
      diffs.push(now && !unreadable ? diff : { ...diff, status: 'invalid' });
    }
    const checked = new Set(files.map(baselineKey));
    for (const file of source.list(args)) {
      if (checked.has(file)) continue;
      let before: BaselineCosts | undefined;
      let unreadable = false;
      try {
        before = await source.costs(file);
        if (before === undefined) continue;
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        unreadable = true;
      }
      // A removed scenario that does not read in the base is not compared; it is not "new" either.
      const diff = diffScenario(file, null, before ?? null, 'cheapest', null);
      diffs.push(unreadable ? { ...diff, status: 'invalid' } : diff);
    }
    baseline = { source: source.label, max_increase: maxIncrease, scenarios: diffs, total: diffTotals(diffs) };
  }

  const prices = checkPrices(reports, flags.today ?? io.today, maxPriceAge);
  const report = checkReport(verdicts, baseline, flags.strict === true, prices);
  const showUnchanged = flags.showUnchanged === true;
  emit(io, flags.out, (options) => checkRenderers[flags.format](report, { ...options, showUnchanged }));
  if (flags.out !== undefined) {
    // The report went to a file: the problems that make the exit code 2 still show on the terminal.
    for (const v of report.scenarios) for (const p of v.problems) io.stderr.write(`llm-tco: ${formatProblem(p)}\n`);
    if (report.prices.too_old) io.stderr.write(`llm-tco: ${pricesSentence(report)}\n`);
  }
  const summary = io.env.GITHUB_STEP_SUMMARY;
  if (flags.format === 'github' && summary) appendFileSync(summary, checkRenderers.markdown(report, { color: false, showUnchanged }));
  return report.exit_code;
}

export function checkReport(scenarios: ScenarioVerdict[], baseline: CheckReport['baseline'], strict: boolean, prices: CheckPrices): CheckReport {
  const invalid = scenarios.some((s) => s.status === 'invalid');
  const over = scenarios.some((s) => s.status === 'over') || (baseline?.scenarios.some((d) => d.over_max_increase) ?? false);
  const warn = scenarios.some((s) => s.status === 'warn');
  const status = invalid ? 'invalid' : over ? 'over' : warn ? 'warn' : 'ok';
  // Prices older than --max-price-age fail the check as a budget does: what it says is not to be trusted.
  const exit_code = invalid ? 2 : over || prices.too_old || (strict && warn) ? 1 : 0;
  return { schema: REPORT_SCHEMA, command: 'check', status, exit_code, strict, scenarios, baseline, prices };
}

/**
 * Files, folders (every .yaml below) and patterns; a pattern or folder that finds nothing is an
 * error. `foundIn` gets, for each file a folder or pattern found, the folder its walk started
 * from: a link among them must stay in that tree.
 */
export function scenarioFiles(args: string[], cwd: string, foundIn?: Map<string, string>, unlistable: Unlistable[] = []): string[] {
  if (args.length === 0) throw UserError.at({ file: COMMAND_LINE }, '', 'name the scenarios to check: files, folders or patterns such as scenarios/**/*.yaml');
  const files: string[] = [];
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const arg of args) {
    let found: string[];
    const hidden = unlistable.length;
    if (isPattern(arg)) found = expandPattern(arg, cwd, unlistable).filter((f) => SCENARIO_FILE.test(f));
    else if (isDirectory(resolve(cwd, arg))) found = expandPattern(`${arg.replace(/\/+$/, '')}/**/*`, cwd, unlistable).filter((f) => SCENARIO_FILE.test(f));
    else found = [arg];
    const walked = isPattern(arg) ? resolve(cwd, patternBase(arg)) : isDirectory(resolve(cwd, arg)) ? resolve(cwd, arg) : undefined;
    if (walked !== undefined && foundIn) for (const f of found) foundIn.set(f, walked);
    // A folder it could not list is reported with the verdicts; "no scenario files" would be a guess.
    if (found.length === 0 && unlistable.length === hidden) problems.push({ location: { file: arg }, path: '', message: isPattern(arg) ? 'matches no scenario files' : 'holds no scenario files (.yaml)' });
    for (const f of found) {
      if (seen.has(f)) continue;
      seen.add(f);
      files.push(f);
    }
  }
  if (problems.length > 0) throw new UserError(problems);
  return files;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

interface FlagBudget {
  limits: BudgetSpec['limits'];
  option: string | undefined;
  warnAt: number | undefined;
}

/** --budget monthly=500 (or a bare 500: monthly), per_request=0.01, per_session=..., per_user=... */
function parseBudgetFlags(flags: CheckFlags): FlagBudget {
  const limits: BudgetSpec['limits'] = {};
  for (const value of flags.budget ?? []) {
    const m = /^(?:([a-z_]+)=)?(.+)$/.exec(value.trim())!;
    const limit = (m[1] ?? 'monthly') as BudgetLimit;
    const amount = parseNumberText(m[2]!);
    if (!LIMITS.includes(limit)) throw UserError.at({ file: COMMAND_LINE, flag: '--budget' }, '--budget', `unknown limit '${m[1]}'`, `use ${LIMITS.join(', ')}, e.g. --budget monthly=500`);
    const at = { file: COMMAND_LINE, flag: '--budget' };
    // As in a scenario's budget: 50% of what? An amount of money, never a share.
    if (m[2]!.trim().endsWith('%')) throw UserError.at(at, '--budget', `expected an amount of money, not a percentage; got '${value}'`, `write the amount in the report's currency, e.g. --budget ${limit}=500`);
    // A tier is a count, not money: its own message, before the amount's.
    if (limit === 'max_tier' && (amount === undefined || amount < 1 || !Number.isInteger(amount))) {
      throw UserError.at(at, '--budget', `max_tier is a whole rate-limit tier of at least 1, got '${value}'`, 'e.g. --budget max_tier=3');
    }
    if (amount === undefined || amount < 0) throw UserError.at(at, '--budget', `expected an amount, e.g. --budget ${limit}=500; got '${value}'`);
    if (amount === 0) throw UserError.at(at, '--budget', `must be greater than 0, got '${value}'`, ZERO_BUDGET_HINT);
    limits[limit] = { amount, location: at };
  }
  return { limits, option: flags.budgetOption, warnAt: flags.warnAt === undefined ? undefined : shareFlag(flags.warnAt, '--warn-at', true) };
}

function daysFlag(value: string, flag: string): number {
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : undefined;
  if (n === undefined) throw UserError.at({ file: COMMAND_LINE, flag }, flag, `expected a whole number of days such as 90, got '${value}'`);
  return n;
}

function shareFlag(value: string, flag: string, atMostOne: boolean): number {
  const n = parseNumberText(value);
  if (n === undefined || n < 0 || (atMostOne && n > 1)) throw UserError.at({ file: COMMAND_LINE, flag }, flag, `expected a share such as 80% or 0.8, got '${value}'`);
  return n;
}

/**
 * The scenario's budget with the flags over it; undefined when neither sets a limit. The
 * scenario's amounts are in its own currency, or the one written with them (`€35`), and are
 * converted to the report's (`--currency`); the flags' amounts are in the report's currency already.
 */
function budgetFor(scenario: Scenario, flags: FlagBudget, reportCurrency: string, toReportCurrency: (from: string) => number | undefined): BudgetSpec | undefined {
  const limits: BudgetSpec['limits'] = {};
  const b = scenario.budget;
  if (b) {
    const at = (key: string): Location => scenario.locations.get(`budget.${key}`) ?? b.location;
    const scenarioCurrency = scenario.currency.toUpperCase();
    const problems: Problem[] = [];
    const limit = (key: Exclude<BudgetLimit, 'max_tier'>, value: number | undefined) => {
      if (value === undefined) return;
      const currency = b.currencies?.[key] ?? scenarioCurrency;
      const rate = toReportCurrency(currency);
      if (rate === undefined) {
        const written = b.currencies?.[key] !== undefined;
        problems.push({ location: written ? at(key) : b.location, path: written ? `budget.${key}` : 'budget', message: `is in ${currency} and the report in ${reportCurrency}, with no ${currency} rate to convert it`, hint: `add --fx ${currency}=RATE, units of ${currency} per 1 USD` });
        return;
      }
      limits[key] = { amount: value * rate, location: at(key), ...(currency === reportCurrency ? {} : { written: { amount: value, currency, rate } }) };
    };
    limit('monthly', b.monthly);
    limit('per_request', b.perRequest);
    limit('per_session', b.perSession);
    limit('per_user', b.perUser);
    // A tier is no money: never converted.
    if (b.maxTier !== undefined) limits.max_tier = { amount: b.maxTier, location: at('max_tier') };
    // One line for the scenario's own currency, however many limits it has.
    const unique = problems.filter((p, i) => p.path !== 'budget' || problems.findIndex((q) => q.path === 'budget') === i);
    if (unique.length > 0) throw new UserError(unique);
  }
  Object.assign(limits, flags.limits);
  if (Object.keys(limits).length === 0) return undefined;
  return { limits, option: flags.option ?? b?.option ?? 'cheapest', warnAt: flags.warnAt ?? b?.warnAt ?? 0.8 };
}

function noBudget(file: string, report: EstimateReport): ScenarioVerdict {
  const cheapest = report.options[0]?.monthly_cost ?? null;
  return { file, name: report.scenario.name, status: 'no_budget', currency: report.currency, option: report.cheapest, monthly_cost: cheapest, warn_at: null, checks: [], advice: [], options: optionCosts(report), problems: [] };
}

function invalid(file: string, problems: Problem[]): ScenarioVerdict {
  return {
    file, name: null, status: 'invalid', currency: null, option: null, monthly_cost: null, warn_at: null, checks: [], advice: [], options: [], inputs: [],
    problems: problems.map((p) => ({ location: p.location, path: p.location.flag ?? p.path, message: p.hint ? `${p.message} (${p.hint})` : p.message })),
  };
}

/** A scenario's costs in the baseline, and its inputs (null when a saved report did not keep them). */
type BaselineCosts = OptionCosts & { inputs: ScenarioInput[] | null };

/** Where the scenarios as they were come from: costed again from their text, or read from a saved report. */
interface Baseline {
  label: string;
  /** A scenario's costs in the baseline; undefined when the baseline does not have it; a UserError when it has it and it does not read. */
  costs(file: string): Promise<BaselineCosts | undefined>;
  /** The scenario files the arguments name in the baseline. */
  list(args: string[]): string[];
}

function baselineSource(flags: CheckFlags, io: Io, pricing: ReturnType<typeof loadPricing>): Baseline | undefined {
  if (flags.compareTo !== undefined) return savedSource(flags.compareTo);
  const text = flags.baseline !== undefined ? dirSource(flags.baseline) : flags.baselineRef !== undefined ? gitSource(flags.baselineRef) : undefined;
  if (!text) return undefined;
  return {
    label: text.label,
    list: (args) => text.list(args),
    // Costed with this run's flags and catalogue, as the scenarios now are.
    costs: async (file) => {
      const read = text.read(file);
      if (read === undefined) return undefined;
      const { report, scenario } = await estimateScenario({ file: `${text.label}:${file}`, text: read, promptsFrom: text.promptsFrom?.(file), readPrompt: text.readPrompt }, flags, io, pricing);
      return { currency: report.currency, options: optionCosts(report), inputs: scenarioInputs(scenario) };
    },
  };
}

/** --compare-to FILE: a check report saved with --format json. */
function savedSource(path: string): Baseline {
  const saved = new Map([...readSavedBaseline(path)].map(([file, scenario]) => [baselineKey(file), scenario]));
  return {
    label: path,
    costs: async (file) => {
      const scenario = saved.get(baselineKey(file));
      if (scenario === undefined) return undefined;
      if ('invalid' in scenario) throw UserError.plain(`${path}:${file}`, 'was invalid when the baseline was saved: not compared', 'save the baseline again once the scenario reads');
      return { ...scenario.costs, inputs: scenario.inputs };
    },
    list: (args) => {
      const keys = [...saved.keys()];
      const out: string[] = [];
      for (const arg of args) {
        const target = baselineKey(arg).replace(/\/+$/, '');
        out.push(...keys.filter((k) => (isPattern(arg) ? matchesPattern(k, target) : k === target || k.startsWith(`${target}/`))));
      }
      return [...new Set(out)];
    },
  };
}

interface BaselineSource {
  label: string;
  read(file: string): string | undefined;
  /** The path a baseline scenario's prompt files are found beside. */
  promptsFrom?(file: string): string;
  /** Reads a prompt file at that path, when the baseline is not on disk. */
  readPrompt?(path: string): TextRead;
  /** The scenario files the arguments name in the baseline. */
  list(args: string[]): string[];
}

/**
 * Where a scenario sits in the other checkout: its path from the current folder (the checkout's
 * root), however it was written; a path outside the current folder is kept as written.
 */
function baselineKey(file: string): string {
  const rel = relative('.', resolve(file)).split(sep).join('/');
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

/** --baseline DIR: DIR is the root of the other checkout; `scenarios/a.yaml` is DIR/scenarios/a.yaml there. */
function dirSource(dir: string): BaselineSource {
  if (!isDirectory(dir)) throw UserError.at({ file: COMMAND_LINE, flag: '--baseline' }, '--baseline', `'${dir}' is not a folder`);
  const inBase = (key: string) => join(dir, key);
  /** A path found under DIR, named as the scenario it stands for. */
  const keyOf = (found: string, absolute: boolean) => `${absolute ? '/' : ''}${relative(dir, found).split(sep).join('/')}`;
  return {
    label: dir,
    // Absent only when nothing is there: a link to nothing or a file that cannot be read is a
    // problem with that scenario, never a new scenario let past --max-increase.
    read: (file) => {
      const path = inBase(baselineKey(file));
      return existsAt(path) ? readText(path) : undefined;
    },
    // Its prompt files are the base's, beside it in DIR: a prompt that grew shows as a change.
    promptsFrom: (file) => inBase(baselineKey(file)),
    // What the arguments name in the base; a folder or file the base does not have names nothing.
    list: (args) => {
      const out: string[] = [];
      for (const arg of args) {
        const key = baselineKey(arg);
        const path = inBase(key);
        const found = isPattern(arg) ? expandPattern(path) : isDirectory(path) ? expandPattern(`${path.replace(/[\\/]+$/, '')}/**/*`) : existsAt(path) ? [path] : [];
        for (const f of found) if (SCENARIO_FILE.test(f)) out.push(keyOf(f, isAbsolute(key)));
      }
      return [...new Set(out)];
    },
  };
}

function existsAt(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    return true; // the read says what is wrong
  }
}

/** git's output whole; `maxBuffer` bytes at most (a repository's file list has no limit but memory). */
function git(args: string[], maxBuffer = Infinity): string {
  return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer });
}

function gitSource(ref: string): BaselineSource {
  let prefix: string;
  try {
    git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    prefix = git(['rev-parse', '--show-prefix']).trim();
  } catch {
    throw UserError.at({ file: COMMAND_LINE, flag: '--baseline-ref' }, '--baseline-ref', `git cannot find '${ref}' here`, 'fetch it first, e.g. git fetch origin main, and name it origin/main');
  }
  const inRepo = (file: string) => posix.join(prefix, relative('.', file).split('\\').join('/'));
  let listed: string[] | undefined;
  let present: Set<string> | undefined;
  const all = () => (listed ??= git(['ls-tree', '-r', '--name-only', '--full-tree', ref]).split('\n').filter(Boolean));
  return {
    label: ref,
    read: (file) => {
      // New only when the file is not in the ref; one that is there and does not read is a problem.
      present ??= new Set(all());
      const path = inRepo(file);
      if (!present.has(path)) return undefined;
      return gitBlobText(ref, path);
    },
    // Its prompt files as they were at the ref, found beside it there.
    promptsFrom: (file) => file,
    readPrompt: (where) => {
      const path = posix.normalize(inRepo(where));
      if (path.startsWith('../') || isAbsolute(path)) return { unreadable: { kind: 'outside', message: `is outside the repository of ${ref}` } };
      present ??= new Set(all());
      if (!present.has(path)) return { unreadable: { kind: 'missing', message: `no such file at ${ref}` } };
      // A link at the ref is a blob of its target's name: counting it would count the wrong text.
      const mode = git(['ls-tree', ref, '--', path]).split(/\s/)[0];
      if (mode === '120000') return { unreadable: { kind: 'not-regular', message: `is a symbolic link at ${ref}, not a file` } };
      try {
        const bytes = gitBlobBytes(ref, path);
        return decodeText(bytes);
      } catch (error) {
        if (error instanceof UserError) return { unreadable: { kind: 'error', message: error.problems[0]!.message } };
        throw error;
      }
    },
    list: (args) => {
      const files = all();
      const out: string[] = [];
      for (const arg of args) {
        const target = inRepo(arg).replace(/\/+$/, '');
        const matches = isPattern(arg)
          ? files.filter((f) => matchesPattern(f, target))
          : files.filter((f) => f === target || f.startsWith(`${target}/`));
        for (const f of matches) if (SCENARIO_FILE.test(f)) out.push(prefix && f.startsWith(prefix) ? f.slice(prefix.length) : f);
      }
      return [...new Set(out)];
    },
  };
}

/** A file's text at a ref, read as any file is: up to the size limit, strict UTF-8, every failure a problem naming it. */
function gitBlobText(ref: string, path: string): string {
  const shown = `${ref}:${path}`;
  const bytes = gitBlobBytes(ref, path);
  const read = decodeText(bytes);
  if ('unreadable' in read) throw unreadableError(shown, read.unreadable);
  return read.text;
}

/** A file's bytes at a ref, up to the size limit; a UserError naming it when git cannot give them. */
function gitBlobBytes(ref: string, path: string): Buffer {
  const shown = `${ref}:${path}`;
  const limit = runFiles().maxFileBytes;
  try {
    return execFileSync('git', ['cat-file', 'blob', shown], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: limit });
  } catch (error) {
    const failed = error as NodeJS.ErrnoException & { stderr?: Buffer };
    if (failed.code === 'ENOBUFS') throw UserError.plain(shown, overLimit(undefined, limit));
    const said = failed.stderr?.toString('utf8').trim().split('\n')[0];
    throw UserError.plain(shown, `git cannot read it${said ? `: ${said}` : ''}`);
  }
}

/** A repository path against a pattern, segment by segment (`**` spans folders). */
function matchesPattern(path: string, pattern: string): boolean {
  const p = pattern.split('/');
  const s = path.split('/');
  const match = (i: number, j: number): boolean => {
    if (i === p.length) return j === s.length;
    if (p[i] === '**') return match(i + 1, j) || (j < s.length && match(i, j + 1));
    return j < s.length && segmentRegExp(p[i]!).test(s[j]!) && match(i + 1, j + 1);
  };
  return match(0, 0);
}
