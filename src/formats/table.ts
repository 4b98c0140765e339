import { Chalk } from 'chalk';
import type { EstimateReport } from '../report.js';
import { wrap } from './chart.js';
import { fitLines, fittedTable, type Column } from './compact-table.js';
import type { RenderOptions } from './index.js';
import { biggestCost, deploymentLines, driversCell, headline, isCosted, money, notViableNumbers, optionNoteGroups, optionNotes, priceLines, pricesLine, trafficLine, workloadLine } from './summary.js';

/** Too wide for the output, the table leaves out columns from the highest priority down (docs/output.md). */
export const ESTIMATE_COLUMNS: readonly Column[] = [
  { head: 'Option', priority: 0, key: true, wrap: 24 },
  { head: 'Monthly', priority: 0 },
  { head: '/request', priority: 2 },
  { head: '/session', priority: 5 },
  { head: '/user', priority: 3 },
  { head: 'What drives it', priority: 1, wrap: 16 },
  { head: 'Top cost', priority: 4 },
];

export function estimateTable(r: EstimateReport, options: RenderOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const rows: string[][] = [];
  const notViable = notViableNumbers(r);
  for (const o of r.options) {
    const mark = notViable.get(o.name);
    const flag = mark === undefined ? '' : ` ${o.viable ? c.yellow(`[${mark}]`) : c.red(`[${mark}]`)}`;
    const name = o.name === r.cheapest ? `${c.green(`${o.name} *`)}${flag}` : `${o.name}${flag}`;
    if (!isCosted(o)) {
      // No colSpan: with the compact borders it draws a stray rule.
      rows.push([name, '-', '-', '-', '-', c.yellow('not costed (see below)'), '-']);
      continue;
    }
    rows.push([name, money(r, o.monthly_cost), money(r, o.per_request_cost), money(r, o.per_session_cost), money(r, o.per_user_cost), driversCell(o), biggestCost(o)]);
  }
  const lines = [c.bold(r.scenario.name)];
  const answer = headline(r.summary);
  // Within 80 columns: it is the line a reader comes for.
  if (answer) lines.push(...wrap(answer, 80).map((l) => c.bold(l)));
  lines.push(trafficLine(r), workloadLine(r));
  if (r.embeddings) lines.push(`embeddings (${r.embeddings.model}): ${money(r, r.embeddings.monthly_cost)}/month, included in every option`);
  lines.push(fittedTable(ESTIMATE_COLUMNS, rows, options));
  // Each option's notes right under the table, by the number beside its name.
  for (const g of optionNoteGroups(r)) {
    const paint = r.options.find((o) => o.name === g.option)?.viable ? c.yellow : c.red;
    g.lines.forEach((line, i) => lines.push(paint(i === 0 ? `[${g.mark}] ${line}` : `${' '.repeat(String(g.mark).length + 3)}${line}`)));
  }
  lines.push(`${r.cheapest ? '* cheapest viable option. ' : ''}Amounts in ${r.currency}; ${pricesLine(r)}.`);
  for (const line of priceLines(r, false)) lines.push(`- price: ${line}`);
  for (const line of deploymentLines(r)) lines.push(`- ${line}`);
  for (const note of optionNotes(r)) lines.push(c.yellow(`! ${note}`));
  return `${fitLines(lines.join('\n'), options.width)}\n`;
}
