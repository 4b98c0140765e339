// estimate from flags alone: self-hosted and serverless options (--self-host / --serverless with
// --hardware), usage presets (--preset), --save and the saved file's round trip, the open-weight
// hint for --model, and every refusal: exit 2, one line, with what to do instead. Costs are checked
// against hand arithmetic at list prices (openai/gpt-4o-mini: $0.15 input and $0.60 output per 1M
// tokens; runpod/rtx-4090-community $0.34 an hour, runpod/2x-rtx-4090-secure $1.48 an hour; a
// month is 730 hours).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPresets, presetFlagValues, PRESET_NAMES, PRESETS, type PresetKey } from '../src/presets.js';
import { SCENARIO_FLAGS } from '../src/scenario/flag-names.js';
import { expectRejected, monthlyCosts, runCli, typed } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'llm-tco-flags-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CHAT = ['estimate', '--users', '1000', '--input', '100', '--output', '100', '--history', 'none'];

interface Option { name: string; kind: string; monthly_cost: number; instances?: number; viable: boolean }
const optionsOf = (stdout: string): Option[] => (JSON.parse(stdout) as { options: Option[] }).options;

/** Refused: exit 2, one line of stderr, naming the flag. */
function expectOneLine(run: Awaited<ReturnType<typeof runCli>>, flag: string, ...parts: string[]): void {
  expectRejected(run);
  expect(run.errorLines).toHaveLength(1);
  expect(run.errorLines[0]).toContain(`command line: ${flag}: `);
  for (const part of parts) expect(run.errorLines[0]).toContain(part);
}

describe('--self-host and --serverless', () => {
  it('one option per --hardware, priced as the offer: 730 h x $0.34 = $248.20 a month', async () => {
    const run = await runCli([...CHAT, '--model', 'openai/gpt-4o-mini', '--self-host', 'llama-3.1-8b', '--hardware', 'runpod/rtx-4090-community', '--format', 'json']);
    expect(run.code).toBe(0);
    const options = optionsOf(run.stdout);
    expect(options.map((o) => [o.name, o.kind])).toEqual([
      ['openai/gpt-4o-mini', 'api'],
      ['self-host llama-3.1-8b Q4_K_M on runpod/rtx-4090-community', 'self_host'],
    ]);
    // 1,000 requests x (100 x 0.15 + 100 x 0.60) / 1M = $0.075
    expect(monthlyCosts(run.stdout)['openai/gpt-4o-mini']).toBeCloseTo((1000 * (100 * 0.15 + 100 * 0.6)) / 1e6, 9);
    // One instance (1,000 requests a month is nothing to a 4090): 730 x $0.34.
    expect(options[1]!.instances).toBe(1);
    expect(options[1]!.monthly_cost).toBeCloseTo(730 * 0.34, 9);
  });

  it('--quant, --engine, --ops-hours and --ops-rate reach the option: 730 x $0.34 + 4 h x $60 = $488.20', async () => {
    const run = await runCli([...CHAT, '--self-host', 'llama-3.1-8b', '--hardware', 'runpod/rtx-4090-community', '--quant', 'Q8_0', '--engine', 'vllm',
      '--ops-hours', '4', '--ops-rate', '60', '--format', 'json']);
    expect(run.code).toBe(0);
    const [option] = optionsOf(run.stdout);
    expect(option!.name).toBe('self-host llama-3.1-8b Q8_0 on runpod/rtx-4090-community');
    expect(option!.monthly_cost).toBeCloseTo(730 * 0.34 + 4 * 60, 9);
    // vLLM, not the default llama.cpp on a consumer card: its memory is sized from the model
    // (pricing/engines.yaml), not llama.cpp's flat 0.5 GiB, and no note says a default engine was taken.
    expect(JSON.parse(run.stdout).options[0].memory.overhead_bytes).not.toBe(0.5 * 2 ** 30);
    expect(run.stdout).not.toContain('the default on consumer-gpu');
    const defaulted = await runCli([...CHAT, '--self-host', 'llama-3.1-8b', '--hardware', 'runpod/rtx-4090-community', '--format', 'json']);
    expect(JSON.parse(defaulted.stdout).options[0].memory.overhead_bytes).toBe(0.5 * 2 ** 30);
  });

  it("'2x OFFER' is the same provider's offer of two: runpod/2x-rtx-4090-secure, 730 x $1.48 = $1,080.40", async () => {
    const run = await runCli([...CHAT, '--self-host', 'llama-3.1-70b', '--hardware', '2x runpod/rtx-4090-secure', '--hardware', 'runpod/h100-sxm-secure', '--format', 'json']);
    expect(run.code).toBe(0);
    const options = optionsOf(run.stdout);
    expect(options.map((o) => o.name).sort()).toEqual(['self-host llama-3.1-70b Q4_K_M on runpod/2x-rtx-4090-secure', 'self-host llama-3.1-70b Q4_K_M on runpod/h100-sxm-secure']);
    expect(monthlyCosts(run.stdout)['self-host llama-3.1-70b Q4_K_M on runpod/2x-rtx-4090-secure']).toBeCloseTo(730 * 1.48, 9);
    expect(monthlyCosts(run.stdout)['self-host llama-3.1-70b Q4_K_M on runpod/h100-sxm-secure']).toBeCloseTo(730 * 3.99, 9);
  });

  it('gives the same report as the scenario file with those keys (serverless and self-hosted together)', async () => {
    const file = join(dir, 'same.yaml');
    writeFileSync(file, [
      'name: Command-line estimate',
      'traffic: {users: 1000}',
      'workload: {kind: chat, input: 100, output: 100, history: none}',
      'options:',
      '  - self_host: {model: llama-3.1-8b, quant: Q4_K_M, hardware: runpod/rtx-4090-community}',
      '  - serverless: {model: llama-3.1-8b, quant: Q4_K_M, engine: vllm, hardware: modal/l4}',
      '',
    ].join('\n'));
    const fromFlags = await runCli([...CHAT, '--self-host', 'llama-3.1-8b', '--serverless', 'llama-3.1-8b', '--engine', 'vllm', '--hardware', 'runpod/rtx-4090-community',
      '--hardware', 'modal/l4', '--format', 'json']);
    expect(fromFlags.code).toBe(0);
    // --engine applies to every option the flags make; the file gives it to the serverless one only.
    const fromFile = await runCli(['estimate', file, '--format', 'json']);
    expect(fromFile.code).toBe(0);
    const serverless = (stdout: string) => optionsOf(stdout).find((o) => o.kind === 'serverless')!;
    expect(serverless(fromFlags.stdout)).toEqual(serverless(fromFile.stdout));
    expect(serverless(fromFlags.stdout).monthly_cost).toBeGreaterThan(0);
  });

  it.each<[string[], string, ...string[]]>([
    [['--hardware', 'runpod/rtx-4090-secure'], '--hardware', 'give --self-host MODEL or --serverless MODEL too'],
    [['--quant', 'Q8_0', '--model', 'openai/gpt-4o-mini'], '--quant', 'give --self-host MODEL or --serverless MODEL too'],
    [['--self-host', 'llama-3.1-8b'], '--self-host', 'needs --hardware', 'runpod/rtx-4090-secure'],
    [['--serverless', 'llama-3.1-8b'], '--serverless', 'needs --hardware', 'modal/l4'],
    [['--self-host', 'llama-3.1-8b', '--hardware', 'modal/l4'], '--hardware', 'modal/l4 is a serverless offer', '--serverless MODEL'],
    [['--serverless', 'llama-3.1-8b', '--hardware', 'runpod/rtx-4090-secure'], '--hardware', 'is rented by the hour or month', '--self-host MODEL'],
    [['--self-host', 'llama-3.1-8b', '--hardware', 'nvidia/rtx-4090-fe'], '--hardware', 'is a purchase price', 'runpod/rtx-4090-community'],
    [['--self-host', 'llama-3.1-8b', '--hardware', 'runpod/rtx-4090-secur'], '--hardware', "unknown offer 'runpod/rtx-4090-secur'", "did you mean 'runpod/rtx-4090-secure'"],
    [['--self-host', 'llama-3.1-8b', '--hardware', 'nvidia-rtx-4090'], '--hardware', 'nvidia-rtx-4090 is a GPU, not an offer', 'runpod/rtx-4090-community, runpod/rtx-4090-secure'],
    [['--self-host', 'llama-3.1-8b', '--hardware', '2x nvidia-rtx-4090'], '--hardware', 'is a GPU, not an offer', 'rents 2 of it: runpod/2x-rtx-4090-community, runpod/2x-rtx-4090-secure'],
    [['--self-host', 'llama-3.1-8b', '--hardware', '3x runpod/rtx-4090-secure'], '--hardware', 'no offer of 3 x runpod/rtx-4090-secure'],
    [['--self-host', 'llama-3.1-8b', '--hardware', '2x'], '--hardware', "'2x' needs its offer in the same word", "--hardware '2x runpod/rtx-4090-secure'"],
    [['--self-host', 'llama-3.1-8b', '--hardware', 'runpod/rtx-4090-secure', '--ops-hours', '4'], '--ops-hours', 'needs --ops-rate'],
    [['--serverless', 'llama-3.1-8b', '--hardware', 'modal/l4', '--ops-hours', '4', '--ops-rate', '60'], '--ops-hours', 'applies to --self-host options'],
    [['--self-host', 'llama-3.1-8x', '--hardware', 'runpod/rtx-4090-secure'], '--self-host', "unknown model 'llama-3.1-8x'", "did you mean 'llama-3.1-8b'"],
    [['--self-host', 'llama-3.1-8b', '--hardware', 'runpod/rtx-4090-secure', '--quant', 'Q9'], '--quant', "unknown quantisation 'Q9'"],
    [['--self-host', 'llama-3.1-8b', '--hardware', 'runpod/rtx-4090-secure', '--engine', 'vlm'], '--engine', "unknown engine 'vlm'", "did you mean 'vllm'"],
    [['--self-host', 'llama-3.1-8b', '--hardware', 'runpod/rtx-4090-secure', '--ops-hours', '-1', '--ops-rate', '60'], '--ops-hours', 'must not be negative'],
  ])('refuses %j on one line', async (args, flag, ...parts) => {
    expectOneLine(await runCli([...CHAT, ...args]), flag, ...parts);
  });
});

describe('an open-weight model given to --model', () => {
  it('says how to self-host it and which rented GPUs hold it, and keeps the API look-alike', async () => {
    const run = await runCli(['estimate', '--users', '5000', '--sessions', '4', '--requests', '6', '--input', '150', '--output', '250', '--model', 'openai/gpt-4o-mini', '--model', 'llama-3.1-8b']);
    expectOneLine(run, '--model', 'llama-3.1-8b is an open-weight model', 'add --self-host llama-3.1-8b --hardware ', "or the API cerebras/llama3.1-8b");
    // 8B at Q4_K_M is about 6 GiB: a 24 GB 4090 holds it (llm-tco vram --model llama-3.1-8b --quant Q4_K_M).
    expect(run.errorLines[0]).toMatch(/at Q4_K_M it fits [^;]*runpod\/rtx-4090-community/);
    expect(run.errorLines[0]).toMatch(/or --serverless llama-3.1-8b --hardware \S+/);
  });

  it('lists only machines that hold it: 70B at Q4_K_M (about 40 GiB) fits no single 24 GB card', async () => {
    const run = await runCli([...CHAT, '--model', 'llama-3.1-70b']);
    expectOneLine(run, '--model', 'llama-3.1-70b is an open-weight model');
    const fits = /at Q4_K_M it fits ([^;]*)/.exec(run.errorLines[0]!)![1]!.split(', ');
    expect(fits.length).toBeGreaterThan(0);
    for (const offer of ['runpod/rtx-4090-community', 'runpod/rtx-4090-secure', 'runpod/rtx-3090-community']) expect(fits).not.toContain(offer);
  });

  it('a model no catalogue has is still an unknown model', async () => {
    expectOneLine(await runCli([...CHAT, '--model', 'acme/nothing']), '--model', "unknown model 'acme/nothing'");
  });
});

describe('--preset', () => {
  it('support-chat: 5,000 users x 1 session x 2 turns of 70 in / 215 out, history resent = $1.61 on gpt-4o-mini', async () => {
    const run = await runCli(['estimate', '--preset', 'support-chat', '--users', '5000', '--model', 'openai/gpt-4o-mini', '--format', 'json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.traffic.requests_per_month).toBe(5000 * 1 * 2);
    // Turn 1: 70 in, 215 out; turn 2 resends turn 1: 70 + 215 + 70 = 355 in, 215 out.
    // A session: (425 x 0.15 + 430 x 0.60) / 1M = $0.00032175; x 5,000 sessions = $1.60875.
    expect(monthlyCosts(run.stdout)['openai/gpt-4o-mini']).toBeCloseTo((5000 * ((70 + 355) * 0.15 + 2 * 215 * 0.6)) / 1e6, 9);
  });

  it('any flag overrides its figure: --output 100 --history none gives 10,000 x (70 x 0.15 + 100 x 0.60) / 1M = $0.705', async () => {
    const run = await runCli(['estimate', '--preset', 'support-chat', '--users', '5000', '--output', '100', '--history', 'none', '--model', 'openai/gpt-4o-mini', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(monthlyCosts(run.stdout)['openai/gpt-4o-mini']).toBeCloseTo((10_000 * (70 * 0.15 + 100 * 0.6)) / 1e6, 9);
  });

  it('doc-qa-rag: 20 chunks of 800 tokens + a 70-token question; 50,000 users = $253.95 on gpt-4o-mini', async () => {
    const run = await runCli(['estimate', '--preset', 'doc-qa-rag', '--users', '50000', '--model', 'openai/gpt-4o-mini', '--format', 'json']);
    expect(run.code).toBe(0);
    // 100,000 queries x ((70 + 20 x 800) x 0.15 + 215 x 0.60) / 1M = 100,000 x $0.0025395
    expect(monthlyCosts(run.stdout)['openai/gpt-4o-mini']).toBeCloseTo((100_000 * ((70 + 20 * 800) * 0.15 + 215 * 0.6)) / 1e6, 9);
  });

  it('coding-agent: the same report as its figures given as flags; 200 developers x 15 days x 16 tasks', async () => {
    const preset = await runCli(['estimate', '--preset', 'coding-agent', '--users', '200', '--model', 'anthropic/claude-sonnet-4-6', '--name', 'x', '--format', 'json']);
    expect(preset.code).toBe(0);
    expect(JSON.parse(preset.stdout).traffic.requests_per_month).toBe(200 * 15 * 16);
    const flags = Object.entries(presetFlagValues(PRESETS.find((p) => p.id === 'coding-agent')!)).flatMap(([key, value]) => [SCENARIO_FLAGS.find((s) => s.key === key)!.flag.split(' ')[0]!, value!]);
    const explicit = await runCli(['estimate', ...flags, '--users', '200', '--model', 'anthropic/claude-sonnet-4-6', '--name', 'x', '--format', 'json']);
    expect(explicit.code).toBe(0);
    expect(JSON.parse(preset.stdout)).toEqual(JSON.parse(explicit.stdout));
  });

  it('refuses an unknown preset, a preset with a scenario file, and another kind of workload', async () => {
    expectOneLine(await runCli(['estimate', '--preset', 'chat', '--users', '5']), '--preset', "unknown preset 'chat'", 'known: support-chat, doc-qa-rag, coding-agent');
    expectOneLine(await runCli(['estimate', typed('scenarios', 'v0-chat-app.yaml'), '--preset', 'support-chat']), '--preset', 'describes a scenario from flags');
    expectOneLine(await runCli(['estimate', '--preset', 'doc-qa-rag', '--workload', 'chat', '--users', '5', '--model', 'openai/gpt-4o-mini']), '--workload',
      'the doc-qa-rag preset is a rag workload, not chat', 'take the preset of that kind: support-chat');
  });

  it('every figure names a public source and a date; an estimate says so', () => {
    expect(loadPresets().map((p) => p.id)).toEqual(['support-chat', 'doc-qa-rag', 'coding-agent']);
    // The names the CLI's help lists without loading the figures.
    expect([...PRESET_NAMES]).toEqual(loadPresets().map((p) => p.id));
    for (const preset of loadPresets()) {
      expect(Object.keys(preset.figures).length).toBeGreaterThan(2);
      for (const [key, figure] of Object.entries(preset.figures)) {
        expect(SCENARIO_FLAGS.some((s) => s.key === (key as PresetKey))).toBe(true);
        expect(figure.source).toMatch(/^https:\/\/\S+$/);
        expect(figure.as_of).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(figure.note.length).toBeGreaterThan(10);
      }
    }
    // Figures made rather than read are labelled.
    expect(PRESETS.find((p) => p.id === 'coding-agent')!.figures.rounds!.note).toMatch(/^ESTIMATE/);
  });
});

describe('--save', () => {
  it('writes a commented scenario that re-runs to the same report', async () => {
    const file = join(dir, 'chat.yaml');
    const args = ['--preset', 'support-chat', '--users', '5000', '--model', 'openai/gpt-4o-mini', '--self-host', 'llama-3.1-8b', '--hardware', 'runpod/rtx-4090-community',
      '--hardware', '2x runpod/rtx-4090-secure', '--ops-hours', '2', '--ops-rate', '50', '--serverless', 'llama-3.1-8b', '--hardware', 'modal/l4', '--output', '300', '--cache-hit', '50%'];
    const saved = await runCli(['estimate', ...args, '--save', file, '--format', 'json']);
    expect(saved.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=\S*schema\/scenario\.schema\.json$/);
    expect(text).toContain(`# Run it again:      llm-tco estimate ${file}`);
    // A preset's figure carries its source; a figure given as a flag is the person's own.
    expect(text).toMatch(/^ {2}input: 70 +# support-chat: .*https:\/\/arxiv\.org\/abs\/2309\.11998/m);
    expect(text).toMatch(/^ {2}output: 300 +# tokens the model writes per exchange$/m);
    expect(text).toMatch(/^ {6}hardware: runpod\/2x-rtx-4090-secure +# a rented offer/m);
    expect(text).toMatch(/^ {6}ops_rate: 50 +# USD per hour of upkeep$/m);
    const again = await runCli(['estimate', file, '--format', 'json']);
    expect(again.code).toBe(0);
    // The same report, bar where the scenario was read from and how a note says to change the
    // engine (a flag for the flags' options, a key for the file's).
    const bare = (stdout: string) => {
      const report = JSON.parse(stdout.replaceAll('give --engine to change', 'set engine: to change'));
      return { ...report, scenario: { ...report.scenario, source: undefined } };
    };
    expect(saved.stdout).toContain('give --engine to change');
    expect(JSON.parse(again.stdout).scenario.source).toBe(file);
    expect(bare(again.stdout)).toEqual(bare(saved.stdout));
    expect(optionsOf(saved.stdout)).toHaveLength(4);
  });

  it("keeps an engine's memory share: --gpu-memory-utilization reaches the option and the saved file", async () => {
    const file = join(dir, 'share.yaml');
    const args = [...CHAT, '--self-host', 'llama-3.1-8b', '--hardware', 'runpod/rtx-4090-community', '--engine', 'vllm', '--format', 'json'];
    const full = JSON.parse((await runCli(args)).stdout).options[0].memory.usable_bytes as number;
    const saved = await runCli([...args, '--gpu-memory-utilization', '0.45', '--save', file]);
    expect(saved.code).toBe(0);
    // vLLM fills 0.9 of the card by default: half the share, half the memory (the engine's own is sized apart).
    expect(JSON.parse(saved.stdout).options[0].memory.usable_bytes).toBeCloseTo(full / 2, 0);
    expect(readFileSync(file, 'utf8')).toMatch(/^ {6}gpu_memory_utilization: 0\.45 +# share of GPU memory the engine may fill$/m);
    const again = await runCli(['estimate', file, '--format', 'json']);
    expect(JSON.parse(again.stdout).options).toEqual(JSON.parse(saved.stdout).options);
    expect(again.code).toBe(0);
  });

  it('refuses --save with a scenario file', async () => {
    expectOneLine(await runCli(['estimate', typed('scenarios', 'v0-chat-app.yaml'), '--save', join(dir, 'x.yaml')]), '--save', 'describes a scenario from flags');
  });
});
