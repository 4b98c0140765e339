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
import { tokensReport } from '../tokens/report.js';
import { loadTokenizer } from '../tokens/tokenizer.js';

export interface TokensFlags {
  format: TokensFormat;
  model?: string;
  encoding?: EncodingName;
  pricing?: string[];
  out?: string;
  /** --wide: every column of a table, whatever the width (docs/output.md). */
  wide?: boolean;
}

export async function runTokens(args: string[], flags: TokensFlags, io: Io): Promise<number> {
  const model = flags.model === undefined ? undefined : await findModel(flags.model, flags.pricing ?? []);
  const own = tokenizerFor(model?.id);
  const choice = flags.encoding === undefined ? own : withEncoding(own, flags.encoding, model?.id);
  // Every input is read (and every unreadable one reported) before the tokenizer loads.
  const inputs = await readInputs(args, io);
  const tokenizer = loadTokenizer(choice.encoding);
  const files = inputs.map(({ file, text, bytes }) => ({ file, tokens: tokenizer.count(text), bytes: bytes.byteLength }));
  const report = tokensReport(files, choice, model, io.today);
  emit(io, flags.out, (options) => tokensRenderers[flags.format](report, options), flags.wide);
  return 0;
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
