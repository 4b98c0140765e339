// The wizard's questions with scripted answers (test/wizard-helpers.ts): every branch (chat, RAG,
// agent; with and without self-hosting and serverless), answers refused by the loader's rules and
// asked again, the review menu, Ctrl-C, and never overwriting a file unasked.
// Costs are checked against hand arithmetic at list prices: openai/gpt-4o-mini $0.15 / $0.60 per
// 1M tokens in / out; anthropic/claude-sonnet-4-6 $3 / $15; openai/text-embedding-3-small $0.02.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWizard, schemaReference } from '../src/commands/wizard.js';
import { parseScenario } from '../src/scenario/parse.js';
import { NONE } from '../src/wizard/choices.js';
import { fakeIo, ROOT } from './helpers.js';
import { CTRL_C, FakePrompter, runWizardWith, tempDir, type WizardRun } from './wizard-helpers.js';

const TRAFFIC = ['traffic.users', 'traffic.sessions_per_user', 'traffic.requests_per_session', 'traffic.peak_factor'];
const OPTIONS_ONE_API = ['options.api', 'options.api', 'options.self_host', 'options.serverless'];
const CHAT_IDS = [
  'kind', 'name', ...TRAFFIC,
  'workload.system_prompt', 'workload.input', 'workload.output', 'workload.history', 'workload.cache_hit',
  ...OPTIONS_ONE_API, 'budget.monthly', 'review',
];

/**
 * The v0 chat app (scenarios/v0-chat-app.yaml) answered in place of the chat defaults: 5,000 users
 * x 4 sessions x 5 exchanges of 400 in / 600 out, no history. Tests about other things keep its
 * round figures ($42.00 a month on gpt-4o-mini).
 */
const V0_CHAT = {
  'traffic.sessions_per_user': '4',
  'traffic.requests_per_session': '5',
  'workload.input': '400',
  'workload.output': '600',
  'workload.history': 'none',
} as const;

function monthly(run: WizardRun, name: string): number {
  const option = run.result?.report?.options.find((o) => o.name === name);
  if (!option || option.monthly_cost === null) throw new Error(`no costed option '${name}' in ${run.result?.report?.options.map((o) => o.name).join(', ')}`);
  return option.monthly_cost;
}

describe('chat', () => {
  it('asks in order, each number with its unit and default, and saves what Enter accepts', async () => {
    const file = join(tempDir(), 'chat.yaml');
    const run = await runWizardWith({}, { out: file });
    expect(run.code).toBe(0);
    expect(run.prompter.ids()).toEqual(CHAT_IDS);
    // Every question but the budget (none by default) shows a default; numbers name their unit.
    for (const q of run.prompter.asked.filter((a) => a.type === 'number' && a.id !== 'budget.monthly')) {
      expect(q.default, q.id).toEqual(expect.any(String));
    }
    const numbers = Object.fromEntries(run.prompter.asked.filter((a) => a.type === 'number').map((a) => [a.id, a]));
    expect(numbers['traffic.users']).toMatchObject({ default: '5000', message: expect.stringContaining('people a month') });
    // The support-chat preset's figures (LMSYS-Chat-1M, Table 1), each marked typical with its source.
    expect(numbers['traffic.sessions_per_user']).toMatchObject({ default: '1', message: expect.stringContaining('per month') });
    expect(numbers['traffic.sessions_per_user']!.message).toContain('[typical, an estimate from LMSYS-Chat-1M]');
    expect(numbers['traffic.requests_per_session']).toMatchObject({ default: '2', message: expect.stringContaining('[typical: LMSYS-Chat-1M]') });
    expect(numbers['traffic.peak_factor']).toMatchObject({ default: '3', message: expect.stringContaining('at least 1') });
    expect(numbers['traffic.peak_factor']!.message).not.toContain('typical');
    expect(numbers['workload.input']).toMatchObject({ default: '70', message: expect.stringContaining('tokens') });
    expect(numbers['workload.input']!.message).toContain('[typical: LMSYS-Chat-1M]');
    expect(numbers['workload.output']).toMatchObject({ default: '215', message: expect.stringContaining('tokens') });
    expect(numbers['workload.cache_hit']).toMatchObject({ default: '0%', message: expect.stringContaining('0%..100%') });
    expect(numbers['budget.monthly']).toMatchObject({ default: undefined, message: expect.stringContaining('USD') });
    expect(run.stdout).toContain("Defaults marked [typical] are the support-chat preset's figures");

    // Enter on the API search takes the first suggestion, openai/gpt-4o-mini; Enter again is "Done".
    // 5,000 x 1 x 2 = 10,000 exchanges; history full: the second resends the first (70 + 215) before
    // its own 70, so a session reads 70 + 355 = 425 tokens and writes 2 x 215 = 430.
    // 5,000 x (425 x 0.15 + 430 x 0.60) / 1e6 = $0.31875 + $1.29 = $1.60875.
    expect(monthly(run, 'openai/gpt-4o-mini')).toBeCloseTo(1.60875, 9);
    expect(run.stdout).toContain('$1.61');
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(run.result?.text);
    expect(text).toContain('users: 5000                 # monthly active users (people a month)\n');
    expect(text).toMatch(/ {2}input: 70 +# tokens the user sends per exchange; typical: LMSYS-Chat-1M\n/);
    expect(text).toContain('history: full');
    expect(text).toContain('  - api: openai/gpt-4o-mini');
    expect(text).not.toContain('budget:');
    expect(run.stdout).toContain(`Saved ${file}. Run it again with:  llm-tco estimate ${file}`);
  });

  it('re-asks an answer the scenario loader refuses, with its reason; 12k and ranges are fine', async () => {
    const file = join(tempDir(), 'chat.yaml');
    const run = await runWizardWith(
      {
        'traffic.users': ['-5', 'lots', '0', '12k'],
        'traffic.peak_factor': ['0.5', '2'],
        'workload.input': ['1.5M..', '300..500'],
        'workload.cache_hit': ['150%', '50%'],
        'workload.history': 'full',
        'budget.monthly': ['-1', '200'],
        'options.api': [{ term: 'gpt-4o-mini', pick: 'openai/gpt-4o-mini' }],
      },
      { out: file },
    );
    expect(run.code).toBe(0);
    expect(run.prompter.refused).toEqual([
      { id: 'traffic.users', answer: '-5', reason: 'must not be negative, got -5' },
      { id: 'traffic.users', answer: 'lots', reason: "must be a number (12k and 1.5M are fine), got 'lots'" },
      { id: 'traffic.users', answer: '0', reason: 'must be greater than 0, got 0 (with no traffic every option costs 0, so there is nothing to compare)' },
      { id: 'traffic.peak_factor', answer: '0.5', reason: 'must be at least 1, got 0.5' },
      { id: 'workload.input', answer: '1.5M..', reason: "a range is written low..high, e.g. 400..900; got '1.5M..'; or give a prompt file to count" },
      { id: 'workload.cache_hit', answer: '150%', reason: 'must be a share between 0 and 1 (or 0%..100%), got 150%' },
      { id: 'budget.monthly', answer: '-1', reason: 'must not be negative, got -1' },
    ]);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('users: 12k ');
    expect(text).toContain('input: 300..500 ');
    expect(text).toContain('cache_hit: 50% ');
    expect(text).toContain('history: full ');
    expect(text).toMatch(/budget:\n {2}monthly: 200 +# USD a month\n/);
    // The written values mean what was typed.
    const scenario = parseScenario(text, { file });
    expect(scenario.traffic.users).toBe(12_000);
    expect(scenario.traffic.peakFactor).toBe(2);
    expect(scenario.workload.inputTokens).toBe(400); // the mean of 300..500
    expect(scenario.uncertain).toEqual([{ path: 'workload.input', distribution: { kind: 'uniform', min: 300, max: 500 } }]);
    expect(scenario.budget?.monthly).toBe(200);
    expect(run.stdout).toContain('Budget $200.00 a month for openai/gpt-4o-mini');
  });

  it('a token size may be a prompt file: counted now, and saved as {file: ...} so the scenario counts it again', async () => {
    const dir = tempDir();
    const prompt = join(dir, 'prompts', 'system.md');
    mkdirSync(join(dir, 'prompts'));
    // "hello" and " world": 2 tokens in o200k_base.
    writeFileSync(prompt, 'hello world');
    const file = join(dir, 'chat.yaml');
    const run = await runWizardWith({ 'workload.system_prompt': [join(dir, 'missing.md'), prompt] }, { out: file });
    expect(run.code).toBe(0);
    expect(run.prompter.refused).toEqual([{ id: 'workload.system_prompt', answer: join(dir, 'missing.md'), reason: `${join(dir, 'missing.md')}: no such file` }]);
    expect(run.stdout).toContain(`${prompt}: 2 tokens (o200k_base)`);
    const text = readFileSync(file, 'utf8');
    // Relative to the scenario's folder, as a scenario names its prompt files.
    expect(text).toMatch(/\n {2}system_prompt: \{file: prompts\/system\.md\} +# a prompt file, counted each time the scenario loads \(2 tokens when written\)\n/);
    // The chat defaults' $1.60875 (see the first test) + 2 tokens on each of 10,000 calls:
    // 20,000 x 0.15 / 1e6 = $0.003, so $1.61175.
    expect(monthly(run, 'openai/gpt-4o-mini')).toBeCloseTo(1.61175, 9);
    // The prompt grows to 4 tokens ("hello world hello world"): the saved scenario sees it.
    writeFileSync(prompt, 'hello world hello world');
    const grown = parseScenario(readFileSync(file, 'utf8'), { file });
    expect(grown.workload.systemPromptTokens).toBe(4);
  });

  it('a prompt file whose name has a comma or brackets is quoted, and the saved scenario reads it', async () => {
    const dir = tempDir();
    const prompt = join(dir, 'system, v2 [draft].md');
    writeFileSync(prompt, 'hello world');
    const file = join(dir, 'chat.yaml');
    const run = await runWizardWith({ 'workload.system_prompt': prompt }, { out: file });
    expect(run.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('system_prompt: {file: "system, v2 [draft].md"}');
    // "hello" and " world": 2 tokens, counted again from the file the scenario names.
    expect(parseScenario(text, { file }).workload.systemPromptTokens).toBe(2);
  });

  it('a prompt file outside the scenario\'s folder tree is saved as its count, and the comment says why', async () => {
    const elsewhere = join(tempDir(), 'system.md');
    writeFileSync(elsewhere, 'hello world');
    const file = join(tempDir(), 'chat.yaml');
    const run = await runWizardWith({ 'workload.system_prompt': elsewhere }, { out: file });
    expect(run.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(`  system_prompt: 2${' '.repeat(12)}# tokens of ${elsewhere}, counted once: outside the scenario's folder tree`);
    expect(text).not.toContain('{file:');
  });

  it('--from a scenario that names a prompt file keeps the file: Enter offers it, the saved copy names it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'system.md'), 'hello world');
    const from = join(dir, 'chat.yaml');
    writeFileSync(
      from,
      'name: Chat\ntraffic: {users: 5000, sessions_per_user: 4, requests_per_session: 5}\n' +
        'workload: {kind: chat, system_prompt: {file: system.md}, input: 400, output: 600}\noptions:\n  - api: openai/gpt-4o-mini\n',
    );
    const out = join(dir, 'copy.yaml');
    const run = await runWizardWith({}, { out, from });
    expect(run.code).toBe(0);
    const asked = run.prompter.asked.find((q) => q.id === 'workload.system_prompt');
    expect(asked?.default).toBe(join(dir, 'system.md'));
    expect(readFileSync(out, 'utf8')).toContain('system_prompt: {file: system.md}');
  });

  it('a history window asks how many exchanges it keeps, a whole number', async () => {
    const file = join(tempDir(), 'chat.yaml');
    const run = await runWizardWith({ 'workload.history': 'last', 'workload.history.last': ['2.5', '2'] }, { out: file });
    expect(run.prompter.ids()).toEqual([...CHAT_IDS.slice(0, 10), 'workload.history.last', ...CHAT_IDS.slice(10)]);
    expect(run.prompter.refused).toEqual([{ id: 'workload.history.last', answer: '2.5', reason: 'must be a whole number of at least 0, got 2.5' }]);
    expect(readFileSync(file, 'utf8')).toContain('history: { last: 2 }');
    expect(parseScenario(readFileSync(file, 'utf8'), { file }).workload).toMatchObject({ history: { kind: 'last', exchanges: 2 } });
  });
});

describe('RAG', () => {
  it('asks for retrieval and embeddings; the defaults are the doc-qa-rag preset (20 chunks of 800 tokens)', async () => {
    const file = join(tempDir(), 'rag.yaml');
    const run = await runWizardWith({ kind: 'rag', 'options.api': [{ term: 'claude-sonnet-4-6', pick: 'anthropic/claude-sonnet-4-6' }] }, { out: file });
    expect(run.code).toBe(0);
    expect(run.prompter.ids()).toEqual([
      'kind', 'name', ...TRAFFIC,
      'workload.system_prompt', 'workload.input', 'workload.retrieved.chunks', 'workload.retrieved.tokens_per_chunk', 'workload.output',
      'workload.embedding', 'workload.embedding.model', 'workload.embedding.corpus_tokens', 'workload.embedding.reindex_per_month', 'workload.cache_hit',
      ...OPTIONS_ONE_API, 'budget.monthly', 'review',
    ]);
    // OpenAI file search's defaults (max_num_results 20, max_chunk_size_tokens 800), shown as typical;
    // the system prompt (600) is an example, not marked.
    const numbers = Object.fromEntries(run.prompter.asked.filter((a) => a.type === 'number').map((a) => [a.id, a]));
    expect(numbers['workload.retrieved.chunks']).toMatchObject({ default: '20', message: expect.stringContaining('[typical: OpenAI file search default]') });
    expect(numbers['workload.retrieved.tokens_per_chunk']).toMatchObject({ default: '800', message: expect.stringContaining('[typical: OpenAI file search default]') });
    expect(numbers['workload.input']).toMatchObject({ default: '70', message: expect.stringContaining('[typical, an estimate from LMSYS-Chat-1M]') });
    expect(numbers['workload.system_prompt']!.message).not.toContain('typical');
    // The embedding model list holds embedding models only, the default first.
    const embeddingList = run.prompter.asked.find((a) => a.id === 'workload.embedding.model')!.choices;
    expect(embeddingList[0]?.value).toBe('openai/text-embedding-3-small');
    expect(embeddingList.filter((c) => !c.disabled).every((c) => /embed/i.test(String(c.value)))).toBe(true);
    // 5,000 x 1 x 2 = 10,000 queries of 600 + 70 + 20 x 800 = 16,670 prompt tokens and 215 out:
    // 10,000 x (16,670 x 3 + 215 x 15) / 1e6 = 10,000 x $0.053235 = $532.35; embeddings
    // (10,000 x 70 + 5M x 4) x $0.02 / 1M = 20.7M x 0.02 / 1M = $0.414, in every option: $532.764.
    expect(monthly(run, 'anthropic/claude-sonnet-4-6')).toBeCloseTo(532.764, 9);
    expect(run.result?.report?.embeddings?.monthly_cost).toBeCloseTo(0.414, 12);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/ {2}retrieved:\n {4}chunks: 20 +# chunks retrieved per query; typical: OpenAI file search default\n/);
    expect(text).toContain('  embedding:\n    model: openai/text-embedding-3-small');
  });

  it('without embeddings asks nothing about them', async () => {
    const file = join(tempDir(), 'rag.yaml');
    const run = await runWizardWith({ kind: 'rag', 'workload.embedding': false, 'options.api': 'anthropic/claude-sonnet-4-6' }, { out: file });
    expect(run.prompter.ids().filter((id) => id.startsWith('workload.embedding'))).toEqual(['workload.embedding']);
    expect(readFileSync(file, 'utf8')).not.toContain('embedding');
    // The first test's $532.35 without the embeddings.
    expect(monthly(run, 'anthropic/claude-sonnet-4-6')).toBeCloseTo(532.35, 9);
  });
});

describe('agent loop', () => {
  it('the defaults are the coding-agent preset: a growing prompt of 25 rounds, each figure marked an estimate', async () => {
    const file = join(tempDir(), 'agent.yaml');
    const run = await runWizardWith({ kind: 'agent', 'workload.cache_hit': '0%', 'options.api': 'anthropic/claude-sonnet-4-6' }, { out: file });
    expect(run.prompter.ids()).toEqual([
      'kind', 'name', ...TRAFFIC,
      'workload.rounds', 'workload.agent_prompt', 'workload.system_prompt', 'workload.tool_schema', 'workload.input',
      'workload.tool_result', 'workload.context_limit', 'workload.output', 'workload.cache_hit',
      ...OPTIONS_ONE_API, 'budget.monthly', 'review',
    ]);
    const numbers = Object.fromEntries(run.prompter.asked.filter((a) => a.type === 'number').map((a) => [a.id, a]));
    const estimate = "[typical, an estimate from Claude Code's published costs]";
    expect(numbers['traffic.users']).toMatchObject({ default: '50' });
    expect(numbers['traffic.sessions_per_user']).toMatchObject({ default: '15', message: expect.stringContaining(estimate) });
    expect(numbers['traffic.requests_per_session']).toMatchObject({ default: '16', message: expect.stringContaining(estimate) });
    expect(numbers['workload.rounds']).toMatchObject({ default: '25', message: expect.stringContaining(estimate) });
    expect(numbers['workload.tool_schema']).toMatchObject({ default: '5000', message: expect.stringContaining(estimate) });
    expect(numbers['workload.cache_hit']).toMatchObject({ default: '90%', message: expect.stringContaining(estimate) });
    // 50 x 15 x 16 = 12,000 tasks. Round r reads 3,000 + 5,000 + 500 + (r - 1) x (400 + 1,500):
    // 25 x 8,500 + 1,900 x (0 + 1 + ... + 24) = 212,500 + 570,000 = 782,500 in, 25 x 400 = 10,000 out
    // (cache hit answered 0%, so no cache rule enters). 12,000 x (782,500 x 3 + 10,000 x 15) / 1e6
    // = 12,000 x $2.4975 = $29,970.
    expect(monthly(run, 'anthropic/claude-sonnet-4-6')).toBeCloseTo(29_970, 6);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/ {2}tool_schema: 5000 +# tokens of tool definitions, sent every round; typical, an estimate from Claude Code's published costs\n/);
    // The cache hit answered differently is not marked typical.
    expect(text).toMatch(/ {2}cache_hit: 0% +# share of the repeated prompt prefix read from the provider's cache\n/);
  });

  it('a fixed prompt per round: the seed agent loop, 15 rounds of 40K in + 3K out', async () => {
    const file = join(tempDir(), 'agent.yaml');
    const run = await runWizardWith(
      {
        kind: 'agent',
        'traffic.sessions_per_user': '20',
        'traffic.requests_per_session': '4',
        'workload.rounds': '15',
        'workload.agent_prompt': 'fixed',
        'workload.output': '3k',
        'workload.cache_hit': '0%',
        'options.api': 'anthropic/claude-sonnet-4-6',
      },
      { out: file },
    );
    expect(run.prompter.ids()).toEqual([
      'kind', 'name', ...TRAFFIC,
      'workload.rounds', 'workload.agent_prompt', 'workload.input_per_round', 'workload.output', 'workload.cache_hit',
      ...OPTIONS_ONE_API, 'budget.monthly', 'review',
    ]);
    // 50 x 20 x 4 = 4,000 tasks x 15 x (40,000 x 3 + 3,000 x 15) / 1e6 = 4,000 x $2.475 = $9,900.
    expect(monthly(run, 'anthropic/claude-sonnet-4-6')).toBeCloseTo(9900, 6);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('input_per_round: 40k');
    // A fixed-size answer drops the growing prompt's keys.
    expect(text).not.toContain('tool_schema');
  });

  it('a growing prompt asks for the system prompt, tools, task, tool results and a context limit', async () => {
    const file = join(tempDir(), 'agent.yaml');
    const run = await runWizardWith(
      {
        kind: 'agent',
        'traffic.users': '10',
        'traffic.sessions_per_user': '1',
        'traffic.requests_per_session': '1',
        'workload.rounds': '3',
        'workload.agent_prompt': 'growing',
        'workload.system_prompt': '1000',
        'workload.tool_schema': '2000',
        'workload.input': '500',
        'workload.tool_result': '1000',
        'workload.context_limit': ['0', ''],
        'workload.output': '500',
        'workload.cache_hit': '0%',
        'options.api': 'openai/gpt-4o-mini',
      },
      { out: file },
    );
    expect(run.prompter.ids().slice(6, 15)).toEqual([
      'workload.rounds', 'workload.agent_prompt', 'workload.system_prompt', 'workload.tool_schema', 'workload.input',
      'workload.tool_result', 'workload.context_limit', 'workload.output', 'workload.cache_hit',
    ]);
    expect(run.prompter.refused).toEqual([{ id: 'workload.context_limit', answer: '0', reason: 'must be greater than 0, got 0' }]);
    // Round r sends 3,500 + (r - 1) x (500 + 1,000): 3,500, 5,000, 6,500 = 15,000 in, 3 x 500 = 1,500 out.
    // 10 tasks x (15,000 x 0.15 + 1,500 x 0.60) / 1e6 = 10 x $0.00315 = $0.0315.
    expect(monthly(run, 'openai/gpt-4o-mini')).toBeCloseTo(0.0315, 12);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('input_per_round');
    expect(text).not.toContain('context_limit');
    expect(text).toContain('tool_result: 1000 ');
  });
});

describe('self-hosting and serverless', () => {
  it('offers only the servers the model fits on, and the estimate agrees with every one of them', async () => {
    const file = join(tempDir(), 'self.yaml');
    // Llama 3.1 70B at F16 is 141 GB of weights: no single 80 GB card holds it; 8-GPU boxes and the
    // 96 GB RTX PRO 6000 with 4-bit weights do, but not at 16 bits.
    const run = await runWizardWith(
      {
        ...V0_CHAT,
        'options.api': 'openai/gpt-4o-mini',
        'options.self_host': true,
        'self_host.model': { term: '70b', pick: 'llama-3.1-70b' },
        'self_host.quant': 'F16',
        'self_host.hardware': 'lambda/8x-h100-sxm',
        'self_host.ops_hours': '0',
      },
      { out: file },
    );
    expect(run.code).toBe(0);
    expect(run.prompter.ids().slice(11)).toEqual([
      'options.api', 'options.api', 'options.self_host', 'self_host.model', 'self_host.quant', 'self_host.hardware', 'self_host.ops_hours',
      'options.serverless', 'budget.monthly', 'review',
    ]);
    const offered = run.prompter.asked.find((a) => a.id === 'self_host.hardware')!.choices.map((c) => c.value);
    expect(offered).toContain('lambda/8x-h100-sxm');
    expect(offered).toContain('lambda/8x-a100-sxm-80gb');
    expect(offered).not.toContain('lambda/1x-h100-sxm');
    expect(offered).not.toContain('hetzner/gex44');
    expect(offered).not.toContain('hetzner/gex63');
    expect(run.stdout).toMatch(/\d+ of \d+ rented offers hold llama-3\.1-70b F16 with 1,000 tokens of context/);

    const text = readFileSync(file, 'utf8');
    expect(text).toContain('  - self_host:\n      model: llama-3.1-70b');
    expect(text).not.toContain('ops_rate');
    const selfHosted = run.result!.report!.options.find((o) => o.kind === 'self_host')!;
    expect(selfHosted.monthly_cost).toEqual(expect.any(Number));

    // The same rule as the estimate's: every rented offer the wizard left out is "does not fit".
    const { report } = run.result!;
    const all = await import('../src/catalogue/load.js').then((m) => m.loadSelfHostCatalogue());
    const left = all.offers.filter((o) => o.kind === 'rent' && !offered.includes(o.id)).map((o) => o.id);
    expect(left.length).toBeGreaterThan(5);
    const probe = text.replace('hardware: lambda/8x-h100-sxm', `hardware: ${left[0]}`);
    const { evaluateScenario } = await import('../src/wizard/evaluate.js');
    const { loadCatalogue } = await import('../src/catalogue/load.js');
    const context = { catalogue: await loadCatalogue(), selfHost: all, today: report!.prices.today };
    for (const id of [...left, ...offered.map(String)]) {
      const evaluation = evaluateScenario(probe.replace(`hardware: ${left[0]}`, `hardware: ${id}`), 'probe.yaml', context);
      if (!evaluation.ok) throw new Error(evaluation.problems.map((p) => p.message).join('; '));
      const option = evaluation.report.options.find((o) => o.kind === 'self_host')! as { memory?: { fits: boolean } | null };
      expect(option.memory?.fits, id).toBe(offered.includes(id));
    }
  });

  it('a model that fits nowhere is said so, and the model is asked again', async () => {
    const file = join(tempDir(), 'self.yaml');
    const run = await runWizardWith(
      {
        'options.api': 'openai/gpt-4o-mini',
        'options.self_host': true,
        'self_host.model': ['llama-3.1-405b', 'llama-3.1-8b'],
        'self_host.quant': ['F32', 'Q4_K_M'],
      },
      { out: file },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/No rented offer in the catalogue holds llama-3\.1-405b F32 .*: it needs [\d.]+ GiB or more\. Choose a smaller model or quantisation\./);
    expect(run.prompter.ids().filter((id) => id.startsWith('self_host.'))).toEqual([
      'self_host.model', 'self_host.quant', 'self_host.model', 'self_host.quant', 'self_host.hardware', 'self_host.ops_hours', 'self_host.ops_rate',
    ]);
    // Enter on the hardware takes the cheapest GPU server that holds it (CPU servers are listed, not preferred).
    const hardware = run.prompter.asked.find((a) => a.id === 'self_host.hardware')!;
    expect(hardware.default).toBe('runpod/rtx-3090-community');
    // $0.22 an hour x 730 = $160.60 a month, below the GEX44's EUR 184.00 a month.
    expect(readFileSync(file, 'utf8')).toMatch(/hardware: runpod\/rtx-3090-community +# \$0\.22 an hour: RunPod Pod, 1x NVIDIA GeForce RTX 3090 24 GB, Community Cloud/);
  });

  it('serverless asks for cold starts; with self-hosting too, the model answered first is the default', async () => {
    const file = join(tempDir(), 'both.yaml');
    const run = await runWizardWith(
      {
        'options.api': 'openai/gpt-4o-mini',
        'options.self_host': true,
        'self_host.model': 'qwen2.5-7b',
        'options.serverless': true,
        'serverless.hardware': 'modal/l4',
        'serverless.cold_starts_per_day': '10',
        'serverless.cold_start_seconds': '30',
      },
      { out: file },
    );
    expect(run.code).toBe(0);
    expect(run.prompter.ids().filter((id) => id.startsWith('serverless.'))).toEqual([
      'serverless.model', 'serverless.quant', 'serverless.hardware', 'serverless.cold_starts_per_day', 'serverless.cold_start_seconds',
    ]);
    const modelList = run.prompter.asked.filter((a) => a.id === 'serverless.model')[0]!.choices;
    expect(modelList[0]?.value).toBe('qwen2.5-7b');
    const kinds = run.result!.report!.options.map((o) => o.kind).sort();
    expect(kinds).toEqual(['api', 'self_host', 'serverless']);
    const serverless = run.result!.report!.options.find((o) => o.kind === 'serverless')!;
    expect(serverless.monthly_cost).toEqual(expect.any(Number));
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('      hardware: modal/l4');
    expect(text).toContain('      cold_starts_per_day: 10');
    expect(text).toContain('      cold_start_seconds: 30');
  });

  it('no cold starts, no question about their length', async () => {
    const file = join(tempDir(), 'sl.yaml');
    const run = await runWizardWith({ 'options.api': 'openai/gpt-4o-mini', 'options.serverless': true, 'serverless.cold_starts_per_day': '0' }, { out: file });
    expect(run.prompter.ids()).not.toContain('serverless.cold_start_seconds');
    expect(readFileSync(file, 'utf8')).not.toContain('cold_start_seconds');
  });

  it('self-hosting alone, with no API', async () => {
    const file = join(tempDir(), 'only.yaml');
    const run = await runWizardWith({ 'options.api': { term: 'none', pick: NONE }, 'options.self_host': true }, { out: file });
    expect(run.code).toBe(0);
    expect(run.result!.report!.options.map((o) => o.kind)).toEqual(['self_host']);
  });

  it('nothing at all to compare is asked again', async () => {
    const file = join(tempDir(), 'again.yaml');
    const run = await runWizardWith({ 'options.api': [{ term: 'none', pick: NONE }, 'openai/gpt-4o-mini'] }, { out: file });
    expect(run.stdout).toContain('Nothing to compare yet');
    expect(run.prompter.ids().filter((id) => id.startsWith('options.'))).toEqual([
      'options.api', 'options.self_host', 'options.serverless', 'options.api', 'options.api', 'options.self_host', 'options.serverless',
    ]);
    expect(run.code).toBe(0);
  });
});

describe('the review menu', () => {
  it('shows the estimate, goes back to change an answer, and shows the new estimate', async () => {
    const file = join(tempDir(), 'menu.yaml');
    const run = await runWizardWith(
      { ...V0_CHAT, review: ['traffic', 'options', 'budget', 'workload', 'save'], 'traffic.users': ['5000', '10000'] },
      { out: file },
    );
    expect(run.code).toBe(0);
    const reviews = run.prompter.ids().filter((id) => id === 'review');
    expect(reviews).toHaveLength(5);
    // Traffic again: 10,000 users double the bill to $84.00.
    expect(run.stdout).toContain('$42.00');
    expect(run.stdout).toContain('$84.00');
    expect(monthly(run, 'openai/gpt-4o-mini')).toBeCloseTo(84, 9);
    // Options again: what is chosen is offered to keep.
    const keep = run.prompter.asked.find((a) => a.id === 'options.keep')!;
    expect(keep.choices.map((c) => c.name)).toEqual(['openai/gpt-4o-mini']);
    // Workload again starts with the kind.
    const afterWorkload = run.prompter.ids().lastIndexOf('kind');
    expect(run.prompter.ids()[afterWorkload + 2]).toBe('workload.system_prompt');
    expect(existsSync(file)).toBe(true);
  });

  it('quit writes nothing and exits 0', async () => {
    const file = join(tempDir(), 'quit.yaml');
    const run = await runWizardWith({ review: 'quit' }, { out: file });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Quit: nothing was written.');
    expect(existsSync(file)).toBe(false);
  });
});

describe('Ctrl-C', () => {
  const points = ['kind', 'traffic.users', 'workload.history', 'options.api', 'options.self_host', 'self_host.hardware', 'budget.monthly', 'review', 'save.overwrite'];
  for (const id of points) {
    it(`at ${id}: exits 130 with one line, writes nothing`, async () => {
      const dir = tempDir();
      const file = join(dir, 'scenario.yaml');
      if (id === 'save.overwrite') writeFileSync(file, 'keep me\n');
      const run = await runWizardWith({ [id]: CTRL_C, 'options.self_host': id === 'self_host.hardware' ? true : id === 'options.self_host' ? CTRL_C : false }, { out: file });
      expect(run.code).toBe(130);
      expect(run.stderr).toBe('\nllm-tco: wizard cancelled; nothing was written\n');
      if (id === 'save.overwrite') expect(readFileSync(file, 'utf8')).toBe('keep me\n');
      else expect(existsSync(file)).toBe(false);
    });
  }
});

describe('saving', () => {
  it('asks where to save when -o is not given, suggesting a name from the feature', async () => {
    const dir = tempDir();
    const run = await runWizardWith({ name: 'My Chat!', 'save.path': join(dir, 'mine.yaml') });
    expect(run.prompter.ids().at(-1)).toBe('save.path');
    expect(run.prompter.asked.at(-1)!.default).toBe('my-chat.yaml');
    const text = readFileSync(join(dir, 'mine.yaml'), 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=\S+\n# My Chat!\n/);
    // The first line leads editors to the schema this package ships, relative to the saved file.
    const reference = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text)![1]!;
    expect(resolve(dir, reference)).toBe(join(ROOT, 'schema', 'scenario.schema.json'));
    expect(schemaReference(join(ROOT, 'scenarios', 'mine.yaml'))).toBe('../schema/scenario.schema.json');
    expect(schemaReference('/project/costs/chat.yaml', '/project/node_modules/llm-tco')).toBe('../node_modules/llm-tco/schema/scenario.schema.json');
    expect(schemaReference('/project/chat.yaml', '/project/node_modules/llm-tco')).toBe('./node_modules/llm-tco/schema/scenario.schema.json');
  });

  it('never overwrites without a yes: no asks for another file', async () => {
    const dir = tempDir();
    const file = join(dir, 'taken.yaml');
    writeFileSync(file, 'keep me\n');
    const run = await runWizardWith({ 'save.overwrite': [false], 'save.path': join(dir, 'other.yaml') }, { out: file });
    expect(run.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
    expect(run.prompter.asked.find((a) => a.id === 'save.path')!.default).toBe(join(dir, 'taken-2.yaml'));
    expect(existsSync(join(dir, 'other.yaml'))).toBe(true);
  });

  it('a folder given as the file is reported, and a file name in it suggested, never an overwrite', async () => {
    const dir = tempDir();
    const run = await runWizardWith({ name: 'My Chat', 'save.path': join(dir, 'mine.yaml') }, { out: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${dir} is a folder: give the scenario a file name.`);
    expect(run.prompter.ids()).not.toContain('save.overwrite');
    expect(run.prompter.asked.find((a) => a.id === 'save.path')!.default).toBe(join(dir, 'my-chat.yaml'));
    expect(readFileSync(join(dir, 'mine.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=\S+\n# My Chat\n/);
  });

  it('overwrites after a yes', async () => {
    const file = join(tempDir(), 'taken.yaml');
    writeFileSync(file, 'old\n');
    const run = await runWizardWith({ 'save.overwrite': true }, { out: file });
    expect(run.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('name: Support chat');
  });

  it('a folder that does not exist is reported, and another place asked for', async () => {
    const dir = tempDir();
    const run = await runWizardWith({ 'save.path': join(dir, 'here.yaml') }, { out: join(dir, 'missing', 'x.yaml') });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Cannot save there:');
    expect(run.stdout).toContain('the folder does not exist');
    expect(existsSync(join(dir, 'here.yaml'))).toBe(true);
  });
});

describe('--pricing, --today and --fx: what it lists, shows and estimates', () => {
  // A user's catalogue layer: a model no catalogue has, and a negotiated price for one it has.
  const USER_PRICES =
    'models:\n' +
    '  - id: acme/widget-1\n    name: Widget 1\n    input: 0.5\n    output: 1.5\n    source: https://example.com/acme\n    as_of: 2026-11-01\n' +
    '  - id: openai/gpt-4o-mini\n    name: GPT-4o mini (negotiated)\n    input: 0.1\n    output: 0.4\n    source: https://example.com/contract\n    as_of: 2026-11-01\n';

  it('a --pricing file: its models are offered at its prices, and the estimate uses them', async () => {
    const dir = tempDir();
    const pricing = join(dir, 'our-prices.yaml');
    writeFileSync(pricing, USER_PRICES);
    const file = join(dir, 'chat.yaml');
    const run = await runWizardWith({ ...V0_CHAT, 'options.api': ['openai/gpt-4o-mini', { term: 'widget', pick: 'acme/widget-1' }] }, { out: file, pricing: [pricing] });
    expect(run.code).toBe(0);
    const [first, second] = run.prompter.asked.filter((a) => a.id === 'options.api');
    expect(first!.choices.find((c) => c.value === 'openai/gpt-4o-mini')!.name).toContain('$0.10 in / $0.40 out per 1M tokens');
    expect(second!.choices.find((c) => c.value === 'acme/widget-1')!.name).toContain('$0.50 in / $1.50 out per 1M tokens');
    // 5,000 x 4 x 5 = 100,000 exchanges of 400 in + 600 out (history: none):
    // widget: 100,000 x (400 x 0.50 + 600 x 1.50) / 1e6 = 100,000 x 1,100 / 1e6 = $110.00;
    // mini at the negotiated price: 100,000 x (400 x 0.10 + 600 x 0.40) / 1e6 = $28.00 (not $42.00).
    expect(monthly(run, 'acme/widget-1')).toBeCloseTo(110, 9);
    expect(monthly(run, 'openai/gpt-4o-mini')).toBeCloseTo(28, 9);
    expect(run.stdout).toContain('$110.00');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('  - api: acme/widget-1        # $0.50 in / $1.50 out per 1M tokens (list price as of 2026-11-01)');
    // The file names the flags estimate needs to price it the same way.
    expect(text).toContain(`# Run it again:      llm-tco estimate ${file} --pricing ${pricing}\n`);
    expect(text).toContain(`# Change answers:    llm-tco wizard --from ${file} -o ${file} --pricing ${pricing}\n`);
    expect(run.stdout).toContain(`Saved ${file}. Run it again with:  llm-tco estimate ${file} --pricing ${pricing}\n`);
  });

  it('a --pricing file: its offers are listed for self-hosting, at its prices', async () => {
    const file = join(tempDir(), 'self.yaml');
    const pricing = join(ROOT, 'test', 'fixtures', 'pricing', 'test-hardware.yaml');
    const run = await runWizardWith(
      { 'options.api': { term: 'none', pick: NONE }, 'options.self_host': true, 'self_host.model': 'test-8b', 'self_host.quant': 'test-4bit', 'self_host.hardware': 'test/gpu-monthly' },
      { out: file, pricing: [pricing] },
    );
    expect(run.code).toBe(0);
    const offered = run.prompter.asked.find((a) => a.id === 'self_host.hardware')!.choices.find((c) => c.value === 'test/gpu-monthly');
    expect(offered?.name).toMatch(/^test\/gpu-monthly +\$300\.00 /);
    // One test-gpu server at $300 a month (one instance carries the load) + 2 hours of upkeep at
    // $60 an hour (the defaults) = $420.00.
    expect(run.result!.report!.options[0]).toMatchObject({ kind: 'self_host', instances: 1 });
    expect(monthly(run, 'self-host test-8b test-4bit on test/gpu-monthly')).toBeCloseTo(420, 9);
  });

  it('--today: the dated price in force that day, in the list and the estimate', async () => {
    // openai/gpt-5.6-luna: $1 in / $6 out per 1M tokens until 2026-07-30, then $0.20 / $1.20.
    const script = { ...V0_CHAT, 'options.api': 'openai/gpt-5.6-luna' };
    const file = join(tempDir(), 'luna.yaml');
    const before = await runWizardWith(script, { out: file, today: '2026-07-01' });
    expect(before.code).toBe(0);
    expect(before.prompter.asked.find((a) => a.id === 'options.api')!.choices.find((c) => c.value === 'openai/gpt-5.6-luna')!.name).toContain('$1.00 in / $6.00 out');
    // 100,000 x (400 x 1.00 + 600 x 6.00) / 1e6 = $400.00.
    expect(monthly(before, 'openai/gpt-5.6-luna')).toBeCloseTo(400, 9);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('described with `llm-tco wizard` on 2026-11-25'); // the day it ran
    expect(text).toContain('# Monthly cost on 2026-07-01');
    expect(text).toContain(`# Run it again:      llm-tco estimate ${file} --today 2026-07-01\n`);
    // The day it runs (2026-11-25): 100,000 x (400 x 0.20 + 600 x 1.20) / 1e6 = $80.00.
    const after = await runWizardWith(script, { out: join(tempDir(), 'luna.yaml') });
    expect(monthly(after, 'openai/gpt-5.6-luna')).toBeCloseTo(80, 9);
  });

  it('--fx: the rate for a --from scenario in another currency', async () => {
    const file = join(tempDir(), 'cny.yaml');
    const run = await runWizardWith({}, { from: join(ROOT, 'scenarios', 'relay-gpt-4o-cny.yaml'), out: file, fx: ['CNY=8'] });
    expect(run.code, run.stderr).toBe(0);
    // 1,000 calls of 1,000 in + 500 out at $2.50 / $10 per 1M: $7.50, at 8 CNY a dollar ¥60.00;
    // the relay's own CNY prices do not move: 1,000 x (1,000 x 21 + 500 x 105) / 1e6 = ¥73.50.
    expect(monthly(run, 'openai/gpt-4o')).toBeCloseTo(60, 9);
    expect(monthly(run, 'relay-gpt-4o')).toBeCloseTo(73.5, 9);
    expect(readFileSync(file, 'utf8')).toContain(`llm-tco estimate ${file} --fx CNY=8\n`);
  });

  it('a --pricing file that is not there: the error estimate gives, before any question', async () => {
    const missing = join(tempDir(), 'missing.yaml');
    const prompter = new FakePrompter();
    await expect(runWizard({ pricing: [missing] }, fakeIo(), { prompter })).rejects.toThrow(`${missing}: no such file`);
    expect(prompter.asked).toEqual([]);
  });
});

describe('hardware choices', () => {
  it('a 32B model: servers listed by fit and speed, each with its estimated tokens/s, which the estimate of the saved file repeats', async () => {
    const file = join(tempDir(), 'self.yaml');
    const run = await runWizardWith(
      {
        'options.api': 'openai/gpt-4o-mini',
        'options.self_host': true,
        'self_host.model': { term: '32b', pick: 'qwen2.5-32b' },
        'self_host.quant': 'Q4_K_M',
        'self_host.ops_hours': '0',
      },
      { out: file },
    );
    expect(run.code).toBe(0);
    const { choices } = run.prompter.asked.find((a) => a.id === 'self_host.hardware')!;
    const { loadSelfHostCatalogue } = await import('../src/catalogue/load.js');
    const all = await loadSelfHostCatalogue();
    const cpu = new Set(all.offers.filter((o) => all.hardware.find((h) => h.id === o.hardware)?.class === 'cpu').map((o) => o.id));
    // Hetzner's 32 GB CCX33 holds Qwen2.5 32B at 4 bits and is the cheapest that does, but a CPU
    // decodes it at a token or two a second: it must not come first, and must say it is slow.
    // Each line fits 80 columns with inquirer's two-character pointer.
    for (const c of choices) expect(c.name.length, c.name).toBeLessThanOrEqual(78);
    const speeds = choices.map((c) => {
      const m = /~([\d.,]+) tok\/s/.exec(c.name);
      expect(m, c.name).not.toBeNull();
      return { id: String(c.value), tps: Number(m![1]!.replace(/,/g, '')), slow: / slow /.test(c.name) };
    });
    expect(cpu.has(speeds[0]!.id)).toBe(false);
    // Fast ones (>= 10 tokens/s) before slow ones; the slow ones fastest first.
    const firstSlow = speeds.findIndex((s) => s.slow);
    expect(firstSlow).toBeGreaterThan(0);
    expect(speeds.slice(0, firstSlow).every((s) => s.tps >= 10 && !s.slow)).toBe(true);
    const slow = speeds.slice(firstSlow);
    expect(slow.every((s) => s.slow && s.tps < 10)).toBe(true);
    for (let i = 1; i < slow.length; i++) expect(slow[i - 1]!.tps).toBeGreaterThanOrEqual(slow[i]!.tps);
    for (const s of speeds.filter((x) => cpu.has(x.id))) expect(s.slow).toBe(true);
    expect(run.stdout).toMatch(/whose one stream reaches 10 tokens\/s cheapest first, then the slower ones fastest first/);

    // Enter took the first (the default): the estimate of the saved file gives the speed shown, to
    // the digits shown.
    const picked = run.result!.report!.options.find((o) => o.kind === 'self_host')!;
    expect(readFileSync(file, 'utf8')).toContain(`hardware: ${speeds[0]!.id}`);
    const single = (picked as unknown as { speed: { single_stream_tokens_per_second: number } }).speed.single_stream_tokens_per_second;
    expect(Number(single.toPrecision(3))).toBeCloseTo(speeds[0]!.tps, 6);
  });
});
