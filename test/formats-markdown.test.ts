// Every markdown output with a user-supplied name that holds a `|`, a backslash and a line break:
// the table keeps its columns and the name stays on its row, in one cell, escaped.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { breakevenRenderers, forecastRenderers, simulateRenderers } from '../src/formats/analysis.js';
import { checkRenderers } from '../src/formats/check.js';
import { estimateRenderers } from '../src/formats/index.js';
import { mdCode, mdText } from '../src/formats/markdown-text.js';
import { pricingCheckRenderers, pricingListRenderers } from '../src/formats/pricing.js';
import { throughputRenderers, vramRenderers } from '../src/formats/sizing.js';
import { REPORT_SCHEMA, type BreakevenReport, type CatalogueRow, type CheckReport, type EstimateReport, type ForecastReport, type PricingCheckReport, type PricingListReport, type SimulateReport, type ThroughputReport, type VramReport } from '../src/report.js';
import { ROOT, runCli, typed } from './helpers.js';

const NAME = 'a | b \\ c\nd';
/** NAME as it must appear: pipe and backslash escaped, the line break shown as `\n` (its backslash escaped too). */
const ESCAPED = 'a \\| b \\\\ c\\\\nd';
const PLAIN = { color: false };

const fixture = <T>(name: string): T => JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'reports', `${name}.json`), 'utf8')) as T;

/** The report with every occurrence of one name replaced. */
function renamed<T>(report: T, from: string, to: string): T {
  return JSON.parse(JSON.stringify(report).split(JSON.stringify(from).slice(1, -1)).join(JSON.stringify(to).slice(1, -1))) as T;
}

/** A row's cells as GFM splits them: at every `|` no backslash escapes; the outer pipes dropped. */
function cells(row: string): string[] {
  const found: string[] = [];
  let cell = '';
  for (let i = 0; i < row.length; i++) {
    if (row[i] === '\\' && i + 1 < row.length) cell += row[i]! + row[++i]!;
    else if (row[i] === '|') {
      found.push(cell);
      cell = '';
    } else cell += row[i]!;
  }
  return [...found, cell].slice(1, -1).map((c) => c.trim());
}

/** Every table: a header, a rule, then rows with as many cells as the header. Returns the rows. */
function tableRows(markdown: string): string[][] {
  const lines = markdown.split('\n');
  const rows: string[][] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!lines[i]!.startsWith('|') || !/^\|( *:?-+:? *\|)+$/.test(lines[i + 1]!)) continue;
    const width = cells(lines[i]!).length;
    expect(cells(lines[i + 1]!)).toHaveLength(width);
    for (i += 2; i < lines.length && lines[i]!.startsWith('|'); i++) {
      expect(cells(lines[i]!), lines[i]).toHaveLength(width);
      rows.push(cells(lines[i]!));
    }
  }
  expect(rows.length).toBeGreaterThan(0);
  return rows;
}

/** A valid table with NAME, escaped, alone in a cell of some row; no line begins with what followed the line break. */
function expectNameInTable(markdown: string, escaped = ESCAPED): void {
  const rows = tableRows(markdown);
  // A name may carry its note's number: "**name** [1]".
  expect(rows.some((row) => row.some((c) => [escaped, `**${escaped}**`].includes(c.replace(/ \[\d+\]$/, '')))), markdown).toBe(true);
  expect(markdown.split('\n').some((line) => line.startsWith('d'))).toBe(false);
}

describe('mdText and mdCode', () => {
  it('escape markup, keep one line, and leave URLs linkable', () => {
    expect(mdText(NAME)).toBe(ESCAPED);
    expect(mdText('<b>*x*_y_</b> & [z]')).toBe('&lt;b&gt;\\*x\\*\\_y\\_&lt;/b&gt; &amp; \\[z\\]');
    expect(mdText('see https://example.com/a_b#c.')).toBe('see <https://example.com/a_b#c>.');
    expect(mdCode('dir|x/a`b.yaml', true)).toBe('``dir\\|x/a`b.yaml``');
    expect(mdCode('dir|x/a.yaml\n', false)).toBe('`dir|x/a.yaml\\n`');
  });
});

describe('a name with | \\ and a line break keeps every markdown table whole', () => {
  it('estimate', () => {
    const report = renamed(fixture<EstimateReport>('estimate'), 'anthropic/claude-sonnet-4-6', NAME);
    expectNameInTable(estimateRenderers.markdown(report, PLAIN));
    const cheapest = renamed(fixture<EstimateReport>('estimate'), 'Llama 3.1 70B on Modal H100', NAME);
    expectNameInTable(estimateRenderers.markdown(cheapest, PLAIN));
  });

  it('breakeven, forecast and simulate', () => {
    const api = 'anthropic/claude-sonnet-4-6';
    const pair = `${ESCAPED} vs Llama 3.1 70B on Modal H100`;
    const breakeven = breakevenRenderers.markdown(renamed(fixture<BreakevenReport>('breakeven'), api, NAME), PLAIN);
    expect(tableRows(breakeven).some((row) => row[0] === pair || row[0] === `Llama 3.1 70B on Modal H100 vs ${ESCAPED}`)).toBe(true);
    expectNameInTable(forecastRenderers.markdown(renamed(fixture<ForecastReport>('forecast'), api, NAME), PLAIN));
    expectNameInTable(simulateRenderers.markdown(renamed(fixture<SimulateReport>('simulate'), 'Llama 3.1 70B on Modal H100', NAME), PLAIN));
  });

  const row: CatalogueRow = {
    kind: 'api', id: NAME, name: NAME, provider: 'p', figures: { input_per_mtok: 1, output_per_mtok: 2, cached_input_per_mtok: null },
    currency: 'USD', source: 'https://example.com/prices_page', as_of: '2026-01-01', age_days: 10, stale: false, layer: 'user',
  };

  it('pricing list and pricing check', () => {
    const list: PricingListReport = {
      schema: REPORT_SCHEMA, command: 'pricing list', today: '2026-01-11', filters: { kind: null, provider: null, search: null, stale: false }, rows: [row], oldest_as_of: '2026-01-01',
    };
    const text = pricingListRenderers.markdown(list, PLAIN);
    expectNameInTable(text);
    expect(text).toContain('| <https://example.com/prices_page> |');
    const check: PricingCheckReport = {
      schema: REPORT_SCHEMA, command: 'pricing check', snapshot: { file: 's.json', format: 'litellm', as_of: '2026-01-01', models: 1 }, compared: 1, tolerance: 0.05,
      disagreements: [{ id: NAME, field: 'input_per_mtok', ours: 1, theirs: 2, difference: 1 }], missing_from_snapshot: 0,
    };
    expectNameInTable(pricingCheckRenderers.markdown(check, PLAIN));
  });

  it('vram and throughput', async () => {
    const vram = JSON.parse((await runCli(['vram', '--model', 'llama-3.1-8b', '--quant', 'Q4_K_M', '--format', 'json'])).stdout) as VramReport;
    vram.fits[0]!.hardware = NAME;
    vram.model.id = NAME;
    expectNameInTable(vramRenderers.markdown(vram, PLAIN));
    const speed = JSON.parse((await runCli(['throughput', '--model', 'llama-3.1-8b', '--quant', 'Q4_K_M', '--hardware', 'hetzner/gex44', '--format', 'json'])).stdout) as ThroughputReport;
    speed.model.id = NAME;
    const lines = throughputRenderers.markdown(speed, PLAIN).trimEnd().split('\n');
    for (const line of lines) expect(line).toMatch(/^- /);
    expect(lines[0]).toContain(ESCAPED);
  });

  it('check', async () => {
    const report = JSON.parse((await runCli(['check', typed('test', 'fixtures', 'check', 'over.yaml'), '--format', 'json'])).stdout) as CheckReport;
    report.scenarios[0]!.option = NAME;
    report.scenarios[0]!.file = 'odd|dir/over.yaml';
    const text = checkRenderers.markdown(report, PLAIN);
    expectNameInTable(text);
    expect(tableRows(text)[0]![1]).toBe('`odd\\|dir/over.yaml`');
  });
});
