import type { EstimateReport } from '../report.js';
import { mdRow, mdRule, mdText } from './markdown-text.js';
import { biggestCost, deploymentLines, driversCell, fxLines, headline, isCosted, money, notViableNumbers, optionNoteGroups, optionNotes, priceLines, pricesLine, trafficLine, workloadLine } from './summary.js';

export function estimateMarkdown(r: EstimateReport): string {
  const answer = headline(r.summary);
  const lines = [
    `### ${mdText(r.scenario.name)}`,
    '',
    ...(answer ? [`**${mdText(answer)}**`, ''] : []),
    `${trafficLine(r)}  `,
    workloadLine(r),
    '',
    mdRow(['Option', 'Monthly', 'Per request', 'Per session', 'Per user', 'What drives it', 'Top cost']),
    mdRule([false, true, true, true, true, false, false]),
  ];
  const notViable = notViableNumbers(r);
  for (const o of r.options) {
    const mark = notViable.get(o.name);
    const flag = mark === undefined ? '' : o.viable ? ` [${mark}]` : ` (not viable [${mark}])`;
    const name = `${o.name === r.cheapest ? `**${mdText(o.name)}**` : mdText(o.name)}${flag}`;
    if (!isCosted(o)) lines.push(`| ${name} | not costed | | | | | |`);
    else lines.push(mdRow([name, money(r, o.monthly_cost), money(r, o.per_request_cost), money(r, o.per_session_cost), money(r, o.per_user_cost), mdText(driversCell(o)), biggestCost(o)]));
  }
  // Each option's notes right under the table, by the number beside its name.
  const groups = optionNoteGroups(r);
  if (groups.length > 0) lines.push('', ...groups.flatMap((g) => [`- [${g.mark}] ${mdText(g.lines[0]!)}`, ...g.lines.slice(1).map((l) => `  - ${mdText(l)}`)]));
  lines.push('', `${r.cheapest ? 'Cheapest viable option in bold. ' : ''}Amounts in ${r.currency}; ${mdText(pricesLine(r))}.`);
  lines.push('', '**Prices used**', '', ...priceLines(r, true).map((l) => `- ${mdText(l)}`), ...fxLines(r).map((l) => `- ${mdText(l)}`));
  const details = deploymentLines(r);
  if (details.length > 0) lines.push('', ...details.map((d) => `- ${mdText(d)}`));
  const notes = optionNotes(r);
  if (notes.length > 0) lines.push('', ...notes.map((n) => `- ${mdText(n)}`));
  return `${lines.join('\n')}\n`;
}
