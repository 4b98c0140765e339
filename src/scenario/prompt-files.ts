// Prompt files in scenarios: `system_prompt: {file: prompts/system.md}` (or any token key) is the
// number of tokens in that file, relative to the scenario file's folder, counted when the scenario
// loads with the tokenizer of the scenario's first API option's model (o200k_base, labelled an
// estimate, when there is none). The tokenizer loads only if a scenario names a file.
// A scenario may come from someone else (a pull request): its prompt files must lie inside its
// folder tree, or the git work tree that holds it, symbolic links resolved, unless the run allows
// files outside (--allow-outside-files).

import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { runFiles } from '../run-files.js';
import { isMap, isScalar, isSeq, type Document } from 'yaml';
import { tokenizerFor, type TokenizerChoice } from '../tokens/encodings.js';
import { readTextFile, type TextRead } from '../text-file.js';
import { loadTokenizer } from '../tokens/tokenizer.js';
import type { PromptFiles } from './reader.js';
import type { PromptFileCount } from './types.js';

export interface ScenarioPromptFiles extends PromptFiles {
  /** Every file counted, in the order read: what the report can show. */
  counted: PromptFileCount[];
}

/** `read`: where the files come from instead of the disk (a baseline read from git), which keeps them inside its own tree. */
export function promptFilesFor(doc: Document, scenarioFile: string, read?: (path: string) => TextRead): ScenarioPromptFiles {
  const folder = dirname(scenarioFile);
  let choice: TokenizerChoice | undefined;
  const counted: PromptFileCount[] = [];
  let tree: PromptTree | null | undefined;
  // A file named by many keys (every price tier of every option) is read and counted once.
  const seen = new Map<string, { tokens: number; count: PromptFileCount } | { problem: string; hint?: string }>();
  return {
    counted,
    count(file, path) {
      // '' would resolve to the scenario's own folder ("is a folder"): say what is missing instead.
      if (file.trim() === '') return { problem: 'a prompt file needs a path', hint: 'e.g. {file: prompts/system.md}, relative to the scenario' };
      // As the user would type it from where they ran llm-tco (the scenario's path is too).
      const where = isAbsolute(file) ? file : join(folder, file);
      const known = seen.get(where);
      if (known && 'problem' in known) return known;
      if (known) {
        counted.push({ ...known.count, path, file });
        return { tokens: known.tokens };
      }
      tree ??= runFiles().allowOutsideFiles || read ? null : promptTree(folder);
      const text = read ? read(where) : readTextFile(where, tree ? { within: tree.root } : {});
      if ('unreadable' in text) {
        const { kind, message, hint } = text.unreadable;
        if (kind === 'outside' && tree) return { problem: `prompt file '${file}' is outside ${tree.described}`, hint: 'give --allow-outside-files to read it' };
        const looked = kind === 'missing' ? `looked for ${where}` : undefined;
        const problem = { problem: `prompt file '${file}': ${message}`, hint: [looked, hint].filter(Boolean).join('; ') || undefined };
        seen.set(where, problem);
        return problem;
      }
      choice ??= tokenizerFor(firstApiModel(doc));
      const tokens = loadTokenizer(choice.encoding).count(text.text);
      const count = { path, file, tokens, encoding: choice.encoding, estimate: choice.estimate, basis: choice.basis };
      counted.push(count);
      seen.set(where, { tokens, count });
      return { tokens };
    },
  };
}

export interface PromptTree {
  /** A real path. */
  root: string;
  described: string;
}

/**
 * Where a scenario's prompt files may be: the git work tree that holds its folder (the nearest
 * folder above with a .git in it, a folder or a worktree's file), else its folder and below.
 * A folder that does not exist on disk (a baseline read from git, `HEAD:scenarios`) keeps its
 * path as written: nothing real is inside it.
 */
/** The tree files named from `folder` must stay in: the git work tree that holds it, else the folder itself. */
export function promptTree(folder: string): PromptTree {
  let real: string;
  try {
    real = realpathSync.native(folder);
  } catch {
    const path = resolve(folder);
    return { root: path, described: `the scenario's folder tree ${path}` };
  }
  for (let dir = real; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return { root: dir, described: `the git work tree ${dir} that holds the scenario` };
    if (dirname(dir) === dir) break;
  }
  return { root: real, described: `the scenario's folder tree ${real}` };
}

/** The model of the first `api:` option (a catalogue name, or an inline model's name). */
function firstApiModel(doc: Document): string | undefined {
  const options = isMap(doc.contents) ? doc.contents.get('options', true) : undefined;
  if (!isSeq(options)) return undefined;
  for (const option of options.items) {
    if (!isMap(option)) continue;
    const api = option.get('api', true);
    if (isScalar(api) && typeof api.value === 'string') return api.value;
    if (isMap(api)) {
      const name = api.get('name', true);
      if (isScalar(name) && typeof name.value === 'string') return name.value;
    }
    if (api !== undefined) return undefined;
  }
  return undefined;
}
