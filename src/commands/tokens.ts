// llm-tco tokens: parse flags, load inputs (files, patterns, stdin) and the model's price, count,
// render, write.

import { findApiModel, indexApiModels } from '../catalogue/catalogue.js';
import { loadCatalogue } from '../catalogue/load.js';
import type { ApiModelEntry } from '../catalogue/types.js';
import { UserError } from '../errors.js';
import type { TokensFormat } from '../formats/command-formats.js';
import { tokensRenderers } from '../formats/tokens.js';
import { readInputs } from '../inputs.js';
import { emit, type Io } from '../io.js';
import { checkModelMentions } from '../scenario/resolve.js';
import { COMMAND_LINE } from '../scenario/reader.js';
import { tokenizerFor, withEncoding, type EncodingName } from '../tokens/encodings.js';
import { tokensReport, type CallsUsage } from '../tokens/report.js';
import { countFlag } from './flag-values.js';
import { loadTokenizer } from '../tokens/tokenizer.js';

export interface TokensFlags {
  format: TokensFormat;
  model?: string;
  encoding?: EncodingName;
  pricing?: string[];
  out?: string;
  /** --wide: every column of a table, whatever the width (docs/output.md). */
  wide?: boolean;
  /** What the counted text costs as the prompt of this many calls (needs --model). */
  calls?: string;
  /** With --calls: output tokens each call writes (default 0). */
  output?: string;
}

export async function runTokens(args: string[], flags: TokensFlags, io: Io): Promise<number> {
  const usage = callsUsage(flags);
  const model = flags.model === undefined ? undefined : await findModel(flags.model, flags.pricing ?? []);
  const own = tokenizerFor(model?.id);
  const choice = flags.encoding === undefined ? own : withEncoding(own, flags.encoding, model?.id);
  // Every input is read (and every unreadable one reported) before the tokenizer loads.
  const inputs = await readInputs(args, io);
  const tokenizer = loadTokenizer(choice.encoding);
  const files = inputs.map(({ file, text, bytes }) => ({ file, tokens: tokenizer.count(text), bytes: bytes.byteLength }));
  const report = tokensReport(files, choice, model, io.today, usage);
  emit(io, flags.out, (options) => tokensRenderers[flags.format](report, options), flags.wide);
  return 0;
}

/** --calls N [--output T], checked; undefined without --calls. */
function callsUsage(flags: TokensFlags): CallsUsage | undefined {
  if (flags.calls === undefined) {
    if (flags.output !== undefined) throw UserError.at({ file: COMMAND_LINE, flag: '--output' }, '--output', 'is the output of each of --calls calls: give --calls N too');
    return undefined;
  }
  if (flags.model === undefined) throw UserError.at({ file: COMMAND_LINE, flag: '--calls' }, '--calls', 'needs --model: the prices the calls are charged at', 'e.g. --model openai/gpt-4o-mini');
  return {
    calls: countFlag(flags.calls, '--calls', { integer: true, min: 1 }),
    outputTokens: flags.output === undefined ? 0 : countFlag(flags.output, '--output', { integer: true, min: 0 }),
  };
}

/** The catalogue entry of --model, by exact name; an unknown one is an error with suggestions. */
async function findModel(name: string, pricing: string[]): Promise<ApiModelEntry> {
  const provider = name.includes('/') ? [name.slice(0, name.indexOf('/'))] : [];
  const catalogue = await loadCatalogue({ userFiles: pricing, providers: provider });
  const entry = findApiModel(indexApiModels(catalogue), name);
  if (entry) return entry;
  const problems = checkModelMentions([{ id: name, path: '', location: { file: COMMAND_LINE, flag: '--model' } }], catalogue);
  throw new UserError(problems);
}
