// llm-tco calibrate: parse flags, read usage logs, summarise them (src/calibrate), render, and
// write the calibrated scenario (-o), all or nothing.

import { findApiModel, indexApiModels, type ApiModelIndex } from '../catalogue/catalogue.js';
import { loadCatalogue } from '../catalogue/load.js';
import { calibratedScenario } from '../calibrate/scenario-text.js';
import { readLogs, type Malformed } from '../calibrate/read-logs.js';
import { calibrationReport, type CalibrateReport, type ModelResolver } from '../calibrate/report.js';
import { formatProblem, UserError, type Problem } from '../errors.js';
import { formatCountOf } from '../formats/numbers.js';
import { calibrateRenderers } from '../formats/calibrate.js';
import type { CalibrateFormat } from '../formats/command-formats.js';
import { readInputs } from '../inputs.js';
import { outputWidth, useColor, writeFileAtomic, type Io } from '../io.js';
import { checkModelMentions } from '../scenario/resolve.js';
import { COMMAND_LINE, parseNumberText } from '../scenario/reader.js';

export interface CalibrateFlags {
  format: CalibrateFormat;
  /** Where to write the calibrated scenario. */
  out?: string;
  /** --wide: every column of a table, whatever the width (docs/output.md). */
  wide?: boolean;
  /** The scenario's API options (default: the logged models the catalogue knows). */
  model?: string[];
  name?: string;
  requestsPerMonth?: string;
  maxWarnings?: string;
  pricing?: string[];
}

const DEFAULT_MAX_WARNINGS = 10;

export async function runCalibrate(args: string[], flags: CalibrateFlags, io: Io): Promise<number> {
  const maxWarnings = flags.maxWarnings === undefined ? DEFAULT_MAX_WARNINGS : wholeNumber(flags.maxWarnings, '--max-warnings');
  const requestsPerMonth = flags.requestsPerMonth === undefined ? undefined : positiveNumber(flags.requestsPerMonth, '--requests-per-month');
  const inputs = await readInputs(args, io);
  const reading = readLogs(inputs);
  if (reading.calls.length === 0) throw new UserError(nothingUsable(reading.malformed, maxWarnings, inputs.map((i) => i.file)));
  warnMalformed(reading.malformed, maxWarnings, io);

  const logged = reading.calls.map((c) => candidateIds(c.model, c.provider)).flat();
  const wanted = [...logged.map((c) => c.id), ...(flags.model ?? [])];
  const catalogue = await loadCatalogue({ userFiles: flags.pricing ?? [], providers: wanted.filter((id) => id.includes('/')).map((id) => id.slice(0, id.indexOf('/'))) });
  const index = indexApiModels(catalogue);
  const report = calibrationReport(reading, resolverFor(index));

  // Checked with or without --out: a misspelt --model must not pass silently.
  const mentions = (flags.model ?? []).map((id) => ({ id, path: '', location: { file: COMMAND_LINE, flag: '--model' } }));
  const unknown = checkModelMentions(mentions, catalogue);
  if (unknown.length > 0) throw new UserError(unknown);
  if (flags.out !== undefined) {
    const options = flags.model ?? [...new Set(report.models.flatMap((m) => (m.catalogue_id === null ? [] : [m.catalogue_id])))];
    if (options.length === 0) {
      const names = report.models.map((m) => m.model ?? '(none)').join(', ');
      throw UserError.at({ file: COMMAND_LINE, flag: '--model' }, '', `none of the logged models (${names}) is in the catalogue: name the scenario's options with --model provider/model`);
    }
    const from = requestsPerMonth !== undefined ? '--requests-per-month' : report.requests_per_month !== null ? 'logs' : 'calls in the logs';
    const monthly = requestsPerMonth ?? report.requests_per_month ?? report.calls;
    const text = calibratedScenario(report, {
      name: flags.name ?? `Calibrated from ${inputs.length <= 2 ? inputs.map((i) => i.file).join(' and ') : `${inputs.length} log files`}`,
      options,
      requestsPerMonth: monthly,
      requestsPerMonthFrom: requestsPerMonthNote(report, from),
      today: io.today,
    });
    writeFileAtomic(flags.out, text);
    report.scenario = { file: flags.out, options, requests_per_month: monthly, requests_per_month_from: from };
  }
  io.stdout.write(calibrateRenderers[flags.format](report, { color: useColor(io), width: flags.wide ? undefined : outputWidth(io) }));
  return 0;
}

function requestsPerMonthNote(r: CalibrateReport, from: string): string {
  if (from === '--requests-per-month') return 'given with --requests-per-month';
  if (from === 'logs') return `the logged rate, ${formatCountOf(r.calls, 'call')} in ${r.period!.hours.toFixed(1)} hours, over a 730-hour month`;
  return `the ${formatCountOf(r.calls, 'call')} logged: the logs span under an hour (or carry no times), so set your monthly volume here`;
}

/**
 * Catalogue names a logged model may have: as logged when it names its provider (LiteLLM's
 * `anthropic/claude-...`), else under its provider. Anthropic prices a model, not its dated
 * snapshot, so `claude-sonnet-4-5-20250929` is also tried as `claude-sonnet-4-5`; nothing else is
 * guessed (OpenAI's snapshots can differ in price: gpt-4o-2024-05-13 costs twice gpt-4o).
 */
function candidateIds(model: string | undefined, provider: string | undefined): { id: string; note: string | null }[] {
  if (model === undefined) return [];
  const ids = [...(model.includes('/') ? [model] : []), ...(provider ? [`${provider}/${model}`] : [])];
  const undated = ids.filter((id) => id.startsWith('anthropic/') && /-\d{8}$/.test(id)).map((id) => id.replace(/-\d{8}$/, ''));
  return [...ids.map((id) => ({ id, note: null })), ...undated.map((id) => ({ id, note: `dated snapshot of ${id}, priced as it` }))];
}

function resolverFor(index: ApiModelIndex): ModelResolver {
  return (model, provider) => {
    for (const candidate of candidateIds(model, provider)) {
      const entry = findApiModel(index, candidate.id);
      if (entry) return { id: entry.id, note: candidate.note };
    }
    return undefined;
  };
}

function malformedProblem(m: Malformed): Problem {
  return { location: { file: m.file, line: m.line, ...(m.col === undefined ? {} : { col: m.col }) }, path: '', message: m.reason };
}

function warnMalformed(malformed: Malformed[], max: number, io: Io): void {
  for (const m of malformed.slice(0, max)) io.stderr.write(`llm-tco: warning: ${formatProblem(malformedProblem(m))} (line left out)\n`);
  if (malformed.length > max) io.stderr.write(`llm-tco: warning: ${malformed.length - max} more malformed lines left out (--max-warnings shows more; --format json lists them)\n`);
}

/** Nothing usable: the first malformed lines, and a last line saying so. */
function nothingUsable(malformed: Malformed[], max: number, files: string[]): Problem[] {
  const shown = malformed.slice(0, max).map(malformedProblem);
  const more = malformed.length > max ? `; ${malformed.length - max} more malformed lines` : '';
  const what = malformed.length > 0 ? `no usable usage records${more}` : 'no usage records (the logs are empty, or hold only records left out on purpose)';
  return [...shown, { location: { file: files.join(', ') }, path: '', message: what }];
}

function wholeNumber(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw UserError.at({ file: COMMAND_LINE, flag }, '', `must be a whole number of at least 0, got '${text}'`);
  return n;
}

function positiveNumber(text: string, flag: string): number {
  const n = parseNumberText(text);
  if (n === undefined || !(n > 0) || text.trim().endsWith('%')) throw UserError.at({ file: COMMAND_LINE, flag }, '', `must be a number greater than 0 (12k and 1.5M are fine), got '${text}'`);
  return n;
}
