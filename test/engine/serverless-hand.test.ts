// Serverless GPUs billed per second when one request makes several calls (a chat session's
// exchanges, an agent's rounds): each call is run and rounded on its own, then weighted by how
// many of it a request makes. Cold starts are the part of the bill that does not follow traffic.
import { describe, expect, it } from 'vitest';
import { costAt } from '../../src/engine/breakeven.js';
import { estimateYaml, serverless } from './estimate-helpers.js';

// $0.001 a second in whole seconds; measured 50 tokens/s decode and 1,000 tokens/s prompt
// processing; 10 cold starts a day of 12.5 s each (billed 13 s).
const sls = `  - name: sls
    serverless:
      hardware: {name: gpu, per_second: 0.001, billing_increment_seconds: 1}
      tokens_per_second: 50
      prefill_tokens_per_second: 1000
      cold_starts_per_day: 10
      cold_start_seconds: 12.5`;
const coldStarts = 10 * (730 / 24) * 13 * 0.001; // a day x days in a 730-hour month x billed s x rate

describe('serverless, several calls a request', () => {
  it('weights each exchange of a chat session by its share of the session’s requests', async () => {
    // 1,000 users x 2 sessions x 3 exchanges = 6,000 requests. history: full resends every
    // earlier exchange (500 in + 100 out = 600): prompts 500, 1,100 and 1,700 tokens.
    const r = await estimateYaml(`traffic: {users: 1000, sessions_per_user: 2, requests_per_session: 3}
workload: {kind: chat, input: 500, output: 100, history: full}
options:
${sls}`);
    const o = serverless(r, 'sls');
    // Each call: prompt / 1,000 + 100 output / 50 tokens/s, rounded up to whole seconds.
    const runs = [500 / 1000 + 100 / 50, 1100 / 1000 + 100 / 50, 1700 / 1000 + 100 / 50]; // 2.5, 3.1, 3.7 s
    const billed = [3, 4, 4];
    // One call of each shape per session of 3 requests: each weighs 1/3 of a request.
    expect(o.seconds_per_request).toBeCloseTo((runs[0]! + runs[1]! + runs[2]!) / 3, 12); // 3.1 s
    expect(o.billed_seconds_per_request).toBeCloseTo((billed[0]! + billed[1]! + billed[2]!) / 3, 12); // 11/3 s
    // Rounding the 3.1 s average instead would bill 4 s; rounding the session's 9.3 s, 10 / 3.
    const compute = 6000 * (11 / 3) * 0.001; // $22
    expect(o.breakdown.compute).toBeCloseTo(compute, 9);
    expect(o.breakdown.cold_starts).toBeCloseTo(coldStarts, 12);
    expect(o.monthly_cost).toBeCloseTo(compute + coldStarts, 9);
    expect(o.per_request_cost).toBeCloseTo((compute + coldStarts) / 6000, 12);
    expect(o.per_session_cost).toBeCloseTo((compute + coldStarts) / 2000, 12);
  });

  it('counts every round and retry of an agent task', async () => {
    // 100 users x 1 session x 2 tasks = 200 requests; 3 rounds, each sending the task (400) plus
    // what earlier rounds produced (100 out + 200 tool result): 400, 700, 1,000 tokens.
    // retry_rate 50%: each round runs 1.5 times per task.
    const r = await estimateYaml(`traffic: {users: 100, sessions_per_user: 1, requests_per_session: 2}
workload: {kind: agent, input: 400, output: 100, rounds: 3, tool_result: 200, retry_rate: 50%}
options:
${sls}`);
    const o = serverless(r, 'sls');
    const runs = [0.4 + 2, 0.7 + 2, 1.0 + 2]; // 2.4, 2.7, 3.0 s: billed 3, 3, 3 (3.0 is not 4)
    expect(o.seconds_per_request).toBeCloseTo(1.5 * (runs[0]! + runs[1]! + runs[2]!), 12); // 12.15 s
    expect(o.billed_seconds_per_request).toBeCloseTo(1.5 * (3 + 3 + 3), 12); // 13.5 s
    expect(o.breakdown.compute).toBeCloseTo(200 * 13.5 * 0.001, 12); // $2.70
  });

  it('keeps cold starts as the fixed part of its cost scaling', async () => {
    const r = await estimateYaml(`traffic: {users: 1000, sessions_per_user: 2, requests_per_session: 3}
workload: {kind: chat, input: 500, output: 100, history: full}
options:
${sls}`);
    const o = serverless(r, 'sls');
    const compute = 6000 * (11 / 3) * 0.001;
    // Cold starts happen whatever the traffic; compute follows it.
    expect(o.scaling.fixed).toBeCloseTo(coldStarts, 12);
    expect(o.scaling.per_unit).toBeCloseTo(compute, 9);
    expect(o.scaling.per_instance).toBe(0);
    // At ten times the traffic: 10 x $22 + the same cold starts.
    expect(costAt(o.scaling, 10)).toBeCloseTo(10 * compute + coldStarts, 9);
  });
});
