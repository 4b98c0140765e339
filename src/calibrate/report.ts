// The calibrate report (its JSON is public, schema llm-tco/report@1): what real usage logs show
// per call and per session, built from the calls read. Pure; unrounded.

import { REPORT_SCHEMA } from '../report.js';
import { HOURS_PER_MONTH } from '../units.js';
import type { Call, LogReading, Malformed, SourceSummary } from './read-logs.js';
import { GROUPINGS, groupSessions, type Grouping } from './sessions.js';
import { summarise, type Stats } from './stats.js';
import { LOG_FORMATS, type LogFormat } from './usage.js';

/** How many malformed lines the JSON report lists (the count is always complete). */
export const MALFORMED_LISTED = 1000;
/** Below this span, calls per hour say little about a month: no extrapolation. */
export const MIN_HOURS_TO_EXTRAPOLATE = 1;
const MS_PER_HOUR = 3_600_000;

export interface ModelUse {
  /** As logged; null when the records name none. */
  model: string | null;
  provider: string | null;
  calls: number;
  /** The catalogue model it is priced as; null when the catalogue has no such name. */
  catalogue_id: string | null;
  note: string | null;
}

export interface CalibrateReport {
  schema: typeof REPORT_SCHEMA;
  command: 'calibrate';
  sources: SourceSummary[];
  calls: number;
  formats: Record<LogFormat, number>;
  models: ModelUse[];
  /**
   * Per call: input is the whole prompt, of which cached were read from the cache and uncached
   * were not (input - cached); output leaves reasoning out.
   */
  tokens_per_call: { input: Stats; cached: Stats; uncached: Stats; cache_write: Stats; output: Stats; reasoning: Stats };
  /** Prompt tokens read from the cache / all prompt tokens; null without prompt tokens. */
  cache_hit_rate: number | null;
  sessions: { count: number; calls_per_session: Stats; grouped_by: Record<Grouping, number> };
  period: { first: string; last: string; hours: number } | null;
  /** Calls per 730-hour month at the logged rate; null when the logs span under an hour. */
  requests_per_month: number | null;
  malformed: { count: number; lines: Malformed[] };
  skipped: { count: number; reasons: Record<string, number> };
  /** The scenario written with -o, if any. */
  scenario: { file: string; options: string[]; requests_per_month: number; requests_per_month_from: 'logs' | '--requests-per-month' | 'calls in the logs' } | null;
}

/** The catalogue name a logged model is priced as, if any. */
export type ModelResolver = (model: string | undefined, provider: string | undefined) => { id: string; note: string | null } | undefined;

export function calibrationReport(reading: LogReading, resolve: ModelResolver): CalibrateReport {
  const { calls } = reading;
  const per = (pick: (c: Call) => number) => summarise(calls.map(pick));
  const input = per((c) => c.inputTokens);
  const cached = per((c) => c.cachedTokens);
  const sessions = groupSessions(calls.map((c) => c.sessionKeys));
  const groupedBy = Object.fromEntries(GROUPINGS.map((g) => [g, 0])) as Record<Grouping, number>;
  for (const g of sessions.groupedBy) groupedBy[g]++;
  const formats = Object.fromEntries(LOG_FORMATS.map((f) => [f, 0])) as Record<LogFormat, number>;
  for (const c of calls) formats[c.format]++;

  const times = calls.map((c) => c.time).filter((t): t is number => t !== undefined);
  // reduce, not Math.min(...times): a spread of a million calls overflows the stack.
  const first = times.length > 0 ? times.reduce((a, b) => Math.min(a, b)) : undefined;
  const last = times.length > 0 ? times.reduce((a, b) => Math.max(a, b)) : undefined;
  const hours = first === undefined || last === undefined ? 0 : (last - first) / MS_PER_HOUR;
  const period = first === undefined || last === undefined ? null : { first: new Date(first).toISOString(), last: new Date(last).toISOString(), hours };

  return {
    schema: REPORT_SCHEMA,
    command: 'calibrate',
    sources: reading.sources,
    calls: calls.length,
    formats,
    models: modelUses(calls, resolve),
    tokens_per_call: {
      input,
      cached,
      uncached: per((c) => c.inputTokens - c.cachedTokens),
      cache_write: per((c) => c.cacheWriteTokens),
      output: per((c) => c.outputTokens),
      reasoning: per((c) => c.reasoningTokens),
    },
    cache_hit_rate: input.total > 0 ? cached.total / input.total : null,
    sessions: { count: sessions.sizes.length, calls_per_session: summarise(sessions.sizes), grouped_by: groupedBy },
    period,
    requests_per_month: hours >= MIN_HOURS_TO_EXTRAPOLATE ? (calls.length / hours) * HOURS_PER_MONTH : null,
    malformed: { count: reading.malformed.length, lines: reading.malformed.slice(0, MALFORMED_LISTED) },
    skipped: { count: Object.values(reading.skipped).reduce((a, b) => a + b, 0), reasons: reading.skipped },
    scenario: null,
  };
}

/** Models by calls, most first (then by name). */
function modelUses(calls: Call[], resolve: ModelResolver): ModelUse[] {
  const byKey = new Map<string, ModelUse>();
  for (const c of calls) {
    const key = `${c.provider ?? ''}\u0000${c.model ?? ''}`;
    let use = byKey.get(key);
    if (!use) {
      const resolved = resolve(c.model, c.provider);
      use = { model: c.model ?? null, provider: c.provider ?? null, calls: 0, catalogue_id: resolved?.id ?? null, note: resolved?.note ?? null };
      byKey.set(key, use);
    }
    use.calls++;
  }
  return [...byKey.values()].sort((a, b) => b.calls - a.calls || String(a.model).localeCompare(String(b.model)));
}
