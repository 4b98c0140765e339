// Renderers of the calibrate report. They round; they never compute.

import { Chalk } from 'chalk';
import type { CalibrateReport } from '../calibrate/report.js';
import type { Stats } from '../calibrate/stats.js';
import { FORMAT_NAMES, LOG_FORMATS } from '../calibrate/usage.js';
import type { CalibrateFormat } from './command-formats.js';
import { fitLines, fittedTable, type Column } from './compact-table.js';
import type { RenderOptions } from './index.js';
import { reportJson } from './json.js';
import { formatCount, formatShare } from './numbers.js';
import { displayed } from './terminal-text.js';

const COLUMNS: Column[] = [
  { head: 'Per call', priority: 0, wrap: 16 },
  { head: 'Mean', priority: 0, align: 'right' },
  { head: 'P10', priority: 4, align: 'right' },
  { head: 'P50', priority: 1, align: 'right' },
  { head: 'P90', priority: 2, align: 'right' },
  { head: 'Max', priority: 3, align: 'right' },
];

function table(r: CalibrateReport, o: RenderOptions): string {
  const c = new Chalk({ level: o.color ? 1 : 0 });
  const t = r.tokens_per_call;
  const rows: string[][] = [];
  const row = (label: string, s: Stats) => rows.push([label, formatCount(s.mean), formatCount(s.p10), formatCount(s.p50), formatCount(s.p90), formatCount(s.max)]);
  row('input tokens (whole prompt)', t.input);
  row('  of which cached', t.cached);
  row('  of which not cached', t.uncached);
  if (t.cache_write.total > 0) row('  of which written to cache', t.cache_write);
  row('output tokens', t.output);
  row('reasoning tokens', t.reasoning);
  row('calls per session', r.sessions.calls_per_session);

  const formats = LOG_FORMATS.filter((f) => r.formats[f] > 0).map((f) => `${FORMAT_NAMES[f]} ${r.formats[f]}`).join(', ');
  const left = [
    r.malformed.count > 0 ? `${r.malformed.count} malformed ${r.malformed.count === 1 ? 'line' : 'lines'} left out` : '',
    r.skipped.count > 0 ? `${r.skipped.count} ${r.skipped.count === 1 ? 'record' : 'records'} skipped (${Object.entries(r.skipped.reasons).map(([why, n]) => `${why}: ${n}`).join(', ')})` : '',
  ].filter(Boolean);
  const lines = [
    c.bold(`${formatCount(r.calls)} calls from ${r.sources.length} ${r.sources.length === 1 ? 'file' : 'files'} (${formats})${left.length > 0 ? `; ${left.join('; ')}` : ''}`),
    r.period
      ? `logged ${r.period.first} .. ${r.period.last} (${formatCount(r.period.hours)} h)${r.requests_per_month === null ? '' : `: ${formatCount(r.requests_per_month)} calls a month at that rate`}`
      : 'the records carry no times: no monthly rate',
    fittedTable(COLUMNS, rows, o),
    `cache hit rate: ${r.cache_hit_rate === null ? '-' : formatShare(r.cache_hit_rate)} of prompt tokens read from the cache`,
    `sessions: ${formatCount(r.sessions.count)} (calls grouped by ${Object.entries(r.sessions.grouped_by).filter(([, n]) => n > 0).map(([g, n]) => `${g.replace('_', ' ')} ${n}`).join(', ')})`,
    ...r.models.map((m) => {
      const name = m.model ?? '(no model named)';
      const priced = m.catalogue_id === null ? c.yellow('not in the catalogue') : `priced as ${m.catalogue_id}${m.note ? ` (${m.note})` : ''}`;
      return `model ${name}${m.provider && !name.startsWith(`${m.provider}/`) ? ` (${m.provider})` : ''}: ${formatCount(m.calls)} ${m.calls === 1 ? 'call' : 'calls'}, ${priced}`;
    }),
  ];
  if (r.scenario) lines.push(c.green(`wrote ${r.scenario.file}: options ${r.scenario.options.join(', ')}; ${formatCount(r.scenario.requests_per_month)} requests a month`));
  return `${fitLines(lines.join('\n'), o.width)}\n`;
}

export const calibrateRenderers = displayed<CalibrateFormat, CalibrateReport, RenderOptions>({
  table,
  json: reportJson,
});
