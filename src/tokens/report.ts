// The `tokens` report (its JSON is the public shape, schema llm-tco/report@1) and the pure step
// that builds it from counts and a price. Unrounded; renderers round.

import { pricesOn, ratesFor } from '../catalogue/catalogue.js';
import type { ApiModelEntry } from '../catalogue/types.js';
import { REPORT_SCHEMA } from '../report.js';
import { tokenCost } from '../units.js';
import type { EncodingName, TokenizerChoice } from './encodings.js';

export interface FileCount {
  /** As the user named it; `-` for standard input. */
  file: string;
  tokens: number;
  bytes: number;
}

export interface TokensCost {
  model: string;
  /** What the total costs sent as one prompt (its tier chosen by that prompt's size). */
  input: number;
  /** What the total costs generated as output. */
  output: number;
  currency: string;
  input_per_mtok: number;
  output_per_mtok: number;
  /** Prompt size above which the input price used applies; null for the base price. */
  tier_above_tokens: number | null;
  source: string;
  as_of: string | null;
  notes: string[];
  /** With --calls: the total sent as the prompt of that many calls, each writing output_tokens. */
  calls: TokensCallsCost | null;
}

/** What `calls` calls cost, each sending the counted tokens as its prompt and writing `output_tokens`. */
export interface TokensCallsCost {
  calls: number;
  output_tokens: number;
  /** calls x total tokens x the input price. */
  input: number;
  /** calls x output_tokens x the output price. */
  output: number;
  total: number;
}

/** --calls N [--output T]: the counted text is the prompt of each of N calls. */
export interface CallsUsage {
  calls: number;
  outputTokens: number;
}

export interface TokensReport {
  schema: typeof REPORT_SCHEMA;
  command: 'tokens';
  encoding: EncodingName;
  /** True when the encoding stands in for a tokenizer llm-tco does not have. */
  estimate: boolean;
  basis: string;
  files: FileCount[];
  total_tokens: number;
  total_bytes: number;
  cost: TokensCost | null;
}

export function tokensReport(files: FileCount[], choice: TokenizerChoice, model: ApiModelEntry | undefined, today: string, usage?: CallsUsage): TokensReport {
  const totalTokens = files.reduce((sum, f) => sum + f.tokens, 0);
  return {
    schema: REPORT_SCHEMA,
    command: 'tokens',
    encoding: choice.encoding,
    estimate: choice.estimate,
    basis: choice.basis,
    files,
    total_tokens: totalTokens,
    total_bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    cost: model ? tokensCost(totalTokens, model, today, usage) : null,
  };
}

function tokensCost(tokens: number, model: ApiModelEntry, today: string, usage: CallsUsage | undefined): TokensCost {
  const { schedule, notes } = pricesOn(model, today);
  // A long-context tier is chosen by the prompt's size; output alone selects none.
  const asInput = ratesFor(schedule, tokens);
  const tier = [...schedule.tiers].reverse().find((t) => tokens > t.aboveTokens);
  return {
    model: model.id,
    input: tokenCost(tokens, asInput.inputPerMtok),
    output: tokenCost(tokens, schedule.base.outputPerMtok),
    currency: model.currency,
    input_per_mtok: asInput.inputPerMtok,
    output_per_mtok: schedule.base.outputPerMtok,
    tier_above_tokens: tier?.aboveTokens ?? null,
    source: model.source,
    as_of: model.asOf,
    notes,
    calls: usage ? callsCost(usage, tokenCost(tokens, asInput.inputPerMtok), tokenCost(usage.outputTokens, schedule.base.outputPerMtok)) : null,
  };
}

/** One call's prompt and output cost, times the calls. */
function callsCost(usage: CallsUsage, inputPerCall: number, outputPerCall: number): TokensCallsCost {
  const input = usage.calls * inputPerCall;
  const output = usage.calls * outputPerCall;
  return { calls: usage.calls, output_tokens: usage.outputTokens, input, output, total: input + output };
}
