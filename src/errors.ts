// User-facing errors. A UserError is bad input: the CLI prints its lines and exits 2, no stack.
// Anything else that escapes is a bug and is reported as one.

import { terminalText } from './formats/terminal-text.js';
import { MAX_ECHO_CHARS, MAX_PROBLEMS_PER_FILE, MAX_SUGGEST_CHARS } from './limits.js';
import { groupDigits } from './units.js';

/** Where a problem is: a file position, or a label such as `--users` for command-line input. */
export interface Location {
  file: string;
  line?: number;
  col?: number;
  /** The command-line flag that set the value (it has no line): named instead of the key path. */
  flag?: string;
}

export interface Problem {
  location: Location;
  /** Dotted key path inside the document, e.g. `options[1].api`; empty for the whole file. */
  path: string;
  message: string;
  /** A suggestion, e.g. the key the user probably meant. */
  hint?: string;
}

export function formatLocation(location: Location): string {
  if (location.line === undefined) return location.file;
  return `${location.file}:${location.line}:${location.col ?? 1}`;
}

/**
 * The line a terminal shows for a problem. Paths, keys, values and suggestions echo a user's
 * file, so the line is shown as terminalText shows it: an escape or a workflow command in a file
 * name or a key is printed as text. (The check's JSON keeps each field exact.)
 */
export function formatProblem(problem: Problem): string {
  const where = formatLocation(problem.location);
  const key = problem.location.flag ?? problem.path;
  const path = key ? ` ${key}:` : '';
  const hint = problem.hint ? ` (${problem.hint})` : '';
  return terminalText(`${where}:${path} ${problem.message}${hint}`);
}

/** File order: by file, then line and column; problems without a line keep their place last. */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => {
      const x = a.p.location;
      const y = b.p.location;
      if (x.line === undefined || y.line === undefined) return (x.line === undefined ? 1 : 0) - (y.line === undefined ? 1 : 0) || a.i - b.i;
      return x.file.localeCompare(y.file) || x.line - y.line || (x.col ?? 0) - (y.col ?? 0) || a.i - b.i;
    })
    .map(({ p }) => p);
}

/**
 * Each command is bundled on its own (see scripts/build.mjs), so the CLI and the command it runs
 * hold different copies of this class. A registry symbol brands every instance and `instanceof`
 * checks the brand, so a bad input found in any bundle still ends as exit code 2.
 */
const BRAND = Symbol.for('llm-tco.UserError');

export class UserError extends Error {
  readonly problems: Problem[];
  readonly [BRAND] = true;
  constructor(problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'UserError';
    this.problems = problems;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
  }

  static at(location: Location, path: string, message: string, hint?: string): UserError {
    return new UserError([{ location, path, message, ...(hint ? { hint } : {}) }]);
  }

  /** A problem with no position inside a file (a missing file, a bad flag). */
  static plain(file: string, message: string, hint?: string): UserError {
    return UserError.at({ file }, '', message, hint);
  }
}

/**
 * Edit distance counting a swap of two neighbours as one edit (optimal string alignment). With
 * `max`, only cells within `max` of the diagonal are filled and any distance above it is returned
 * as `max + 1`: the work is about (max x 2 + 1) x the shorter length, whatever the other's length.
 */
export function editDistance(a: string, b: string, max = Math.max(a.length, b.length)): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const over = max + 1;
  // Three rows of the table: two back (for a swap), one back, and the one being filled.
  let before = new Array<number>(b.length + 1).fill(over);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => (j <= max ? j : over));
  let row = new Array<number>(b.length + 1).fill(over);
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(b.length, i + max);
    // Cells just outside the band are read by the next row: they count as out of reach.
    row[0] = i <= max ? i : over;
    row[from - 1] = from - 1 === 0 ? row[0] : over;
    if (to + 1 <= b.length) row[to + 1] = over;
    let best = row[0];
    for (let j = from; j <= to; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let cell = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cell = Math.min(cell, before[j - 2]! + 1);
      cell = Math.min(cell, over);
      row[j] = cell;
      best = Math.min(best, cell);
    }
    // Every path to the end passes through this row: none within reach, none at all.
    if (best > max) return over;
    [before, previous, row] = [previous, row, before];
  }
  return Math.min(previous[b.length]!, over);
}

/**
 * Up to `max` candidates closest to `word` by edit distance (within a third of its length, at
 * least 2; 1 for a word of three characters or fewer, where two edits leave almost nothing of
 * it); failing those, names that contain the word or start with it (`bf` gets bf16); failing
 * those, for a short word, names whose stem (up to the first _ or -) is within one edit of it,
 * one per stem: `q3` gets q4_0, q5_0 and q8_0, not f32.
 */
export function suggest(word: string, candidates: Iterable<string>, max = 3): string[] {
  // A word this long is no typo of a name; comparing it with every name would cost seconds.
  if (word.length > MAX_SUGGEST_CHARS) return [];
  const lower = word.toLowerCase();
  const short = lower.length <= 3;
  const limit = short ? 1 : Math.max(2, Math.floor(lower.length / 3));
  const scored: { candidate: string; score: number }[] = [];
  const containing: string[] = [];
  const stems: { candidate: string; score: number; stem: string }[] = [];
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    const tail = c.slice(c.lastIndexOf('/') + 1);
    const whole = editDistance(lower, c, limit);
    const score = tail === c ? whole : Math.min(whole, editDistance(lower, tail, limit));
    if (score <= limit) scored.push({ candidate, score });
    else if ((lower.length >= 3 && c.includes(lower)) || (lower.length >= 2 && tail.startsWith(lower))) containing.push(candidate);
    else if (lower.length <= 4 && !/[-_/.]/.test(lower)) {
      const stem = tail.split(/[-_]/)[0]!;
      const stemScore = editDistance(lower, stem, 1);
      if (stemScore <= 1) stems.push({ candidate, score: stemScore, stem });
    }
  }
  const byLength = (a: string, b: string) => a.length - b.length || a.localeCompare(b);
  // A near spelling beats a longer name that merely contains the word.
  if (scored.length === 0 && containing.length > 0) return containing.sort(byLength).slice(0, max);
  if (scored.length === 0) {
    const best = new Map<string, string>();
    for (const s of stems.sort((x, y) => x.score - y.score || byLength(x.candidate, y.candidate))) if (!best.has(s.stem)) best.set(s.stem, s.candidate);
    return [...best.values()].slice(0, max);
  }
  // Only the closest: a one-letter slip should not be offered three look-alikes.
  const best = Math.min(...scored.map((s) => s.score));
  return scored
    .filter((s) => s.score === best)
    .sort((x, y) => byLength(x.candidate, y.candidate))
    .slice(0, max)
    .map((s) => s.candidate);
}

export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  return didYouMeanOf(suggest(word, candidates));
}

/** "did you mean 'a' or 'b'?" for names already found; undefined for none. */
export function didYouMeanOf(found: string[]): string | undefined {
  if (found.length === 0) return undefined;
  return `did you mean ${found.map((f) => `'${clip(f)}'`).join(' or ')}?`;
}

/**
 * A user's text as a message echoes it: whole up to MAX_ECHO_CHARS characters, else its first
 * ones and its length ("xxxx… (4,000 characters)"), so that no message is megabytes long.
 */
export function clip(text: string): string {
  if (text.length <= MAX_ECHO_CHARS) return text;
  let end = 0;
  for (let kept = 0; kept < MAX_ECHO_CHARS && end < text.length; kept++) end += text.codePointAt(end)! > 0xffff ? 2 : 1;
  if (end >= text.length) return text;
  let characters = 0;
  for (let i = 0; i < text.length; i += text.codePointAt(i)! > 0xffff ? 2 : 1) characters++;
  return `${text.slice(0, end)}… (${groupDigits(characters, 0)} characters)`;
}

/**
 * The first MAX_PROBLEMS_PER_FILE problems, and past them one more that counts the rest: 40,000
 * unknown keys make one screen, not 40,000 lines. Sort first, so that the first ones are shown.
 */
export function capProblems(problems: Problem[]): Problem[] {
  if (problems.length <= MAX_PROBLEMS_PER_FILE + 1) return problems;
  const rest = problems.length - MAX_PROBLEMS_PER_FILE;
  const file = problems[MAX_PROBLEMS_PER_FILE]!.location.file;
  return [...problems.slice(0, MAX_PROBLEMS_PER_FILE), { location: { file }, path: '', message: `… and ${groupDigits(rest, 0)} more problems`, hint: 'fix these first' }];
}
