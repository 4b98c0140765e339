// llm-tco calibrate end to end (see command-harness.ts): the table, the JSON report, the written
// scenario and estimate on it, standard input, warnings, and bad input.

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../command-harness.js';
import { fakeIo, runCli, typed } from '../helpers.js';

const LOGS = typed('test', 'fixtures', 'logs');
const log = (name: string) => `${LOGS}/${name}`;
let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'llm-tco-calibrate-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe('calibrate: the report', () => {
  it('table: per-call figures, the cache hit rate, sessions and how each model is priced', async () => {
    const run = await runCommand(['calibrate', log('openai-chat.jsonl')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('4 calls from 1 file (OpenAI Chat Completions 4)');
    expect(run.stdout).toContain('logged 2026-11-02T09:00:00.000Z .. 2026-11-02T11:00:00.000Z (2 h): 1,460 calls a month at that rate');
    expect(run.stdout).toMatch(/input tokens \(whole prompt\)\s+│\s+1,325 │\s+1,060 │\s+1,350 │\s+1,570 │\s+1,600 │/);
    expect(run.stdout).toContain('cache hit rate: 38.6% of prompt tokens read from the cache'); // 2,048 / 5,300
    expect(run.stdout).toContain('sessions: 2 (calls grouped by session id 4)');
    expect(run.stdout).toContain('model gpt-4o-mini-2024-07-18 (openai): 4 calls, priced as openai/gpt-4o-mini');
  });

  it('a dated Claude id is priced as its model, and says so', async () => {
    const run = await runCommand(['calibrate', log('anthropic-messages.jsonl'), '--format', 'json']);
    const report = JSON.parse(run.stdout);
    expect(report.models).toEqual([
      { model: 'claude-sonnet-4-5-20250929', provider: 'anthropic', calls: 3, catalogue_id: 'anthropic/claude-sonnet-4-5', note: 'dated snapshot of anthropic/claude-sonnet-4-5, priced as it' },
    ]);
  });

  it('json: the stable core, for every format at once', async () => {
    const run = await runCommand(['calibrate', `${LOGS}/*.jsonl`, log('litellm-spend-logs.json'), '--format', 'json', '--max-warnings', '0']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ schema: 'llm-tco/report@1', command: 'calibrate', calls: 4 + 4 + 3 + 3 + 2 });
    expect(report.formats).toEqual({ openai_chat: 4 + 1, openai_responses: 4, anthropic_messages: 3 + 1, litellm: 3 });
    expect(Object.keys(report.tokens_per_call)).toEqual(['input', 'cached', 'uncached', 'cache_write', 'output', 'reasoning']);
    expect(Object.keys(report.tokens_per_call.input)).toEqual(['mean', 'p10', 'p50', 'p90', 'min', 'max', 'total']);
    // malformed: all-bad.jsonl lines 1 and 2, with-bad-lines.jsonl lines 2, 3, 4, 6 and 8
    expect(report.malformed.count).toBe(7);
    expect(report.malformed.lines.map((m: { file: string; line: number }) => `${m.file.slice(LOGS.length + 1)}:${m.line}`)).toEqual([
      'all-bad.jsonl:1', 'all-bad.jsonl:2', 'with-bad-lines.jsonl:2', 'with-bad-lines.jsonl:3', 'with-bad-lines.jsonl:4', 'with-bad-lines.jsonl:6', 'with-bad-lines.jsonl:8',
    ]);
    expect(report.scenario).toBeNull();
  });

  it('reads standard input', async () => {
    const io = fakeIo();
    io.readStdin = async () => readFileSync(log('litellm-spend-logs.json'), 'utf8');
    const report = JSON.parse((await runCommand(['calibrate', '-', '--format', 'json'], io)).stdout);
    expect(report.sources).toEqual([{ file: '-', records: 5, calls: 3, malformed: 0, skipped: 2, formats: { litellm: 3 } }]);
  });
});

describe('calibrate: malformed lines', () => {
  it('are warnings on stderr with file and line, at most --max-warnings of them, never fatal', async () => {
    const run = await runCommand(['calibrate', log('with-bad-lines.jsonl'), '--max-warnings', '2']);
    expect(run.code).toBe(0);
    const file = log('with-bad-lines.jsonl');
    expect(run.errorLines).toEqual([
      `llm-tco: warning: ${file}:2:1: usage.prompt_tokens must be a whole number of tokens, got -5 (line left out)`,
      `llm-tco: warning: ${file}:3:135: not JSON (Unterminated string) (line left out)`,
      'llm-tco: warning: 3 more malformed lines left out (--max-warnings shows more; --format json lists them)',
    ]);
    expect(run.stdout).toContain('2 calls from 1 file (OpenAI Chat Completions 1, Anthropic Messages 1); 5 malformed lines left out');
  });

  it('nothing usable: exit 2, the bad lines, and why', async () => {
    const file = log('all-bad.jsonl');
    const run = await runCommand(['calibrate', file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.errorLines).toEqual([
      `llm-tco: ${file}:1:1: usage.prompt_tokens must be a whole number of tokens, got "twelve"`,
      `llm-tco: ${file}:2:2: not JSON (Unexpected token 'o')`,
      `llm-tco: ${file}: no usable usage records`,
    ]);
  });

  it('an implausible token count is a malformed line, with its line number', async () => {
    const file = join(folder, 'huge.jsonl');
    writeFileSync(file, [
      '{"object":"chat.completion","model":"gpt-4o-mini","usage":{"prompt_tokens":500,"completion_tokens":100}}',
      '{"object":"chat.completion","model":"gpt-4o-mini","usage":{"prompt_tokens":1e300,"completion_tokens":100}}',
    ].join('\n'));
    const run = await runCommand(['calibrate', file]);
    expect(run.code).toBe(0);
    expect(run.errorLines).toEqual([`llm-tco: warning: ${file}:2:1: usage.prompt_tokens is not a plausible token count for one call, got 1e+300 (more than 1,000,000,000) (line left out)`]);
    expect(run.stdout).not.toMatch(/NaN|Infinity|e\+300/);
  });

  it('an empty log: exit 2', async () => {
    const empty = join(folder, 'empty.jsonl');
    writeFileSync(empty, '\n\n');
    const run = await runCommand(['calibrate', empty]);
    expect(run.code).toBe(2);
    expect(run.errorLines).toEqual([`llm-tco: ${empty}: no usage records (the logs are empty, or hold only records left out on purpose)`]);
  });

  it('a missing log or a pattern that matches nothing: exit 2, one line each', async () => {
    const run = await runCommand(['calibrate', log('missing.jsonl'), `${LOGS}/*.csv`]);
    expect(run.code).toBe(2);
    expect(run.errorLines).toEqual([`llm-tco: ${LOGS}/*.csv: matches no files`, `llm-tco: ${log('missing.jsonl')}: no such file`]);
  });
});

describe('calibrate -o: the scenario', () => {
  it('is written whole, says what it was calibrated from, and estimate loads it', async () => {
    const out = join(folder, 'calibrated.yaml');
    const run = await runCommand(['calibrate', log('openai-chat.jsonl'), '-o', out, '--name', 'Support chat, calibrated']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`wrote ${out}: options openai/gpt-4o-mini; 1,460 requests a month`);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain(`#   ${log('openai-chat.jsonl')}: 4 calls\n`);
    expect(text).toContain('# requests_per_month: the logged rate, 4 calls in 2.0 hours, over a 730-hour month.');
    expect(text).toContain('  system_prompt: {min: 0, mode: 512, max: 1024}\n  input: {min: 506, mode: 788, max: 1140}\n');

    const estimate = await runCli(['estimate', out, '--format', 'json']);
    expect(estimate.stderr).toBe('');
    expect(estimate.code).toBe(0);
    const report = JSON.parse(estimate.stdout);
    expect(report.traffic.requests_per_month).toBe(1460);
    // estimate takes each range's mean: system prompt (0 + 512 + 1024) / 3 = 512, input
    // (506 + 788 + 1140) / 3 = 811.33, output (215 + 275 + 370) / 3 = 286.67. A 512-token prefix
    // is under OpenAI's 1,024-token cache minimum, so none of it is read from the cache; at
    // gpt-4o-mini's $0.15 input and $0.60 output per 1M:
    // ((512 + 811.33) x 0.15 + 286.67 x 0.60) / 1M = (198.5 + 172.0) / 1M = $0.0003705
    const mini = report.options[0];
    expect(mini.tokens_per_request.cached_input).toBe(0);
    expect(mini.prompt_cache.capped).toBe(true);
    expect(mini.per_request_cost).toBeCloseTo(370.5e-6, 12);
    expect(mini.monthly_cost).toBeCloseTo(1460 * 370.5e-6, 9);
  });

  it('--model names the options, --requests-per-month the volume', async () => {
    const out = join(folder, 'calibrated.yaml');
    const run = await runCommand(['calibrate', log('anthropic-messages.jsonl'), '-o', out, '--model', 'anthropic/claude-haiku-4-5', '--model', 'openai/gpt-4o-mini', '--requests-per-month', '50k', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).scenario).toEqual({ file: out, options: ['anthropic/claude-haiku-4-5', 'openai/gpt-4o-mini'], requests_per_month: 50_000, requests_per_month_from: '--requests-per-month' });
    const estimate = JSON.parse((await runCli(['estimate', out, '--format', 'json'])).stdout);
    expect(estimate.options.map((o: { name: string }) => o.name).sort()).toEqual(['anthropic/claude-haiku-4-5', 'openai/gpt-4o-mini']);
    expect(estimate.traffic.requests_per_month).toBe(50_000);
  });

  it('logs spanning under an hour: the calls logged, and the file says to set the volume', async () => {
    const out = join(folder, 'calibrated.yaml');
    await runCommand(['calibrate', log('anthropic-messages.jsonl'), '-o', out]);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('  requests_per_month: 3\n');
    expect(text).toContain('# requests_per_month: the 3 calls logged: the logs span under an hour (or carry no times), so set your monthly volume here.');
    expect((await runCli(['estimate', out])).code).toBe(0);
  });

  it('an unknown --model: exit 2 with a suggestion, and no file', async () => {
    const out = join(folder, 'calibrated.yaml');
    const run = await runCommand(['calibrate', log('openai-chat.jsonl'), '-o', out, '--model', 'openai/gpt-4o-mnii']);
    expect(run.code).toBe(2);
    expect(run.errorLines).toEqual(["llm-tco: command line: --model: unknown model 'openai/gpt-4o-mnii' (did you mean 'openai/gpt-4o-mini'?)"]);
    expect(existsSync(out)).toBe(false);
    // Without -o too: a report from a misspelt --model would look like it was used.
    const bare = await runCommand(['calibrate', log('openai-chat.jsonl'), '--model', 'openai/gpt-4o-mnii']);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.errorLines).toEqual(run.errorLines);
  });

  it('no logged model in the catalogue and no --model: exit 2, naming --model', async () => {
    const logs = join(folder, 'own-model.jsonl');
    writeFileSync(logs, `${JSON.stringify({ object: 'chat.completion', model: 'acme-ft-7b', usage: { prompt_tokens: 100, completion_tokens: 20 } })}\n`);
    const run = await runCommand(['calibrate', logs, '-o', join(folder, 'out.yaml')]);
    expect(run.code).toBe(2);
    expect(run.errorLines).toEqual(["llm-tco: command line: --model: none of the logged models (acme-ft-7b) is in the catalogue: name the scenario's options with --model provider/model"]);
  });

  it('a folder that does not exist: exit 2, nothing left behind', async () => {
    const run = await runCommand(['calibrate', log('openai-chat.jsonl'), '-o', join(folder, 'no', 'such', 'dir', 'x.yaml')]);
    expect(run.code).toBe(2);
    expect(run.errorLines[0]).toMatch(/cannot write here: the folder does not exist$/);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('--help shows examples', async () => {
    const run = await runCommand(['calibrate', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Examples:');
  });
});
