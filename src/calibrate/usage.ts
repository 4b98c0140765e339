// One logged API call's usage, read from whichever format the record is in, detected record by
// record: OpenAI Chat Completions and Responses objects, Anthropic Messages objects, LiteLLM
// spend-log rows; also OpenAI Batch output lines and {request, response} pairs around them. Pure.
//
// One meaning for each figure, whatever the provider calls it:
// - input: the whole prompt, cached or not. OpenAI's prompt_tokens / input_tokens already are;
//   Anthropic's input_tokens leaves out cache reads and writes, so they are added back.
// - cached: prompt tokens read from the provider's cache (cached_tokens, cache_read_input_tokens).
// - cache_write: prompt tokens written to it (Anthropic's cache_creation_input_tokens).
// - output: generated tokens other than reasoning; reasoning: reasoning tokens, which OpenAI
//   counts inside completion_tokens / output_tokens and reports apart. Anthropic reports thinking
//   inside output_tokens only, so its reasoning is 0 and its output includes any thinking.

import type { SessionKeys } from './sessions.js';
import { groupDigits } from '../units.js';

export const LOG_FORMATS = ['openai_chat', 'openai_responses', 'anthropic_messages', 'litellm'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export const FORMAT_NAMES: Record<LogFormat, string> = {
  openai_chat: 'OpenAI Chat Completions',
  openai_responses: 'OpenAI Responses',
  anthropic_messages: 'Anthropic Messages',
  litellm: 'LiteLLM spend logs',
};

export interface Usage {
  format: LogFormat;
  /** The model as logged (`gpt-4o-mini-2024-07-18`, `anthropic/claude-sonnet-4-5`). */
  model: string | undefined;
  /** The provider the format implies, or LiteLLM's custom_llm_provider. */
  provider: string | undefined;
  inputTokens: number;
  cachedTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  sessionKeys: SessionKeys;
  /** When the call was made, ms since 1970; undefined where the record has no time. */
  time: number | undefined;
}

/** A usable call, a record to leave out on purpose (an embedding, a failed call), or a problem. */
export type UsageReading = { usage: Usage } | { skip: string } | { problem: string };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined);

/**
 * Most tokens one call may report. The largest context windows hold some 10 million tokens; a
 * figure 100 times that is a corrupt line, and counting it would swamp every mean (1e300 tokens
 * made the costs overflow).
 */
export const MAX_TOKENS_PER_CALL = 1e9;

/** Thrown inside a reader when a token figure is not a count; becomes the record's problem. */
class BadField extends Error {}

/**
 * A token count at `path` inside `record` (named `within` in messages): absent or null is 0 where
 * optional; anything else must be a whole number of at least 0.
 */
function tokens(record: Json, path: string, required = false, within = 'usage'): number {
  let value: unknown = record;
  for (const key of path.split('.')) value = isObject(value) ? value[key] : undefined;
  const name = within ? `${within}.${path}` : path;
  if (value === undefined || value === null) {
    if (required) throw new BadField(`${name} is missing`);
    return 0;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new BadField(`${name} must be a whole number of tokens, got ${JSON.stringify(value)}`);
  if (value > MAX_TOKENS_PER_CALL) throw new BadField(`${name} is not a plausible token count for one call, got ${JSON.stringify(value)} (more than ${groupDigits(MAX_TOKENS_PER_CALL, 0)})`);
  return value;
}

/** Seconds or milliseconds since 1970, or an ISO date text, as ms since 1970. */
function timeOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value < 1e11 ? value * 1000 : value;
  if (typeof value === 'string') {
    const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) || !/T|\d \d/.test(value) ? value : `${value}Z`);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/** LiteLLM stores metadata as JSON text in some exports. */
function objectOf(value: unknown): Json {
  if (isObject(value)) return value;
  if (typeof value === 'string' && value.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(value);
      return isObject(parsed) ? parsed : {};
    } catch {
      return {};
    }
  }
  return {};
}

export function readUsage(value: unknown): UsageReading {
  if (!isObject(value)) return { problem: `not a usage record: a JSON ${Array.isArray(value) ? 'array' : typeof value}, not an object` };
  try {
    return readRecord(value);
  } catch (error) {
    if (error instanceof BadField) return { problem: error.message };
    throw error;
  }
}

function readRecord(record: Json): UsageReading {
  // OpenAI Batch output: {custom_id, response: {status_code, body: <the API's answer>}, error}.
  if ('custom_id' in record && isObject(record.response)) {
    const response = record.response;
    if (record.error || (typeof response.status_code === 'number' && response.status_code !== 200)) return { skip: 'failed batch request' };
    return isObject(response.body) ? readRecord(response.body) : { problem: 'batch output line without response.body' };
  }
  // A logged pair: the answer's usage, with what the request said (metadata, user) beside it.
  if (isObject(record.response) && !('usage' in record) && !('prompt_tokens' in record)) {
    const request = objectOf(record.request);
    const merged = { ...record.response };
    merged.metadata = { ...objectOf(request.metadata), ...objectOf(record.metadata), ...objectOf(record.response.metadata) };
    for (const key of ['user', 'previous_response_id', 'timestamp', 'created_at']) {
      if (merged[key] === undefined) merged[key] = request[key] ?? record[key];
    }
    return readRecord(merged);
  }
  const usage = record.usage;
  if (isObject(usage)) {
    if (record.object === 'chat.completion' || ('prompt_tokens' in usage && 'completion_tokens' in usage)) return { usage: openAiChat(record, usage) };
    if (record.object === 'response' || 'input_tokens_details' in usage || 'output_tokens_details' in usage) return { usage: openAiResponses(record, usage) };
    if (record.type === 'message' || 'cache_read_input_tokens' in usage || 'cache_creation_input_tokens' in usage || ('input_tokens' in usage && 'output_tokens' in usage)) {
      return { usage: anthropic(record, usage) };
    }
    return { problem: 'usage has neither prompt_tokens/completion_tokens (OpenAI) nor input_tokens/output_tokens (OpenAI Responses, Anthropic)' };
  }
  if ('prompt_tokens' in record && ('spend' in record || 'request_id' in record || 'startTime' in record || 'call_type' in record)) return liteLlm(record);
  if (record.object === 'chat.completion.chunk') return { skip: 'a streamed chunk without usage' };
  if (record.object === 'response' && (usage === null || usage === undefined)) return { skip: 'a response without usage (not completed)' };
  if ('error' in record && !('usage' in record)) return { skip: 'an error response' };
  return { problem: 'no usage: not an OpenAI Chat Completions or Responses object, an Anthropic message or a LiteLLM spend-log row' };
}

function openAiSessionKeys(record: Json): SessionKeys {
  const metadata = objectOf(record.metadata);
  const conversation = isObject(record.conversation) ? record.conversation.id : record.conversation;
  return {
    session: text(metadata.session_id) ?? text(metadata.conversation_id) ?? text(conversation),
    responseId: record.object === 'response' ? text(record.id) : undefined,
    previousResponseId: text(record.previous_response_id),
    user: text(record.user) ?? text(record.safety_identifier) ?? text(metadata.user_id),
  };
}

function openAiChat(record: Json, usage: Json): Usage {
  const completion = tokens(usage, 'completion_tokens', true);
  const reasoning = tokens(usage, 'completion_tokens_details.reasoning_tokens');
  const cached = tokens(usage, 'prompt_tokens_details.cached_tokens');
  const prompt = tokens(usage, 'prompt_tokens', true);
  if (reasoning > completion) throw new BadField(`usage.completion_tokens_details.reasoning_tokens (${reasoning}) exceeds usage.completion_tokens (${completion})`);
  if (cached > prompt) throw new BadField(`usage.prompt_tokens_details.cached_tokens (${cached}) exceeds usage.prompt_tokens (${prompt})`);
  return {
    format: 'openai_chat',
    model: text(record.model),
    provider: 'openai',
    inputTokens: prompt,
    cachedTokens: cached,
    cacheWriteTokens: 0,
    outputTokens: completion - reasoning,
    reasoningTokens: reasoning,
    sessionKeys: openAiSessionKeys(record),
    time: timeOf(record.created) ?? timeOf(record.timestamp),
  };
}

function openAiResponses(record: Json, usage: Json): Usage {
  const output = tokens(usage, 'output_tokens', true);
  const reasoning = tokens(usage, 'output_tokens_details.reasoning_tokens');
  const cached = tokens(usage, 'input_tokens_details.cached_tokens');
  const input = tokens(usage, 'input_tokens', true);
  if (reasoning > output) throw new BadField(`usage.output_tokens_details.reasoning_tokens (${reasoning}) exceeds usage.output_tokens (${output})`);
  if (cached > input) throw new BadField(`usage.input_tokens_details.cached_tokens (${cached}) exceeds usage.input_tokens (${input})`);
  return {
    format: 'openai_responses',
    model: text(record.model),
    provider: 'openai',
    inputTokens: input,
    cachedTokens: cached,
    cacheWriteTokens: 0,
    outputTokens: output - reasoning,
    reasoningTokens: reasoning,
    sessionKeys: { ...openAiSessionKeys(record), responseId: text(record.id) },
    time: timeOf(record.created_at) ?? timeOf(record.timestamp),
  };
}

function anthropic(record: Json, usage: Json): Usage {
  const read = tokens(usage, 'cache_read_input_tokens');
  const written = tokens(usage, 'cache_creation_input_tokens');
  const metadata = objectOf(record.metadata);
  return {
    format: 'anthropic_messages',
    model: text(record.model),
    provider: 'anthropic',
    inputTokens: tokens(usage, 'input_tokens', true) + read + written,
    cachedTokens: read,
    cacheWriteTokens: written,
    outputTokens: tokens(usage, 'output_tokens', true),
    reasoningTokens: 0,
    sessionKeys: { session: text(metadata.session_id), user: text(metadata.user_id) },
    time: timeOf(record.created_at) ?? timeOf(record.timestamp),
  };
}

/** LiteLLM call types that are not text generation (they have no completion to speak of). */
const NOT_GENERATION = /embed|image|moderat|transcri|speech|rerank|file|batch/i;

function liteLlm(row: Json): UsageReading {
  const callType = text(row.call_type) ?? '';
  if (NOT_GENERATION.test(callType)) return { skip: `LiteLLM call_type ${callType}` };
  if (text(row.status) === 'failure') return { skip: 'failed request' };
  const metadata = objectOf(row.metadata);
  // Newer LiteLLM versions keep the provider's usage object, with the cache and reasoning detail.
  const detail = objectOf(metadata.usage_object);
  const prompt = tokens(row, 'prompt_tokens', true, '');
  const completion = tokens(row, 'completion_tokens', true, '');
  const within = 'metadata.usage_object';
  const cached = tokens(detail, 'prompt_tokens_details.cached_tokens', false, within) || tokens(detail, 'cache_read_input_tokens', false, within);
  const reasoning = tokens(detail, 'completion_tokens_details.reasoning_tokens', false, within);
  if (cached > prompt) throw new BadField(`metadata.usage_object cached tokens (${cached}) exceed prompt_tokens (${prompt})`);
  if (reasoning > completion) throw new BadField(`metadata.usage_object reasoning tokens (${reasoning}) exceed completion_tokens (${completion})`);
  return {
    usage: {
      format: 'litellm',
      model: text(row.model),
      provider: text(row.custom_llm_provider),
      inputTokens: prompt,
      cachedTokens: cached,
      cacheWriteTokens: tokens(detail, 'cache_creation_input_tokens', false, within),
      outputTokens: completion - reasoning,
      reasoningTokens: reasoning,
      sessionKeys: { session: text(row.session_id) ?? text(metadata.session_id), user: text(row.end_user) },
      time: timeOf(row.startTime) ?? timeOf(row.start_time),
    },
  };
}
