// breakeven, forecast and simulate through the CLI: the JSON contract, reproducibility, inputs.
import { describe, expect, it } from 'vitest';
import { runCli, typed } from './helpers.js';

const SELF_HOSTED = typed('scenarios', 'v0-chat-app-self-hosted.yaml');
const KNOBS = typed('scenarios', 'code-review-knobs.yaml');

describe('breakeven', () => {
  it('lists every pair with its crossings, and curves for the chart', async () => {
    const run = await runCli(['breakeven', SELF_HOSTED, '--format', 'json']);
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(r).toMatchObject({ schema: 'llm-tco/report@1', command: 'breakeven', range: { min_scale: 0.01, max_scale: 100 } });
    const pair = r.pairs.find((p: { a: string; b: string }) => p.a === 'openai/gpt-4o-mini' && p.b === 'GPU server (Hetzner GEX44)');
    // gpt-4o-mini: $168 at 20,000 users, linear; the GPU server: $216.40 + $120 ops while one
    // instance carries it: 168 x s = 336.40 at s = 2.0024, 40,048 users.
    const gpu = JSON.parse((await runCli(['estimate', SELF_HOSTED, '--format', 'json'])).stdout).options.find((o: { name: string }) => o.name === 'GPU server (Hetzner GEX44)');
    expect(pair.users).toBeCloseTo((gpu.monthly_cost / 168) * 20_000, 6);
    expect(r.curves).toHaveLength(3);
  });

  it('takes --range in users', async () => {
    const r = JSON.parse((await runCli(['breakeven', SELF_HOSTED, '--range', '1k..100k', '--format', 'json'])).stdout);
    expect(r.range.min_scale).toBeCloseTo(1000 / 20_000, 12);
    expect(r.range.max_scale).toBe(5);
    const bad = await runCli(['breakeven', SELF_HOSTED, '--range', '100k..1k']);
    expect(bad.code).toBe(2);
    expect(bad.errorLines).toEqual(["llm-tco: command line: --range: expected LOW..HIGH with 0 < LOW < HIGH, e.g. 1000..1M; got '100k..1k'"]);
  });
});

describe('forecast', () => {
  it('needs a growth, from the scenario or --growth', async () => {
    const none = await runCli(['forecast', SELF_HOSTED]);
    expect(none.code).toBe(2);
    expect(none.errorLines[0]).toMatch(/traffic\.growth: a forecast needs a monthly growth \(set traffic\.growth in the scenario, or pass --growth 8%\)$/);
    const run = await runCli(['forecast', SELF_HOSTED, '--growth', '10%', '--months', '3', '--format', 'json']);
    const r = JSON.parse(run.stdout);
    // gpt-4o-mini: 168, 184.80, 203.28
    expect(r.months.map((m: { options: { name: string; monthly_cost: number }[] }) => m.options.find((o) => o.name === 'openai/gpt-4o-mini')!.monthly_cost)).toEqual([
      168,
      expect.closeTo(184.8, 9),
      expect.closeTo(203.28, 9),
    ]);
  });
});

describe('simulate', () => {
  it('gives the same output for the same seed, byte for byte', async () => {
    const a = await runCli(['simulate', KNOBS, '--samples', '500', '--seed', '3', '--format', 'json']);
    const b = await runCli(['simulate', KNOBS, '--samples', '500', '--seed', '3', '--format', 'json']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const c = await runCli(['simulate', KNOBS, '--samples', '500', '--seed', '4', '--format', 'json']);
    expect(c.stdout).not.toBe(a.stdout);
  });

  it('ranks seed 001’s knobs in the tornado', async () => {
    const r = JSON.parse((await runCli(['simulate', KNOBS, '--samples', '200', '--format', 'json'])).stdout);
    const paths = r.tornado.bars.map((b: { path: string }) => b.path);
    for (const knob of ['workload.output', 'workload.system_prompt', 'workload.retrieved.chunks', 'workload.retrieved.tokens_per_chunk']) expect(paths).toContain(knob);
    // the bars are sorted by how far each moves the bill
    const swings = r.tornado.bars.map((b: { swing: number }) => b.swing);
    expect(swings).toEqual([...swings].sort((x: number, y: number) => y - x));
  });

  it('rejects bad --samples and --seed', async () => {
    expect((await runCli(['simulate', KNOBS, '--samples', '0'])).errorLines).toEqual(['llm-tco: command line: --samples: must be at least 1, got 0']);
    expect((await runCli(['simulate', KNOBS, '--seed', '1.5'])).errorLines).toEqual(['llm-tco: command line: --seed: must be a whole number, got 1.5']);
  });
});

describe('estimate --format html', () => {
  it('writes one self-contained page with the break-even and forecast charts', async () => {
    const run = await runCli(['estimate', KNOBS, '--format', 'html']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^<!doctype html>/i);
    expect(run.stdout).toContain('data-chart="breakeven"');
    expect(run.stdout).toContain('data-chart="forecast"'); // the scenario grows 5% a month
    expect(run.stdout).not.toMatch(/(src|href)="https?:/);
  });
});
