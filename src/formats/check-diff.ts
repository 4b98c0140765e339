// The check's comparison with its baseline, for people: each scenario's change of cost, option by
// option, the inputs that changed (at their line now), the scenarios that did not change folded
// into one line, and the total. Used by the table, markdown and github renderers of check.ts.

import type { CheckReport, DiffTotal, InputChange, OptionDiff, ScenarioDiff } from '../report.js';
import { clip } from '../errors.js';
import { mdCode, mdRow, mdRule, mdText } from './markdown-text.js';
import { formatCountOf, formatMoney, formatShare, groupDigits } from './numbers.js';

type Baseline = NonNullable<CheckReport['baseline']>;

/** Shown, in one line each, how many inputs changed at most before "and N more" (a scenario rewritten whole). */
const MAX_CHANGES_SHOWN = 12;

const signed = (n: number, currency: string) => `${n > 0 ? '+' : n < 0 ? '-' : ''}${formatMoney(Math.abs(n), currency)}`;
const signedShare = (n: number) => `${n > 0 ? '+' : ''}${formatShare(n)}`;

/** `+$0.50 (+20%)`; '' when either side has no cost, or nothing changed. */
function changeText(d: Pick<OptionDiff, 'change' | 'change_share'>, currency: string): string {
  if (d.change === null || d.change === 0) return '';
  return `${signed(d.change, currency)}${d.change_share === null ? '' : ` (${signedShare(d.change_share)})`}`;
}

/** A number as written in a scenario: whole numbers grouped (5,000), others to 6 significant digits. */
function numberText(n: number): string {
  if (Number.isInteger(n)) return groupDigits(n, 0);
  const decimals = Math.min(12, Math.max(0, 5 - Math.floor(Math.log10(Math.abs(n)))));
  const text = groupDigits(n, decimals);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** A value as the diff shows it: a string from the scenario (a name, an id) clipped, so that no line is megabytes long. */
function valueText(v: InputChange['old']): string {
  return v === null ? '(none)' : typeof v === 'number' ? numberText(v) : clip(String(v));
}

/**
 * `traffic.users 5,000 -> 6,500`; a prompt file: `workload.system_prompt {file: prompts/sys.md}
 * 1,243 -> 2,443 tokens`. `code` wraps the key path (markdown), `text` the values.
 */
export function inputChangeText(c: InputChange, text: (s: string) => string = (s) => s, code: (s: string) => string = (s) => s): string {
  const path = clip(c.path);
  const files = c.old_file !== undefined || c.new_file !== undefined;
  const file = (f: string | null | undefined) => (f ? `{file: ${clip(f)}} ` : '');
  const tokens = files && (c.old !== null || c.new !== null) ? ' tokens' : '';
  if (files && c.old_file === c.new_file) return `${code(path)} ${text(`${file(c.old_file)}${valueText(c.old)}`)} -> ${text(`${valueText(c.new)}${tokens}`)}`;
  return `${code(path)} ${text(`${file(c.old_file)}${valueText(c.old)}`)} -> ${text(`${file(c.new_file)}${valueText(c.new)}${tokens}`)}`;
}

/** Folded into the `= N scenarios unchanged` line: neither its cost nor any input it is known to have changed. */
export function isQuiet(d: ScenarioDiff): boolean {
  return d.status === 'unchanged' && (d.changes === null || d.changes.length === 0);
}

/** The options besides the headline, when they say something it does not (another cost, or the name it had). */
function otherOptions(d: ScenarioDiff): OptionDiff[] {
  return d.options.filter((o) => !(o.name === d.option && o.old_name === undefined && o.old_monthly === d.old_monthly && o.new_monthly === d.new_monthly));
}

/** `openai/gpt-4o (was openai/gpt-4o-mini)` for an option whose name changed with its model. */
function optionName(o: OptionDiff): string {
  return o.old_name === undefined ? o.name : `${o.name} (was ${o.old_name})`;
}

/** What is said of a compared scenario's inputs when there is no list of them. */
function noChangesText(d: ScenarioDiff, source: string): string | undefined {
  if (d.status !== 'changed' && d.status !== 'unchanged') return undefined;
  if (d.changes === null) return `inputs not saved in ${source}: save it again to see which changed`;
  if (d.changes.length === 0 && d.status === 'changed') return 'no input changed: the prices did (a saved baseline keeps the prices of its day)';
  return undefined;
}

function totalText(currency: string, t: DiffTotal, named: boolean): string {
  return `Total${named ? ` (${currency})` : ''}: ${signed(t.change, currency)} (${formatMoney(t.old_monthly, currency)} -> ${formatMoney(t.new_monthly, currency)})${t.change_share === null ? '' : `, ${signedShare(t.change_share)}`}`;
}

/** The total lines, one per currency. */
export function totalLines(b: Baseline): string[] {
  const entries = Object.entries(b.total);
  return entries.map(([currency, t]) => totalText(currency, t, entries.length > 1));
}

/** The comparison as plain lines (table, and the github log), `  ~ file (option): $2.50 -> $3.00 ...`. */
export function diffLines(b: Baseline, checked: ReadonlySet<string>, showUnchanged: boolean, red: (s: string) => string = (s) => s): string[] {
  const lines: string[] = [];
  let folded = 0;
  for (const d of b.scenarios) {
    if (isQuiet(d) && !showUnchanged) {
      folded++;
      continue;
    }
    const currency = d.currency ?? 'USD';
    if (d.status === 'invalid' && !checked.has(d.file)) lines.push(`  ! ${d.file}: removed; it does not read in the baseline: not compared`);
    else if (d.status === 'added') lines.push(`  + ${d.file}: new${d.new_monthly === null ? '' : `, ${formatMoney(d.new_monthly, currency)}/month`}`);
    else if (d.status === 'removed') lines.push(`  - ${d.file}: removed${d.old_monthly === null ? '' : ` (was ${formatMoney(d.old_monthly, currency)}/month)`}`);
    else if (d.status === 'invalid') lines.push(`  ! ${d.file}: invalid (see above): not compared`);
    else {
      const change = changeText(d, currency);
      const flag = d.over_max_increase ? `  ${red('OVER --max-increase')}` : '';
      const fmt = (n: number | null) => (n === null ? '-' : formatMoney(n, currency));
      lines.push(`  ${d.status === 'unchanged' ? '=' : '~'} ${d.file} (${d.option}): ${fmt(d.old_monthly)} -> ${fmt(d.new_monthly)}${change ? ` ${change}` : ''}${flag}`);
      for (const o of otherOptions(d)) {
        const oc = changeText(o, currency);
        lines.push(`      option ${optionName(o)}: ${fmt(o.old_monthly)} -> ${fmt(o.new_monthly)}${oc ? ` ${oc}` : ''}`);
      }
      const shown = (d.changes ?? []).slice(0, MAX_CHANGES_SHOWN);
      shown.forEach((ch, i) => lines.push(`      ${i === 0 ? 'changed:' : '        '} ${inputChangeText(ch)}${ch.line === null ? '' : ` (${d.file}:${ch.line})`}`));
      const more = (d.changes?.length ?? 0) - shown.length;
      if (more > 0) lines.push(`               and ${formatCountOf(more, 'more input')}`);
      const none = noChangesText(d, b.source);
      if (none) lines.push(`      ${none}`);
    }
  }
  if (folded > 0) lines.push(`  = ${formatCountOf(folded, 'scenario')} unchanged${showUnchanged ? '' : ' (--show-unchanged lists them)'}`);
  lines.push(...totalLines(b));
  return lines;
}

/** The comparison as a markdown section: a table of every option's costs, the total, then what changed in each scenario. */
export function diffMarkdown(b: Baseline, showUnchanged: boolean): string[] {
  const lines = ['', `#### Against ${mdText(b.source)}`, '', mdRow(['Scenario', 'Option', 'Before', 'After', 'Change']), mdRule([false, false, true, true, true])];
  let folded = 0;
  const explained: ScenarioDiff[] = [];
  for (const d of b.scenarios) {
    if (isQuiet(d) && !showUnchanged) {
      folded++;
      continue;
    }
    const currency = d.currency ?? 'USD';
    const fmt = (n: number | null) => (n === null ? '-' : formatMoney(n, currency));
    const change = d.status === 'added' ? 'new' : d.status === 'removed' ? 'removed' : d.status === 'invalid' ? 'not compared' : `${changeText(d, currency) || (d.change === 0 ? 'unchanged' : '-')}${d.over_max_increase ? ' ❌' : ''}`;
    lines.push(mdRow([mdCode(d.file, true), mdText(d.option ?? '-'), fmt(d.old_monthly), fmt(d.new_monthly), change]));
    if (d.status === 'changed' || d.status === 'unchanged') {
      for (const o of otherOptions(d)) lines.push(mdRow(['', mdText(optionName(o)), fmt(o.old_monthly), fmt(o.new_monthly), changeText(o, currency) || (o.change === 0 ? 'unchanged' : '-')]));
      if ((d.changes?.length ?? 0) > 0 || noChangesText(d, b.source)) explained.push(d);
    }
  }
  lines.push('');
  if (folded > 0) lines.push(`${formatCountOf(folded, 'scenario')} unchanged.`, '');
  lines.push(...totalLines(b).map((t) => `**${t}**`));
  for (const d of explained) {
    lines.push('', `What changed in ${mdCode(d.file, false)}:`, '');
    const shown = (d.changes ?? []).slice(0, MAX_CHANGES_SHOWN);
    for (const ch of shown) lines.push(`- ${inputChangeText(ch, mdText, (p) => mdCode(p, false))}${ch.line === null ? '' : ` (line ${ch.line})`}`);
    const more = (d.changes?.length ?? 0) - shown.length;
    if (more > 0) lines.push(`- and ${formatCountOf(more, 'more input')}`);
    const none = noChangesText(d, b.source);
    if (none) lines.push(`- ${mdText(none)}`);
  }
  return lines;
}

/** The message of a --max-increase annotation: the rise, the limit, and the inputs that changed. */
export function increaseMessage(d: ScenarioDiff, b: Baseline): string {
  const currency = d.currency ?? 'USD';
  const rise = d.change_share === null ? 'from nothing' : formatShare(d.change_share);
  const costs = d.old_monthly === null || d.new_monthly === null ? '' : ` (${formatMoney(d.old_monthly, currency)} -> ${formatMoney(d.new_monthly, currency)})`;
  const head = `${d.option}: monthly cost up ${rise}${costs}, over the allowed +${formatShare(b.max_increase ?? 0)}`;
  // The inputs that move this option's cost; a budget's limits and other options' keys do not.
  const changes = (d.changes ?? []).filter((ch) => ch.drives);
  if (changes.length === 0 && (d.changes?.length ?? 0) > 0) return `${head}. No input that moves its cost changed: the prices did (a saved baseline keeps the prices of its day).`;
  const none = noChangesText(d, b.source);
  if (changes.length === 0) return none === undefined ? `${head}.` : `${head}. ${none[0]!.toUpperCase()}${none.slice(1)}.`;
  const shown = changes.slice(0, 5).map((ch) => `${inputChangeText(ch)}${ch.line === null ? '' : ` (line ${ch.line})`}`);
  const more = changes.length - shown.length;
  return `${head}. Changed: ${shown.join('; ')}${more > 0 ? `; and ${formatCountOf(more, 'more input')}` : ''}.`;
}
