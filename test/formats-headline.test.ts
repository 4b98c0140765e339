// Every format opens with the report's answer, keeps each option's notes next to it, discloses the
// prices and conversions, and draws charts that compare: from real reports of one scenario.

import { describe, expect, it } from 'vitest';
import { breakevenReport } from '../src/commands/analysis.js';
import { DEFAULT_RANGE } from '../src/engine/breakeven.js';
import { forecast } from '../src/engine/forecast.js';
import { breakevenRenderers, estimateHtml } from '../src/formats/analysis.js';
import { forecastPlot, moneyFormatter } from '../src/formats/chart.js';
import { estimateRenderers } from '../src/formats/index.js';
import { estimateYaml } from './engine/estimate-helpers.js';

// 10,000 requests a month of 1,000 tokens in and 500 out.
const SCENARIO = `
name: headline
traffic: {users: 1000, sessions_per_user: 2, requests_per_session: 5, peak_factor: 1}
workload: {kind: chat, input: 1000, output: 500, history: none}
options:
  - api: {name: small, input: 1, output: 2}
  - api: {name: huge, input: 100, output: 200}
  - name: slow
    self_host: {hardware: hetzner/ccx33, tokens_per_second: 5}
`;
const PLAIN = { color: false };

describe('the headline and the notes', async () => {
  const r = await estimateYaml(SCENARIO, { fx: ['EUR=0.8'], today: '2026-11-25' });
  const answer = r.summary.map((l) => l.text).join(' ');

  it('opens every format, before the table', () => {
    expect(answer.startsWith('small is the cheapest way to serve this traffic: $20.00 a month')).toBe(true);
    const table = estimateRenderers.table(r, PLAIN);
    expect(table.indexOf('small is the cheapest')).toBeLessThan(table.indexOf('┌'));
    const md = estimateRenderers.markdown(r, PLAIN);
    expect(md.split('\n')[2]).toBe(`**${answer.replace(/_/g, '\\_')}**`);
    const html = estimateHtml(r);
    expect(html).toContain(`<header><h1>headline</h1><p class="headline" id="headline">${answer}</p>`);
    expect(html.indexOf('id="headline"')).toBeLessThan(html.indexOf('<table'));
  });

  it("numbers an option's notes on its row and lists them right under the table", () => {
    const table = estimateRenderers.table(r, PLAIN).split('\n');
    const bottom = table.findIndex((l) => l.startsWith('└'));
    expect(table.find((l) => l.startsWith('│ slow'))).toContain('slow [1]');
    // A reply of 500 tokens at 5 tokens/s takes 500 / 5 = 100 s.
    expect(table[bottom + 1]).toBe('[1] slow is not viable: a stream decodes at 5 tokens/s, below the minimum of 10 (min_tokens_per_second); a reply at peak takes 100 s (500 tokens at 5 tokens/s), over the target of 60 s (max_seconds_per_reply)');
    // Its warnings follow, indented under the number; the catalogue's doubt among them.
    const note = table.slice(bottom + 2, table.findIndex((l, i) => i > bottom && l.startsWith('*')));
    expect(note.every((l) => l.startsWith('    '))).toBe(true);
    expect(note).toContain('    hetzner/ccx33\'s catalogue entry: "Up from about EUR 48/month in a 2025-10-21 table. Verify before use."');
  });

  it('lists the offer as priced and the conversion with its rate, date and option', () => {
    const md = estimateRenderers.markdown(r, PLAIN);
    // --fx EUR=0.8: 1 EUR = 1 / 0.8 = 1.25 USD, a rate of today's.
    expect(md).toContain('- slow: €138.49 a month (hetzner/ccx33), as of 2026-08-01; <https://www.hetzner.com/cloud>');
    expect(md).toContain('- 1 EUR = 1.25 USD (rate of 2026-11-25, 0 days old), for slow');
    expect(estimateHtml(r)).toContain('<td class="nowrap">0 days</td><td>slow</td>');
  });

  it('break-even: the headline first, the option notes by their number, the unit of traffic named', () => {
    const b = breakevenReport(r, DEFAULT_RANGE);
    const text = breakevenRenderers.table(b, PLAIN).split('\n');
    expect(text[1]).toBe('At 1,000 users, small is the cheapest: $20.00 a month. No other option becomes');
    expect(text).toContain('[1] slow is not viable: a stream decodes at 5 tokens/s, below the minimum of 10');
    const html = breakevenRenderers.html(b, PLAIN);
    expect(html).toContain('>Per 10,000 requests a month</th>');
    expect(html).not.toMatch(/per unit/);
    // No crossing among the viable options: the caption ends without announcing marks.
    expect(html).not.toMatch(/mark the crossings:<\/figcaption>/);
    expect(html).toMatch(/both axes logarithmic\.<\/figcaption>/);
  });

  it('the cumulative chart goes log when options are far apart', () => {
    // huge costs 100x small ($2,000 against $20 a month): a linear axis would flatten small.
    const f = forecast(r, 0.05, 12);
    const plot = forecastPlot(f, moneyFormatter('USD', false), 'cumulative_cost');
    expect(plot.y.log).toBe(true);
    expect(plot.y.title).toBe('cumulative cost (USD, log scale)');
  });
});
