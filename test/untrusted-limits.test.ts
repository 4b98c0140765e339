// Scenario files anyone can change in a pull request (`llm-tco check` in CI) must not make a run
// take minutes or gigabytes: every cap in src/limits.ts is reached here, and what the user sees
// then is one clear line per problem, exit 2. See docs/untrusted-input.md, "Limits".

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CROSSINGS_PER_PAIR, MAX_ECHO_CHARS, MAX_OPTIONS, MAX_PROBLEMS_PER_FILE, MAX_TIERS_PER_MODEL } from '../src/limits.js';
import { expectRejected, runCli } from './helpers.js';

const HEAD = 'name: limits\ntraffic:\n  users: 1000\nworkload:\n  kind: chat\n  input: 400\n  output: 600\n';
let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'llm-tco-limits-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = join(folder, name);
  writeFileSync(file, text);
  return file;
}


const inlineOptions = (n: number) => Array.from({ length: n }, (_, i) => `  - api: {name: m${i}, input: ${1 + i / 100}, output: ${2 + i / 50}}\n`).join('');

describe('long names', () => {
  it('a 4,000-character model name is echoed clipped, with no suggestion', async () => {
    const file = write('long-model.yaml', `${HEAD}options:\n  - api: ${'x'.repeat(4000)}\n`);
    const run = await runCli(['estimate', file]);
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: ${file}:9:10: options[0].api: unknown model '${'x'.repeat(MAX_ECHO_CHARS)}… (4,000 characters)' (name it provider/model as the catalogue lists it, or give inline prices {name, input, output})`]);
  });

  it('a 1,000,000-character key is echoed clipped, in its message and its key path', async () => {
    const key = 'k'.repeat(1_000_000);
    const clipped = `${'k'.repeat(MAX_ECHO_CHARS)}… (1,000,000 characters)`;
    const file = write('long-key.yaml', `${HEAD}options:\n  - api: openai/gpt-4o-mini\n? ${key}\n: 1\n`);
    const run = await runCli(['check', file]);
    expect(run.code).toBe(2);
    expect(run.stdout.length + run.stderr.length).toBeLessThan(2000);
    expect(run.stdout + run.stderr).toContain(`${clipped}: unknown key '${clipped}' (allowed here: name, description`);
  });

  it('an unknown value of a closed list is echoed clipped', async () => {
    const file = write('long-kind.yaml', HEAD.replace('kind: chat', `kind: ${'c'.repeat(500)}`) + 'options:\n  - api: openai/gpt-4o-mini\n');
    const run = await runCli(['estimate', file]);
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: ${file}:5:9: workload.kind: must be one of chat, rag, agent, got '${'c'.repeat(MAX_ECHO_CHARS)}… (500 characters)'`]);
  });

  it('an unknown command of 100,000 characters gets no suggestion and a clipped echo', async () => {
    const run = await runCli(['e'.repeat(100_000)]);
    expect(run.code).toBe(2);
    expect(run.stderr.length).toBeLessThan(1000);
  });

  it('an unknown flag of 100,000 characters is echoed clipped', async () => {
    const run = await runCli(['estimate', `--${'x'.repeat(100_000)}`]);
    expect(run.code).toBe(2);
    expect(run.errorLines).toEqual([`llm-tco: unknown option '--${'x'.repeat(MAX_ECHO_CHARS - 2)}… (100,002 characters)'`]);
  });
});

describe('how many options', () => {
  it(`refuses more than ${MAX_OPTIONS} options at the options key`, async () => {
    const file = write('too-many-options.yaml', `${HEAD}options:\n${inlineOptions(MAX_OPTIONS + 1)}`);
    const run = await runCli(['estimate', file]);
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: ${file}:8:1: options: a scenario compares at most ${MAX_OPTIONS} options, this one has ${MAX_OPTIONS + 1} (split it into several files)`]);
  });

  it('check says the same and exits 2', async () => {
    const file = write('too-many-options-check.yaml', `${HEAD}options:\n${inlineOptions(2000)}`);
    const run = await runCli(['check', file, '--format', 'json']);
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as { scenarios: { problems: { path: string; message: string; location: { line: number } }[] }[] };
    expect(report.scenarios[0]!.problems).toHaveLength(1);
    expect(report.scenarios[0]!.problems[0]).toMatchObject({ path: 'options', location: { line: 8, col: 1 } });
  });

  it(`estimates ${MAX_OPTIONS} options`, async () => {
    const file = write('max-options.yaml', `${HEAD}options:\n${inlineOptions(MAX_OPTIONS)}`);
    const run = await runCli(['estimate', file, '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { options: unknown[]; cheapest: string };
    expect(report.options).toHaveLength(MAX_OPTIONS);
    // m0 has the lowest prices (input 1, output 2 per 1M): it is cheapest.
    expect(report.cheapest).toBe('m0');
  });
});

describe('how many problems', () => {
  const unknownKeys = (n: number) => Array.from({ length: n }, (_, i) => `unk${i}: 1\n`).join('');

  it(`shows the first ${MAX_PROBLEMS_PER_FILE} problems of a file and counts the rest`, async () => {
    const file = write('many-keys.yaml', `${HEAD}options:\n  - api: openai/gpt-4o-mini\n${unknownKeys(4000)}`);
    const run = await runCli(['estimate', file]);
    expectRejected(run);
    expect(run.errorLines).toHaveLength(MAX_PROBLEMS_PER_FILE + 1);
    expect(run.errorLines[0]).toBe(`llm-tco: ${file}:10:1: unk0: unknown key 'unk0' (allowed here: name, description, currency, max_seconds_per_reply, traffic, workload, options, budget)`);
    expect(run.errorLines[MAX_PROBLEMS_PER_FILE]).toBe(`llm-tco: ${file}: … and 3,950 more problems (fix these first)`);
  });

  it('check caps them the same way in its report', async () => {
    const file = write('many-keys-check.yaml', `${HEAD}options:\n  - api: openai/gpt-4o-mini\n${unknownKeys(4000)}`);
    const run = await runCli(['check', file, '--format', 'json']);
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as { scenarios: { problems: { message: string }[] }[] };
    expect(report.scenarios[0]!.problems).toHaveLength(MAX_PROBLEMS_PER_FILE + 1);
    expect(report.scenarios[0]!.problems.at(-1)!.message).toBe('… and 3,950 more problems (fix these first)');
  });

  it('a duplicate key is still found among many keys, at its line, naming the first', async () => {
    const file = write('duplicate.yaml', `${HEAD}options:\n  - api: openai/gpt-4o-mini\ntraffic:\n  users: 5\n`);
    const run = await runCli(['estimate', file]);
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: ${file}:10:1: traffic: duplicate key 'traffic': it is already set on line 2 (keep one)`]);
  });

  it('a duplicate key inside a list item is found too', async () => {
    const file = write('duplicate-nested.yaml', `${HEAD}options:\n  - api: openai/gpt-4o-mini\n    batch: true\n    batch: false\n`);
    const run = await runCli(['estimate', file]);
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: ${file}:11:5: options[0].batch: duplicate key 'batch': it is already set on line 10 (keep one)`]);
  });
});

describe('YAML structure', () => {
  it('an alias bomb is refused, one line per alias, without expanding it', async () => {
    let bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    let previous = 'a';
    for (const n of 'bcdefghi') {
      bomb += `${n}: &${n} [${Array(9).fill(`*${previous}`).join(',')}]\n`;
      previous = n;
    }
    const file = write('bomb.yaml', `${HEAD.replace('name: limits', 'name: *i')}options:\n  - api: openai/gpt-4o-mini\n${bomb}`);
    const run = await runCli(['estimate', file]);
    expectRejected(run);
    expect(run.errorLines[0]).toBe(`llm-tco: ${file}:1:7: name: is an alias (*i): scenarios do not use YAML anchors and aliases (write the value itself)`);
    // 1 + 8 x 9 aliases: the first 50 and a count of the rest.
    expect(run.errorLines).toHaveLength(51);
    expect(run.errorLines[50]).toBe(`llm-tco: ${file}: … and 23 more problems (fix these first)`);
  });

  it('lists nested 20,000 deep are refused in one line', async () => {
    const file = write('deep.yaml', `${HEAD}options:\n  - api: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
    const run = await runCli(['estimate', file]);
    expectRejected(run);
    expect(run.errorLines).toHaveLength(1);
    expect(run.errorLines[0]).toMatch(/^llm-tco: .*deep\.yaml:9:\d+: invalid YAML: lists and mappings are nested too deeply \(a scenario needs a few levels\)$/);
  });

  it('100,000 documents in one file are one problem', async () => {
    const file = write('documents.yaml', `${HEAD}options:\n  - api: openai/gpt-4o-mini\n${'---\na: 1\n'.repeat(100_000)}`);
    const run = await runCli(['estimate', file]);
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: ${file}:10:1: has more than one YAML document; llm-tco reads one scenario per file`]);
  });
});

describe('break-even between many step functions', () => {
  // CPU servers of nearly the same price and speed: their instance steps fall at slightly
  // different traffic, so two of them swap places at almost every step.
  const cpu = (i: number) => `  - name: cpu${i}\n    self_host:\n      hardware: {name: cpu-vps${i}, monthly: ${40 + i}}\n      tokens_per_second: ${20 + i / 10}\n`;
  const scenario = (n: number) =>
    `name: steps\ntraffic:\n  users: 200000\n  sessions_per_user: 4\n  requests_per_session: 5\nworkload:\n  kind: chat\n  input: 400\n  output: 600\n  history: none\noptions:\n${Array.from({ length: n }, (_, i) => cpu(i)).join('')}`;

  it(`lists at most ${MAX_CROSSINGS_PER_PAIR} crossings of a pair and counts the rest in its reason`, async () => {
    const file = write('two-cpus.yaml', scenario(2));
    const run = await runCli(['estimate', file, '--format', 'json']);
    expect(run.code).toBe(0);
    const pair = (JSON.parse(run.stdout) as { breakeven: { crossings: unknown[]; reason: string }[] }).breakeven[0]!;
    expect(pair.crossings).toHaveLength(MAX_CROSSINGS_PER_PAIR);
    expect(pair.reason).toMatch(/; and [\d,]+ more crossings$/);
  });

  it(`${MAX_OPTIONS} such options share one budget of steps, and say where they stopped looking`, async () => {
    const file = write('many-cpus.yaml', scenario(MAX_OPTIONS));
    const run = await runCli(['estimate', file, '--format', 'json']);
    expect(run.code).toBe(0);
    const pairs = (JSON.parse(run.stdout) as { breakeven: { crossings: unknown[]; reason: string }[] }).breakeven;
    expect(pairs).toHaveLength((MAX_OPTIONS * (MAX_OPTIONS - 1)) / 2);
    for (const pair of pairs) expect(pair.crossings.length).toBeLessThanOrEqual(MAX_CROSSINGS_PER_PAIR);
    expect(pairs[0]!.reason).toMatch(/; and [\d,]+ more crossings \(crossings past 100 instance steps of an option are not looked for: the scenario compares 200 options\)$/);
  }, 60_000);
});

describe('repeated and long lists inside an option', () => {
  it('a prompt file named by many keys is read and counted once', async () => {
    const { parseDocument } = await import('yaml');
    const { promptFilesFor } = await import('../src/scenario/prompt-files.js');
    const prompt = write('prompt.md', 'one two three\n');
    const files = promptFilesFor(parseDocument('options: [{api: openai/gpt-4o-mini}]'), join(folder, 'scenario.yaml'));
    const first = files.count('prompt.md', 'workload.input');
    // Changed on disk after the first count: a second read would see it.
    writeFileSync(prompt, 'one two three four five six seven eight nine ten\n');
    const second = files.count('prompt.md', 'options[0].api.tiers[0].above');
    expect(second).toEqual(first);
    expect(files.counted.map((c) => c.path)).toEqual(['workload.input', 'options[0].api.tiers[0].above']);
  });

  it(`refuses more than ${MAX_TIERS_PER_MODEL} price tiers on one model, at its tiers key`, async () => {
    const tiers = Array.from({ length: MAX_TIERS_PER_MODEL + 1 }, (_, i) => `{above: ${(i + 1) * 1000}, input: 2}`).join(', ');
    const file = write('tiers.yaml', `${HEAD}options:\n  - api: {name: m, input: 1, output: 2, tiers: [${tiers}]}\n`);
    const run = await runCli(['estimate', file]);
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: ${file}:9:41: options[0].api.tiers: a model has at most ${MAX_TIERS_PER_MODEL} price tiers, this one has ${MAX_TIERS_PER_MODEL + 1}`]);
  });
});

describe('found by the property test (test/fuzz-scenarios.test.ts)', () => {
  it('a budget so small that a cost over it is an infinite share of it is refused at its key', async () => {
    // 5e-324 is the smallest positive double: any cost above 1e-15 is more than 1.8e308 times it.
    const file = write('tiny-budget.yaml', `${HEAD}options:\n  - api: openai/gpt-4o-mini\nbudget:\n  monthly: 5e-324\n`);
    const run = await runCli(['check', file, '--format', 'json']);
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as { scenarios: { problems: { path: string; message: string; location: { line: number; col: number } }[] }[] };
    expect(report.scenarios[0]!.problems).toEqual([
      { location: { file, line: 11, col: 12 }, path: 'budget.monthly', message: 'must be at least 1e-12, got 5e-324 (a limit this small is over at any cost; leave the limit out to set none)' },
    ]);
  });

  it('traffic that overflows at the top of the break-even range is refused, not described as "Infinity requests a month"', async () => {
    // Break-even looks up to 100 x the traffic: 3.04e307 x 100 requests is past 1.8e308.
    const file = write('huge-traffic.yaml', 'name: t\ntraffic:\n  requests_per_month: 3.04e307\nworkload:\n  kind: chat\n  input: 500\n  output: 300\noptions:\n  - api: openai/gpt-4o-mini\n  - api: google/gemini-2.5-flash-lite\n');
    const run = await runCli(['estimate', file, '--format', 'json']);
    expectRejected(run);
    expect(run.errorLines).toEqual([
      `llm-tco: ${file}:3:3: traffic.requests_per_month: the traffic is too large to compute with: break-even looks up to 100 times it, where the tokens a month come out as Infinity (check the unit and the exponent)`,
    ]);
  });

  it('a prompt too large to hold in memory is refused, not reported as Infinity GiB', async () => {
    // 1e303 tokens of KV cache: 2 x layers x kv_heads x head_dim x bytes x 1e303 overflows to Infinity.
    const file = write('huge-prompt.yaml', 'name: t\ntraffic:\n  users: 100\nworkload:\n  kind: chat\n  input: 1e303\n  output: 600\noptions:\n  - self_host:\n      model: qwen2.5-14b\n      quant: Q4_K_M\n      engine: llama.cpp\n      hardware: runpod/rtx-4090-secure\n');
    for (const format of ['json', 'table']) {
      const run = await runCli(['estimate', file, '--format', format]);
      expectRejected(run);
      expect(run.errorLines).toEqual([
        `llm-tco: ${file}:9:5: options[0]: 'self-host qwen2.5-14b Q4_K_M on runpod/rtx-4090-secure' would need more memory than can be computed with for 1.00e+303 tokens of context (check the token counts for a wrong unit or exponent)`,
      ]);
    }
  });
});
