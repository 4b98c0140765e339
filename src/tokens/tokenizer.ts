// Token counting: tiktoken's algorithm (src/tokens/bpe.ts) over the rank tables and split
// patterns that gpt-tokenizer ships. Counts equal js-tiktoken's (test/tokens/exactness.test.ts);
// bench/tokens.mjs compares load time and speed with js-tiktoken and with gpt-tokenizer's own
// countTokens.
//
// Loaded on first use and synchronously, so that the scenario loader (which is synchronous) can
// count a prompt file, and a command that counts nothing never pays for 2.4 MB of ranks.
// Read from files rather than imported: esbuild leaves them alone, so the tables stay out of the
// bundle and load only then, one encoding's table and never the others. The build writes the two
// tables into dist/tokens/ as text (rank-file.ts: it loads several times faster than the package's
// array literal) and copies the patterns (the published package has no dependencies); from
// source, they come from gpt-tokenizer in node_modules.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { tokenCounter, vocabularyFrom } from './bpe.js';
import { decodeRanks } from './rank-file.js';
import type { EncodingName } from './encodings.js';

export interface Tokenizer {
  encoding: EncodingName;
  /** Tokens in `text`; special-token strings such as <|endoftext|> count as plain text. */
  count(text: string): number;
}

/** gpt-tokenizer's files this reads (its package exports ./cjs/*): a rank table and the patterns. */
const SOURCES: Record<EncodingName, { ranks: string; pattern: 'O200K_TOKEN_SPLIT_REGEX' | 'CL100K_TOKEN_SPLIT_REGEX'; size: number }> = {
  // Vocabulary sizes without special tokens, as tiktoken lists them.
  o200k_base: { ranks: 'gpt-tokenizer/cjs/bpeRanks/o200k_base', pattern: 'O200K_TOKEN_SPLIT_REGEX', size: 199_998 },
  cl100k_base: { ranks: 'gpt-tokenizer/cjs/bpeRanks/cl100k_base', pattern: 'CL100K_TOKEN_SPLIT_REGEX', size: 100_256 },
};
const PATTERNS = 'gpt-tokenizer/cjs/encodingParams/constants';

const requireFromHere = createRequire(import.meta.url);

/** A rank table: dist/tokens/<encoding>.ranks (rank-file.ts) beside the bundle when built, else the package's module. */
function ranksOf(module: string): unknown {
  const copied = new URL(`../tokens/${module.slice(module.lastIndexOf('/') + 1)}.ranks`, import.meta.url);
  return existsSync(copied) ? decodeRanks(readFileSync(copied, 'utf8')) : (requireFromHere(module) as { default?: unknown }).default;
}

/** The split patterns: dist/tokens/constants.cjs beside the bundle when built, else the package's module. */
function requireTable(module: string): unknown {
  const copied = new URL(`../tokens/${module.slice(module.lastIndexOf('/') + 1)}.cjs`, import.meta.url);
  return existsSync(copied) ? requireFromHere(fileURLToPath(copied)) : requireFromHere(module);
}
const loaded = new Map<EncodingName, Tokenizer>();

export function loadTokenizer(encoding: EncodingName): Tokenizer {
  let tokenizer = loaded.get(encoding);
  if (!tokenizer) {
    const source = SOURCES[encoding];
    const ranks = ranksOf(source.ranks);
    const pattern = (requireTable(PATTERNS) as Record<string, unknown>)[source.pattern];
    // A different layout in a later gpt-tokenizer must fail loudly, not count wrong.
    if (!Array.isArray(ranks) || ranks.length !== source.size || !(pattern instanceof RegExp) || !pattern.global) {
      throw new Error(`gpt-tokenizer's ${encoding} tables are not in the expected format (llm-tco was built against gpt-tokenizer 4.0.0)`);
    }
    const count = tokenCounter(vocabularyFrom(ranks as (string | number[])[], pattern));
    tokenizer = { encoding, count };
    loaded.set(encoding, tokenizer);
  }
  return tokenizer;
}
