import { Chalk } from 'chalk';
import type { EstimateReport } from '../report.js';
import { compactTable } from './compact-table.js';
import type { RenderOptions } from './index.js';
import { biggestCost, deploymentLines, driversCell, isCosted, money, notViableNumbers, optionNotes, pricesLine, trafficLine, viabilityNotes, workloadLine } from './summary.js';

export function estimateTable(r: EstimateReport, options: RenderOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const table = compactTable(['Option', 'Monthly', '/request', '/session', '/user', 'What drives it', 'Top cost'], options.color);
  const notViable = notViableNumbers(r);
  for (const o of r.options) {
    const mark = notViable.get(o.name);
    const name = o.name === r.cheapest ? c.green(`${o.name} *`) : mark !== undefined ? `${o.name} ${c.red(`[${mark}]`)}` : o.name;
    if (!isCosted(o)) {
      // No colSpan: with the compact borders it draws a stray rule.
      table.push([name, '-', '-', '-', '-', c.yellow('not costed (see below)'), '-']);
      continue;
    }
    table.push([name, money(r, o.monthly_cost), money(r, o.per_request_cost), money(r, o.per_session_cost), money(r, o.per_user_cost), driversCell(o), biggestCost(o)]);
  }
  const lines = [c.bold(r.scenario.name), trafficLine(r), workloadLine(r)];
  if (r.embeddings) lines.push(`embeddings (${r.embeddings.model}): ${money(r, r.embeddings.monthly_cost)}/month, included in every option`);
  lines.push(table.toString());
  lines.push(`${r.cheapest ? '* cheapest viable option. ' : ''}Amounts in ${r.currency}; ${pricesLine(r)}.`);
  for (const note of viabilityNotes(r)) lines.push(c.red(note));
  for (const line of deploymentLines(r)) lines.push(`- ${line}`);
  for (const note of optionNotes(r)) lines.push(c.yellow(`! ${note}`));
  return `${lines.join('\n')}\n`;
}
