// The scenario a calibration writes (-o): YAML with a header saying what it was calibrated from.
// Pure: report in, text out.
//
// Logged prompt sizes already include every resent message, so the workload does not rebuild a
// conversation (history: none). The part of each prompt the logs show read from the cache is
// system_prompt, read in full (cache_hit: 1), and the rest is input: cached reads and full-price
// input per call come out as measured, for every provider. (Writing the whole prompt as
// system_prompt with the observed hit rate as cache_hit would bill the same reads, but for models
// that charge cache writes the engine would then write every uncached token on every call.)
// A figure that varies is the triangular range {min: P10, mode: P50, max: P90}: `simulate`
// samples it, `estimate` uses its mean (P10 + P50 + P90) / 3.

import { terminalText } from '../formats/terminal-text.js';
import { FORMAT_NAMES, LOG_FORMATS } from './usage.js';
import type { CalibrateReport } from './report.js';
import type { Stats } from './stats.js';
import { groupDigits } from '../units.js';

export interface ScenarioChoices {
  name: string;
  /** Catalogue model ids, one API option each. */
  options: string[];
  requestsPerMonth: number;
  requestsPerMonthFrom: string;
  today: string;
}

const whole = (n: number) => Math.round(n);
const decimals = (n: number) => String(Number(n.toFixed(2)));
const grouped = (n: number) => groupDigits(whole(n), 0);

/** A triangular range of P10/P50/P90 (rounded to whole tokens), or one number when they agree. */
export function tokenRange(s: Stats): string {
  const [min, mode, max] = [whole(s.p10), whole(s.p50), whole(s.p90)];
  return min === max ? String(mode) : `{min: ${min}, mode: ${mode}, max: ${max}}`;
}

/** Mean / P10 / P50 / P90 for the header. */
function figures(s: Stats): string {
  return `${grouped(s.mean)} / ${grouped(s.p10)} / ${grouped(s.p50)} / ${grouped(s.p90)}`;
}

export function calibratedScenario(r: CalibrateReport, choices: ScenarioChoices): string {
  const t = r.tokens_per_call;
  const share = r.cache_hit_rate ?? 0;
  const cachedAny = t.cached.total > 0;
  const formats = LOG_FORMATS.filter((f) => r.formats[f] > 0).map((f) => `${FORMAT_NAMES[f]}: ${r.formats[f]}`).join(', ');
  const grouping = Object.entries(r.sessions.grouped_by).filter(([, n]) => n > 0).map(([g, n]) => `${g.replace('_', ' ')} ${n}`).join(', ');
  const period = r.period ? `${r.period.first} .. ${r.period.last} (${r.period.hours.toFixed(1)} h)` : 'no times in the records';
  const lines = [
    `# Calibrated by llm-tco calibrate on ${choices.today} from ${r.calls} logged calls (${formats}):`,
    // A file name may hold a line break, which would end the comment: shown as text.
    ...r.sources.map((s) => `#   ${terminalText(s.file)}: ${s.calls} calls${s.malformed > 0 ? `, ${s.malformed} malformed lines left out` : ''}${s.skipped > 0 ? `, ${s.skipped} records skipped` : ''}`),
    `# Logged: ${period}; ${r.sessions.count} sessions (calls grouped by ${grouping}).`,
    '# Per call, mean / P10 / P50 / P90 tokens:',
    `#   prompt ${figures(t.input)} (${(share * 100).toFixed(1)}% of prompt tokens read from the cache)`,
    `#     read from the cache ${figures(t.cached)}; not ${figures(t.uncached)}`,
    `#   output ${figures(t.output)}; reasoning ${figures(t.reasoning)}`,
    ...(t.cache_write.total > 0 ? [`#   written to the cache ${figures(t.cache_write)} (llm-tco derives writes from cache_hit instead)`] : []),
    `#   calls per session ${decimals(r.sessions.calls_per_session.mean)} (P50 ${decimals(r.sessions.calls_per_session.p50)}, P90 ${decimals(r.sessions.calls_per_session.p90)})`,
    `# requests_per_month: ${choices.requestsPerMonthFrom}.`,
    '# The logged prompts already hold the resent history (history: none). system_prompt is the',
    '# part of each prompt read from the cache, read in full (cache_hit: 1); input is the rest.',
    '# Ranges are {min: P10, mode: P50, max: P90}: simulate samples them; estimate uses their',
    '# mean, (P10 + P50 + P90) / 3.',
    `name: ${JSON.stringify(choices.name)}`,
    'currency: USD',
    'traffic:',
    `  requests_per_month: ${whole(choices.requestsPerMonth)}`,
    `  requests_per_session: ${Number(Math.max(1, r.sessions.calls_per_session.mean).toFixed(2))}`,
    'workload:',
    '  kind: chat',
    `  system_prompt: ${tokenRange(t.cached)}`,
    `  input: ${tokenRange(t.uncached)}`,
    `  output: ${tokenRange(t.output)}`,
    `  reasoning: ${tokenRange(t.reasoning)}`,
    '  history: none',
    `  cache_hit: ${cachedAny ? 1 : 0}`,
    'options:',
    ...choices.options.map((id) => `  - api: ${JSON.stringify(id)}`),
  ];
  return `${lines.join('\n')}\n`;
}
