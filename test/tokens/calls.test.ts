// tokens --calls N [--output T]: what a prompt file costs as the prompt of N calls. At list
// prices (openai/gpt-4o-mini: $0.15 input, $0.60 output per 1M tokens).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectRejected, runCli } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'llm-tco-calls-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const prompt = join(dir, 'system.md');
writeFileSync(prompt, 'You are a helpful support assistant for Acme. Answer briefly and politely.\nIf you do not know, say so and offer to open a ticket.\n');

describe('tokens --calls', () => {
  it('multiplies one call by the calls: 1M x (T x $0.15 + 300 x $0.60) / 1M', async () => {
    const run = await runCli(['tokens', prompt, '--model', 'openai/gpt-4o-mini', '--calls', '1M', '--output', '300', '--format', 'json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    const tokens = report.total_tokens as number;
    expect(tokens).toBe(30);
    // 1,000,000 x 30 x 0.15 / 1M = $4.50; 1,000,000 x 300 x 0.60 / 1M = $180; together $184.50.
    expect(report.cost.calls).toEqual({ calls: 1_000_000, output_tokens: 300, input: expect.closeTo(4.5, 9), output: expect.closeTo(180, 9), total: expect.closeTo(184.5, 9) });
    const table = await runCli(['tokens', prompt, '--model', 'openai/gpt-4o-mini', '--calls', '1M', '--output', '300']);
    expect(table.stdout).toContain('at 1,000,000 calls: $4.50 input + $180.00 output (300 tokens a call) = $184.50');
  });

  it('without --output the calls write nothing: 2,000 x 30 x $0.15 / 1M = $0.009', async () => {
    const report = JSON.parse((await runCli(['tokens', prompt, '--model', 'openai/gpt-4o-mini', '--calls', '2000', '--format', 'json'])).stdout);
    expect(report.cost.calls).toEqual({ calls: 2000, output_tokens: 0, input: expect.closeTo((2000 * 30 * 0.15) / 1e6, 12), output: 0, total: expect.closeTo((2000 * 30 * 0.15) / 1e6, 12) });
    // Without --calls, none.
    expect(JSON.parse((await runCli(['tokens', prompt, '--model', 'openai/gpt-4o-mini', '--format', 'json'])).stdout).cost.calls).toBeNull();
  });

  it.each([
    [['--calls', '1M'], '--calls: needs --model'],
    [['--model', 'openai/gpt-4o-mini', '--calls', '1.5'], '--calls: must be a whole number'],
    [['--model', 'openai/gpt-4o-mini', '--calls', '0'], '--calls: must be at least 1'],
    [['--model', 'openai/gpt-4o-mini', '--output', '300'], '--output: is the output of each of --calls calls'],
  ])('refuses %j on one line', async (args, message) => {
    const run = await runCli(['tokens', prompt, ...args]);
    expectRejected(run);
    expect(run.errorLines).toEqual([expect.stringContaining(message)]);
  });
});
