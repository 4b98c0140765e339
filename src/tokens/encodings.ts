// Which tokenizer counts a model's tokens. OpenAI publishes its encodings, so their counts are
// exact; every other family's tokenizer is either unpublished or not bundled, so its count is the
// closest available encoding's, labelled an estimate. Pure: names in, a choice out.

/** The encodings llm-tco bundles (through gpt-tokenizer); counts equal tiktoken's. */
export const ENCODINGS = ['o200k_base', 'cl100k_base'] as const;
export type EncodingName = (typeof ENCODINGS)[number];

export const DEFAULT_ENCODING: EncodingName = 'o200k_base';

export interface TokenizerChoice {
  encoding: EncodingName;
  /** True when the encoding is a stand-in for the model's own tokenizer. */
  estimate: boolean;
  /** Why this encoding, for people: "openai/gpt-4o-mini uses o200k_base". */
  basis: string;
}

/**
 * OpenAI models by name (the part after the last `/`, so that `azure/gpt-4o` and
 * `openrouter/openai/gpt-4o` count like `openai/gpt-4o`). First match wins: gpt-4o before gpt-4.
 * Source: tiktoken's model.py (MODEL_PREFIX_TO_ENCODING); gpt-oss's o200k_harmony has
 * o200k_base's ranks and only adds special tokens, which llm-tco counts as plain text anyway.
 */
const OPENAI: { pattern: RegExp; encoding: EncodingName }[] = [
  { pattern: /^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|gpt-oss|o\d(-|$)|codex|computer-use|gpt-realtime|gpt-audio|omni-moderation|ft:gpt-4o)/, encoding: 'o200k_base' },
  { pattern: /^(gpt-4|gpt-3\.5|gpt-35|text-embedding-3|text-embedding-ada-002|davinci-002|babbage-002|ft:gpt-4|ft:gpt-3\.5)/, encoding: 'cl100k_base' },
];

/**
 * Other families: the bundled encoding whose vocabulary is closest. Llama 3 and Qwen extend
 * cl100k_base's vocabulary; Claude's tokenizer (unpublished) splits text at least as finely as
 * cl100k_base; large multilingual vocabularies (Gemini, DeepSeek, Mistral's Tekken, Llama 4,
 * GLM, Kimi) are closer to o200k_base, which is also the fallback.
 */
const FAMILIES: { pattern: RegExp; encoding: EncodingName; family: string }[] = [
  { pattern: /claude/, encoding: 'cl100k_base', family: 'Claude' },
  { pattern: /llama-?4/, encoding: 'o200k_base', family: 'Llama 4' },
  { pattern: /llama/, encoding: 'cl100k_base', family: 'Llama' },
  { pattern: /qwen|qwq/, encoding: 'cl100k_base', family: 'Qwen' },
];

/** The tokenizer for a model name such as `openai/gpt-4o-mini`; o200k_base for no model. */
export function tokenizerFor(model: string | undefined): TokenizerChoice {
  if (model === undefined) return { encoding: DEFAULT_ENCODING, estimate: false, basis: `no model given: ${DEFAULT_ENCODING}` };
  const name = model.slice(model.lastIndexOf('/') + 1).toLowerCase();
  for (const { pattern, encoding } of OPENAI) {
    if (pattern.test(name)) return { encoding, estimate: false, basis: `${model} uses ${encoding}` };
  }
  const lower = model.toLowerCase();
  for (const { pattern, encoding, family } of FAMILIES) {
    if (pattern.test(lower)) return { encoding, estimate: true, basis: `${family}'s own tokenizer is not bundled: ${encoding} is the closest available` };
  }
  return { encoding: DEFAULT_ENCODING, estimate: true, basis: `${model}'s own tokenizer is not bundled: ${DEFAULT_ENCODING} is the closest available` };
}

/**
 * An encoding chosen with --encoding, beside the model's own choice: exact only if it is the
 * encoding the model uses (or no model is named).
 */
export function withEncoding(choice: TokenizerChoice, encoding: EncodingName, model: string | undefined): TokenizerChoice {
  if (model === undefined) return { encoding, estimate: false, basis: `--encoding ${encoding}` };
  if (!choice.estimate && choice.encoding === encoding) return choice;
  return { encoding, estimate: true, basis: `--encoding ${encoding}, which is not ${model}'s own tokenizer` };
}
