// File patterns on the command line: `prompts/*.md`, `logs/**/*.jsonl`, `day-0?.json`.
// Node 20 has no fs.glob, and shells differ (Windows' expands nothing, bash leaves a pattern that
// matches nothing as it is), so llm-tco expands them itself, over a directory walk.
//
// Forms: `*` any run of characters within one path segment, `?` one character, `**` as a whole
// segment any number of folders (none included). As in shells, a wildcard does not match a name
// that starts with a dot unless the pattern segment does. Anything else is literal.

import { lstatSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from './errors.js';

export function isPattern(text: string): boolean {
  return /[*?]/.test(text);
}

/** One path segment's pattern as a regular expression (no `/` inside a segment). */
export function segmentRegExp(segment: string): RegExp {
  let source = '';
  for (const char of segment) {
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'u');
}

function segmentMatches(pattern: string, name: string): boolean {
  if (name.startsWith('.') && !pattern.startsWith('.')) return false;
  return segmentRegExp(pattern).test(name);
}

/**
 * The files a pattern names, as the user would write their paths (the pattern's literal folder
 * prefix kept as typed), sorted. A pattern with no wildcard names itself, whether or not it exists.
 */
/** The literal folders of a pattern before its first wildcard: where its walk starts (`.` for none). */
export function patternBase(pattern: string): string {
  const segments = pattern.replace(/\\/g, '/').split('/');
  return segments.slice(0, segments.findIndex((s) => isPattern(s))).join('/') || '.';
}

/** A folder a walk reached but could not list, as the user would write it, and why (an errno code). */
export interface Unlistable {
  folder: string;
  code: string;
}

export function expandPattern(pattern: string, cwd = '.', unlistable?: Unlistable[]): string[] {
  if (!isPattern(pattern)) return [pattern];
  const normalised = pattern.replace(/\\/g, '/');
  const absolute = normalised.startsWith('/');
  const segments = normalised.split('/').filter((s, i) => s !== '' || i === 0);
  if (absolute) segments.shift();
  // The literal folders before the first wildcard: where the walk starts.
  const firstMagic = segments.findIndex((s) => isPattern(s));
  const base = segments.slice(0, firstMagic);
  const prefix = `${absolute ? '/' : ''}${base.map((s) => `${s}/`).join('')}`;
  const start = absolute ? `/${base.join('/')}` : join(cwd, ...base);
  const found = new Set<string>();
  const walk = (dir: string, shown: string, segments: string[]): void => {
    const [segment, ...rest] = segments;
    if (segment === undefined) return;
    if (segment === '**') {
      // `dir/**` alone means every file below dir.
      walk(dir, shown, rest.length === 0 ? ['*'] : rest);
      for (const entry of entries(dir, shown, unlistable)) {
        if (!entry.name.startsWith('.') && entry.isDirectory()) walk(join(dir, entry.name), `${shown}${entry.name}/`, segments);
      }
      return;
    }
    if (!isPattern(segment)) {
      const path = join(dir, segment);
      if (rest.length === 0) {
        if (isNotFolder(path)) found.add(`${shown}${segment}`);
      } else walk(path, `${shown}${segment}/`, rest);
      return;
    }
    for (const entry of entries(dir, shown, unlistable)) {
      if (!segmentMatches(segment, entry.name)) continue;
      const path = join(dir, entry.name);
      if (rest.length === 0) {
        if (entry.isFile() || (!entry.isDirectory() && isNotFolder(path))) found.add(`${shown}${entry.name}`);
      } else if (entry.isDirectory()) walk(path, `${shown}${entry.name}/`, rest);
    }
  };
  walk(start, prefix, segments.slice(firstMagic));
  return [...found].sort();
}

/**
 * A folder's entries. A folder that is missing (or not a folder) matches nothing; one that is
 * there but cannot be listed (no permission, an I/O error) is told to `unlistable`, as the user
 * would write it (`shown`), so that a check says which scenarios it could not see instead of
 * passing without them.
 */
function entries(dir: string, shown: string, unlistable: Unlistable[] | undefined): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const folder = shown.replace(/\/$/, '') || '.';
    // A `**` walk lists a folder twice (its files, then its sub-folders): told once.
    if (code !== 'ENOENT' && code !== 'ENOTDIR' && !unlistable?.some((u) => u.folder === folder)) unlistable?.push({ folder, code: code ?? 'EIO' });
    return [];
  }
}

/**
 * Whether a name a pattern reaches is one of the files it finds: anything there but a folder. A
 * symbolic link to nothing, a link loop, a FIFO or a device is found too, and the reader then
 * says what is wrong with it, rather than the pattern skipping it in silence.
 */
function isNotFolder(path: string): boolean {
  try {
    return !statSync(path).isDirectory();
  } catch {
    try {
      lstatSync(path);
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * Every file the arguments name, in order, each once: patterns expanded, plain paths and `-`
 * (standard input) kept. A pattern that matches nothing is a problem, as a typo should be.
 */
export function expandArguments(args: string[], cwd = '.'): { files: string[]; problems: Problem[] } {
  const files: string[] = [];
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const arg of args) {
    const unlistable: Unlistable[] = [];
    const matches = arg === '-' ? ['-'] : expandPattern(arg, cwd, unlistable);
    problems.push(...unlistable.map(unlistableProblem));
    if (matches.length === 0 && unlistable.length === 0) problems.push({ location: { file: arg }, path: '', message: 'matches no files' });
    for (const file of matches) {
      if (seen.has(file)) continue;
      seen.add(file);
      files.push(file);
    }
  }
  return { files, problems };
}

/** One line for a folder a walk could not list: what it may have hidden. */
export function unlistableProblem({ folder, code }: Unlistable): Problem {
  const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code;
  return { location: { file: folder }, path: '', message: `cannot list this folder (${why}): the files in it were not read`, hint: 'make it readable, or name the files you mean' };
}
