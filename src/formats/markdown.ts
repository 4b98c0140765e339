import type { EstimateReport } from '../report.js';
import { mdRow, mdRule, mdText } from './markdown-text.js';
import { biggestCost, deploymentLines, driversCell, isCosted, money, optionNotes, pricesLine, trafficLine, workloadLine } from './summary.js';

export function estimateMarkdown(r: EstimateReport): string {
  const lines = [
    `### ${mdText(r.scenario.name)}`,
    '',
    `${trafficLine(r)}  `,
    workloadLine(r),
    '',
    mdRow(['Option', 'Monthly', 'Per request', 'Per session', 'Per user', 'What drives it', 'Top cost']),
    mdRule([false, true, true, true, true, false, false]),
  ];
  for (const o of r.options) {
    const name = o.name === r.cheapest ? `**${mdText(o.name)}**` : mdText(o.name);
    if (!isCosted(o)) lines.push(`| ${name} | not costed | | | | | |`);
    else lines.push(mdRow([name, money(r, o.monthly_cost), money(r, o.per_request_cost), money(r, o.per_session_cost), money(r, o.per_user_cost), mdText(driversCell(o)), biggestCost(o)]));
  }
  lines.push('', `Amounts in ${r.currency}; ${mdText(pricesLine(r))}.`);
  const details = deploymentLines(r);
  if (details.length > 0) lines.push('', ...details.map((d) => `- ${mdText(d)}`));
  const notes = optionNotes(r);
  if (notes.length > 0) lines.push('', ...notes.map((n) => `- ${mdText(n)}`));
  return `${lines.join('\n')}\n`;
}
