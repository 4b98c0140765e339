// Bad input: every case exits 2, prints nothing on stdout, and says on stderr exactly what is wrong
// and where (file:line:col, key path, message, did-you-mean), one line per problem, no stack.
// One fixture folder per bad scenario: test/fixtures/bad/<case>/scenario.yaml.

import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectRejected, fakeIo, FILE_READERS, runCli, typed } from './helpers.js';

/** The fixture's path as the tests pass it, and as every message starts. */
const fixture = (name: string) => typed('test', 'fixtures', 'bad', name, 'scenario.yaml');

/** The three things every bad input must do, besides saying the right thing. */
// Each case: the fixture and the stderr lines after `llm-tco: <file>`. Line numbers count the
// comment on line 1 of each fixture that says what is wrong with it.
const FILE_CASES: [name: string, lines: string[]][] = [
  // YAML syntax: the parser's words, placed, with a hint about what to look at.
  [
    'yaml-bad-indent',
    [
      ':4:10: invalid YAML: Nested mappings are not allowed in compact mappings' +
        ' (check the indentation of this line and the next: keys of one mapping start in the same column)',
    ],
  ],
  // The parser notices the missing } on the next line; the message points at the bracket instead.
  ['yaml-unclosed-bracket', [':3:10: traffic: invalid YAML: this { is never closed (end it with })']],
  ['duplicate-key', [":6:3: traffic.users: duplicate key 'users': it is already set on line 4 (keep one)"]],
  [
    'duplicate-key-and-unknown-key',
    [
      ":10:3: workload.output: duplicate key 'output': it is already set on line 9 (keep one)",
      ":11:3: workload.reasonin: unknown key 'reasonin' (did you mean 'reasoning'?)",
    ],
  ],
  // The YAML parser's own words here named its API (use YAML.parseAllDocuments()).
  ['two-documents', [':11:1: has more than one YAML document; llm-tco reads one scenario per file']],
  ['empty-file', [': the scenario is empty (start from one in scenarios/ or run `llm-tco wizard`)']],
  ['top-level-list', [':2:1: must be a mapping of name, traffic, workload and options (key: value lines), got a list']],

  // Unknown keys, with a did-you-mean; a misspelt required key is not also reported missing.
  ['unknown-top-level-key', [":3:1: trafic: unknown key 'trafic' (did you mean 'traffic'?)"]],
  ['unknown-nested-key', [":7:3: workload.sytem_prompt: unknown key 'sytem_prompt' (did you mean 'system_prompt'?)"]],

  // Traffic.
  ['negative-users', [':4:10: traffic.users: must not be negative, got -5']],
  // Zero traffic used to be accepted: every option at $0, a tie with nothing to compare.
  ['zero-users', [':4:10: traffic.users: must be greater than 0, got 0 (with no traffic every option costs 0, so there is nothing to compare)']],
  ['users-not-a-number', [":4:10: traffic.users: must be a number (12k and 1.5M are fine), got 'lots'"]],
  [
    'users-and-requests-per-month',
    [':5:23: traffic.requests_per_month: give either users (with sessions_per_user and requests_per_session) or requests_per_month, not both'],
  ],
  ['no-traffic-volume', [':4:3: traffic.users: missing: give users (monthly active users) or requests_per_month']],

  // Shares and ranges; a percentage is echoed as written.
  ['cache-hit-above-one', [':9:14: workload.cache_hit: must be a share between 0 and 1 (or 0%..100%), got 1.5']],
  ['cache-hit-percent-above-100', [':9:14: workload.cache_hit: must be a share between 0 and 1 (or 0%..100%), got 150%']],
  ['range-not-a-number', [":7:10: workload.input: a range is written low..high, e.g. 400..900; got '400..abc'"]],
  ['range-three-dots', [":7:10: workload.input: write a range low..high with two dots, e.g. 400..900; got '400...900'"]],
  ['range-reversed', [':7:10: workload.input: range 900..400 runs backwards: the low end comes first']],
  ['range-mode-outside', [':8:11: workload.output: a triangular range needs min <= mode <= max, got 300, 900, 800']],

  // Workloads.
  ['workload-kind-typo', [":6:9: workload.kind: must be one of chat, rag, agent, got 'chta' (did you mean 'chat'?)"]],
  ['history-number', [":7:12: workload.history: must be full, none or {last: N} (the last N exchanges), got '3' (write {last: 3} for the last 3 exchanges)"]],
  ['key-of-other-kind', [":9:12: workload.history: 'history' belongs to chat workloads, and this one is kind: agent"]],
  ['workload-not-a-mapping', [":5:11: workload: must be a mapping (key: value lines), got 'chat'"]],
  ['agent-without-rounds', [":6:3: workload.rounds: missing required key 'rounds': model calls per task"]],
  // Reported once: missing, not also "must be a mapping, got nothing".
  ['rag-without-retrieved', [":6:3: workload.retrieved: missing required key 'retrieved': {chunks, tokens_per_chunk}"]],
  [
    'rag-embedding-without-reindex',
    [':13:5: workload.embedding.reindex_per_month: missing: how many times a month the corpus is embedded again (0 if never)'],
  ],

  // Options.
  ['options-empty', [':9:10: options: is empty: list at least one way of serving the feature']],
  ['option-api-and-self-host', [':10:5: options[0]: has both api and self_host: list them as separate options']],
  [
    'model-typo',
    [":10:10: options[0].api: unknown model 'openai/gpt-4o-mnii' (did you mean 'openai/gpt-4o-mini'?)"],
  ],
  ['model-without-provider', [":10:10: options[0].api: unknown model 'gpt-4o-mini' (did you mean 'openai/gpt-4o-mini'?)"]],
  ['inline-model-without-output', [":10:10: options[0].api.output: missing required key 'output' (price per 1M output tokens)"]],
  ['tier-without-above', [":15:11: options[0].api.tiers[0].above: missing required key 'above' (prompt tokens above which this tier applies)"]],
  [
    'duplicate-option-names',
    [":12:5: options[1].name: two options are named 'cheap' (the other is options[0]) (give one of them another name)"],
  ],

  // Budget and currency.
  ['budget-option-unknown', [":13:11: budget.option: no option is named 'gpt-4o-mini' (did you mean 'openai/gpt-4o-mini'?)"]],
  [
    'unknown-currency',
    [
      ':3:1: currency: no exchange rate for XYZ (give one with --fx XYZ=RATE (units per 1 USD), or add it to a --pricing file;' +
        ' known: USD, AUD, BRL, CAD, CHF, CNY, EUR, GBP, HKD, INR, JPY, KRW, SGD)',
    ],
  ],

  ['prompt-file-empty-path', [':6:17: workload.input.file: a prompt file needs a path (e.g. {file: prompts/system.md}, relative to the scenario)']],
  ['budget-zero', [':8:12: budget.monthly: must be greater than 0, got 0 (a budget of 0 is over at any cost; leave the limit out to set none)']],
  ['budget-max-tier-0', [':8:13: budget.max_tier: must be a whole rate-limit tier of at least 1 (the lowest paid tier), got 0 (e.g. max_tier: 3)']],
  ['budget-max-tier-half', [':8:13: budget.max_tier: must be a whole rate-limit tier of at least 1 (the lowest paid tier), got 2.5 (e.g. max_tier: 3)']],
  ['budget-max-tier-negative', [':8:13: budget.max_tier: must be a whole rate-limit tier of at least 1 (the lowest paid tier), got -1 (e.g. max_tier: 3)']],
  ['budget-max-tier-two', [":8:13: budget.max_tier: must be a whole number, got 'two'"]],

  // Self-hosting: catalogue names, offers of the wrong kind, keys a deployment needs.
  [
    'self-host-problems',
    [
      ":6:14: options[0].self_host.model: unknown model 'llama-3.1-8bb' (did you mean 'llama-3.1-8b'?)",
      ":7:7: options[0].self_host.quant: unknown quantisation 'Q4_K_MM' (did you mean 'Q4_K_M'?)",
      ":8:17: options[0].self_host.hardware: unknown offer 'hetzner/gex4' (did you mean 'hetzner/gex44' or 'hetzner/gex45'?)",
      ":12:17: options[1].self_host.hardware: 'nvidia-rtx-4090' is hardware, not an offer: it has no price (name an offer of it " +
        '(runpod/rtx-4090-community, runpod/rtx-4090-secure, runpod/2x-rtx-4090-community, runpod/2x-rtx-4090-secure), or give inline {spec: nvidia-rtx-4090, monthly | hourly | price})',
      ":16:17: options[2].serverless.hardware: 'hetzner/gex44' is a rent offer, not a serverless one",
      ':20:7: options[3].serverless.cold_start_seconds: cold_starts_per_day needs cold_start_seconds: the offer states no cold-start time',
    ],
  ],
  [
    'self-host-missing',
    [
      ':6:7: options[0].self_host.model: needs a model (to estimate memory and speed) or a measured tokens_per_second',
      ':8:7: options[1].self_host.quant: needs the quantisation of the weights, e.g. Q4_K_M, fp8 or fp16',
      ":13:14: options[2].self_host.owned.electricity_per_kwh: missing required key 'electricity_per_kwh' (price of 1 kWh in the scenario currency)",
      ':14:18: options[2].self_host.ops_rate: ops_hours needs ops_rate (money per hour of operations work)',
    ],
  ],

  ['requests-per-session-too-many', [':5:25: traffic.requests_per_session: must be at most 1,000, got 1e6 (each request of a session is costed on its own; for more traffic raise users or sessions_per_user)']],
  ['agent-rounds-too-many', [':7:11: workload.rounds: must be at most 1,000, got 1M (each round of a task is costed on its own; for more tasks raise requests_per_session)']],

  // Silent zeros: a request of no tokens, an option of no instances.
  ['workload-no-tokens', [':7:11: workload.output: a request must have some tokens: its prompt and its output are both 0 (give the tokens of a typical reply, e.g. output: 600)']],
  ['instances-zero', [':9:18: options[0].self_host.instances: must be at least 1, got 0']],

  // Figures that cannot be computed with: refused, never $NaN, Infinity x or a pass in check.
  ['target-utilisation-zero', [':9:27: options[0].self_host.target_utilisation: must be greater than 0, got 0% (the busiest each instance may be at peak, e.g. 70%)']],
  ['users-overflow', [':4:10: traffic.users: is too large to compute with, got 1e999 (numbers must stay below 1e308; check the unit and the exponent)']],
  ['traffic-overflow', [':4:3: traffic.users: the traffic is too large to compute with: the requests a month come out as Infinity (check the unit and the exponent)']],
  [
    'cost-overflow',
    [":6:5: options[0]: 'dear' costs come out as Infinity a month: a figure of the scenario is too large or too small to compute with (check the traffic, token counts, prices and speeds for a wrong unit or exponent)"],
  ],

  [
    'refused-key-not-also-missing',
    [
      ':8:26: options[0].self_host.tokens_per_second: must be greater than 0, got 0',
      ':10:38: options[1].self_host.hardware.monthly: must not be negative, got -40.5',
      ':16:17: options[2].self_host.ops_rate: must not be negative, got -60',
    ],
  ],

  // Files that are not scenario files.
  ['directory', [': is a folder, not a file']],
  // Not UTF-8 text: one line at the first byte that is not, never the bytes echoed back.
  ['not-utf8-latin1', [':2:10: is not UTF-8 text: byte 0xE9 at byte offset 91 (save it as UTF-8)']],
  ['not-utf8-binary', [':1:1: is not UTF-8 text: byte 0x89 at byte offset 0 (it looks like a binary file)']],
  ['not-utf8-utf16', [':1:1: is not UTF-8 text: a UTF-16 byte-order mark at byte offset 0 (save it as UTF-8)']],
];

// Sizes that would need more instances than counting can keep up with: estimate used to run for
// ever (one break-even step per instance, past 2^53 where n + 1 === n). Each must simply return.
const SLOW_CASES: [name: string, lines: string[]][] = [
  [
    'tokens-per-second-tiny',
    [":9:7: options[0].self_host.tokens_per_second: 'self-host box' would need 1.63e+300 instances at peak, more than 1,000,000: tokens_per_second is too small (it is the decode speed of one instance, in tokens per second)"],
  ],
  [
    'prefill-tokens-per-second-tiny',
    [":9:7: options[0].self_host.prefill_tokens_per_second: 'self-host box' would need 1.09e+300 instances at peak, more than 1,000,000: prefill_tokens_per_second is too small (it is the prompt-processing speed of one instance, in tokens per second)"],
  ],
  [
    'target-utilisation-tiny',
    [":10:7: options[0].self_host.target_utilisation: 'self-host box' would need 5.75e+298 instances at peak, more than 1,000,000: target_utilisation is too small (it is the busiest each instance may be at peak, e.g. 70%)"],
  ],
];

describe('an option that needs more than a million instances is a problem, not a hang', () => {
  it.each(SLOW_CASES)('%s', async (name, lines) => {
    for (const command of ['estimate', 'check']) {
      const file = fixture(name);
      const run = await runCli([command, file]);
      expect(run.code).toBe(2);
      if (command === 'estimate') {
        expectRejected(run);
        expect(run.errorLines).toEqual(lines.map((line) => `llm-tco: ${file}${line}`));
      }
    }
  });
});

describe('a bad scenario file exits 2 with one line per problem', () => {
  it.each(FILE_CASES)('%s', async (name, lines) => {
    const file = fixture(name);
    const run = await runCli(['estimate', file]);
    expectRejected(run);
    expect(run.errorLines).toEqual(lines.map((line) => `llm-tco: ${file}${line}`));
  });

  it('has a test for every fixture folder', () => {
    const folders = readdirSync(typed('test', 'fixtures', 'bad')).sort();
    expect(folders).toEqual([...FILE_CASES.map(([name]) => name), ...SLOW_CASES.map(([name]) => name), 'three-problems', 'model-and-key-problems'].sort());
  });

  it('reports an unknown model together with the file’s other problems', async () => {
    const file = fixture('model-and-key-problems');
    const run = await runCli(['estimate', file]);
    expectRejected(run);
    expect(run.errorLines).toEqual([
      `llm-tco: ${file}:3:3: traffic.user: unknown key 'user' (did you mean 'users'?)`,
      `llm-tco: ${file}:4:22: traffic.sessions_per_user: must not be negative, got -4`,
      `llm-tco: ${file}:11:10: options[0].api: unknown model 'openai/gpt-4o-mnii' (did you mean 'openai/gpt-4o-mini'?)`,
    ]);
  });

  it('reports every problem of a file at once, in the order of the file', async () => {
    const file = fixture('three-problems');
    const run = await runCli(['estimate', file]);
    expectRejected(run);
    expect(run.errorLines).toEqual([
      `llm-tco: ${file}:4:10: traffic.users: must not be negative, got -5`,
      `llm-tco: ${file}:8:3: workload.ouput: unknown key 'ouput' (did you mean 'output'?)`,
      `llm-tco: ${file}:10:14: workload.cache_hit: must be a share between 0 and 1 (or 0%..100%), got 1.5`,
    ]);
  });

  // check used to pass a cost of $NaN or Infinity as within budget (exit 0).
  it.each(['traffic-overflow', 'cost-overflow'])('check counts %s as invalid, never within budget', async (name) => {
    const run = await runCli(['check', fixture(name), '--budget', '100']);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('INVALID');
    expect(run.stdout).not.toMatch(/NaN|Infinity x/);
  });

  it('names a file that does not exist', async () => {
    const file = typed('test', 'fixtures', 'bad', 'no-such-case', 'scenario.yaml');
    const run = await runCli(['estimate', file]);
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: ${file}: no such file`]);
  });

  it.each([['estimate', '-'], ['breakeven', '-'], ['forecast', '-'], ['simulate', '-'], ['wizard', '--from', '-']])('%s %s says a scenario is not read from standard input', async (...argv) => {
    const io = fakeIo();
    io.readStdin = () => Promise.resolve('traffic: {requests_per_month: 1}\n');
    const run = await runCli(argv, io);
    expectRejected(run);
    expect(run.errorLines).toEqual(['llm-tco: -: a scenario cannot be read from standard input (give its file: the prompt files it names are found beside it)']);
  });

  it('names a path that runs through a file', async () => {
    const file = typed('package.json', 'scenario.yaml');
    const run = await runCli(['estimate', file]);
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: ${file}: no such file (a part of the path is a file, not a folder)`]);
  });

  it('names --currency when the flag asks for a currency with no rate', async () => {
    const run = await runCli(['estimate', typed('scenarios', 'v0-chat-app.yaml'), '--currency', 'XYZ']);
    expectRejected(run);
    expect(run.errorLines).toHaveLength(1);
    expect(run.errorLines[0]).toMatch(/^llm-tco: command line: --currency: no exchange rate for XYZ \(give one with --fx XYZ=RATE/);
  });
});

// Without a file, the scenario comes from flags and is validated by the same rules; messages name
// the flag, since there is no line to point at.
describe('bad flags exit 2 with a line naming the flag', () => {
  const flags = (...extra: string[]) => ['estimate', '--users', '5000', '--input', '400', '--output', '600', '--model', 'openai/gpt-4o-mini', ...extra];

  it('rejects a range of three dots in a flag', async () => {
    const run = await runCli(flags('--cache-hit', '10%...20%'));
    expectRejected(run);
    expect(run.errorLines).toEqual(["llm-tco: command line: --cache-hit: write a range low..high with two dots, e.g. 400..900; got '10%...20%'"]);
  });

  it('rejects negative --users', async () => {
    const run = await runCli(['estimate', '--users', '-5', '--input', '400', '--output', '600', '--model', 'openai/gpt-4o-mini']);
    expectRejected(run);
    expect(run.errorLines).toEqual(['llm-tco: command line: --users (or --requests-per-month): must not be negative, got -5']);
  });

  it.each([
    ['--users', '0', '--users (or --requests-per-month)', '0'],
    ['--requests-per-month', '0', '--requests-per-month', '0'],
    ['--users', '0..0', '--users (or --requests-per-month)', '0..0'],
  ])('rejects %s %s: no traffic', async (flag, value, label, written) => {
    const run = await runCli(['estimate', flag, value, '--input', '400', '--output', '600', '--model', 'openai/gpt-4o-mini']);
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: command line: ${label}: must be greater than 0, got ${written} (with no traffic every option costs 0, so there is nothing to compare)`]);
  });

  it('rejects --sessions 0 over a file', async () => {
    const run = await runCli(['estimate', typed('scenarios', 'v0-chat-app.yaml'), '--sessions', '0']);
    expectRejected(run);
    expect(run.errorLines).toEqual(['llm-tco: command line: --sessions: must be greater than 0, got 0 (with no traffic every option costs 0, so there is nothing to compare)']);
  });

  // A million calls a session overflowed the stack (exit 70); calls per session are capped at the key.
  it.each([
    ['--requests', '1e6', 'each request of a session is costed on its own; for more traffic raise users or sessions_per_user'],
    ['--rounds', '1e6', 'each round of a task is costed on its own; for more tasks raise requests_per_session'],
    ['--rounds', '10..2000', 'each round of a task is costed on its own; for more tasks raise requests_per_session'],
  ])('rejects %s %s: more calls a session than are costed one by one', async (flag, value, why) => {
    const run = await runCli([...flags('--workload', 'agent', flag, value), ...(flag === '--rounds' ? [] : ['--rounds', '3'])]);
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: command line: ${flag}: must be at most 1,000, got ${value} (${why})`]);
  });

  it('rejects --input 0 --output 0: every option would cost 0', async () => {
    const run = await runCli(['estimate', '--users', '5000', '--input', '0', '--output', '0', '--model', 'openai/gpt-4o-mini']);
    expectRejected(run);
    expect(run.errorLines).toEqual(['llm-tco: command line: --output: a request must have some tokens: its prompt and its output are both 0 (give the tokens of a typical reply, e.g. output: 600)']);
  });

  it('accepts --output 0 with a prompt (a classifier that only reads)', async () => {
    const run = await runCli(['estimate', '--users', '5000', '--input', '400', '--output', '0', '--model', 'openai/gpt-4o-mini']);
    expect(run.code).toBe(0);
  });

  it('costs a session of 1,000 requests', async () => {
    const run = await runCli(flags('--requests', '1000', '--history', 'none'));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1,000 requests');
  });

  it('accepts a traffic range that reaches 0 but whose mean does not', async () => {
    const run = await runCli(['estimate', '--users', '0..10k', '--input', '400', '--output', '600', '--model', 'openai/gpt-4o-mini']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('5,000 users');
  });

  it('asks for a missing --output', async () => {
    const run = await runCli(['estimate', '--users', '5000', '--input', '400', '--model', 'openai/gpt-4o-mini']);
    expectRejected(run);
    expect(run.errorLines).toEqual(['llm-tco: command line: --output: is required (tokens per request)']);
  });

  it('suggests a model for an unknown --model', async () => {
    const run = await runCli(['estimate', '--users', '5000', '--input', '400', '--output', '600', '--model', 'gpt-4o-mini']);
    expectRejected(run);
    expect(run.errorLines).toEqual(["llm-tco: command line: --model: unknown model 'gpt-4o-mini' (did you mean 'openai/gpt-4o-mini'?)"]);
  });

  it('names --model, not a key path, when it overrides a file', async () => {
    const run = await runCli(['estimate', typed('scenarios', 'v0-chat-app.yaml'), '--model', 'openai/gpt-4o-mnii']);
    expectRejected(run);
    expect(run.errorLines).toEqual([
      "llm-tco: command line: --model: unknown model 'openai/gpt-4o-mnii' (did you mean 'openai/gpt-4o-mini'?)",
    ]);
  });

  it('names a flag that breaks a rule of the file it overrides', async () => {
    const run = await runCli(['estimate', typed('scenarios', 'v0-chat-app.yaml'), '--cache-hit', '150%']);
    expectRejected(run);
    expect(run.errorLines).toEqual(['llm-tco: command line: --cache-hit: must be a share between 0 and 1 (or 0%..100%), got 150%']);
  });

  // A flag's key cannot go inside a file's `workload: chat`: the file's mistake is reported, no crash.
  it('reports the file when a flag has nowhere to go', async () => {
    const file = fixture('workload-not-a-mapping');
    const run = await runCli(['estimate', file, '--input', '400']);
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: ${file}:5:11: workload: must be a mapping (key: value lines), got 'chat'`]);
  });

  it('rejects --batch without --model', async () => {
    const run = await runCli(['estimate', typed('scenarios', 'v0-chat-app.yaml'), '--batch']);
    expectRejected(run);
    expect(run.errorLines).toEqual(['llm-tco: --batch: applies to the --model options: give --model too, or set batch: true on an option in the file']);
  });

  it('rejects a malformed --fx', async () => {
    const run = await runCli(flags('--fx', 'CNY'));
    expectRejected(run);
    expect(run.errorLines).toEqual(["llm-tco: --fx: expected CODE=RATE (units of CODE per 1 USD), e.g. --fx CNY=7.2; got 'CNY'"]);
  });

  it('rejects a --currency that is not a currency code', async () => {
    const run = await runCli(flags('--currency', 'euro'));
    expectRejected(run);
    expect(run.errorLines).toEqual(["llm-tco: --currency: expected a three-letter currency code such as USD, EUR or CNY, got 'euro'"]);
  });

  it('rejects an unknown --format', async () => {
    const run = await runCli(flags('--format', 'xml'));
    expectRejected(run);
    expect(run.errorLines).toEqual(["llm-tco: option '-f, --format <format>' argument 'xml' is invalid. Allowed choices are table, json, markdown, csv, html."]);
  });

  it('rejects an unknown flag, on one line with a suggestion', async () => {
    const run = await runCli(flags('--user', '4'));
    expectRejected(run);
    expect(run.errorLines).toEqual(["llm-tco: unknown option '--user' (did you mean --users?)"]);
  });

  it('rejects an unknown flag with no near match', async () => {
    const run = await runCli(flags('--bogus'));
    expectRejected(run);
    expect(run.errorLines).toEqual(["llm-tco: unknown option '--bogus'"]);
  });

  // --history takes full, none or a number; the message used to list only the words.
  it.each([
    ['x', ''],
    ['fulll', " (did you mean 'full'?)"],
    ['2.5', ''],
  ])('rejects --history %s, naming the numeric form', async (value, hint) => {
    const run = await runCli(flags('--history', value));
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: command line: --history: must be full, none or a number N (the last N exchanges), got '${value}'${hint}`]);
  });

  // A short name: two edits used to reach any three-letter name ('q3' -> 'f32').
  it.each([
    ['--kv-type', 'q3', "unknown KV cache type 'q3' (did you mean 'q4_0' or 'q5_0' or 'q8_0'?)"],
    ['--kv-type', 'q4', "unknown KV cache type 'q4' (did you mean 'q4_0' or 'q4_1'?)"],
    ['--kv-type', 'bf', "unknown KV cache type 'bf' (did you mean 'bf16'?)"],
    ['--kv-type', 'f61', "unknown KV cache type 'f61' (did you mean 'f16'?)"],
    ['--quant', 'Q3', "unknown quantisation 'Q3' (did you mean 'Q3_K_L' or 'Q3_K_M' or 'Q3_K_S'?)"],
  ])('suggests close names for a short %s %s', async (flag, value, message) => {
    const run = await runCli(['vram', '--model', 'llama-3.1-8b', '--quant', 'Q4_K_M', flag, value]);
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: command line: ${flag}: ${message}`]);
  });

  // Shapes no transformer has: each was sized without a word (8.03 parameters, 32.5 layers).
  it.each([
    [['--params', '8.03', '--layers', '32', '--kv-heads', '8', '--head-dim', '128'], '--params: 8.03 parameters is too few for a language model (write the unit: 8.03B for 8.03 billion)'],
    [['--model', 'llama-3.1-8b', '--layers', '32.5'], '--layers: must be a whole number, got 32.5'],
    [['--model', 'llama-3.1-8b', '--context-window', '1.5'], '--context-window: must be a whole number, got 1.5'],
    [['--model', 'llama-3.1-8b', '--active-params', '9B'], "--active-params: 9,000,000,000 active parameters is more than the model's 8,030,000,000 (active_params is the part a mixture of experts uses per token; params is the total)"],
    [['--model', 'llama-3.1-8b', '--kv-heads', '64'], '--kv-heads: 64 key/value heads is more than the 32 attention heads (each key/value head serves one or more attention heads)'],
  ])('vram refuses a model shape no transformer has: %s', async (args, message) => {
    const run = await runCli(['vram', '--quant', 'Q4_K_M', ...args]);
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: command line: ${message}`]);
  });

  // The shape YYYY-MM-DD is not enough: 2026-13-45 used to pass and age prices "NaN days".
  it.each(['2026-13-45', '2026-02-30', '25/11/2026'])('rejects --today %s', async (day) => {
    const run = await runCli(flags('--today', day));
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: --today: expected a date YYYY-MM-DD, got '${day}'`]);
  });

  it('accepts a real --today', async () => {
    const run = await runCli(flags('--today', '2024-02-29'));
    expect(run.code).toBe(0);
  });

  // Checked where the flag is parsed: breakeven, forecast, simulate and pricing used to accept these.
  it.each([
    ['breakeven', 'scenarios/v0-chat-app.yaml', '--today', '2026-13-45', "--today: expected a date YYYY-MM-DD, got '2026-13-45'"],
    ['forecast', 'scenarios/v0-chat-app.yaml', '--today', '2026-02-30', "--today: expected a date YYYY-MM-DD, got '2026-02-30'"],
    ['simulate', 'scenarios/v0-chat-app.yaml', '--currency', 'EURO', "--currency: expected a three-letter currency code such as USD, EUR or CNY, got 'EURO'"],
    ['check', 'scenarios/v0-chat-app.yaml', '--today', 'tomorrow', "--today: expected a date YYYY-MM-DD, got 'tomorrow'"],
    // Three dots: 1k and .1M, read as 1,000..100,000 without a word.
    ['breakeven', 'scenarios/v0-chat-app.yaml', '--range', '1k...1M', "command line: --range: write LOW..HIGH with two dots, e.g. 1000..1M; got '1k...1M'"],
    // 50% was taken as $0.50, although monthly: 50% in a scenario is refused; 0 was "over by Infinity%".
    ['check', 'scenarios/v0-chat-app.yaml', '--budget', '50%', "command line: --budget: expected an amount of money, not a percentage; got '50%' (write the amount in the report's currency, e.g. --budget monthly=500)"],
    ['check', 'scenarios/v0-chat-app.yaml', '--budget', '0', "command line: --budget: must be greater than 0, got '0' (a budget of 0 is over at any cost; leave the limit out to set none)"],
    ['check', 'scenarios/v0-chat-app.yaml', '--budget', 'per_user=0', "command line: --budget: must be greater than 0, got 'per_user=0' (a budget of 0 is over at any cost; leave the limit out to set none)"],
    // 1..1e300 users used to run for ever (costs overflow to Infinity); 11^300 likewise in a forecast.
    ['breakeven', 'scenarios/v0-chat-app.yaml', '--range', '1..1e300', "command line: --range: at most 1e+12 times the scenario's traffic either way (5,000 now); got '1..1e300'"],
    ['forecast', 'scenarios/v0-chat-app.yaml', '--growth', '8', 'command line: --growth: 8 would be 800% a month: write 8% for 8 percent (or 800% if that is meant)'],
    // 1 + 1000% = 11 a month; 11^12 = 3,138,428,376,721 > 1e12
    ['forecast', 'scenarios/v0-chat-app.yaml', '--growth', '1000%', 'command line: --months: 12 months at 1000% a month scale traffic by 3.14e+12: beyond 1e+12 either way (forecast fewer months or a smaller growth)'],
    // Rates are per 1 USD: USD=2 was ignored without a word.
    ['estimate', 'scenarios/v0-chat-app.yaml', '--fx', 'USD=2', "--fx: rates are units per 1 USD, so USD's is always 1; got 'USD=2' (give the other currency's rate, e.g. --fx EUR=0.92)"],
    // The seed is a 32-bit integer: 2^32 gave exactly the samples of seed 0.
    ['simulate', 'scenarios/v0-chat-app.yaml', '--seed', '4294967296', 'command line: --seed: must be at most 4,294,967,295, got 4294967296'],
    // "12k and 1.5M are fine" is no help for a number of months.
    ['forecast', 'scenarios/code-review-knobs.yaml', '--months', 'abc', "command line: --months: must be a number (e.g. 24), got 'abc'"],
  ])('%s rejects a bad flag value (%s %s %s)', async (command, file, flag, value, message) => {
    const run = await runCli([command, file, flag, value]);
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: ${message}`]);
  });
});

describe('-o writes all or nothing', () => {
  let folder: string | undefined;
  afterEach(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
    folder = undefined;
  });

  it('exits 2 for a folder that does not exist, and leaves no file or temporary file', async () => {
    folder = mkdtempSync(join(tmpdir(), 'llm-tco-bad-out-'));
    const out = join(folder, 'missing', 'report.json');
    const run = await runCli(['estimate', typed('scenarios', 'v0-chat-app.yaml'), '--format', 'json', '-o', out]);
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: ${out}: cannot write here: the folder does not exist`]);
    expect(existsSync(join(folder, 'missing'))).toBe(false);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('writes a 250-character file name (the temporary name is short), and exits 2 for one over the limit', async () => {
    folder = mkdtempSync(join(tmpdir(), 'llm-tco-bad-out-'));
    const long = join(folder, `${'r'.repeat(245)}.json`);
    const ok = await runCli(['estimate', typed('scenarios', 'v0-chat-app.yaml'), '--format', 'json', '-o', long]);
    expect(ok.code).toBe(0);
    expect(readdirSync(folder)).toEqual([basename(long)]);
    const tooLong = join(folder, `${'r'.repeat(300)}.json`);
    const run = await runCli(['estimate', typed('scenarios', 'v0-chat-app.yaml'), '--format', 'json', '-o', tooLong]);
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: ${tooLong}: cannot write here: the file name is too long`]);
    expect(readdirSync(folder)).toEqual([basename(long)]);
  });

  it('exits 2 rather than write over an input file, however the path is spelled', async () => {
    folder = mkdtempSync(join(tmpdir(), 'llm-tco-bad-out-'));
    const scenario = join(folder, 'base.yaml');
    const before = readFileSync(typed('scenarios', 'v0-chat-app.yaml'), 'utf8');
    writeFileSync(scenario, before);
    symlinkSync('base.yaml', join(folder, 'link.yaml'));
    const prices = join(folder, 'prices.yaml');
    const pricesBefore = readFileSync(typed('test', 'fixtures', 'pricing', 'cheaper-mini.yaml'), 'utf8');
    writeFileSync(prices, pricesBefore);
    const cases: [string[], string, string][] = [
      [['estimate', scenario, '-o', scenario], scenario, 'an input of this command'],
      [['forecast', scenario, '--growth', '5%', '-o', join(folder, '.', 'link.yaml')], join(folder, 'link.yaml'), `${scenario}, an input of this command`],
      [['check', join(folder, '*.yaml'), '-o', scenario], scenario, 'an input of this command'],
      [['estimate', typed('scenarios', 'v0-chat-app.yaml'), '--pricing', prices, '-o', prices], prices, 'an input of this command'],
    ];
    for (const [argv, out, why] of cases) {
      const run = await runCli(argv);
      expectRejected(run);
      expect(run.errorLines).toEqual([`llm-tco: ${out}: is ${why}: the output would replace it (write the output to another file)`]);
      expect(readFileSync(scenario, 'utf8')).toBe(before);
      expect(readFileSync(prices, 'utf8')).toBe(pricesBefore);
    }
    expect(readdirSync(folder).sort()).toEqual(['base.yaml', 'link.yaml', 'prices.yaml']);
  });

  it('exits 2 when part of the path is a file', async () => {
    const out = join(typed('package.json'), 'report.json');
    const run = await runCli(['estimate', typed('scenarios', 'v0-chat-app.yaml'), '-o', out]);
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: ${out}: cannot write here: part of the path is a file, not a folder`]);
  });

  it('exits 2 for a path that is a folder, and leaves it empty', async () => {
    folder = mkdtempSync(join(tmpdir(), 'llm-tco-bad-out-'));
    const run = await runCli(['estimate', typed('scenarios', 'v0-chat-app.yaml'), '-o', folder]);
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: ${folder}: is a folder, not a file`]);
    expect(readdirSync(folder)).toEqual([]);
    // The temporary file is written beside the target: gone too.
    const siblings = readdirSync(dirname(folder)).filter((name) => name.startsWith(`${basename(folder!)}.`));
    expect(siblings).toEqual([]);
  });

  // An empty path used to reach the write: "llm-tco: : cannot write here: the folder does not exist".
  it.each([
    ['estimate', typed('scenarios', 'v0-chat-app.yaml')],
    ['forecast', typed('scenarios', 'v0-chat-app.yaml')],
    ['check', typed('scenarios', 'v0-chat-app.yaml')],
    ['tokens', typed('README.md')],
    ['calibrate', typed('test', 'fixtures', 'logs', 'openai-chat.jsonl')],
    ['pricing', 'list'],
    ['vram', '--model', 'llama-3.1-8b', '--quant', 'Q4_K_M'],
    ['wizard'],
  ])('%s refuses an empty -o before doing anything', async (...argv) => {
    for (const out of [['-o', ''], ['-o', ' '], ['--out=']]) {
      const run = await runCli([...argv, ...out]);
      expectRejected(run);
      expect(run.errorLines).toEqual(['llm-tco: --out: needs a file name']);
    }
  });

  it('writes nothing when the scenario is bad', async () => {
    folder = mkdtempSync(join(tmpdir(), 'llm-tco-bad-out-'));
    const run = await runCli(['estimate', fixture('negative-users'), '-o', join(folder, 'report.txt')]);
    expectRejected(run);
    expect(readdirSync(folder)).toEqual([]);
  });
});

// Every command reads the files it is given through one reader (src/text-file.ts): the same
// reasons, in the same words, whichever command or flag named the file.
describe('a file that cannot be read reads the same in every command', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'llm-tco-unreadable-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const commands = FILE_READERS;

  it.each(commands)('%s: a missing file', async (_label, argv) => {
    const file = join(folder, 'nope.yaml');
    const run = await runCli(argv(file));
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: ${file}: no such file`]);
  });

  it.each(commands)('%s: a folder', async (label, argv) => {
    const run = await runCli(argv(folder));
    expectRejected(run);
    const hint = ['tokens', 'calibrate'].includes(label) ? ' (to read the files in it, give a pattern such as folder/*.md)' : '';
    expect(run.errorLines).toEqual([`llm-tco: ${folder}: is a folder, not a file${hint}`]);
  });

  // A binary file used to be echoed byte for byte in the message, or counted as text by tokens.
  it.each(commands)('%s: a binary file', async (_label, argv) => {
    const file = fixture('not-utf8-binary');
    const run = await runCli(argv(file));
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: ${file}:1:1: is not UTF-8 text: byte 0x89 at byte offset 0 (it looks like a binary file)`]);
  });

  it('tokens reports every file that is not text, and counts none', async () => {
    const binary = fixture('not-utf8-binary');
    const latin1 = fixture('not-utf8-latin1');
    const run = await runCli(['tokens', typed('README.md'), binary, latin1]);
    expectRejected(run);
    expect(run.errorLines).toEqual([
      `llm-tco: ${binary}:1:1: is not UTF-8 text: byte 0x89 at byte offset 0 (it looks like a binary file)`,
      `llm-tco: ${latin1}:2:10: is not UTF-8 text: byte 0xE9 at byte offset 91 (save it as UTF-8)`,
    ]);
  });

  it('tokens refuses standard input with a NUL byte', async () => {
    const io = fakeIo();
    io.readStdin = async () => 'text\nmore\0binary';
    const run = await runCli(['tokens', '-'], io);
    expectRejected(run);
    expect(run.errorLines).toEqual(['llm-tco: -:2:5: is not UTF-8 text: a NUL byte at byte offset 9 (it looks like a binary file)']);
  });

  it('a prompt file that is not text is a problem at its key', async () => {
    const scenario = join(folder, 'with-binary-prompt.yaml');
    copyFileSync(fixture('not-utf8-binary'), join(folder, 'logo.png'));
    writeFileSync(scenario, 'name: x\ntraffic: {users: 5}\nworkload:\n  kind: chat\n  system_prompt: {file: logo.png}\n  input: 4\n  output: 5\noptions:\n  - api: openai/gpt-4o-mini\n');
    const run = await runCli(['estimate', scenario]);
    expectRejected(run);
    expect(run.errorLines).toEqual([
      `llm-tco: ${scenario}:5:25: workload.system_prompt.file: prompt file 'logo.png': is not UTF-8 text: byte 0x89 at byte offset 0 (it looks like a binary file)`,
    ]);
  });

  it.each(commands)('%s: a path through a file', async (_label, argv) => {
    const file = join(typed('package.json'), 'x.yaml');
    const run = await runCli(argv(file));
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: ${file}: no such file (a part of the path is a file, not a folder)`]);
  });
});

// JSON is read as JSON: its mistakes placed at line:col, in JSON's words (the YAML parser, which
// also reads JSON, would speak of flow collections).
describe('invalid JSON is placed at its line and column', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'llm-tco-bad-json-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const file = join(folder, name);
    writeFileSync(file, text);
    return file;
  };

  it('a scenario given as JSON', async () => {
    const file = write('scenario.json', '{"name": "x",\n "traffic": {"users": 5 "sessions_per_user": 3}\n}\n');
    const run = await runCli(['estimate', file]);
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: ${file}:2:25: invalid JSON: Expected ',' or '}' after property value`]);
  });

  it('a scenario given as JSON, with a token JSON.parse does not place', async () => {
    const file = write('token.json', '{"name": "x",\n "traffic": {"users": lots}\n}\n');
    const run = await runCli(['estimate', file]);
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: ${file}:2:23: invalid JSON: Unexpected token 'l'`]);
  });

  it('a --pricing snapshot', async () => {
    const file = write('snapshot.json', '{\n  "gpt-x": {\n    "input_cost_per_token": 1e-6,\n  }\n}\n');
    for (const argv of [['pricing', 'validate', file], ['estimate', typed('scenarios', 'v0-chat-app.yaml'), '--pricing', file]]) {
      const run = await runCli(argv);
      expectRejected(run);
      expect(run.errorLines).toEqual([`llm-tco: ${file}:4:3: invalid JSON: Expected double-quoted property name`]);
    }
  });

  it('a log line (calibrate)', async () => {
    const file = write('calls.jsonl', '{"model": "gpt-4o-mini", "usage": {"prompt_tokens": 12,, "completion_tokens": 3}}\n');
    const run = await runCli(['calibrate', file]);
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: ${file}:1:56: not JSON (Expected double-quoted property name)`, `llm-tco: ${file}: no usable usage records`]);
  });
});
