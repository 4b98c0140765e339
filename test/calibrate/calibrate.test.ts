// Calibration from usage logs, unit by unit, against arithmetic written out here. Fixtures in
// test/fixtures/logs/ are small logs in each format; their figures are repeated in the comments.
// Quantiles interpolate linearly: position (n - 1) x p of the sorted values, counted from 0.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { logEntries } from '../../src/calibrate/log-lines.js';
import { readLogs } from '../../src/calibrate/read-logs.js';
import { calibrationReport, type ModelResolver } from '../../src/calibrate/report.js';
import { calibratedScenario, tokenRange } from '../../src/calibrate/scenario-text.js';
import { groupSessions } from '../../src/calibrate/sessions.js';
import { quantile, summarise } from '../../src/calibrate/stats.js';
import { readUsage } from '../../src/calibrate/usage.js';
import { typed } from '../helpers.js';

const LOGS = typed('test', 'fixtures', 'logs');
const read = (...names: string[]) => readLogs(names.map((name) => ({ file: `${LOGS}/${name}`, text: readFileSync(`${LOGS}/${name}`, 'utf8') })));
const noModels: ModelResolver = () => undefined;
const report = (...names: string[]) => calibrationReport(read(...names), noModels);

describe('stats', () => {
  it('quantiles interpolate between neighbours: [1000, 1200, 1500, 1600]', () => {
    const sorted = [1000, 1200, 1500, 1600];
    expect(quantile(sorted, 0.1)).toBeCloseTo(1000 + 0.3 * 200, 9); // position 0.3 -> 1060
    expect(quantile(sorted, 0.5)).toBeCloseTo(1200 + 0.5 * 300, 9); // position 1.5 -> 1350
    expect(quantile(sorted, 0.9)).toBeCloseTo(1500 + 0.7 * 100, 9); // position 2.7 -> 1570
    expect(quantile([], 0.5)).toBe(0);
    expect(quantile([7], 0.9)).toBe(7);
  });

  it('summarise: mean, quantiles, min, max and total of unsorted values', () => {
    expect(summarise([1600, 1000, 1500, 1200])).toEqual({ mean: 5300 / 4, p10: 1060, p50: 1350, p90: 1570, min: 1000, max: 1600, total: 5300 });
  });
});

describe('formats, record by record', () => {
  it('OpenAI Chat Completions: prompt_tokens is the whole prompt; reasoning comes out of completion_tokens', () => {
    const r = readUsage({
      object: 'chat.completion',
      model: 'o3-mini',
      created: 1_793_610_000,
      usage: { prompt_tokens: 900, completion_tokens: 700, prompt_tokens_details: { cached_tokens: 512 }, completion_tokens_details: { reasoning_tokens: 448 } },
      metadata: { session_id: 'abc' },
      user: 'u1',
    });
    expect(r).toEqual({
      usage: {
        format: 'openai_chat',
        model: 'o3-mini',
        provider: 'openai',
        inputTokens: 900,
        cachedTokens: 512,
        cacheWriteTokens: 0,
        outputTokens: 700 - 448,
        reasoningTokens: 448,
        sessionKeys: { session: 'abc', responseId: undefined, previousResponseId: undefined, user: 'u1' },
        time: 1_793_610_000_000,
      },
    });
  });

  it('Anthropic: input_tokens leaves out cache reads and writes, so the prompt adds them back', () => {
    const r = readUsage({ type: 'message', model: 'claude-haiku-4-5', usage: { input_tokens: 80, cache_creation_input_tokens: 450, cache_read_input_tokens: 2000, output_tokens: 350 } });
    expect(r).toMatchObject({ usage: { format: 'anthropic_messages', inputTokens: 80 + 450 + 2000, cachedTokens: 2000, cacheWriteTokens: 450, outputTokens: 350, reasoningTokens: 0 } });
  });

  it('OpenAI Batch output lines are read through response.body; failed ones are skipped', () => {
    const body = { object: 'chat.completion', model: 'gpt-4o-mini', usage: { prompt_tokens: 10, completion_tokens: 5 } };
    expect(readUsage({ id: 'batch_req_1', custom_id: 'r1', response: { status_code: 200, body }, error: null })).toMatchObject({ usage: { inputTokens: 10, outputTokens: 5 } });
    expect(readUsage({ id: 'batch_req_2', custom_id: 'r2', response: { status_code: 429, body: {} }, error: null })).toEqual({ skip: 'failed batch request' });
  });

  it('LiteLLM rows: embeddings and failures are skipped, not malformed', () => {
    expect(readUsage({ request_id: 'e', call_type: 'aembedding', prompt_tokens: 20, completion_tokens: 0 })).toEqual({ skip: 'LiteLLM call_type aembedding' });
    expect(readUsage({ request_id: 'f', call_type: 'acompletion', status: 'failure', prompt_tokens: 0, completion_tokens: 0 })).toEqual({ skip: 'failed request' });
  });

  // 1e300 passed as a whole number and overflowed the report's figures.
  it('an implausible token count is a problem, not a call', () => {
    expect(readUsage({ object: 'chat.completion', usage: { prompt_tokens: 1e300, completion_tokens: 1 } })).toEqual({
      problem: 'usage.prompt_tokens is not a plausible token count for one call, got 1e+300 (more than 1,000,000,000)',
    });
    expect(readUsage({ type: 'message', usage: { input_tokens: 10, output_tokens: 1_000_000_001 } })).toEqual({
      problem: 'usage.output_tokens is not a plausible token count for one call, got 1000000001 (more than 1,000,000,000)',
    });
    expect('usage' in readUsage({ object: 'chat.completion', usage: { prompt_tokens: 1_000_000_000, completion_tokens: 1 } })).toBe(true);
  });

  it('bad figures are problems that name the field', () => {
    expect(readUsage({ object: 'chat.completion', usage: { prompt_tokens: 1.5, completion_tokens: 1 } })).toEqual({ problem: 'usage.prompt_tokens must be a whole number of tokens, got 1.5' });
    expect(readUsage({ object: 'response', usage: { input_tokens: 10, output_tokens: 5, input_tokens_details: { cached_tokens: 11 } } })).toEqual({
      problem: 'usage.input_tokens_details.cached_tokens (11) exceeds usage.input_tokens (10)',
    });
    expect(readUsage('text')).toEqual({ problem: 'not a usage record: a JSON string, not an object' });
  });
});

describe('sessions', () => {
  it('session ids first, then response chains, then the end user; a call tied to nothing stands alone', () => {
    const s = groupSessions([
      { session: 's1' }, //                                    0: session s1
      { session: 's1' }, //                                    1: session s1
      { responseId: 'r1' }, //                                 2: chain r1 -> r2 -> r3
      { responseId: 'r2', previousResponseId: 'r1' }, //       3
      { responseId: 'r3', previousResponseId: 'r2', user: 'u' }, // 4: the chain wins over the user
      { responseId: 'r9', user: 'u' }, //                      5: alone in its chain: by user u
      { user: 'u' }, //                                        6: user u
      {}, //                                                   7: nothing
    ]);
    expect(s.groupedBy).toEqual(['session_id', 'session_id', 'response_chain', 'response_chain', 'response_chain', 'user', 'user', 'none']);
    expect(s.sizes).toEqual([2, 3, 2, 1]);
    expect(s.sessionOf).toEqual([0, 0, 1, 1, 1, 2, 2, 3]);
  });
});

describe('log files', () => {
  it('a JSON array: each item at the line it starts on', () => {
    const entries = logEntries(readFileSync(`${LOGS}/litellm-spend-logs.json`, 'utf8'));
    expect(entries.map((e) => e.line)).toEqual([2, 21, 37, 49, 64]);
  });

  it('JSON Lines: blank lines ignored, CRLF allowed, bad lines placed', () => {
    expect(logEntries('{"a":1}\r\n\r\n{"b":\r\n')).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 3, col: 6, problem: 'not JSON (Unexpected end of JSON input)' },
    ]);
  });

  it('a broken JSON array: one problem at the line and column where it breaks', () => {
    expect(logEntries('[\n  {"a": 1},\n  {"b": 2,}\n]')).toEqual([{ line: 3, col: 11, problem: "not a JSON array (Expected double-quoted property name): nothing in this file could be read" }]);
  });
});

describe('calibration of each fixture log', () => {
  it('OpenAI Chat Completions: 4 calls in 2 sessions over 2 hours', () => {
    // prompt [1200, 1600, 1000, 1500], cached [0, 1024, 0, 1024], completion [300, 200, 400, 250], no reasoning
    const r = report('openai-chat.jsonl');
    expect(r.calls).toBe(4);
    expect(r.formats).toEqual({ openai_chat: 4, openai_responses: 0, anthropic_messages: 0, litellm: 0 });
    expect(r.tokens_per_call.input).toEqual({ mean: 1325, p10: 1060, p50: 1350, p90: 1570, min: 1000, max: 1600, total: 5300 });
    // cached sorted [0, 0, 1024, 1024]: P10 at 0.3 -> 0, P50 at 1.5 -> 512, P90 at 2.7 -> 1024
    expect(r.tokens_per_call.cached).toEqual({ mean: 512, p10: 0, p50: 512, p90: 1024, min: 0, max: 1024, total: 2048 });
    // uncached [1200, 576, 1000, 476] sorted [476, 576, 1000, 1200]: 506, 788, 1140
    expect(r.tokens_per_call.uncached).toMatchObject({ mean: 3252 / 4, p10: 506, p50: 788, p90: 1140 });
    // output sorted [200, 250, 300, 400]: 215, 275, 370
    expect(r.tokens_per_call.output).toMatchObject({ mean: 287.5, p10: 215, p50: 275, p90: 370 });
    expect(r.tokens_per_call.reasoning.total).toBe(0);
    expect(r.cache_hit_rate).toBeCloseTo(2048 / 5300, 12); // 38.6%
    expect(r.sessions).toMatchObject({ count: 2, grouped_by: { session_id: 4, response_chain: 0, user: 0, none: 0 } });
    expect(r.sessions.calls_per_session).toMatchObject({ mean: 2, p50: 2 });
    // 09:00 .. 11:00 UTC: 4 calls in 2 h -> 2 an hour x 730 hours
    expect(r.period).toEqual({ first: '2026-11-02T09:00:00.000Z', last: '2026-11-02T11:00:00.000Z', hours: 2 });
    expect(r.requests_per_month).toBeCloseTo(1460, 9);
  });

  it('OpenAI Responses: a chain of three and a lone call by its user; reasoning apart from output', () => {
    // input [2000, 3000, 3800, 1000], cached [0, 1920, 2944, 0],
    // output [900, 700, 500, 300] of which reasoning [640, 512, 256, 128] -> output [260, 188, 244, 172]
    const r = report('openai-responses.jsonl');
    expect(r.tokens_per_call.input).toMatchObject({ mean: 9800 / 4, p50: 2500, total: 9800 });
    expect(r.tokens_per_call.reasoning).toMatchObject({ mean: 1536 / 4, total: 1536 });
    expect(r.tokens_per_call.output).toMatchObject({ mean: 864 / 4, total: 864 });
    expect(r.cache_hit_rate).toBeCloseTo(4864 / 9800, 12); // 49.6%
    expect(r.sessions).toMatchObject({ count: 2, grouped_by: { session_id: 0, response_chain: 3, user: 1, none: 0 } });
    // sessions of 3 and 1 call: mean 2; P90 at position 0.9 of [1, 3] -> 1 + 0.9 x 2 = 2.8
    expect(r.sessions.calls_per_session).toMatchObject({ mean: 2, p10: 1.2, p50: 2, p90: 2.8 });
  });

  it('Anthropic Messages: prompt = input + cache reads + cache writes; users group sessions', () => {
    // prompts 50 + 0 + 2000 = 2050, 80 + 2000 + 450 = 2530, 1200 + 0 + 0 = 1200 (nulls are 0)
    const r = report('anthropic-messages.jsonl');
    expect(r.tokens_per_call.input).toMatchObject({ total: 2050 + 2530 + 1200, p50: 2050 });
    expect(r.tokens_per_call.cached.total).toBe(2000);
    expect(r.tokens_per_call.cache_write.total).toBe(2450);
    expect(r.tokens_per_call.output.total).toBe(950);
    expect(r.cache_hit_rate).toBeCloseTo(2000 / 5780, 12); // 34.6%
    // user u-7 (a bare message with metadata, and a {request, response} pair), and one with none
    expect(r.sessions).toMatchObject({ count: 2, grouped_by: { user: 2, none: 1 } });
    expect(r.period?.hours).toBe(0); // only the pair has a time
    expect(r.requests_per_month).toBeNull();
  });

  it('LiteLLM spend logs (a JSON array): cached tokens from metadata.usage_object; embeddings and failures skipped', () => {
    // prompts [800, 1400, 900], cached [0, 768, 0], completions [150, 220, 100]
    const r = report('litellm-spend-logs.json');
    expect(r.calls).toBe(3);
    expect(r.skipped).toEqual({ count: 2, reasons: { 'LiteLLM call_type aembedding': 1, 'failed request': 1 } });
    expect(r.tokens_per_call.input).toMatchObject({ total: 3100, p50: 900 });
    expect(r.cache_hit_rate).toBeCloseTo(768 / 3100, 12); // 24.8%
    // sess-9 holds two calls; the third has no session id, so its end user (cust-8)
    expect(r.sessions).toMatchObject({ count: 2, grouped_by: { session_id: 2, user: 1 } });
    // 10:00 .. 12:00 UTC (times without a zone are UTC): 3 calls in 2 h
    expect(r.requests_per_month).toBeCloseTo((3 / 2) * 730, 9);
    expect(r.sources[0]).toMatchObject({ records: 5, calls: 3, malformed: 0, skipped: 2 });
  });

  it('malformed lines are counted with their line numbers and left out', () => {
    const r = report('with-bad-lines.jsonl');
    expect(r.calls).toBe(2); // lines 1 and 7
    expect(r.malformed.lines.map((m) => [m.line, m.reason])).toEqual([
      [2, 'usage.prompt_tokens must be a whole number of tokens, got -5'],
      [3, 'not JSON (Unterminated string)'],
      [4, "not JSON (Unexpected token 'T')"],
      [6, 'no usage: not an OpenAI Chat Completions or Responses object, an Anthropic message or a LiteLLM spend-log row'],
      [8, 'not a usage record: a JSON array, not an object'],
    ]);
  });

  it('all the good fixtures together: 14 calls', () => {
    const r = report('openai-chat.jsonl', 'openai-responses.jsonl', 'anthropic-messages.jsonl', 'litellm-spend-logs.json');
    expect(r.calls).toBe(4 + 4 + 3 + 3);
    // cached / prompt over every call: (2048 + 4864 + 2000 + 768) / (5300 + 9800 + 5780 + 3100)
    expect(r.cache_hit_rate).toBeCloseTo(9680 / 23980, 12);
    expect(r.sessions.count).toBe(2 + 2 + 2 + 2);
  });
});

describe('the calibrated scenario', () => {
  it('a range is {min: P10, mode: P50, max: P90} in whole tokens, or one number when they agree', () => {
    expect(tokenRange(summarise([200, 250, 300, 400]))).toBe('{min: 215, mode: 275, max: 370}');
    expect(tokenRange(summarise([0, 0, 0]))).toBe('0');
  });

  it('puts the cached part of the prompt in system_prompt, read in full, and the rest in input', () => {
    const r = report('openai-chat.jsonl');
    const text = calibratedScenario(r, { name: 'Support chat, calibrated', options: ['openai/gpt-4o-mini'], requestsPerMonth: 1460, requestsPerMonthFrom: 'the logged rate', today: '2026-11-25' });
    expect(text).toMatch(/^# Calibrated by llm-tco calibrate on 2026-11-25 from 4 logged calls \(OpenAI Chat Completions: 4\):\n/);
    expect(text.slice(text.indexOf('name:'))).toBe(
      [
        'name: "Support chat, calibrated"',
        'currency: USD',
        'traffic:',
        '  requests_per_month: 1460',
        '  requests_per_session: 2',
        'workload:',
        '  kind: chat',
        '  system_prompt: {min: 0, mode: 512, max: 1024}',
        '  input: {min: 506, mode: 788, max: 1140}',
        '  output: {min: 215, mode: 275, max: 370}',
        '  reasoning: 0',
        '  history: none',
        '  cache_hit: 1',
        'options:',
        '  - api: "openai/gpt-4o-mini"',
        '',
      ].join('\n'),
    );
  });
});
