// Token keys read from prompt files: `system_prompt: {file: prompts/system.md}`, relative to the
// scenario's folder, counted at load with the first API option's model's tokenizer.
// Counts (js-tiktoken's, which ours equal: test/tokens/exactness.test.ts):
//   prompts/system.md 51 tokens (o200k_base and cl100k_base alike), prompts/question.txt 25,
//   prompts/chunk.md 100 with o200k_base but 108 with cl100k_base (it has a Chinese line),
//   prompts/tools.json 82 with o200k_base.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/parse.js';
import { ROOT, runCli, typed } from '../helpers.js';

const fixture = (name: string) => typed('test', 'fixtures', 'prompt-files', name);
const load = (name: string) => parseScenario(readFileSync(fixture(name), 'utf8'), { file: fixture(name) });

describe('loading', () => {
  it('counts each file with the first API option’s tokenizer and records what it did', () => {
    const scenario = load('chat.yaml');
    expect(scenario.workload.systemPromptTokens).toBe(51);
    expect(scenario.workload.inputTokens).toBe(25); // the block form `input:\n  file: ...` too
    expect(scenario.promptFiles).toEqual([
      { path: 'workload.system_prompt', file: 'prompts/system.md', tokens: 51, encoding: 'o200k_base', estimate: false, basis: 'openai/gpt-4o-mini uses o200k_base' },
      { path: 'workload.input', file: 'prompts/question.txt', tokens: 25, encoding: 'o200k_base', estimate: false, basis: 'openai/gpt-4o-mini uses o200k_base' },
    ]);
    expect(scenario.uncertain).toEqual([]); // a file is a fixed count, not a range
  });

  it('a Claude model first: cl100k_base, marked an estimate', () => {
    const scenario = load('rag.yaml');
    expect(scenario.workload.kind === 'rag' && scenario.workload.tokensPerChunk).toBe(108);
    expect(scenario.promptFiles?.map((p) => [p.path, p.encoding, p.estimate])).toEqual([
      ['workload.system_prompt', 'cl100k_base', true],
      ['workload.retrieved.tokens_per_chunk', 'cl100k_base', true],
    ]);
  });

  it('sits beside ranges on other token keys: a mapping is a range by its keys', () => {
    const scenario = load('agent.yaml');
    expect(scenario.workload.kind === 'agent' && scenario.workload.toolSchemaTokens).toBe(82);
    expect(scenario.workload.inputTokens).toBe(30); // {min: 10, mode: 20, max: 60}: mean 30
    expect(scenario.uncertain.map((u) => u.path)).toEqual(['workload.input', 'workload.output']);
  });

  it('a scenario without prompt files has none recorded', () => {
    const scenario = parseScenario(readFileSync(typed('scenarios', 'v0-chat-app.yaml'), 'utf8'), { file: typed('scenarios', 'v0-chat-app.yaml') });
    expect(scenario.promptFiles).toBeUndefined();
  });
});

describe('estimate with prompt files', () => {
  it('chat: 51 + 25 prompt tokens and 200 out, at gpt-4o-mini’s $0.15 / $0.60 per 1M', async () => {
    const run = await runCli(['estimate', fixture('chat.yaml'), '--format', 'json']);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect(report.workload.single_turn_tokens).toBe(51 + 25 + 200);
    const mini = report.options.find((o: { name: string }) => o.name === 'openai/gpt-4o-mini');
    // (76 x 0.15 + 200 x 0.60) / 1M = $0.0001314 a request; 1,000 requests a month
    expect(mini.per_request_cost).toBeCloseTo((76 * 0.15 + 200 * 0.6) / 1e6, 15);
    expect(mini.monthly_cost).toBeCloseTo(0.1314, 12);
  });

  it('rag: 51 + 50 + 4 chunks x 108 tokens = 533 in, 100 out, at claude-haiku-4-5’s $1 / $5', async () => {
    const report = JSON.parse((await runCli(['estimate', fixture('rag.yaml'), '--format', 'json'])).stdout);
    expect(report.options[0].tokens_per_request.input).toBe(533);
    expect(report.options[0].per_request_cost).toBeCloseTo((533 * 1 + 100 * 5) / 1e6, 15); // $0.001033
  });

  it('a missing file, a folder and a misspelt key: every problem at once, at its place, exit 2', async () => {
    const file = fixture('missing.yaml');
    const run = await runCli(['estimate', file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.errorLines).toEqual([
      `llm-tco: ${file}:7:25: workload.system_prompt.file: prompt file 'prompts/nope.md': no such file (looked for ${join(typed('test', 'fixtures', 'prompt-files'), 'prompts', 'nope.md')})`,
      `llm-tco: ${file}:8:17: workload.input.file: prompt file 'prompts': is a folder, not a file`,
      `llm-tco: ${file}:9:12: workload.output.fiel: unknown key 'fiel' (did you mean 'file'?)`,
    ]);
  });
});

describe('start-up', () => {
  // The built CLI in a fresh process: does estimate load the tokenizer's tables (dist/tokens/,
  // written from gpt-tokenizer's at build)? The rank tables are read as text and the split
  // patterns required with them, so the patterns' module in the require cache tells.
  const tablesLoaded = (scenario: string) => {
    const script = `
      import { createRequire } from 'node:module';
      const { main } = await import(${JSON.stringify(join(ROOT, 'dist', 'cli.js'))});
      const sink = { write: () => true };
      const code = await main(['estimate', ${JSON.stringify(scenario)}], { stdout: sink, stderr: sink, env: {}, today: '2026-11-25' });
      const loaded = Object.keys(createRequire(import.meta.url).cache).some((k) => k.endsWith(${JSON.stringify(join('tokens', 'constants.cjs'))}));
      process.stdout.write(JSON.stringify({ code, loaded }));`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 15_000 });
    return JSON.parse(result.stdout) as { code: number; loaded: boolean };
  };

  it('estimate loads the tokenizer only for a scenario that names a prompt file', () => {
    expect(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/ is missing: run `node scripts/build.mjs` (npm test does)').toBe(true);
    expect(tablesLoaded(join(ROOT, 'scenarios', 'v0-chat-app.yaml'))).toEqual({ code: 0, loaded: false });
    expect(tablesLoaded(join(ROOT, 'test', 'fixtures', 'prompt-files', 'chat.yaml'))).toEqual({ code: 0, loaded: true });
  });
});
