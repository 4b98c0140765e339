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
  warnings: string[];
}

/** An option the engine could not cost, with the reason; never a silent zero. */
export interface UnestimatedOptionReport {
  name: string;
  kind: 'self_host' | 'serverless' | 'hybrid';
  monthly_cost: null;
  per_request_cost: null;
  per_user_cost: null;
  reason: string;
}

export type OptionReport = ApiOptionReport | UnestimatedOptionReport;

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
  embeddings: { model: string; monthly_cost: number; query_tokens_per_month: number; corpus_tokens_per_month: number } | null;
  /** Cheapest first; unestimated options last. */
  options: OptionReport[];
  cheapest: string | null;
  breakeven: { a: string; b: string; users: number | null; reason: string }[];
  prices: {
    today: string;
    oldest_as_of: string | null;
    age_days: number | null;
    stale: boolean;
    fx: { from: string; to: string; rate: number; source: string; as_of: string }[];
  };
  warnings: string[];
}
