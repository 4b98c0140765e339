import { Chalk } from 'chalk';
import type { EstimateReport } from '../report.js';
import { fitLines, fittedTable, type Column } from './compact-table.js';
import type { RenderOptions } from './index.js';
import { biggestCost, deploymentLines, driversCell, isCosted, money, notViableNumbers, optionNotes, pricesLine, trafficLine, viabilityNotes, workloadLine } from './summary.js';

/** Too wide for the output, the table leaves out columns from the highest priority down (docs/output.md). */
const COLUMNS: Column[] = [
  { head: 'Option', priority: 0, key: true },
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
    const name = o.name === r.cheapest ? c.green(`${o.name} *`) : mark !== undefined ? `${o.name} ${c.red(`[${mark}]`)}` : o.name;
    if (!isCosted(o)) {
      // No colSpan: with the compact borders it draws a stray rule.
      rows.push([name, '-', '-', '-', '-', c.yellow('not costed (see below)'), '-']);
      continue;
    }
    rows.push([name, money(r, o.monthly_cost), money(r, o.per_request_cost), money(r, o.per_session_cost), money(r, o.per_user_cost), driversCell(o), biggestCost(o)]);
  }
  const lines = [c.bold(r.scenario.name), trafficLine(r), workloadLine(r)];
  if (r.embeddings) lines.push(`embeddings (${r.embeddings.model}): ${money(r, r.embeddings.monthly_cost)}/month, included in every option`);
  lines.push(fittedTable(COLUMNS, rows, options));
  lines.push(`${r.cheapest ? '* cheapest viable option. ' : ''}Amounts in ${r.currency}; ${pricesLine(r)}.`);
  for (const note of viabilityNotes(r)) lines.push(c.red(note));
  for (const line of deploymentLines(r)) lines.push(`- ${line}`);
  for (const note of optionNotes(r)) lines.push(c.yellow(`! ${note}`));
  return `${fitLines(lines.join('\n'), options.width)}\n`;
}
