// Sentences every human-readable format shares (table, markdown): what the numbers rest on.
// Words only; every figure comes from the report.

import type { ApiOptionReport, EstimateReport, OptionReport } from '../report.js';
import { formatCount, formatFactor, formatMoney, formatRate, formatShare, formatTokens } from './numbers.js';

export function trafficLine(r: EstimateReport): string {
  const t = r.traffic;
  const who =
    t.users !== null
      ? `${formatCount(t.users)} users x ${formatCount(t.sessions_per_user ?? 0)} sessions x ${formatCount(t.requests_per_session)} requests`
      : undefined;
  const total = `${formatCount(t.requests_per_month)} requests/month (peak ${formatRate(t.peak_requests_per_second)}/s)`;
  return who ? `${who} = ${total}` : total;
}

export function workloadLine(r: EstimateReport): string {
  const w = r.workload;
  return (
    `${w.kind}: ${formatCount(w.calls_per_request)} ${w.calls_per_request === 1 ? 'call' : 'calls'} and ${formatCount(w.workflow_tokens_per_request)} tokens per request; ` +
    `amplification ${formatFactor(w.amplification)} vs one single-turn call of ${formatCount(w.single_turn_tokens)} tokens`
  );
}

export function pricesLine(r: EstimateReport): string {
  const p = r.prices;
  let age = 'inline prices only';
  if (p.oldest_as_of && p.age_days !== null) {
    age = p.age_days >= 0 ? `prices as of ${p.oldest_as_of} (${p.age_days} days old)` : `prices as of ${p.oldest_as_of}, resolved for ${p.today}`;
  }
  const fx = p.fx.map((f) => `1 ${f.from} = ${formatRate(f.rate)} ${f.to} (${f.as_of})`).join(', ');
  return fx ? `${age}; ${fx}` : age;
}

/** The largest part of an option's bill, e.g. "output 44%". */
export function biggestCost(o: ApiOptionReport): string {
  const entries = Object.entries(o.breakdown).filter(([, v]) => v > 0);
  if (entries.length === 0 || o.monthly_cost <= 0) return '-';
  const [name, value] = entries.reduce((a, b) => (b[1] > a[1] ? b : a));
  return `${name.replace('_', ' ')} ${formatShare(value / o.monthly_cost)}`;
}

export function tokensCell(o: ApiOptionReport): string {
  const t = o.tokens_per_request;
  const cached = t.cached_input > 0 ? ` +${formatTokens(t.cached_input)} cached` : '';
  const reasoning = t.reasoning > 0 ? ` +${formatTokens(t.reasoning)} reasoning` : '';
  return `${formatTokens(t.input + t.cache_write)}${cached} in / ${formatTokens(t.output)}${reasoning} out`;
}

export function optionNotes(r: EstimateReport): string[] {
  const lines: string[] = [];
  for (const o of r.options) {
    if (o.monthly_cost === null) lines.push(`${o.name}: not costed: ${o.reason}`);
    else for (const w of o.warnings) lines.push(`${o.name}: ${w}`);
  }
  return [...lines, ...r.warnings];
}

export function money(r: EstimateReport, amount: number | null): string {
  return amount === null ? '-' : formatMoney(amount, r.currency);
}

export function isCosted(o: OptionReport): o is ApiOptionReport {
  return o.monthly_cost !== null;
}
