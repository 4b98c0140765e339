// CSV cells hold unrounded figures, but not the last-bit noise of binary arithmetic:
// 0.1 + 0.2 is written 0.3, 4.77 * 10 is written 47.7. Every CSV renderer goes through csvCell.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { breakevenRenderers, forecastRenderers, simulateRenderers } from '../src/formats/analysis.js';
import { csvCell, csvNumber, csvRecords } from '../src/formats/csv.js';
import { estimateRenderers } from '../src/formats/index.js';
import type { EstimateReport } from '../src/report.js';
import { runCli } from './helpers.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'reports');
const load = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8'));
const PLAIN = { color: false };

/** Every number in a report nudged by one unit in the last place (noise a sum or product leaves). */
function noisy<T>(value: T): T {
  if (typeof value === 'number') return (value === 0 || !Number.isFinite(value) ? value : value * (1 + 2 ** -52)) as T;
  if (Array.isArray(value)) return value.map(noisy) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, noisy(v)])) as T;
  return value;
}

/** Significant digits of a numeric cell (0 for text): 16 or more is what binary noise looks like. */
function significantDigits(cell: string): number {
  if (!/^-?\d+(\.\d+)?(e[+-]\d+)?$/.test(cell)) return 0;
  return cell.replace(/e.*$/, '').replace(/[-.]/g, '').replace(/^0+/, '').length;
}

describe('csv figures', () => {
  it('drop the binary noise of arithmetic and keep every digit a person could mean', () => {
    expect(0.1 + 0.2).toBe(0.30000000000000004); // the noise itself, so that the cases below show something
    expect(4.77 * 10).toBe(47.699999999999996);
    expect(csvNumber(0.1 + 0.2)).toBe('0.3');
    expect(csvNumber(4.77 * 10)).toBe('47.7');
    expect(csvNumber(1.1 * 1.1)).toBe('1.21');
    expect(csvNumber(1083.456)).toBe('1083.456'); //        not rounded for people
    expect(csvNumber(1 / 3)).toBe('0.333333333333333'); //  15 significant digits
    expect(csvNumber(180_576_000)).toBe('180576000');
    expect(csvNumber(-(0.1 + 0.2))).toBe('-0.3');
    expect(csvNumber(0.000_042_000_000_000_000_01)).toBe('0.000042');
    expect(csvNumber(3e21)).toBe('3e+21');
    expect(csvNumber(0)).toBe('0');
    expect(csvNumber(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(csvCell(0.1 + 0.2)).toBe('0.3');
    expect(csvRecords([['a', 'b'], [4.77 * 10, true]])).toBe('a,b\r\n47.7,true\r\n');
    expect(significantDigits(String(4.77 * 10))).toBe(17); // the check below sees noise
    expect(significantDigits('0.0583333333333333')).toBe(15);
  });

  it('estimate: a monthly cost of 47.699999999999996 is written 47.7', () => {
    const r = load('estimate') as EstimateReport;
    const option = r.options.find((o) => o.monthly_cost !== null)!;
    option.monthly_cost = 4.77 * 10;
    const rows = estimateRenderers.csv(r, PLAIN).split('\r\n');
    const header = rows[0]!.split(',');
    const row = rows.find((line) => line.startsWith(`${option.name},`))!;
    expect(row.split(',')[header.indexOf('monthly_cost')]).toBe('47.7');
  });

  it('every analysis renderer: no noise in any cell when every figure of the report carries some', () => {
    const texts = [
      estimateRenderers.csv(noisy(load('estimate')) as never, PLAIN),
      breakevenRenderers.csv(noisy(load('breakeven')) as never, PLAIN),
      forecastRenderers.csv(noisy(load('forecast')) as never, PLAIN),
      simulateRenderers.csv(noisy(load('simulate')) as never, PLAIN),
    ];
    for (const text of texts) {
      expect(text.split('\r\n').length).toBeGreaterThan(2);
      for (const line of text.split('\r\n')) for (const cell of line.split(',')) expect(significantDigits(cell), cell).toBeLessThanOrEqual(15);
    }
  });

  it('the CLI: estimate, breakeven, vram and pricing list write no noisy figure', async () => {
    const runs = [
      ['estimate', 'scenarios/code-review-rag.yaml'],
      ['breakeven', 'scenarios/v0-chat-app-self-hosted.yaml'],
      ['vram', '--model', 'llama-3.1-70b', '--quant', 'fp8'],
      ['pricing', 'list'],
    ];
    for (const args of runs) {
      const run = await runCli([...args, '--format', 'csv']);
      expect(run.stderr).toBe('');
      for (const line of run.stdout.split('\r\n')) for (const cell of line.split(',')) expect(significantDigits(cell), cell).toBeLessThanOrEqual(15);
    }
  });
});
