// docs/quick-answers.md: each question is answered by one command with no file. Every command on
// the page runs here, and its main figures are checked against hand arithmetic at list prices
// (openai/gpt-4o-mini $0.15 / $0.60 per 1M tokens; runpod/rtx-4090-community $0.34, runpod/
// 2x-rtx-4090-secure $1.48 and runpod/h100-sxm-secure $3.99 an hour; 730 hours a month). The
// page's printed output is checked word for word by test/docs-examples.test.ts.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeIo, monthlyCosts, ROOT, runCli } from './helpers.js';

const PAGE = readFileSync(join(ROOT, 'docs', 'quick-answers.md'), 'utf8');

/** The words of `$ npx llm-tco ...` lines, single quotes as a shell reads them. */
const commands = [...PAGE.matchAll(/^\$ npx llm-tco (.+)$/gm)].map((m) => [...m[1]!.matchAll(/'([^']*)'|(\S+)/g)].map((w) => w[1] ?? w[2]!));
const find = (...words: string[]) => {
  const found = commands.find((c) => words.every((w) => c.includes(w)));
  if (!found) throw new Error(`docs/quick-answers.md has no command with ${words.join(' ')}`);
  return found;
};
const json = async (argv: string[]) => {
  const run = await runCli([...argv, '--format', 'json'], fakeIo(undefined, '2026-12-04'));
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout;
};

describe('docs/quick-answers.md', () => {
  it('has the five answers and the open-weight example', () => {
    expect(commands).toHaveLength(6);
  });

  it('(a) API vs a rented GPU vs a CPU VPS at 5,000 users', async () => {
    const out = await json(find('support-chat', 'hetzner/ccx33'));
    const costs = monthlyCosts(out);
    // 5,000 sessions of 2 turns: (70 + 355) x 0.15 + 2 x 215 x 0.60 per 1M tokens a session.
    expect(costs['openai/gpt-4o-mini']).toBeCloseTo((5000 * (425 * 0.15 + 430 * 0.6)) / 1e6, 9);
    expect(costs['self-host llama-3.1-8b Q4_K_M on runpod/rtx-4090-community']).toBeCloseTo(730 * 0.34, 9);
    const cpu = JSON.parse(out).options.find((o: { name: string }) => o.name.endsWith('hetzner/ccx33'));
    expect(cpu.viable).toBe(false);
    expect(JSON.parse(out).cheapest).toBe('openai/gpt-4o-mini');
  });

  it('(b) RAG at 50,000 users: 100,000 x ((70 + 20 x 800) x 0.15 + 215 x 0.60) / 1M on gpt-4o-mini', async () => {
    const costs = monthlyCosts(await json(find('doc-qa-rag', '50000')));
    expect(costs['openai/gpt-4o-mini']).toBeCloseTo((100_000 * (16_070 * 0.15 + 215 * 0.6)) / 1e6, 9);
  });

  it('(c) a coding agent for 200 developers: 200 x 15 days x 16 tasks, about $13 a developer-day on Sonnet', async () => {
    const report = JSON.parse(await json(find('coding-agent', '200')));
    expect(report.traffic.requests_per_month).toBe(200 * 15 * 16);
    const sonnet = report.options.find((o: { name: string }) => o.name === 'anthropic/claude-sonnet-4-6');
    // The preset's calibration: a day (a session of 16 tasks) within 10% of the published $13.
    expect(sonnet.per_session_cost).toBeGreaterThan(13 * 0.9);
    expect(sonnet.per_session_cost).toBeLessThan(13 * 1.1);
  });

  it('(d) Llama 3.1 70B on 2 x RTX 4090 or one H100: both hold it, at 730 x $1.48 and 730 x $3.99', async () => {
    const report = JSON.parse(await json(find('llama-3.1-70b')));
    const costs = monthlyCosts(JSON.stringify(report));
    expect(costs['self-host llama-3.1-70b Q4_K_M on runpod/2x-rtx-4090-secure']).toBeCloseTo(730 * 1.48, 9);
    expect(costs['self-host llama-3.1-70b Q4_K_M on runpod/h100-sxm-secure']).toBeCloseTo(730 * 3.99, 9);
    for (const option of report.options) {
      expect(option.memory.fits).toBe(true);
      expect(option.speed.single_stream_tokens_per_second).toBeGreaterThan(10);
    }
  });

  it('(e) a prompt file at 1M calls: 1M x (51 x $0.15 + 300 x $0.60) / 1M = $187.65', async () => {
    const report = JSON.parse(await json(find('tokens', '--calls')));
    expect(report.total_tokens).toBe(51);
    expect(report.cost.calls.total).toBeCloseTo((1_000_000 * (51 * 0.15 + 300 * 0.6)) / 1e6, 9);
  });

  it('the open-weight example is refused with its hint', async () => {
    const run = await runCli(find('llama-3.1-8b', '--sessions'), fakeIo(undefined, '2026-12-04'));
    expect(run.code).toBe(2);
    expect(run.errorLines).toEqual([expect.stringContaining('llama-3.1-8b is an open-weight model')]);
  });
});
