// A token-size answer may be a prompt file instead of a number: its tokens are counted (src/tokens,
// the encoding `llm-tco tokens` uses when no model is named) and the count is what is written.

import { statSync } from 'node:fs';
import { readTextFile, unreadableReason } from '../text-file.js';
import { DEFAULT_ENCODING } from '../tokens/encodings.js';
import { loadTokenizer } from '../tokens/tokenizer.js';

export type Counted = { ok: true; file: string; tokens: number; encoding: string } | { ok: false; reason: string };

/** Whether an answer names a file rather than mistyping a number: it exists, or looks like a path. */
export function looksLikeFile(text: string): boolean {
  const t = text.trim();
  return t !== '' && (isFile(t) || /[/\\]/.test(t) || /\.[A-Za-z]{1,5}$/.test(t));
}

export function countPromptFile(text: string): Counted {
  const file = text.trim();
  const read = readTextFile(file);
  if ('unreadable' in read) return { ok: false, reason: `${file}: ${unreadableReason(read.unreadable)}` };
  return { ok: true, file, tokens: loadTokenizer(DEFAULT_ENCODING).count(read.text), encoding: DEFAULT_ENCODING };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
