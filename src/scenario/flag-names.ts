// The scenario flags' names alone, so the CLI can declare them without loading the YAML library.

/** Flag -> key path in the scenario, with the option name commander gives it. */
export const SCENARIO_FLAGS = [
  { flag: '--users <n>', key: 'users', path: ['traffic', 'users'], help: 'monthly active users' },
  { flag: '--sessions <n>', key: 'sessions', path: ['traffic', 'sessions_per_user'], help: 'sessions per user a month' },
  { flag: '--requests <n>', key: 'requests', path: ['traffic', 'requests_per_session'], help: 'requests per session' },
  { flag: '--requests-per-month <n>', key: 'requestsPerMonth', path: ['traffic', 'requests_per_month'], help: 'requests a month (instead of users)' },
  { flag: '--peak-factor <x>', key: 'peakFactor', path: ['traffic', 'peak_factor'], help: 'peak rate / average rate' },
  { flag: '--workload <kind>', key: 'workload', path: ['workload', 'kind'], help: 'chat | rag | agent (default chat)' },
  { flag: '--system <tokens>', key: 'system', path: ['workload', 'system_prompt'], help: 'system prompt tokens' },
  { flag: '--input <tokens>', key: 'input', path: ['workload', 'input'], help: 'user tokens per request' },
  { flag: '--output <tokens>', key: 'output', path: ['workload', 'output'], help: 'output tokens per call' },
  { flag: '--reasoning <tokens>', key: 'reasoning', path: ['workload', 'reasoning'], help: 'reasoning tokens per call' },
  { flag: '--history <full|none|N>', key: 'history', path: ['workload', 'history'], help: 'chat history resent: full, none, or the last N exchanges' },
  { flag: '--cache-hit <share>', key: 'cacheHit', path: ['workload', 'cache_hit'], help: 'share of the cacheable prefix read from cache, e.g. 80%' },
  { flag: '--chunks <n>', key: 'chunks', path: ['workload', 'retrieved', 'chunks'], help: 'rag: chunks retrieved per query' },
  { flag: '--chunk-tokens <tokens>', key: 'chunkTokens', path: ['workload', 'retrieved', 'tokens_per_chunk'], help: 'rag: tokens per chunk' },
  { flag: '--rounds <n>', key: 'rounds', path: ['workload', 'rounds'], help: 'agent: model calls per task' },
  { flag: '--tool-schema <tokens>', key: 'toolSchema', path: ['workload', 'tool_schema'], help: 'agent: tool definitions tokens' },
  { flag: '--tool-result <tokens>', key: 'toolResult', path: ['workload', 'tool_result'], help: 'agent: tool output tokens per round' },
  { flag: '--input-per-round <tokens>', key: 'inputPerRound', path: ['workload', 'input_per_round'], help: 'agent: fixed prompt per round' },
  { flag: '--context-limit <tokens>', key: 'contextLimit', path: ['workload', 'context_limit'], help: 'agent: prompt cap' },
  { flag: '--retry-rate <share>', key: 'retryRate', path: ['workload', 'retry_rate'], help: 'agent: share of calls retried' },
  { flag: '--max-seconds-per-reply <s>', key: 'maxSecondsPerReply', path: ['max_seconds_per_reply'], help: 'latency target: longest a reply may take at peak (default 60)' },
] as const;

/** An engine's memory share, set on every self_host option (estimate) or on the model setup (vram, throughput). */
export const MEMORY_FRACTION_FLAGS = [
  { flag: '--gpu-memory-utilization <share>', key: 'gpuMemoryUtilization', scenarioKey: 'gpu_memory_utilization', help: 'vLLM: share of each GPU it may fill (default 0.9)' },
  { flag: '--mem-fraction-static <share>', key: 'memFractionStatic', scenarioKey: 'mem_fraction_static', help: 'SGLang: share of each GPU for weights + KV cache' },
  { flag: '--kv-cache-free-gpu-mem-fraction <share>', key: 'kvCacheFreeGpuMemFraction', scenarioKey: 'kv_cache_free_gpu_mem_fraction', help: 'TensorRT-LLM: share of the memory free after loading for KV cache (default 0.9)' },
] as const;

export type MemoryFractionFlagKey = (typeof MEMORY_FRACTION_FLAGS)[number]['key'];
