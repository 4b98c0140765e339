import type { EstimateReport } from '../report.js';
import { biggestCost, deploymentLines, driversCell, isCosted, money, optionNotes, pricesLine, trafficLine, workloadLine } from './summary.js';

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function estimateMarkdown(r: EstimateReport): string {
  const lines = [
    `### ${cell(r.scenario.name)}`,
    '',
    `${trafficLine(r)}  `,
    workloadLine(r),
    '',
    '| Option | Monthly | Per request | Per session | Per user | What drives it | Top cost |',
    '| --- | ---: | ---: | ---: | ---: | --- | --- |',
  ];
  for (const o of r.options) {
    const name = o.name === r.cheapest ? `**${cell(o.name)}**` : cell(o.name);
    if (!isCosted(o)) lines.push(`| ${name} | not costed | | | | | |`);
    else lines.push(`| ${name} | ${money(r, o.monthly_cost)} | ${money(r, o.per_request_cost)} | ${money(r, o.per_session_cost)} | ${money(r, o.per_user_cost)} | ${cell(driversCell(o))} | ${biggestCost(o)} |`);
  }
  lines.push('', `Amounts in ${r.currency}; ${pricesLine(r)}.`);
  const details = deploymentLines(r);
  if (details.length > 0) lines.push('', ...details.map((d) => `- ${cell(d)}`));
  const notes = optionNotes(r);
  if (notes.length > 0) lines.push('', ...notes.map((n) => `- ${cell(n)}`));
  return `${lines.join('\n')}\n`;
}
