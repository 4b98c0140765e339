import type { EstimateReport } from '../report.js';
import { mdRow, mdRule, mdText } from './markdown-text.js';
import { biggestCost, deploymentLines, driversCell, isCosted, money, notViableNumbers, optionNotes, pricesLine, trafficLine, viabilityNotes, workloadLine } from './summary.js';

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
  const notViable = notViableNumbers(r);
  for (const o of r.options) {
    const mark = notViable.get(o.name);
    const name = o.name === r.cheapest ? `**${mdText(o.name)}**` : mark !== undefined ? `${mdText(o.name)} (not viable [${mark}])` : mdText(o.name);
    if (!isCosted(o)) lines.push(`| ${name} | not costed | | | | | |`);
    else lines.push(mdRow([name, money(r, o.monthly_cost), money(r, o.per_request_cost), money(r, o.per_session_cost), money(r, o.per_user_cost), mdText(driversCell(o)), biggestCost(o)]));
  }
  lines.push('', `${r.cheapest ? 'Cheapest viable option in bold. ' : ''}Amounts in ${r.currency}; ${mdText(pricesLine(r))}.`);
  const viability = viabilityNotes(r);
  if (viability.length > 0) lines.push('', ...viability.map((v) => `- ${mdText(v)}`));
  const details = deploymentLines(r);
  if (details.length > 0) lines.push('', ...details.map((d) => `- ${mdText(d)}`));
  const notes = optionNotes(r);
  if (notes.length > 0) lines.push('', ...notes.map((n) => `- ${mdText(n)}`));
  return `${lines.join('\n')}\n`;
}
