// Round trips: what the wizard shows is what `llm-tco estimate` computes for the file it writes,
// figure for figure; and `--from` a scenario, answered with Enter throughout, writes a scenario that
// costs exactly what the original does.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runWizard } from '../src/commands/wizard.js';
import { formatProblem, UserError } from '../src/errors.js';
import { parseScenario } from '../src/scenario/parse.js';
import { scenarioSchema } from '../src/schema/index.js';
import { fakeIo, monthlyCosts, ROOT, runCli } from './helpers.js';
import { FakePrompter, runWizardWith, tempDir, type Answer } from './wizard-helpers.js';

interface Figures {
  name: string;
  kind: string;
  monthly_cost: number | null;
  per_request_cost: number | null;
  per_user_cost: number | null;
}

async function estimateJson(file: string, flags: string[] = []): Promise<{ options: Figures[]; cheapest: string | null }> {
  const run = await runCli(['estimate', file, ...flags, '--format', 'json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
}

const pick = (o: Figures) => ({ name: o.name, kind: o.kind, monthly_cost: o.monthly_cost, per_request_cost: o.per_request_cost, per_user_cost: o.per_user_cost });

const FLOWS: Record<string, Record<string, Answer | Answer[]>> = {
  'chat, two APIs, a budget': {
    'traffic.users': '12k',
    'workload.history': 'full',
    'workload.cache_hit': '50%',
    'options.api': ['openai/gpt-4o-mini', { term: 'haiku-4-5', pick: 'anthropic/claude-haiku-4-5' }],
    'budget.monthly': '300',
  },
  'RAG with self-hosting': { kind: 'rag', 'options.api': 'deepseek/deepseek-v4-pro', 'options.self_host': true, 'self_host.model': 'qwen2.5-14b' },
  'agent loop with serverless': { kind: 'agent', 'workload.cache_hit': '80%', 'options.api': 'anthropic/claude-sonnet-4-6', 'options.serverless': true },
  'chat with every kind of option': {
    'traffic.users': '400..900',
    'options.api': 'google/gemini-2.5-flash',
    'options.self_host': true,
    'self_host.hardware': 'runpod/rtx-4090-community',
    'options.serverless': true,
    'serverless.hardware': 'runpod/serverless-24gb-flex',
  },
};

describe('the wizard’s estimate is the estimate of the file it writes', () => {
  for (const [title, script] of Object.entries(FLOWS)) {
    it(title, async () => {
      const file = join(tempDir(), 'scenario.yaml');
      const run = await runWizardWith(script, { out: file });
      expect(run.code).toBe(0);
      const shown = run.result!.report!;
      const estimated = await estimateJson(file);
      // Unrounded and equal, so equal to the cent and beyond.
      expect(estimated.options.map(pick)).toEqual(shown.options.map(pick));
      expect(estimated.cheapest).toBe(shown.cheapest);
      expect(shown.options.filter((o) => o.monthly_cost !== null).length).toBeGreaterThan(0);
      // And the table the wizard printed is the one `estimate` prints.
      const table = await runCli(['estimate', file]);
      const body = table.stdout.split('\n').slice(1, -1).join('\n'); // the title and trailing newline aside
      expect(run.stdout).toContain(body.split('\n').filter((l) => l.startsWith('│')).join('\n'));
    });
  }
});

describe('priced with --pricing, --today and --fx: estimate given the same flags reproduces it', () => {
  it('a --pricing layer (an API model and offers of its own) on a --today', async () => {
    const dir = tempDir();
    const prices = join(dir, 'our-prices.yaml');
    writeFileSync(prices, 'models:\n  - {id: acme/widget-1, name: Widget 1, input: 0.5, output: 1.5, source: https://example.com/acme, as_of: 2026-11-01}\n');
    const hardware = join(ROOT, 'test', 'fixtures', 'pricing', 'test-hardware.yaml');
    const flags = ['--pricing', prices, '--pricing', hardware, '--today', '2026-07-01'];
    const file = join(dir, 'scenario.yaml');
    const run = await runWizardWith(
      {
        'workload.history': 'full',
        'options.api': [{ term: 'widget', pick: 'acme/widget-1' }, 'openai/gpt-5.6-luna'],
        'options.self_host': true,
        'self_host.model': 'test-8b',
        'self_host.quant': 'test-4bit',
        'self_host.hardware': 'test/gpu-monthly',
      },
      { out: file, pricing: [prices, hardware], today: '2026-07-01' },
    );
    expect(run.code, run.stderr).toBe(0);
    const shown = run.result!.report!;
    expect(shown.options.map((o) => o.monthly_cost)).not.toContain(null);
    const estimated = await estimateJson(file, flags);
    expect(estimated.options.map(pick)).toEqual(shown.options.map(pick));
    expect(estimated.cheapest).toBe(shown.cheapest);
    // The command the file's header gives is that estimate.
    const again = /^# Run it again: +(.*)$/m.exec(readFileSync(file, 'utf8'))![1]!.split(' ');
    expect(again.slice(0, 2)).toEqual(['llm-tco', 'estimate']);
    expect(again.slice(2)).toEqual([file, ...flags]);
    // Without the flags it is not the same scenario: the model is unknown to the bundled catalogue.
    const bare = await runCli(['estimate', file]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("unknown model 'acme/widget-1'");
  });

  it('--from a CNY scenario with --fx', async () => {
    const from = join(ROOT, 'scenarios', 'relay-gpt-4o-cny.yaml');
    const file = join(tempDir(), 'cny.yaml');
    const run = await runWizardWith({}, { from, out: file, fx: ['CNY=8'], today: '2026-07-01' });
    expect(run.code, run.stderr).toBe(0);
    const flags = ['--fx', 'CNY=8', '--today', '2026-07-01'];
    expect((await estimateJson(file, flags)).options.map(pick)).toEqual(run.result!.report!.options.map(pick));
    expect((await estimateJson(from, flags)).options.map(pick)).toEqual(run.result!.report!.options.map(pick));
    // At the bundled rate the list-price option costs something else.
    const listPrice = (r: { options: Figures[] }) => r.options.find((o) => o.name === 'openai/gpt-4o')!.monthly_cost;
    expect(listPrice(await estimateJson(file))).not.toBeCloseTo(listPrice(run.result!.report!)!, 6);
  });
});

describe('the file it writes', () => {
  it('has a header saying what it is and how to run it again, and a unit on every key', async () => {
    const file = join(tempDir(), 'scenario.yaml');
    const run = await runWizardWith({ kind: 'rag', 'options.api': 'openai/gpt-4o-mini', 'options.self_host': true, 'budget.monthly': '100' }, { out: file });
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(run.result!.text);
    const lines = text.split('\n');
    expect(lines[0]).toBe(`# yaml-language-server: $schema=${relative(dirname(file), join(ROOT, 'schema', 'scenario.schema.json'))}`);
    expect(lines[1]).toBe('# Document Q&A (RAG)');
    expect(text).toContain('described with `llm-tco wizard` on 2026-11-25');
    expect(text).toContain(`# Run it again:      llm-tco estimate ${file}`);
    expect(text).toContain(`# Change answers:    llm-tco wizard --from ${file} -o ${file}`);
    expect(text).toMatch(/# Monthly cost on 2026-11-25 \(prices as of \d{4}-\d{2}-\d{2}\):\n# {3}.*\(cheapest\)/);
    // Every key with a number, in traffic, workload, options and budget, says its unit.
    const valued = lines.filter((l) => /^\s+[a-z_]+: \S/.test(l) && !l.trimStart().startsWith('#'));
    expect(valued.length).toBeGreaterThan(15);
    for (const line of valued) expect(line, line).toMatch(/ # \S/);
    expect(parseScenario(text, { file }).options.map((o) => o.kind)).toEqual(['api', 'self_host']);
    // and the schema the first line names accepts it
    const validate = new Ajv({ allowUnionTypes: true }).compile(scenarioSchema());
    expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('--from: Enter throughout reproduces the scenario', () => {
  const seeds = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml'));
  it('covers the seed scenarios', () => expect(seeds.length).toBeGreaterThanOrEqual(6));
  for (const seed of seeds) {
    it(seed, async () => {
      const from = join(ROOT, 'scenarios', seed);
      const file = join(tempDir(), seed);
      const run = await runWizardWith({}, { from, out: file });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(`Starting from ${from}: its values are the defaults.`);
      const original = await estimateJson(from);
      const again = await estimateJson(file);
      expect(again.options.map(pick)).toEqual(original.options.map(pick));
      // Options the wizard does not edit are offered to keep, under their names.
      const keep = run.prompter.asked.find((a) => a.id === 'options.keep');
      expect(keep?.choices.length).toBe(original.options.length);
    });
  }

  it('the defaults are the file’s values, as written', async () => {
    const file = join(tempDir(), 'v0.yaml');
    const run = await runWizardWith({}, { from: join(ROOT, 'scenarios', 'v0-chat-app.yaml'), out: file });
    const defaults = Object.fromEntries(run.prompter.asked.filter((a) => a.type === 'number').map((a) => [a.id, a.default]));
    expect(defaults).toMatchObject({
      'traffic.users': '5000',
      'traffic.sessions_per_user': '4',
      'traffic.requests_per_session': '5',
      'traffic.peak_factor': '3',
      'workload.system_prompt': '0',
      'workload.input': '400',
      'workload.output': '600',
    });
    expect(run.prompter.asked.find((a) => a.id === 'name')!.default).toBe('Support chat in a v0 app');
    expect(monthlyCosts(JSON.stringify(await estimateJson(file)))['openai/gpt-4o-mini']).toBeCloseTo(42, 9);
  });

  it('dropping the option a budget is bound to binds the budget to the cheapest', async () => {
    const dir = tempDir();
    const from = join(dir, 'bound.yaml');
    writeFileSync(
      from,
      'traffic: {users: 5000, sessions_per_user: 4, requests_per_session: 5}\n' +
        'workload: {kind: chat, input: 400, output: 600, history: none}\n' +
        'options:\n  - api: openai/gpt-4o\n  - api: openai/gpt-4o-mini\n    name: mini\n' +
        'budget: {monthly: 50, option: mini}\n',
    );
    const file = join(dir, 'out.yaml');
    const run = await runWizardWith({ 'options.keep': { checked: [0] } }, { from, out: file });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('The budget was for mini, which is no longer an option: it now applies to the cheapest.');
    // openai/gpt-4o: 100,000 x (400 x 2.50 + 600 x 10) / 1e6 = $700, over the $50.
    expect(run.stdout).toContain('Budget $50.00 a month for openai/gpt-4o: $700.00 (1,400%), OVER budget by $650.00.');
    expect(readFileSync(file, 'utf8')).not.toContain('option: mini');
  });

  it('requests_per_month traffic is asked as such', async () => {
    const file = join(tempDir(), 'cs.yaml');
    const run = await runWizardWith({ 'traffic.requests_per_month': '1M' }, { from: join(ROOT, 'scenarios', 'customer-service.yaml'), out: file });
    expect(run.prompter.ids().slice(2, 5)).toEqual(['traffic.requests_per_month', 'traffic.requests_per_session', 'traffic.peak_factor']);
    // The inline blended rate, kept as written: 1M x 800 x $1.50 / 1M = $1,200.
    expect(monthlyCosts(JSON.stringify(await estimateJson(file)))['article-blended-rate']).toBeCloseTo(1200, 9);
    expect(readFileSync(file, 'utf8')).toContain('  - api: { name: article-blended-rate, input: 1.5, output: 1.5 }');
  });

  it('a --from file with problems is refused as estimate refuses it, before any question', async () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'traffic:\n  user: 5\nworkload: {kind: chat, input: 1, output: 1}\noptions:\n  - api: openai/gpt-4o-mnii\n');
    const prompter = new FakePrompter();
    const error = await runWizard({ from: bad }, fakeIo(), { prompter }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).problems.map(formatProblem)).toEqual([
      `${bad}:2:3: traffic.user: unknown key 'user' (did you mean 'users'?)`,
      `${bad}:5:10: options[0].api: unknown model 'openai/gpt-4o-mnii' (did you mean 'openai/gpt-4o-mini'?)`,
    ]);
    expect(prompter.asked).toEqual([]);
    await expect(runWizard({ from: join(dir, 'missing.yaml') }, fakeIo(), { prompter })).rejects.toThrow('no such file');
  });
});
