// The library returns exactly the report the CLI prints with -f json, and throws the problems
// the CLI prints before exit 2: both run the same functions on the same input.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { breakeven, estimate, LlmTcoInputError, loadCatalogue, throughput, vram } from '../src/index.js';
import { ROOT, runCli, TODAY } from './helpers.js';

const SCENARIO = 'scenarios/v0-chat-app-self-hosted.yaml';
const text = readFileSync(join(ROOT, SCENARIO), 'utf8');
const cliJson = async (args: string[], dated = true) => {
  const run = await runCli([...args, '--format', 'json', ...(dated ? ['--today', TODAY] : [])]);
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as unknown;
};

describe('the library returns what -f json prints', () => {
  it('estimate, from YAML text and from an object', async () => {
    const printed = await cliJson(['estimate', SCENARIO]);
    const report = await estimate(text, { file: SCENARIO, today: TODAY });
    expect(report).toEqual(printed);
    expect(report.schema).toBe('llm-tco/report@1');
    expect(await estimate(parse(text), { file: SCENARIO, today: TODAY })).toEqual(printed);
  });

  it('estimate with fx and currency', async () => {
    const relay = readFileSync(join(ROOT, 'scenarios', 'relay-gpt-4o-cny.yaml'), 'utf8');
    const printed = await cliJson(['estimate', 'scenarios/relay-gpt-4o-cny.yaml', '--fx', 'CNY=7', '--currency', 'EUR']);
    expect(await estimate(relay, { file: 'scenarios/relay-gpt-4o-cny.yaml', today: TODAY, fx: { CNY: 7 }, currency: 'EUR' })).toEqual(printed);
    const layer = 'test/fixtures/pricing/cheaper-mini.yaml';
    const layered = await cliJson(['estimate', 'scenarios/v0-chat-app.yaml', '--pricing', layer]);
    expect(await estimate(readFileSync(join(ROOT, 'scenarios', 'v0-chat-app.yaml'), 'utf8'), { file: 'scenarios/v0-chat-app.yaml', today: TODAY, pricing: [layer] })).toEqual(layered);
    expect(layered).not.toEqual(await cliJson(['estimate', 'scenarios/v0-chat-app.yaml'])); // the layer changes a price
  });

  it('breakeven, vram and throughput', async () => {
    expect(await breakeven(text, { file: SCENARIO, today: TODAY, range: '100..1M' })).toEqual(await cliJson(['breakeven', SCENARIO, '--range', '100..1M']));
    expect(await vram({ model: 'llama-3.1-70b', quant: 'fp8', context: 16384, concurrency: 4 })).toEqual(
      await cliJson(['vram', '--model', 'llama-3.1-70b', '--quant', 'fp8', '--context', '16384', '--concurrency', '4'], false));
    expect(await throughput({ model: 'llama-3.1-8b', quant: 'Q4_K_M', hardware: 'nvidia-rtx-4090', batch: 8 })).toEqual(
      await cliJson(['throughput', '--model', 'llama-3.1-8b', '--quant', 'Q4_K_M', '--hardware', 'nvidia-rtx-4090', '--batch', '8'], false));
    expect(await throughput({ model: 'llama-3.1-70b', quant: 'fp8', hardware: 'nvidia-h100-sxm', gpus: 2, batch: 16, input: 1000, output: 200 })).toEqual(
      await cliJson(['throughput', '--model', 'llama-3.1-70b', '--quant', 'fp8', '--hardware', 'nvidia-h100-sxm', '--gpus', '2', '--batch', '16', '--input', '1000', '--output', '200'], false));
  });

  it('loadCatalogue: every API model, the exchange rates given, the self-hosting parts', async () => {
    const { api, selfHost } = await loadCatalogue({ fx: { EUR: 0.5 }, today: TODAY });
    expect(api.apiModels.map((m) => m.id)).toContain('openai/gpt-4o-mini');
    expect(api.fx.EUR!.perUsd).toBe(0.5);
    expect(selfHost.hardware.map((h) => h.id)).toContain('nvidia-rtx-4090');
  });
});

describe('bad input: LlmTcoInputError with the problems exit 2 prints', () => {
  it('a scenario with a misspelt key and an unknown model', async () => {
    const bad = text.replace('  peak_factor:', '  peak_facter:').replace('openai/gpt-4o-mini', 'openai/gpt-4o-mimi');
    const error = await estimate(bad, { file: 'bad.yaml', today: TODAY }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmTcoInputError);
    const problems = (error as LlmTcoInputError).problems;
    // what the CLI prints for the same text, line by line
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'llm-tco-lib-')), 'bad.yaml');
    writeFileSync(file, bad);
    const run = await runCli(['estimate', file, '--today', TODAY]);
    expect(run.code).toBe(2);
    expect(run.errorLines).toEqual(problems.map((p) => `llm-tco: ${file}:${p.line}:${p.column}: ${p.path}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`));
    expect(problems.length).toBeGreaterThanOrEqual(2);
    expect(problems.find((p) => p.path === 'traffic.peak_facter')).toMatchObject({ file: 'bad.yaml', message: "unknown key 'peak_facter'", hint: "did you mean 'peak_factor'?" });
    expect(problems.find((p) => p.path === 'options[0].api')).toMatchObject({ file: 'bad.yaml', line: 25 });
    expect((error as Error).message).toContain("bad.yaml:");
  });

  it('an object has no lines to point at; an option is named by its flag', async () => {
    const error = (await estimate({ name: 'x', traffic: { users: -1 }, workload: { kind: 'chat', input: 1, output: 1 }, options: [{ api: 'openai/gpt-4o-mini' }] }).catch((e: unknown) => e)) as LlmTcoInputError;
    expect(error).toBeInstanceOf(LlmTcoInputError);
    expect(error.problems).toEqual([{ file: '(scenario object)', path: 'traffic.users', message: 'must not be negative, got -1' }]);
    const context = (await vram({ model: 'llama-3.1-8b', quant: 'Q4_K_M', context: 1e9 }).catch((e: unknown) => e)) as LlmTcoInputError;
    expect(context.problems[0]).toMatchObject({ file: 'command line', flag: '--context', path: '--context' });
    const today = (await estimate(text, { today: '2026-02-30' }).catch((e: unknown) => e)) as LlmTcoInputError;
    expect(today.problems[0]).toMatchObject({ flag: '--today', message: "must be a date written YYYY-MM-DD, got '2026-02-30'" });
  });
});
