// Renderers of the budget check: a table for people, JSON for machines, a markdown PR comment,
// and GitHub workflow commands pointing at the budget line that failed.

import { Chalk, type ChalkInstance } from 'chalk';
import { formatLocation } from '../errors.js';
import type { BudgetCheck, CheckReport, ScenarioVerdict } from '../report.js';
import { diffLines, diffMarkdown, increaseMessage } from './check-diff.js';
import type { RenderOptions } from './index.js';
import { reportJson } from './json.js';
import { mdCode, mdRow, mdRule, mdText } from './markdown-text.js';
import { formatCount, formatCountOf, formatMoney, formatRate, formatShare } from './numbers.js';
import { displayed, guardedLines } from './terminal-text.js';

import type { CheckFormat } from './check-formats.js';

export type { CheckFormat } from './check-formats.js';

/** The first line of check's markdown: a hidden HTML comment that names a pull-request comment as this check's. */
export const CHECK_MARKER = '<!-- llm-tco:check -->';

export interface CheckRenderOptions extends RenderOptions {
  /** List the scenarios whose cost and inputs did not change against the baseline, rather than count them. */
  showUnchanged?: boolean;
}

const LIMIT_TEXT: Record<BudgetCheck['limit'], string> = { monthly: 'monthly cost', per_request: 'cost per request', per_session: 'cost per session', per_user: 'cost per user', max_tier: 'rate-limit tier' };
const money = (v: ScenarioVerdict, n: number | null) => (n === null ? '-' : formatMoney(n, v.currency ?? 'USD'));

/** "monthly cost $612.40 is over the $500.00 budget by $112.40 (22%)" and the like. */
export function checkSentence(v: ScenarioVerdict, c: BudgetCheck): string {
  if (c.limit === 'max_tier') return tierSentence(c);
  const value = money(v, c.value);
  const budget = money(v, c.budget);
  // A limit written in another currency says so: "the $37.84 budget (€35.00 at 1.081 USD per EUR)".
  const written = c.written ? ` (${formatMoney(c.written.amount, c.written.currency)} at ${formatRate(c.written.rate)} ${v.currency ?? 'USD'} per ${c.written.currency})` : '';
  const share = c.share === null ? '' : ` (${formatShare(c.share)} of it)`;
  if (c.status === 'over') return `${LIMIT_TEXT[c.limit]} ${value} is over the ${budget} budget${written} by ${money(v, c.over_by)}${share}`;
  if (c.status === 'warn') return `${LIMIT_TEXT[c.limit]} ${value} is ${formatShare(c.share ?? 0)} of the ${budget} budget${written} (warning at ${formatShare(v.warn_at ?? 0.8)})`;
  return `${LIMIT_TEXT[c.limit]} ${value} is within the ${budget} budget${written}${share}`;
}

/** "rate-limit tier 5 at peak is over the max_tier 3 budget" and the like. */
function tierSentence(c: BudgetCheck): string {
  const t = c.tier;
  if (c.value === null) return `rate-limit tier not checked against max_tier ${c.budget}: no published tiers are known for ${t?.model ?? 'this option'}`;
  const named = t?.name != null && t.name !== `Tier ${c.value}` ? `${t.name} (tier ${c.value})` : `Tier ${c.value}`;
  const needed = t?.exceeds_highest_tier ? `more than tier ${t.highest} (the highest published)` : named;
  if (c.status === 'over') return `${LIMIT_TEXT.max_tier} needed at peak, ${needed}, is over the max_tier ${c.budget} budget`;
  return `${LIMIT_TEXT.max_tier} needed at peak, ${needed}, is within the max_tier ${c.budget} budget`;
}

const MARK: Record<ScenarioVerdict['status'], string> = { ok: 'ok', warn: 'warn', over: 'OVER', invalid: 'INVALID', no_budget: 'no budget' };

function verdictLines(v: ScenarioVerdict, c: ChalkInstance): string[] {
  const colour = v.status === 'over' || v.status === 'invalid' ? c.red : v.status === 'warn' ? c.yellow : (s: string) => s;
  const head = `${colour(MARK[v.status].padEnd(9))} ${v.file}${v.option ? ` (${v.option})` : ''}`;
  if (v.status === 'invalid') return [head, ...v.problems.map((p) => `          ${formatLocation(p.location)}: ${p.path ? `${p.path}: ` : ''}${p.message}${hinted(p)}`)];
  if (v.status === 'no_budget') return [`${head}: no budget set`];
  return [head, ...v.checks.map((ch) => `          ${checkSentence(v, ch)}`), ...v.advice.map((a) => `          -> ${a}`)];
}

function summary(r: CheckReport): string {
  const count = (s: ScenarioVerdict['status']) => r.scenarios.filter((v) => v.status === s).length;
  const parts = [`${formatCount(count('ok'))} within budget`, `${formatCount(count('warn'))} near it`, `${formatCount(count('over'))} over`, `${formatCount(count('invalid'))} invalid`];
  if (count('no_budget')) parts.push(`${formatCount(count('no_budget'))} without a budget`);
  return `${formatCountOf(r.scenarios.length, 'scenario')}: ${parts.join(', ')}`;
}

/**
 * "prices as of 2026-09-23 (63 days old)", and when past --max-price-age, that the check fails on it;
 * undefined when no scenario was costed.
 */
export function pricesSentence(r: CheckReport): string | undefined {
  const p = r.prices;
  if (!r.scenarios.some((v) => v.status !== 'invalid')) return undefined;
  if (p.oldest_as_of === null || p.age_days === null) return 'inline prices only';
  const where = r.scenarios.length > 1 && p.oldest_in !== null ? `, oldest in ${p.oldest_in}` : '';
  const age = p.age_days >= 0 ? `prices as of ${p.oldest_as_of} (${formatCountOf(p.age_days, 'day')} old${where})` : `prices as of ${p.oldest_as_of}, for ${p.today}${where}`;
  if (p.too_old) return `${age}: older than --max-price-age ${p.max_age_days} allows, so the check fails (update llm-tco for newer prices, or layer your own with --pricing FILE)`;
  if (p.stale) return `${age}: over 90 days, check them against the providers' pages`;
  return age;
}

function table(r: CheckReport, o: CheckRenderOptions): string {
  const c = new Chalk({ level: o.color ? 1 : 0 });
  const prices = pricesSentence(r);
  const lines = prices === undefined ? [] : [r.prices.too_old ? `${c.red('PRICES'.padEnd(9))} ${prices}` : prices];
  lines.push(...r.scenarios.flatMap((v) => verdictLines(v, c)));
  lines.push(summary(r));
  if (r.baseline) lines.push(...baselineLines(r, o.showUnchanged === true, c.red));
  return `${lines.join('\n')}\n`;
}

function baselineLines(r: CheckReport, showUnchanged: boolean, red?: (s: string) => string): string[] {
  const b = r.baseline!;
  return [`against ${b.source}${b.max_increase === null ? '' : ` (at most +${formatShare(b.max_increase)})`}:`, ...diffLines(b, new Set(r.scenarios.map((v) => v.file)), showUnchanged, red)];
}

function markdown(r: CheckReport, o: CheckRenderOptions): string {
  const icon: Record<ScenarioVerdict['status'], string> = { ok: '✅', warn: '⚠️', over: '❌', invalid: '❌', no_budget: '➖' };
  const prices = pricesSentence(r);
  // The hidden marker first: a pull-request comment made of this text can be found and edited again
  // (the Action does; so can `gh api` in any other CI). It shows nothing.
  const lines = [CHECK_MARKER, '### llm-tco budget check', '', ...(prices === undefined ? [] : [`${r.prices.too_old ? '❌ ' : ''}${mdText(prices)}`, '']), summary(r), '', '| | Scenario | Option | Monthly | Budget | Status |', mdRule([false, false, false, true, true, false])];
  for (const v of r.scenarios) {
    const monthly = v.checks.find((c) => c.limit === 'monthly');
    const status = v.status === 'invalid' ? 'invalid' : v.status === 'no_budget' ? 'no budget' : v.checks.filter((c) => c.status !== 'ok').map((c) => checkSentence(v, c)).join('; ') || 'within budget';
    lines.push(mdRow([icon[v.status], mdCode(v.file, true), mdText(v.option ?? '-'), money(v, v.monthly_cost), monthly ? money(v, monthly.budget) : '-', mdText(status)]));
  }
  const details = r.scenarios.filter((v) => v.status === 'invalid' || v.advice.length > 0);
  for (const v of details) {
    lines.push('', `**${mdCode(v.file, false)}**`);
    for (const p of v.problems) lines.push(`- ${mdText(`${formatLocation(p.location)}: ${p.path ? `${p.path}: ` : ''}${p.message}${hinted(p)}`)}`);
    for (const a of v.advice) lines.push(`- ${mdText(a)}`);
  }
  if (r.baseline) lines.push(...diffMarkdown(r.baseline, o.showUnchanged === true));
  return `${lines.join('\n')}\n`;
}

/** GitHub's workflow-command escaping: %, CR and LF in messages; also , and : in properties. */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function annotation(kind: 'error' | 'warning', location: { file: string; line?: number; col?: number }, title: string, message: string): string {
  const props = [`file=${escapeProperty(location.file)}`];
  if (location.line !== undefined) props.push(`line=${location.line}`, `col=${location.col ?? 1}`);
  props.push(`title=${escapeProperty(title)}`);
  return `::${kind} ${props.join(',')}::${escapeData(message)}`;
}

function github(r: CheckReport, o: CheckRenderOptions): string {
  const lines: string[] = [];
  for (const v of r.scenarios) {
    for (const p of v.problems) lines.push(annotation('error', p.location, 'Invalid scenario', `${p.path ? `${p.path}: ` : ''}${p.message}${hinted(p)}`));
    for (const c of v.checks) {
      if (c.status === 'ok') continue;
      const file = c.location.line === undefined ? { file: v.file } : c.location;
      const advice = c.status === 'over' && v.advice.length ? ` To fix: ${v.advice.join('; ')}.` : '';
      lines.push(annotation(c.status === 'over' ? 'error' : 'warning', file, c.status === 'over' ? 'Over budget' : 'Near budget', `${v.option}: ${checkSentence(v, c)}.${advice}`));
    }
  }
  // At the line of the input that drives the rise (else the option's), in the scenario now.
  for (const d of r.baseline?.scenarios ?? []) {
    if (d.over_max_increase) lines.push(annotation('error', { file: d.file, ...(d.line === null ? {} : { line: d.line }) }, 'Cost increase', increaseMessage(d, r.baseline!)));
  }
  const prices = pricesSentence(r);
  if (r.prices.too_old && prices !== undefined) lines.push(`::error title=${escapeProperty('Prices too old')}::${escapeData(prices)}`);
  else if (prices !== undefined) lines.push(prices);
  lines.push(summary(r));
  // The comparison in the log, as the table shows it: plain lines, none of them a workflow command.
  if (r.baseline) lines.push(...baselineLines(r, o.showUnchanged === true).map(guardedLines));
  return `${lines.join('\n')}\n`;
}

export const checkRenderers = displayed<CheckFormat, CheckReport, CheckRenderOptions>({
  table,
  json: reportJson,
  markdown,
  github,
});

/** A problem's suggestion, as every other command prints it: ` (did you mean ...?)`. */
function hinted(p: { hint?: string }): string {
  return p.hint ? ` (${p.hint})` : '';
}
