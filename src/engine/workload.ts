// Workload expansion: the API calls one session makes, each with its prompt size, the part of the
// prompt an earlier call already sent (cacheable prefix), and its output. Pure.

import type { AgentWorkload, ChatWorkload, RagWorkload, Workload } from '../scenario/types.js';

export interface Call {
  label: string;
  /** Calls of this shape per session (fractional when sessions or rounds are averages). */
  perSession: number;
  promptTokens: number;
  /** Tokens at the start of the prompt that an earlier call already sent as a prompt. */
  cacheablePrefixTokens: number;
  /** Tokens of this prompt that the next call (or the next session's first call) sends again first. */
  nextPrefixTokens: number;
  outputTokens: number;
  reasoningTokens: number;
}

export interface Expansion {
  calls: Call[];
  requestsPerSession: number;
  callsPerRequest: number;
  /** Tokens (prompt + output + reasoning) of one single-turn call: the baseline of amplification. */
  singleTurnTokens: number;
  workflowTokensPerRequest: number;
  /** workflowTokensPerRequest / singleTurnTokens. */
  amplification: number;
}

export function expandWorkload(workload: Workload, requestsPerSession: number): Expansion {
  let calls: Call[];
  let singleTurnTokens: number;
  const single = workload.systemPromptTokens + workload.inputTokens + workload.outputTokens + workload.reasoningTokens;
  switch (workload.kind) {
    case 'chat':
      // A session of n exchanges; an average n between two whole numbers mixes both sessions.
      calls = interpolate(requestsPerSession, (n) => chatSession(workload, n));
      singleTurnTokens = single;
      break;
    case 'rag':
      calls = [ragCall(workload, requestsPerSession)];
      singleTurnTokens = single;
      break;
    case 'agent': {
      const perTask = interpolate(workload.rounds, (n) => agentTask(workload, n));
      const repeat = requestsPerSession * (1 + workload.retryRate);
      calls = perTask.map((c) => ({ ...c, perSession: c.perSession * repeat }));
      const firstPrompt = workload.inputPerRound ?? workload.systemPromptTokens + workload.toolSchemaTokens + workload.inputTokens;
      singleTurnTokens = firstPrompt + workload.outputTokens + workload.reasoningTokens;
      break;
    }
  }
  const sessionTokens = calls.reduce((sum, c) => sum + c.perSession * (c.promptTokens + c.outputTokens + c.reasoningTokens), 0);
  const callsPerSession = calls.reduce((sum, c) => sum + c.perSession, 0);
  const workflowTokensPerRequest = sessionTokens / requestsPerSession;
  return {
    calls,
    requestsPerSession,
    callsPerRequest: callsPerSession / requestsPerSession,
    singleTurnTokens,
    workflowTokensPerRequest,
    amplification: singleTurnTokens > 0 ? workflowTokensPerRequest / singleTurnTokens : 0,
  };
}

/** Calls for an average count `n`: whole-number sessions weighted by how close n is to each. */
function interpolate(n: number, build: (whole: number) => Call[]): Call[] {
  const low = Math.floor(n);
  const frac = n - low;
  const weigh = (calls: Call[], w: number) => calls.map((c) => ({ ...c, perSession: c.perSession * w }));
  if (frac === 0) return build(low);
  return [...weigh(build(low), 1 - frac), ...weigh(build(low + 1), frac)].filter((c) => c.perSession > 0);
}

function chatSession(w: ChatWorkload, exchanges: number): Call[] {
  const exchange = w.inputTokens + w.outputTokens; // reasoning is never resent
  const windowStart = (k: number) => {
    switch (w.history.kind) {
      case 'full':
        return 1;
      case 'none':
        return k;
      case 'last':
        return Math.max(1, k - w.history.exchanges);
    }
  };
  const prompts: number[] = [];
  const prefixes: number[] = [];
  for (let k = 1; k <= exchanges; k++) {
    const resent = (k - windowStart(k)) * exchange;
    prompts.push(w.systemPromptTokens + resent + w.inputTokens);
    // The previous prompt is a prefix of this one only while the history window keeps its start.
    const extendsPrevious = k > 1 && w.history.kind !== 'none' && windowStart(k) === windowStart(k - 1);
    prefixes.push(extendsPrevious ? prompts[k - 2]! : w.systemPromptTokens);
  }
  return prompts.map((prompt, i) => ({
    label: `exchange ${i + 1}`,
    perSession: 1,
    promptTokens: prompt,
    cacheablePrefixTokens: prefixes[i]!,
    nextPrefixTokens: prefixes[i + 1] ?? w.systemPromptTokens,
    outputTokens: w.outputTokens,
    reasoningTokens: w.reasoningTokens,
  }));
}

function ragCall(w: RagWorkload, requestsPerSession: number): Call {
  return {
    label: 'query',
    perSession: requestsPerSession,
    promptTokens: w.systemPromptTokens + w.inputTokens + w.chunks * w.tokensPerChunk,
    cacheablePrefixTokens: w.systemPromptTokens,
    nextPrefixTokens: w.systemPromptTokens,
    outputTokens: w.outputTokens,
    reasoningTokens: w.reasoningTokens,
  };
}

function agentTask(w: AgentWorkload, rounds: number): Call[] {
  const shared = w.systemPromptTokens + w.toolSchemaTokens;
  const head = shared + w.inputTokens;
  const limit = w.contextLimit ?? Infinity;
  const calls: Call[] = [];
  let previousPrompt = 0;
  for (let r = 1; r <= rounds; r++) {
    const full = w.inputPerRound ?? head + (r - 1) * (w.outputTokens + w.toolResultTokens);
    const prompt = Math.min(full, limit);
    let prefix: number;
    if (r === 1) prefix = Math.min(shared, prompt);
    else if (w.inputPerRound !== undefined || full <= limit) prefix = previousPrompt;
    // Over the limit the oldest turns are dropped; only the head (system, schema, task) stays put.
    else prefix = Math.min(head, prompt);
    calls.push({
      label: `round ${r}`,
      perSession: 1,
      promptTokens: prompt,
      cacheablePrefixTokens: prefix,
      nextPrefixTokens: 0,
      outputTokens: w.outputTokens,
      reasoningTokens: w.reasoningTokens,
    });
    previousPrompt = prompt;
  }
  calls.forEach((c, i) => {
    c.nextPrefixTokens = calls[i + 1]?.cacheablePrefixTokens ?? Math.min(shared, calls[0]?.promptTokens ?? 0);
  });
  return calls;
}
