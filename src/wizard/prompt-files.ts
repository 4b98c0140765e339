// A token-size answer may be a prompt file instead of a number: its tokens are counted (src/tokens,
// the encoding `llm-tco tokens` uses when no model is named) and the count is what is written.

import { readFileSync, statSync } from 'node:fs';
import { DEFAULT_ENCODING } from '../tokens/encodings.js';
import { loadTokenizer, promptText } from '../tokens/tokenizer.js';

export type Counted = { ok: true; file: string; tokens: number; encoding: string } | { ok: false; reason: string };

/** Whether an answer names a file rather than mistyping a number: it exists, or looks like a path. */
export function looksLikeFile(text: string): boolean {
  const t = text.trim();
  return t !== '' && (isFile(t) || /[/\\]/.test(t) || /\.[A-Za-z]{1,5}$/.test(t));
}

export function countPromptFile(text: string): Counted {
  const file = text.trim();
  let bytes: Uint8Array;
  try {
    if (!statSync(file).isFile()) return { ok: false, reason: `${file} is a folder, not a file` };
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: `no such file: ${file}` };
    if (code === 'EACCES') return { ok: false, reason: `${file} cannot be read (permission denied)` };
    throw error;
  }
  return { ok: true, file, tokens: loadTokenizer(DEFAULT_ENCODING).count(promptText(bytes)), encoding: DEFAULT_ENCODING };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
