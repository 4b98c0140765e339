// Every format says which options are not viable and why, beside the option, and gives the
// latency of self-hosted and serverless options; the analyses leave such options out and say so.
// On the hand-made reports of test/fixtures/reports/, with the self-hosted option made too slow.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { breakevenRenderers, estimateHtml, forecastRenderers } from '../src/formats/analysis.js';
import { NONE_VIABLE } from '../src/engine/estimate.js';
import { estimateRenderers } from '../src/formats/index.js';
import { mdText } from '../src/formats/markdown-text.js';
import type { BreakevenReport, EstimateReport, ForecastReport } from '../src/report.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'reports');
const load = <T>(name: string): T => JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as T;
const PLAIN = { color: false };

const SELF_HOST = 'Llama 3.1 70B on 1x H100 (vLLM)';
const SERVERLESS = 'Llama 3.1 70B on Modal H100';
const REASON = 'a reply at peak takes 16.7 s (0.68 s to the first token + 600 tokens at 37.4 tokens/s), over the target of 10 s (max_seconds_per_reply)';

/** The estimate fixture with the self-hosted option over a 10 s target; the serverless one stays cheapest. */
function withSlowSelfHost(): EstimateReport {
  const r = load<EstimateReport>('estimate');
  for (const o of r.options) {
    if (o.name !== SELF_HOST) continue;
    o.viable = false;
    o.not_viable_because = [REASON];
  }
  return r;
}

describe('estimate formats with an option that is not viable', () => {
  const r = withSlowSelfHost();

  it('table: a numbered marker on the row, the note under the table, latency beside the option', () => {
    const text = estimateRenderers.table(r, PLAIN);
    // Numbered in table order: the serverless option (cheapest) has a warning, [1]; this one is [2].
    expect(text).toContain(`${SELF_HOST} [2]`);
    expect(text).toContain(`[2] ${SELF_HOST} is not viable: ${REASON}`);
    expect(text).toContain(`${SERVERLESS} * [1]`);
    expect(text).toContain(`[1] ${SERVERLESS}: cold starts: 24 a day of 380 s each, 300.96 USD a month`);
    expect(text).toContain('* cheapest viable option.');
    // 1,800 / 2,647.6 = 0.68 s to the first token; 0.68 + 600 / 37.36 = 16.74 s a reply.
    expect(text).toContain('at peak: first token in 0.68 s, a reply in 16.7 s (1,800 tokens in, 600 out at 37.4 tokens/s, 5 streams an instance; target 60 s)');
    // Serverless: 1,800 / 8,521.5 = 0.211 s; 0.211 + 600 / 43.34 = 14.05 s.
    expect(text).toContain('at peak: first token in 0.211 s, a reply in 14.1 s');
  });

  it('markdown: "not viable" beside the name, the reason in a numbered note', () => {
    const text = estimateRenderers.markdown(r, PLAIN);
    expect(text).toContain(`| ${SELF_HOST} (not viable [2]) |`);
    expect(text).toContain(`- [2] ${mdText(`${SELF_HOST} is not viable: ${REASON}`)}`);
    expect(text).toContain(`| **${SERVERLESS}** [1] |`);
  });

  it('csv: viable and not_viable_because columns, time to first token and seconds per reply', () => {
    const rows = estimateRenderers.csv(r, PLAIN).trimEnd().split('\r\n');
    const head = rows[0]!.split(',');
    const at = (name: string) => head.indexOf(name);
    const row = rows.find((x) => x.startsWith(SELF_HOST))!;
    const cells = row.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''));
    expect(cells[at('viable')]).toBe('false');
    expect(cells[at('not_viable_because')]).toBe(`"${REASON}"`);
    expect(Number(cells[at('ttft_seconds')])).toBeCloseTo(1800 / 2647.6062322946177, 12);
    expect(Number(cells[at('seconds_per_reply')])).toBeCloseTo(1800 / 2647.6062322946177 + 600 / 37.35503546779177, 12);
    const api = rows.find((x) => x.startsWith('anthropic/'))!.split(',');
    expect([api[at('viable')], api[at('ttft_seconds')]]).toEqual(['true', '']);
  });

  it('json: viable, not_viable_because and latency as the report holds them', () => {
    const json = JSON.parse(estimateRenderers.json(r, PLAIN)) as EstimateReport;
    const o = json.options.find((x) => x.name === SELF_HOST)!;
    expect([o.viable, o.not_viable_because]).toEqual([false, [REASON]]);
    expect(json.cheapest).toBe(SERVERLESS);
  });

  it('html: "not viable" beside the name, the reason in a row right under the option', () => {
    const html = estimateHtml(r);
    expect(html).toContain(`${SELF_HOST}</span><span class="mark">[2]</span><br><span class="warning">not viable</span>`);
    const group = html.slice(html.indexOf(`<tbody data-option="${SELF_HOST}"`), html.indexOf('</tbody>', html.indexOf(`<tbody data-option="${SELF_HOST}"`)));
    expect(group).toContain(`<tr class="notes"><td colspan="8"><ul><li class="warning">[2] ${SELF_HOST} is not viable: ${REASON}</li></ul></td></tr>`);
  });

  it('says so when no option is viable: no cheapest marked, and the report\'s warning', () => {
    const none = withSlowSelfHost();
    for (const o of none.options) o.viable = false;
    none.cheapest = null;
    none.warnings.push(NONE_VIABLE);
    const table = estimateRenderers.table(none, PLAIN);
    expect(table).not.toContain('*');
    expect(table).toContain(`! ${NONE_VIABLE}`);
    expect(estimateRenderers.markdown(none, PLAIN)).toContain(`- ${mdText(NONE_VIABLE)}`);
    expect(estimateHtml(none)).toContain('no option is viable');
  });
});

describe('analyses leave options that are not viable out, and say so', () => {
  const notViable = [{ option: SELF_HOST, not_viable_because: [REASON] }];

  it('break-even: the pair reads "not viable" and the chart notes what it leaves out', () => {
    const b = load<BreakevenReport>('breakeven');
    b.not_viable = notViable;
    b.curves = b.curves.filter((c) => c.option !== SELF_HOST);
    for (const p of b.pairs) {
      if (p.a !== SELF_HOST && p.b !== SELF_HOST) continue;
      Object.assign(p, { viable: false, users: null, crossings: [], payback_months: null, reason: `${SELF_HOST} is not viable: ${REASON} (no break-even to act on)` });
    }
    const table = breakevenRenderers.table(b, PLAIN);
    expect(table).toMatch(/vs .*not viable/);
    expect(table.replace(/\s+/g, ' ')).toContain(`Left out of the chart: ${SELF_HOST} is not viable: ${REASON}`);
    expect(breakevenRenderers.markdown(b, PLAIN)).toContain(`- ${mdText(`Left out of the chart: ${SELF_HOST} is not viable: ${REASON}`)}`);
    expect(breakevenRenderers.html(b, PLAIN)).toContain(`Left out of the chart: ${SELF_HOST} is not viable`);
  });

  it('forecast: a note under the table, and no cheapest in a month with no viable option', () => {
    const f = load<ForecastReport>('forecast');
    f.not_viable = notViable;
    f.months[0]!.cheapest = null;
    expect(forecastRenderers.table(f, PLAIN).replace(/\s+/g, ' ')).toContain(`Left out of the forecast: ${SELF_HOST} is not viable`);
    expect(forecastRenderers.markdown(f, PLAIN)).toContain(`- ${mdText(`Left out of the forecast: ${SELF_HOST} is not viable: ${REASON}`)}`);
    expect(forecastRenderers.html(f, PLAIN)).toContain('Left out of the forecast');
  });
});

describe('bands in the formats', () => {
  it('estimate: each estimated speed with its typical error and basis, under the table', () => {
    const text = estimateRenderers.table(load<EstimateReport>('estimate'), PLAIN);
    // The fixture's vLLM band (0.8x..1.2x, 5 measurements) on one stream of 38.9 tokens/s, and
    // the class's aggregate band (0.646x..1.292x, 6 measurements) on 187 tokens/s at capacity.
    expect(text).toContain('~38.9 tokens/s (typically ±20%: vLLM on datacenter GPUs, 5 measurements) for one stream');
    expect(text).toContain('~187 tokens/s (typically -35% to +29%: all engines on datacenter GPUs, 6 measurements) at capacity');
    expect(text).toContain('prefill ~2,648 tokens/s (no validation data for this kind)');
    const csv = estimateRenderers.csv(load<EstimateReport>('estimate'), PLAIN).split('\r\n');
    expect(csv[0]).toContain('decode_tokens_per_second,decode_tokens_per_second_low,decode_tokens_per_second_high,speed_band_basis');
  });

  it('simulate: the speeds drawn within their band', async () => {
    const { simulateRenderers } = await import('../src/formats/analysis.js');
    const sim = load<import('../src/report.js').SimulateReport>('simulate');
    sim.model_error = [{ option: SELF_HOST, kind: 'aggregate', distribution: { kind: 'log-uniform', min: 0.8, max: 1.25 }, basis: 'vLLM on datacenter GPUs, 7 measurements' }];
    const line = `model error: ${SELF_HOST}'s aggregate speed x0.8 to x1.25 (log-uniform; vLLM on datacenter GPUs, 7 measurements)`;
    expect(simulateRenderers.table(sim, PLAIN).replace(/\s+/g, ' ')).toContain(line);
    expect(simulateRenderers.markdown(sim, PLAIN)).toContain(mdText(line));
    expect(simulateRenderers.html(sim, PLAIN)).toContain(`model error: ${SELF_HOST}&#39;s aggregate speed`);
  });
});
