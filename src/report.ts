// The report types ARE the public JSON (schema llm-tco/report@1): snake_case, unrounded figures.
// Renderers read these; nothing else computes. Add fields freely; never rename the core ones.

export const REPORT_SCHEMA = 'llm-tco/report@1';

export interface TokensPerRequest {
  /** Prompt tokens billed at the full input rate. */
  input: number;
  /** Prompt tokens read from the prompt cache. */
  cached_input: number;
  /** Prompt tokens written to the prompt cache. */
  cache_write: number;
  output: number;
  reasoning: number;
}

/** Monthly money by what it pays for; the parts sum to monthly_cost. */
export interface ApiBreakdown {
  input: number;
  cached_input: number;
  cache_write: number;
  output: number;
  reasoning: number;
  request_fees: number;
  embeddings: number;
}

export interface CallReport {
  label: string;
  per_session: number;
  prompt_tokens: number;
  cacheable_prefix_tokens: number;
  cached_tokens: number;
  cache_write_tokens: number;
  output_tokens: number;
  reasoning_tokens: number;
  /** Prompt size above which the tier used applies; null for base prices. */
  tier_above_tokens: number | null;
  cost: number;
}

export interface PriceReport {
  model: string;
  input_per_mtok: number;
  output_per_mtok: number;
  cached_input_per_mtok: number | null;
  cache_write_per_mtok: number | null;
  per_request_fee: number;
  batch_discount: number | null;
  /** Currency the source lists prices in; figures above are converted to the report currency. */
  source_currency: string;
  source: string;
  as_of: string | null;
  layer: string;
  effective_from: string | null;
  /** Sentences of the catalogue entry's note that call a figure an estimate or unverified. */
  doubts: string[];
}

export interface ApiOptionReport {
  name: string;
  kind: 'api';
  monthly_cost: number;
  per_request_cost: number;
  per_session_cost: number;
  per_user_cost: number | null;
  breakdown: ApiBreakdown;
  /** What batch saved each month (0 when batch is off). */
  batch_savings: number;
  tokens_per_request: TokensPerRequest;
  calls: CallReport[];
  price: PriceReport;
  /**
   * The service tier the option is billed at (flex, priority), and where its price comes from
   * (`discount`: a share off standard prices; null with its own prices, or none known). Null for
   * standard. Absent in reports saved before it existed.
   */
  service_tier?: { tier: 'flex' | 'priority'; discount: number | null; source: string | null; as_of: string | null } | null;
  /**
   * The provider's prompt-cache minimum for the model (null: the catalogue has none, and any
   * prefix is taken as cacheable). Absent in reports saved before it existed.
   */
  prompt_cache?: PromptCacheReport | null;
  /** Peak load against the model's published rate-limit tiers. Absent in older saved reports. */
  rate_limit?: RateLimitReport;
  scaling: CostScaling;
  /** Whether the option is a choice: costed, fast enough per stream, replies within the latency target. */
  viable: boolean;
  /** Why not, one sentence per failed rule (empty when viable). */
  not_viable_because: string[];
  warnings: string[];
}

export interface PromptCacheReport {
  /** A prefix shorter than this is not cached at all. */
  min_tokens: number;
  /** Above the minimum, a prefix is cached in whole steps of this many tokens. */
  step_tokens: number;
  /** cache_hit as the scenario sets it. */
  cache_hit: number;
  /** Share of the cacheable prefix tokens actually read from the cache once the minimum and step apply. */
  effective_cache_hit: number;
  /** True when the minimum or step cut what cache_hit would have read. */
  capped: boolean;
  source: string;
  as_of: string;
}

/** Which tokens a rate limit counts (see pricing/README.md, rate-limits.yaml). */
export type RateLimitKind = 'rpm' | 'tpm' | 'itpm' | 'input_tpm' | 'otpm';

export interface RateLimitReport {
  /** API calls a minute at the peak hour (requests x calls per request). */
  peak_requests_per_minute: number;
  /** Prompt + output + reasoning tokens a minute at peak (what OpenAI's TPM counts). */
  peak_tokens_per_minute: number;
  /** Prompt tokens not read from the cache (what Anthropic's ITPM counts). */
  peak_input_tokens_per_minute: number;
  /** Every prompt token (what Gemini's input TPM counts). */
  peak_prompt_tokens_per_minute: number;
  /** Output + reasoning tokens (Anthropic's OTPM). */
  peak_output_tokens_per_minute: number;
  /** The lowest published tier whose every limit carries the peak; null when none does or none is known. */
  min_tier: number | null;
  /** Its name as the provider writes it (e.g. "Tier 3"). */
  min_tier_name: string | null;
  /** The highest tier the catalogue lists; null when it has no tiers for the model. */
  highest_tier: number | null;
  /** The peak exceeds the highest listed tier: a negotiated limit or several projects/keys. */
  exceeds_highest_tier: boolean;
  /** Projects/keys at the highest tier's limits that would carry the peak (when it exceeds it). */
  keys_needed: number | null;
  /**
   * The limit that decides the tier: the one most exceeded at the tier below min_tier (at the
   * lowest tier, or past the highest, the fullest one).
   */
  binding_limit: RateLimitKind | null;
  /** Peak / that limit. */
  binding_share: number | null;
  /** Why no tier is given, when none is: no table for the model, or batch requests. */
  note: string | null;
  source: string | null;
  as_of: string | null;
}

/** An option the engine could not cost, with the reason; never a silent zero. */
export interface UnestimatedOptionReport {
  name: string;
  kind: 'self_host' | 'serverless' | 'hybrid';
  monthly_cost: null;
  per_request_cost: null;
  per_user_cost: null;
  reason: string;
  memory: MemoryReport | null;
  /** Always false: an option that cannot be costed is no choice. */
  viable: false;
  /** The reason above, as the one sentence. */
  not_viable_because: string[];
}

/** What a person waits at peak, for the slowest call of a request (per call: an agent round is a reply). */
export interface LatencyReport {
  /** Prompt tokens / prefill tokens/s; null when the prefill speed is unknown. */
  ttft_seconds: number | null;
  /** ttft + output tokens / per_stream_tokens_per_second. */
  seconds_per_reply: number;
  at: 'peak';
  /** The call these are for: its prompt, and its output + reasoning tokens. */
  prompt_tokens: number;
  output_tokens: number;
  /** Streams an instance decodes at peak (as capacity sizing counts them, at most its batch; serverless: 1). */
  streams: number;
  /** Decode tokens/s each of them gets. */
  per_stream_tokens_per_second: number;
  /** The target it is held to (max_seconds_per_reply). */
  max_seconds_per_reply: number;
}

export interface MemoryReport {
  weights_bytes: number;
  kv_cache_bytes: number;
  overhead_bytes: number;
  total_bytes: number;
  /** Tokens of context each sequence holds. */
  context_tokens: number;
  devices: number;
  /** Usable memory of the instance's devices (after any up-front reservation). */
  usable_bytes: number;
  /** Sequences at context_tokens whose KV cache fits. */
  max_sequences: number;
  fits: boolean;
}

/**
 * An estimated figure with its typical error: low and high are the value times the P10 and P90 of
 * measured / predicted for its kind, engine and hardware class (pricing/accuracy.yaml); basis says
 * what that rests on ("vLLM on datacenter GPUs, 41 measurements"). low and high are null for a
 * measured figure (basis "measured") and where no validation data exists (basis says so).
 */
export interface FigureBand {
  value: number;
  low: number | null;
  high: number | null;
  basis: string;
}

export interface SpeedReport {
  source: 'measured' | 'estimated';
  /** What limits a decode step: memory bandwidth, compute, or a measured figure. */
  bound: 'memory' | 'compute' | 'measured';
  /** Streams decoded together at capacity: as many as keep each at the minimum speed. */
  batch: number;
  /** Aggregate decode tokens/s at that batch. */
  decode_tokens_per_second: number;
  per_sequence_tokens_per_second: number;
  /** One stream alone. */
  single_stream_tokens_per_second: number;
  prefill_tokens_per_second: number | null;
  /** The figures above with their accuracy bands (kind aggregate at a batch over 1, decode for one stream). */
  decode_tokens_per_second_band: FigureBand;
  per_sequence_tokens_per_second_band: FigureBand;
  single_stream_tokens_per_second_band: FigureBand;
  prefill_tokens_per_second_band: FigureBand | null;
}

export interface HardwareReport {
  name: string;
  offer: string | null;
  devices_per_instance: number;
  source: string;
  as_of: string | null;
  /**
   * The price as the offer (or the scenario) lists it, in its own currency, before conversion:
   * per month, hour or second rented, or the purchase price of an instance. Null when unknown.
   */
  listed_price: { amount: number; currency: string; per: 'month' | 'hour' | 'second' | 'purchase' } | null;
  /** Sentences of the offer's catalogue note that call a figure an estimate or unverified. */
  doubts: string[];
}

export interface SelfHostBreakdown {
  hardware: number;
  power: number;
  hosting: number;
  ops: number;
  fixed: number;
  fallback_api: number;
  embeddings: number;
}

export interface SelfHostOptionReport {
  name: string;
  kind: 'self_host' | 'hybrid';
  monthly_cost: number;
  per_request_cost: number;
  per_session_cost: number;
  per_user_cost: number | null;
  instances: number;
  /** Instances the peak needs if the aggregate speed were at the low or high end of its band. */
  instances_band: FigureBand;
  utilisation: { peak: number; average: number; target: number };
  /** What set the number of instances. */
  bound_by: 'throughput' | 'concurrency' | 'minimum' | 'fixed';
  load: { share_self_hosted: number; peak_decode_tokens_per_second: number; peak_prompt_tokens_per_second: number; peak_concurrent_streams: number; seconds_per_request: number };
  hardware: HardwareReport;
  memory: MemoryReport | null;
  speed: SpeedReport;
  breakdown: SelfHostBreakdown;
  fallback: { model: string; share: number; monthly_cost: number } | null;
  /** Owned hardware: what the instances cost to buy (null when rented). */
  purchase: number | null;
  scaling: CostScaling;
  latency: LatencyReport;
  /** Whether the option is a choice: costed, fast enough per stream, replies within the latency target. */
  viable: boolean;
  /** Why not, one sentence per failed rule (empty when viable). */
  not_viable_because: string[];
  warnings: string[];
}

export interface ServerlessOptionReport {
  name: string;
  kind: 'serverless';
  monthly_cost: number;
  per_request_cost: number;
  per_session_cost: number;
  per_user_cost: number | null;
  /** Run time of one request, and what is billed after rounding each call up. */
  seconds_per_request: number;
  billed_seconds_per_request: number;
  hardware: HardwareReport;
  memory: MemoryReport | null;
  speed: SpeedReport | null;
  breakdown: { compute: number; cold_starts: number; embeddings: number };
  scaling: CostScaling;
  /** Null when a measured seconds_per_request stands in for the speed. */
  latency: LatencyReport | null;
  /** Whether the option is a choice: costed, fast enough per stream, replies within the latency target. */
  viable: boolean;
  /** Why not, one sentence per failed rule (empty when viable). */
  not_viable_because: string[];
  warnings: string[];
}

export type CostedOptionReport = ApiOptionReport | SelfHostOptionReport | ServerlessOptionReport;
export type OptionReport = CostedOptionReport | UnestimatedOptionReport;

export interface EstimateReport {
  schema: typeof REPORT_SCHEMA;
  command: 'estimate';
  scenario: { name: string; source: string };
  currency: string;
  traffic: {
    users: number | null;
    sessions_per_user: number | null;
    requests_per_session: number;
    sessions_per_month: number;
    requests_per_month: number;
    peak_factor: number;
    peak_requests_per_second: number;
  };
  workload: {
    kind: 'chat' | 'rag' | 'agent';
    calls_per_request: number;
    single_turn_tokens: number;
    workflow_tokens_per_request: number;
    amplification: number;
  };
  embeddings: { model: string; monthly_cost: number; query_tokens_per_month: number; corpus_tokens_per_month: number; corpus_monthly_cost: number } | null;
  /** Token counts read from prompt files ({file: ...} in the scenario), and how they were counted. */
  prompt_files: { path: string; file: string; tokens: number; encoding: string; estimate: boolean; basis: string }[];
  /** Cheapest first; unestimated options last. */
  options: OptionReport[];
  /** The cheapest viable option; null when none is viable. */
  cheapest: string | null;
  breakeven: BreakevenPair[];
  prices: {
    today: string;
    oldest_as_of: string | null;
    age_days: number | null;
    stale: boolean;
    /** Every currency conversion the report used (API prices and hardware offers alike). */
    fx: FxConversion[];
  };
  /** The report's answer in a sentence or two, built from its own figures (summary.ts). */
  summary: SummaryLine[];
  warnings: string[];
}

/** One conversion: 1 `from` = `rate` `to`, from the rate of `as_of`. */
export interface FxConversion {
  from: string;
  to: string;
  rate: number;
  source: string;
  as_of: string;
  /** today - as_of, in days; stale past 90, as prices are. */
  age_days: number;
  stale: boolean;
  /** The options (and the embedding model) whose prices it converted. */
  used_by: string[];
}

/**
 * A sentence of a report's headline. `kind` says what it answers (cheapest, runner_up,
 * not_viable, none_viable, breakeven, no_breakeven); `figures` holds every number the text
 * shows, unrounded, under a name.
 */
export interface SummaryLine {
  kind: string;
  text: string;
  figures: Record<string, number | string | null>;
}

export interface VramFit {
  hardware: string;
  name: string;
  class: string;
  memory_gib: number;
  /** Memory one device offers as the runtime reports it (an 80 GB H100: 79.1 GiB). */
  usable_memory_gib: number;
  /** GPUs in tensor parallel needed (1, 2, 4 or 8), or null when 8 are not enough. */
  devices: number | null;
  /** The engine's own memory on each of those devices. */
  overhead_bytes: number;
  usable_bytes: number;
  headroom_bytes: number;
  /** Longest context per sequence (at the requested concurrency) that fits. */
  max_context_tokens: number;
  /** Sequences at the requested context that fit. */
  max_concurrency: number;
  /** KV cache capacity in tokens, as vLLM and SGLang report it. */
  kv_capacity_tokens: number;
}

export interface QuantFigures {
  id: string;
  bits_per_weight: number;
  catalogue_bits_per_weight: number;
  basis: 'tensor-groups' | 'whole-model';
}

export interface VramReport {
  schema: typeof REPORT_SCHEMA;
  command: 'vram';
  model: { id: string; params: number; active_params: number; attention: string; source: string };
  /** bits_per_weight: this model's whole-model figure (tensor groups at their own bits); catalogue_bits_per_weight: the quant's listed one. */
  quant: QuantFigures;
  kv_type: { id: string; bytes_per_element: number };
  engine: {
    id: string;
    memory_overhead_bytes: number;
    /** The share of each device the engine fills (the setting given, or its default). */
    reserves_fraction: number | null;
    memory_fraction_key: string | null;
    /** What the share is of: all device memory, or the memory left free once loaded (TensorRT-LLM). */
    memory_fraction_of: 'total' | 'free';
    /** fitted: the engine memory rule (fixed + TP buffers + the larger of activations and sampler); flat: memory_overhead_gib. */
    memory_basis: 'fitted' | 'flat';
    memory: { fixed_bytes: number; tensor_parallel_bytes: number; activation_bytes: number; sampler_bytes: number };
  };
  context_tokens: number;
  concurrency: number;
  weights_bytes: number;
  /** Weights by tensor group (embeddings, output, attention, ffn, experts, norms, other). */
  weights_groups: { group: string; params: number; bytes: number }[];
  kv_cache_bytes: number;
  kv_cache_bytes_per_token: number;
  overhead_bytes: number;
  total_bytes: number;
  fits: VramFit[];
  /** The oldest as_of among the catalogue entries used (model, quantisation, engine). */
  oldest_as_of: string | null;
  warnings: string[];
}

export interface ServingFiguresReport {
  /** Concurrent requests (clients, each sending its next when its reply ends). */
  concurrency: number;
  /** Sequences the engine runs at once: the concurrency, or what its KV cache holds if less (the rest wait); at a request rate, the average by Little's law. */
  running: number;
  /** Requests a second arriving at random (--request-rate); null for closed-loop clients (--concurrency). */
  request_rate: number | null;
  /** At a request rate: the most requests a second the instance keeps up with (its slots all busy, or its prompts alone). */
  max_request_rate: number | null;
  /** The request rate is at or past max_request_rate: requests queue without end (ttft_seconds null). */
  overloaded: boolean;
  input_tokens: number;
  output_tokens: number;
  /** Output tokens/s of the instance, all streams together. */
  output_tokens_per_second: number;
  output_tokens_per_second_band: FigureBand;
  /** Time to first token: the wait for a slot (if any), the request's prompt and the decode step it joins. */
  ttft_seconds: number | null;
  ttft_seconds_band: FigureBand | null;
  /** Time per output token after the first, as a stream sees it (others' prompts included). */
  tpot_seconds: number;
  tpot_seconds_band: FigureBand;
  /** From sending a prompt to the last output token. */
  request_seconds: number;
}

export interface ThroughputReport {
  schema: typeof REPORT_SCHEMA;
  command: 'throughput';
  model: { id: string; params: number; active_params: number };
  quant: QuantFigures;
  hardware: { id: string; name: string; class: string; devices: number; memory_bandwidth_gb_s: number; fp16_tflops: number | null };
  engine: { id: string; decode_efficiency: number; prefill_efficiency: number | null; step_overhead_ms: number; step_overhead_ms_per_sequence: number; fitted: boolean };
  batch: number;
  context_tokens: number;
  decode_tokens_per_second: number;
  per_sequence_tokens_per_second: number;
  prefill_tokens_per_second: number | null;
  /** The figures above with their accuracy bands. */
  decode_tokens_per_second_band: FigureBand;
  per_sequence_tokens_per_second_band: FigureBand;
  prefill_tokens_per_second_band: FigureBand | null;
  /**
   * With --input and --output: a server with `batch` concurrent requests of that many prompt and
   * output tokens each, every client sending its next request when its reply ends (serving.ts).
   */
  serving: ServingFiguresReport | null;
  /** What limits a decode step at this batch. */
  bound: 'memory' | 'compute';
  /** The batch at which compute starts to bind (aggregate throughput stops growing). */
  compute_bound_from_batch: number | null;
  memory: { total_bytes: number; usable_bytes: number; fits: boolean };
  /** The oldest as_of among the catalogue entries used (model, quantisation, engine, hardware). */
  oldest_as_of: string | null;
  warnings: string[];
}

export type CatalogueKind = 'api' | 'model' | 'quant' | 'kv' | 'hardware' | 'offer' | 'engine';

export interface CatalogueRow {
  kind: CatalogueKind;
  id: string;
  name: string;
  provider: string | null;
  /** The main figures, by name (input_per_mtok, memory_gib, monthly, params ...), unrounded. */
  figures: Record<string, number | string | null>;
  currency: string | null;
  source: string;
  as_of: string | null;
  age_days: number | null;
  stale: boolean;
  layer: string;
}

export interface PricingListReport {
  schema: typeof REPORT_SCHEMA;
  command: 'pricing list';
  today: string;
  filters: { kind: string | null; provider: string | null; search: string | null; stale: boolean };
  rows: CatalogueRow[];
  oldest_as_of: string | null;
}

export interface PricingShowReport {
  schema: typeof REPORT_SCHEMA;
  command: 'pricing show';
  today: string;
  row: CatalogueRow;
  /** Every field of the entry, as the catalogue holds it. */
  entry: unknown;
  /** API models: the prices in force on `today`, and the batch discount with its own source. */
  in_force: { effective_from: string | null; notes: string[] } | null;
  batch: { discount: number; source: string; as_of: string; from: 'model' | 'provider' } | null;
}

export interface PriceDisagreement {
  id: string;
  field: 'input_per_mtok' | 'output_per_mtok' | 'cached_input_per_mtok';
  ours: number;
  theirs: number;
  /** theirs / ours - 1 */
  difference: number;
}

export interface PricingCheckReport {
  schema: typeof REPORT_SCHEMA;
  command: 'pricing check';
  snapshot: { file: string; format: string; as_of: string; models: number };
  compared: number;
  tolerance: number;
  disagreements: PriceDisagreement[];
  missing_from_snapshot: number;
}

export type BudgetLimit = 'monthly' | 'per_request' | 'per_session' | 'per_user' | 'max_tier';

export interface BudgetCheck {
  limit: BudgetLimit;
  budget: number;
  /** The bound option's figure; null when it has none (per_user without users). */
  value: number | null;
  /** value / budget */
  share: number | null;
  status: 'ok' | 'warn' | 'over';
  /** value - budget when over. */
  over_by: number | null;
  /** Where the limit is written: a file position, or the flag. */
  location: { file: string; line?: number; col?: number; flag?: string };
  /**
   * max_tier only: the rate-limit tier the bound option needs at peak (`value`: that tier, or the
   * highest listed + 1 when even it does not carry the peak; null when no tiers are known).
   */
  tier?: { needed: number | null; name: string | null; highest: number | null; exceeds_highest_tier: boolean; model: string | null };
  /**
   * The limit as written, when in another currency than the report's: `budget` = amount x rate
   * (rate: report currency per unit of `currency`, from the catalogue's rates or --fx).
   */
  written?: { amount: number; currency: string; rate: number };
}

export interface ScenarioVerdict {
  file: string;
  name: string | null;
  status: 'ok' | 'warn' | 'over' | 'invalid' | 'no_budget';
  currency: string | null;
  /** The option the budget binds: the cheapest, or the one it names. */
  option: string | null;
  /** That option's monthly cost. */
  monthly_cost: number | null;
  warn_at: number | null;
  checks: BudgetCheck[];
  /** What to change, for a scenario over (or near) its budget. */
  advice: string[];
  /**
   * Every option's monthly cost, so that this report is a baseline for `check --compare-to`.
   * Absent from reports saved before it was added (and from invalid scenarios' verdicts: empty).
   */
  options: OptionCost[];
  /**
   * The scenario's inputs as the check costed them (defaults filled in, prompt files counted), by
   * key path, so that this report explains a later `check --compare-to` input by input. Absent
   * from reports saved before it was added; empty for a scenario that does not read.
   */
  inputs?: ScenarioInput[];
  /** Bad input: one line each, with file:line:col. */
  problems: { location: { file: string; line?: number; col?: number }; path: string; message: string; hint?: string }[];
}

/** One option's monthly cost, as a baseline keeps it. */
export interface OptionCost {
  name: string;
  monthly_cost: number | null;
  viable: boolean;
}

/** One input of a scenario: a key path as written in YAML (`traffic.users`, `options[1].api`) and its value. */
export interface ScenarioInput {
  path: string;
  /** Numbers in the scenario's units (tokens, shares as fractions, money in its currency); a range by its mean. */
  value: string | number | boolean;
  /** The prompt file a token count was read from (`prompts/system.md`), as written. */
  file?: string;
}

/** An input whose value differs between the baseline and now. */
export interface InputChange {
  path: string;
  /** null: not set on that side (an optional key, or an option that is not there). */
  old: string | number | boolean | null;
  new: string | number | boolean | null;
  /** Its line in the scenario now (the nearest key above it when it is gone); null when it has none. */
  line: number | null;
  /** Whether it moves the cost of the option the budget binds (false: a budget's limit, another option's key). */
  drives: boolean;
  /** Present when either side is a prompt file: the files, as written. */
  old_file?: string | null;
  new_file?: string | null;
}

/** Monthly costs summed over the scenarios of one currency. */
export interface DiffTotal {
  old_monthly: number;
  new_monthly: number;
  change: number;
  /** change / old_monthly; null when old_monthly is 0. */
  change_share: number | null;
}

export interface OptionDiff {
  name: string;
  /** Its name before, when it changed with its model (the option at the same place in the list). */
  old_name?: string;
  old_monthly: number | null;
  new_monthly: number | null;
  change: number | null;
  /** change / old */
  change_share: number | null;
}

export interface ScenarioDiff {
  file: string;
  status: 'changed' | 'unchanged' | 'added' | 'removed' | 'invalid';
  /** The bound option (as in the budget) before and after. */
  option: string | null;
  old_monthly: number | null;
  new_monthly: number | null;
  change: number | null;
  change_share: number | null;
  over_max_increase: boolean;
  options: OptionDiff[];
  /** The currency of the costs; null when neither side was costed. */
  currency: string | null;
  /**
   * The inputs that changed, in the order of their lines now; null when they cannot be compared:
   * a new, removed or invalid scenario, or a saved baseline from before inputs were kept.
   */
  changes: InputChange[] | null;
  /**
   * The line of the scenario now that the change of cost points at: the first changed input that
   * drives the bound option's cost, else that option's line; null when there is none.
   */
  line: number | null;
}

export interface CheckReport {
  schema: typeof REPORT_SCHEMA;
  command: 'check';
  status: 'ok' | 'warn' | 'over' | 'invalid';
  exit_code: 0 | 1 | 2;
  strict: boolean;
  scenarios: ScenarioVerdict[];
  baseline: {
    source: string;
    max_increase: number | null;
    scenarios: ScenarioDiff[];
    /** The bound options' monthly costs summed over every scenario compared (new and removed included), by currency. */
    total: Record<string, DiffTotal>;
  } | null;
  /** How old the catalogue prices the check used are, over every scenario. */
  prices: CheckPrices;
}

export interface CheckPrices {
  today: string;
  /** The oldest as_of among the prices the scenarios used; null when they use inline prices only. */
  oldest_as_of: string | null;
  /** today - oldest_as_of, in days. */
  age_days: number | null;
  /** The scenario that uses the oldest price. */
  oldest_in: string | null;
  /** Older than 90 days (every command warns past that). */
  stale: boolean;
  /** --max-price-age; null without it. */
  max_age_days: number | null;
  /** age_days > max_age_days: the check fails (exit 1). */
  too_old: boolean;
}

/**
 * How an option's monthly cost grows with traffic. With traffic scaled by s (s = 1: the scenario):
 * cost(s) = fixed + per_unit x s + per_instance x instances(s), where
 * instances(s) = max(min_instances, ceil(instances_per_unit x s)) for self-hosted options, and 0
 * for the others (their per_instance is 0). Break-even and forecasts are solved on this form.
 */
export interface CostScaling {
  fixed: number;
  per_unit: number;
  per_instance: number;
  instances_per_unit: number;
  min_instances: number;
  /** A fixed instance count set in the scenario (instances then do not follow traffic). */
  fixed_instances: number | null;
}

export interface CurvePoint {
  scale: number;
  users: number | null;
  requests_per_month: number;
  monthly_cost: number;
  instances: number | null;
}

export interface CostCurve {
  option: string;
  kind: OptionReport['kind'];
  points: CurvePoint[];
}

export interface Crossing {
  /** Traffic as a multiple of the scenario's. */
  scale: number;
  users: number | null;
  requests_per_month: number;
  tokens_per_month: number;
  /** Both options cost this at the crossing. */
  monthly_cost: number;
  /** Which option is cheaper just above the crossing. */
  cheaper_above: string;
}

export interface BreakevenPair {
  a: string;
  b: string;
  /** False when a or b is not viable: then no crossing is given, and reason says why. */
  viable: boolean;
  /** The first crossing in range, in users (null: none, or traffic given without users). */
  users: number | null;
  crossings: Crossing[];
  /** Why there is no crossing, or what the crossings mean, in words. */
  reason: string;
  /** For an owned option against the other: months for the savings to repay the purchase (null: never). */
  payback_months: number | null;
}

/** An option an analysis leaves out because it is not viable. */
export interface NotViableOption {
  option: string;
  not_viable_because: string[];
}

export interface BreakevenReport {
  schema: typeof REPORT_SCHEMA;
  command: 'breakeven';
  scenario: { name: string; source: string };
  currency: string;
  base: { users: number | null; requests_per_month: number; tokens_per_request: number };
  range: { min_scale: number; max_scale: number };
  /** viable, not_viable_because and warnings as the estimate gives them, so each is shown beside its option. */
  options: { name: string; kind: OptionReport['kind']; scaling: CostScaling; viable: boolean; not_viable_because: string[]; warnings: string[] }[];
  pairs: BreakevenPair[];
  /** Each viable option's cost over the range, sampled (every step of a self-hosted option included), for charts. */
  curves: CostCurve[];
  /** Options left out of the comparison (curves, charts), and why. */
  not_viable: NotViableOption[];
  /** The report's answer in a sentence or two, built from its own figures. */
  summary: SummaryLine[];
  warnings: string[];
}

export interface ForecastMonth {
  month: number;
  scale: number;
  users: number | null;
  requests_per_month: number;
  options: { name: string; monthly_cost: number; cumulative_cost: number; instances: number | null }[];
  /** The cheapest viable option this month; null when no option is viable. */
  cheapest: string | null;
}

export interface ForecastReport {
  schema: typeof REPORT_SCHEMA;
  command: 'forecast';
  scenario: { name: string; source: string };
  currency: string;
  /** Month-over-month growth (0.08 for 8%). */
  growth: number;
  months: ForecastMonth[];
  cheapest_changes: { month: number; from: string; to: string }[];
  capacity_changes: { month: number; option: string; instances_from: number; instances_to: number }[];
  totals: { option: string; cumulative_cost: number }[];
  /** Options left out of the forecast (no choice to plan on), and why. */
  not_viable: NotViableOption[];
  /** The forecast's answer in a sentence or two, built from its own figures (engine/summary.ts). */
  summary: SummaryLine[];
  warnings: string[];
}

export interface Percentiles {
  p10: number;
  p50: number;
  p90: number;
  mean: number;
}

export interface TornadoBar {
  /** The uncertain input: a scenario key path such as workload.output. */
  path: string;
  low_value: number;
  high_value: number;
  /** The bill with this input at its low and high, every other input at its middle. */
  low_monthly: number;
  high_monthly: number;
  /** |high - low| */
  swing: number;
}

export interface SimulateReport {
  schema: typeof REPORT_SCHEMA;
  command: 'simulate';
  scenario: { name: string; source: string };
  currency: string;
  samples: number;
  seed: number;
  inputs: { path: string; distribution: { kind: string; min: number; max: number; mode?: number } }[];
  /**
   * Model error: each estimated speed drawn per sample as a factor on the estimate, log-uniform
   * within its accuracy band (P10 to P90 of measured / predicted); measured speeds are not drawn.
   */
  model_error: { option: string; kind: string; distribution: { kind: 'log-uniform'; min: number; max: number }; basis: string }[];
  /** probability_cheapest: share of samples where it is the cheapest viable option; probability_viable: where it is viable. */
  options: ({ name: string; kind: OptionReport['kind']; probability_cheapest: number; probability_viable: number } & Percentiles)[];
  /** probability_not_viable: share of samples where a or b is not viable (no break-even to act on). */
  breakeven: { a: string; b: string; users: Percentiles | null; probability_never: number; probability_not_viable: number }[];
  /** Which input moves the bill of `option` most (at the middle of every range). */
  tornado: { option: string; base_monthly: number; bars: TornadoBar[] };
  /** The simulation's answer in a sentence or two, built from its own figures (engine/summary.ts). */
  summary: SummaryLine[];
  warnings: string[];
}
