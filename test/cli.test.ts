// The CLI in-process, through main(argv, io): help, version, each output format, -o, and flags.
// Costs are checked against hand arithmetic at list prices (openai/gpt-4o-mini: $0.15 input and
// $0.60 output per 1M tokens; openai/gpt-4o: $2.50 / $10).

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeIo, monthlyCosts, runCli, typed } from './helpers.js';

const V0 = typed('scenarios', 'v0-chat-app.yaml');
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;

describe('help and version', () => {
  it('prints the development version when run from source (the build injects the real one)', async () => {
    const run = await runCli(['--version']);
    expect(run).toMatchObject({ code: 0, stdout: '0.0.0-dev\n', stderr: '' });
    expect((await runCli(['-v'])).stdout).toBe('0.0.0-dev\n');
  });

  it('--help lists the commands and exits 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: llm-tco');
    expect(run.stdout).toContain('estimate');
    expect(run.stderr).toBe('');
  });

  it('estimate --help shows examples', async () => {
    const run = await runCli(['estimate', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: llm-tco estimate');
    expect(run.stdout).toContain('Examples:');
    expect(run.stdout).toContain('llm-tco estimate scenarios/v0-chat-app.yaml');
  });

  // -o, --fx and --pricing come from one helper (withPricingFlags in src/cli.ts): every command
  // that reads prices offers them in the same words, --fx where amounts are converted.
  it.each([
    [['estimate'], true],
    [['breakeven'], true],
    [['forecast'], true],
    [['simulate'], true],
    [['check'], true],
    [['pricing', 'list'], false],
    [['pricing', 'show'], false],
    [['pricing', 'check'], false],
    [['vram'], false],
    [['throughput'], false],
  ])('%s --help: the pricing flags', async (command, fx) => {
    // Help wraps its lines to the terminal: compare with the whitespace folded.
    const help = (await runCli([...command, '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toContain('-o, --out <file> write the report to a file (all or nothing) instead of stdout');
    expect(help).toContain('--pricing <file> layer a catalogue file');
    if (fx) expect(help).toContain('--fx <CODE=RATE> exchange rate, units per 1 USD (repeatable)');
    else expect(help).not.toContain('--fx');
  });

  it('with no arguments prints a hint and exits 0', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Try:  llm-tco estimate scenarios/v0-chat-app.yaml');
    expect(run.stdout).toContain('llm-tco --help');
    expect(run.stderr).toBe('');
  });

  it('an unknown command exits 2 with one line, and the command meant where there is one', async () => {
    const run = await runCli(['estimat', V0]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.errorLines).toEqual(["llm-tco: unknown command 'estimat' (did you mean 'estimate'?)"]);
    expect((await runCli(['bogus'])).errorLines).toEqual(["llm-tco: unknown command 'bogus'"]);
    expect((await runCli(['--no-such-flag'])).code).toBe(2);
  });
});

describe('estimate on scenarios/v0-chat-app.yaml in each format', () => {
  // 5,000 users x 4 sessions x 5 requests = 100,000 requests a month, each 400 in + 600 out
  // (history: none). Per request: gpt-4o-mini (400 x 0.15 + 600 x 0.60) / 1e6 = $0.00042;
  // gpt-4o (400 x 2.50 + 600 x 10) / 1e6 = $0.007.
  it('json: the stable report core', async () => {
    const run = await runCli(['estimate', V0, '--format', 'json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect(report.schema).toBe('llm-tco/report@1');
    expect(report.currency).toBe('USD');
    expect(report.traffic.requests_per_month).toBe(100_000);
    expect(report.cheapest).toBe('openai/gpt-4o-mini');
    expect(report.options).toHaveLength(3);
    for (const option of report.options) {
      expect(option).toMatchObject({ name: expect.any(String), kind: 'api', monthly_cost: expect.any(Number) });
      expect(option.per_request_cost).toEqual(expect.any(Number));
      expect(option.per_user_cost).toEqual(expect.any(Number));
      expect(typeof option.breakdown).toBe('object');
    }
    const mini = report.options.find((o: { name: string }) => o.name === 'openai/gpt-4o-mini');
    expect(mini.monthly_cost).toBeCloseTo(100_000 * 0.00042, 9); // $42
    expect(mini.per_request_cost).toBeCloseTo(0.00042, 12);
    expect(mini.per_user_cost).toBeCloseTo(42 / 5000, 12); // $0.0084
    expect(mini.breakdown.input).toBeCloseTo((100_000 * 400 * 0.15) / 1e6, 9); // $6
    expect(mini.breakdown.output).toBeCloseTo((100_000 * 600 * 0.6) / 1e6, 9); // $36
    expect(monthlyCosts(run.stdout)['openai/gpt-4o']).toBeCloseTo(100_000 * 0.007, 9); // $700
  });

  it('csv: a header and one row per option', async () => {
    const run = await runCli(['estimate', V0, '--format', 'csv']);
    expect(run.code).toBe(0);
    const rows = run.stdout.trimEnd().split('\n');
    expect(rows).toHaveLength(1 + 3);
    const header = rows[0]!.split(',');
    expect(header).toContain('monthly_cost');
    const names = rows.slice(1).map((row) => row.split(',')[0]);
    expect(names.sort()).toEqual(['anthropic/claude-haiku-4-5', 'openai/gpt-4o', 'openai/gpt-4o-mini']);
    const mini = rows.find((row) => row.startsWith('openai/gpt-4o-mini,'))!.split(',');
    expect(Number(mini[header.indexOf('monthly_cost')])).toBeCloseTo(42, 9);
  });

  it('markdown: a table', async () => {
    const run = await runCli(['estimate', V0, '--format', 'markdown']);
    expect(run.code).toBe(0);
    const tableRows = run.stdout.split('\n').filter((line) => line.startsWith('|'));
    expect(tableRows.length).toBe(2 + 3); // header, separator, one row per option
    expect(tableRows[1]).toMatch(/^\|( *:?-+:? *\|)+$/);
    expect(run.stdout).toContain('$42.00');
  });

  it('table: readable, and without colour codes when NO_COLOR is set', async () => {
    const run = await runCli(['estimate', V0]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Support chat in a v0 app');
    expect(run.stdout).toContain('100,000 requests/month');
    expect(run.stdout).toMatch(/openai\/gpt-4o-mini.*\$42\.00/);
    expect(run.stdout).toMatch(/openai\/gpt-4o .*\$700\.00/);
    expect(run.stdout).not.toMatch(ANSI);
  });

  it('table: no colour codes when stdout is a terminal but NO_COLOR is set', async () => {
    const io = fakeIo({ NO_COLOR: '1', TERM: 'xterm-256color' });
    io.stdout.isTTY = true;
    const run = await runCli(['estimate', V0], io);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(ANSI);
  });
});

describe('-o', () => {
  it('writes the report to the file and prints nothing', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'llm-tco-out-'));
    try {
      const out = join(folder, 'report.json');
      const run = await runCli(['estimate', V0, '--format', 'json', '-o', out]);
      expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });
      const printed = await runCli(['estimate', V0, '--format', 'json']);
      expect(readFileSync(out, 'utf8')).toBe(printed.stdout);
      expect(readdirSync(folder)).toEqual(['report.json']); // no temporary file left
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('flags', () => {
  it("override the file's keys: --users 10000 doubles the bill", async () => {
    const base = monthlyCosts((await runCli(['estimate', V0, '--format', 'json'])).stdout);
    const run = await runCli(['estimate', V0, '--users', '10000', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).traffic.requests_per_month).toBe(10_000 * 4 * 5);
    const doubled = monthlyCosts(run.stdout);
    expect(Object.keys(doubled).sort()).toEqual(Object.keys(base).sort());
    for (const [name, cost] of Object.entries(base)) expect(doubled[name]).toBeCloseTo(2 * cost, 9);
    expect(doubled['openai/gpt-4o-mini']).toBeCloseTo(84, 9); // 200,000 x $0.00042
  });

  it("--model replaces the file's options", async () => {
    const run = await runCli(['estimate', V0, '--model', 'openai/gpt-4o', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(monthlyCosts(run.stdout)).toEqual({ 'openai/gpt-4o': expect.closeTo(700, 9) });
  });

  it('add keys the file does not have', async () => {
    // v0 has no cache_hit; with history none and no system prompt nothing is cacheable, so 50%
    // cached changes nothing: $42.
    const run = await runCli(['estimate', V0, '--cache-hit', '50%', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(monthlyCosts(run.stdout)['openai/gpt-4o-mini']).toBeCloseTo(42, 9);
  });

  // The flags-only example of the README, the root hint and the estimate help, without --history.
  const EXAMPLE = ['estimate', '--users', '5000', '--sessions', '4', '--requests', '5', '--input', '400', '--output', '600', '--model', 'openai/gpt-4o-mini'];

  it('flags alone, as in the README (--history none: one exchange at a time): $42 a month', async () => {
    const run = await runCli([...EXAMPLE, '--history', 'none', '--format', 'json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.traffic.requests_per_month).toBe(5000 * 4 * 5); // 100,000
    // 100,000 requests x (400 x $0.15 + 600 x $0.60) / 1M = 100,000 x $0.00042 = $42
    expect(monthlyCosts(run.stdout)).toEqual({ 'openai/gpt-4o-mini': expect.closeTo((5000 * 4 * 5 * (400 * 0.15 + 600 * 0.6)) / 1e6, 9) });
  });

  it('flags alone, as a chat that resends its history (the default): $72 a month', async () => {
    const run = await runCli([...EXAMPLE, '--format', 'json']);
    expect(run.code).toBe(0);
    // history: full resends every earlier exchange (400 in + 600 out) as input. Over a session
    // of 5 exchanges the prompts are 400 + k x 1,000 for k = 0..4: 5 x 400 + 10 x 1,000 = 12,000
    // input tokens, and 5 x 600 = 3,000 output tokens.
    // Per session (12,000 x 0.15 + 3,000 x 0.60) / 1M = $0.0036; x 20,000 sessions = $72.
    const sessions = 5000 * 4;
    expect(monthlyCosts(run.stdout)).toEqual({ 'openai/gpt-4o-mini': expect.closeTo((sessions * (12_000 * 0.15 + 3_000 * 0.6)) / 1e6, 9) });
  });
});

describe('--pricing', () => {
  it('layers a user catalogue over the bundled prices, and names its layer', async () => {
    const run = await runCli([
      'estimate', '--users', '5000', '--sessions', '4', '--requests', '5', '--input', '400', '--output', '600', '--history', 'none',
      '--model', 'openai/gpt-4o-mini', '--model', 'acme/house-model',
      '--pricing', typed('test', 'fixtures', 'pricing', 'cheaper-mini.yaml'), '--format', 'json',
    ]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    const mini = report.options.find((o: { name: string }) => o.name === 'openai/gpt-4o-mini');
    // 100,000 requests x (400 x 0.1 + 600 x 0.4) / 1M = $28 at the negotiated price (list: $42).
    expect(mini.monthly_cost).toBeCloseTo(28, 9);
    expect(mini.price.layer).toBe('user');
    expect(mini.price.as_of).toBe('2026-11-01');
    // EUR prices converted at the file's rate: 100,000 x (400 x 1 + 600 x 2) / 1M = €160 = $160 / 0.9.
    const house = report.options.find((o: { name: string }) => o.name === 'acme/house-model');
    expect(house.monthly_cost).toBeCloseTo(160 / 0.9, 9);
    expect(report.prices.oldest_as_of).toBe('2026-11-01');
  });

  it('rejects a broken catalogue file with its position', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llm-tco-'));
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'models:\n  - id: acme/x\n    name: X\n    input: -1\n    output: 2\n');
    const run = await runCli(['estimate', typed('scenarios', 'v0-chat-app.yaml'), '--pricing', file]);
    rmSync(dir, { recursive: true });
    expect(run.code).toBe(2);
    expect(run.errorLines).toEqual([
      `llm-tco: ${file}:2:5: models[0].source: missing required key 'source' (the URL the figure was read from)`,
      `llm-tco: ${file}:2:5: models[0].as_of: missing required key 'as_of' (the date the figure was read, YYYY-MM-DD)`,
      `llm-tco: ${file}:4:12: models[0].input: must not be negative, got -1`,
    ]);
  });
});
