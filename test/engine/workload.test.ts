import { describe, expect, it } from 'vitest';
import { expandWorkload } from '../../src/engine/workload.js';
import { parseScenario } from '../../src/scenario/parse.js';

/** A scenario's workload and requests per session, from YAML. */
function workloadOf(workload: string, requestsPerSession = 1) {
  const scenario = parseScenario(
    `traffic: {users: 1, requests_per_session: ${requestsPerSession}}\nworkload: ${workload}\noptions: [{api: {name: m, input: 1, output: 1}}]`,
    { file: 't.yaml' },
  );
  return expandWorkload(scenario.workload, scenario.traffic.requestsPerSession);
}

const shape = (calls: ReturnType<typeof workloadOf>['calls']) =>
  calls.map((c) => [c.promptTokens, c.cacheablePrefixTokens, c.nextPrefixTokens, c.perSession]);

describe('chat', () => {
  it('resends every earlier exchange with history: full, and each prompt extends the last', () => {
    // system 100, input 200, output 300: exchange k sends 100 + (k-1) x (200 + 300) + 200.
    const e = workloadOf('{kind: chat, system_prompt: 100, input: 200, output: 300, history: full}', 3);
    expect(shape(e.calls)).toEqual([
      [300, 100, 300, 1], //  first call: only the system prompt was sent before
      [800, 300, 800, 1], //  100 + 500 + 200; begins with the previous prompt (300)
      [1300, 800, 100, 1], // 100 + 1000 + 200; the next session reuses only the system prompt
    ]);
    // tokens per request: (300 + 800 + 1300 + 3 x 300) / 3 = 1100; one single-turn call: 600.
    expect(e.workflowTokensPerRequest).toBe(1100);
    expect(e.singleTurnTokens).toBe(600);
    expect(e.amplification).toBeCloseTo(1100 / 600, 12);
  });

  it('sends only the system prompt again with history: none', () => {
    const e = workloadOf('{kind: chat, system_prompt: 100, input: 200, output: 300, history: none}', 3);
    expect(shape(e.calls)).toEqual([
      [300, 100, 100, 1],
      [300, 100, 100, 1],
      [300, 100, 100, 1],
    ]);
    expect(e.amplification).toBe((300 + 300) / 600); // each call is the single-turn call
  });

  it('keeps a window of the last N exchanges, which breaks the prefix once it slides', () => {
    // last 1: exchange 2 resends exchange 1 (500); exchange 3 resends only exchange 2 (500).
    const e = workloadOf('{kind: chat, system_prompt: 100, input: 200, output: 300, history: {last: 1}}', 3);
    expect(shape(e.calls)).toEqual([
      [300, 100, 300, 1],
      [800, 300, 100, 1], // the window still starts at exchange 1: prompt 1 is a prefix
      [800, 100, 100, 1], // window starts at exchange 2: only the system prompt is a prefix
    ]);
  });

  it('mixes the two nearest whole sessions for an average of 2.5 exchanges', () => {
    // session of 2: prompts 100, 300; session of 3: 100, 300, 500 (input 100, output 100, no system).
    const e = workloadOf('{kind: chat, input: 100, output: 100}', 2.5);
    expect(shape(e.calls)).toEqual([
      [100, 0, 100, 0.5],
      [300, 100, 0, 0.5],
      [100, 0, 100, 0.5],
      [300, 100, 300, 0.5],
      [500, 300, 0, 0.5],
    ]);
    expect(e.callsPerRequest).toBe((0.5 * 2 + 0.5 * 3) / 2.5);
  });

  it('never resends reasoning tokens', () => {
    const e = workloadOf('{kind: chat, input: 100, output: 100, reasoning: 1000}', 2);
    expect(e.calls.map((c) => c.promptTokens)).toEqual([100, 300]);
    expect(e.calls.map((c) => c.reasoningTokens)).toEqual([1000, 1000]);
  });
});

describe('rag', () => {
  it('sends system + query + chunks x tokens per chunk, with the system prompt as prefix', () => {
    const e = workloadOf('{kind: rag, system_prompt: 500, input: 100, output: 300, retrieved: {chunks: 5, tokens_per_chunk: 400}}', 4);
    // 500 + 100 + 5 x 400 = 2600, four queries a session.
    expect(shape(e.calls)).toEqual([[2600, 500, 500, 4]]);
    // amplification: (2600 + 300) / (500 + 100 + 300)
    expect(e.amplification).toBeCloseTo(2900 / 900, 12);
  });
});

describe('agent', () => {
  const base = 'kind: agent, system_prompt: 1000, tool_schema: 500, input: 200, output: 100, tool_result: 400, rounds: 3';

  it('accumulates outputs and tool results round by round', () => {
    // head = 1000 + 500 + 200 = 1700; each round adds 100 + 400.
    const e = workloadOf(`{${base}}`);
    expect(shape(e.calls)).toEqual([
      [1700, 1500, 1700, 1], // round 1's prefix is the shared system prompt and tool schema
      [2200, 1700, 2200, 1],
      [2700, 2200, 1500, 1], // the next task starts again from system + schema
    ]);
    expect(e.singleTurnTokens).toBe(1700 + 100);
    expect(e.workflowTokensPerRequest).toBe(1700 + 2200 + 2700 + 3 * 100);
  });

  it('caps the prompt at context_limit, keeping only the head as a prefix', () => {
    const e = workloadOf(`{${base}, context_limit: 2500}`);
    expect(shape(e.calls)).toEqual([
      [1700, 1500, 1700, 1],
      [2200, 1700, 1700, 1],
      [2500, 1700, 1500, 1], // 2700 capped at 2500; old turns dropped, head (1700) still a prefix
    ]);
  });

  it('repeats retried calls', () => {
    const e = workloadOf(`{${base}, retry_rate: 10%}`, 2);
    expect(e.calls.map((c) => c.perSession)).toEqual([2 * 1.1, 2 * 1.1, 2 * 1.1]);
    expect(e.callsPerRequest).toBeCloseTo(3 * 1.1, 12);
  });

  it('uses a fixed prompt per round with input_per_round', () => {
    const e = workloadOf('{kind: agent, rounds: 15, input_per_round: 40k, output: 3k}');
    expect(e.calls).toHaveLength(15);
    expect(e.calls.every((c) => c.promptTokens === 40_000 && c.outputTokens === 3_000)).toBe(true);
    expect(e.calls[0]!.cacheablePrefixTokens).toBe(0); // no system prompt or schema given
    expect(e.calls[1]!.cacheablePrefixTokens).toBe(40_000); // the previous round's whole prompt
    // 15 rounds of 43,000 tokens against one round: the article's "15x".
    expect(e.amplification).toBe(15);
  });
});
