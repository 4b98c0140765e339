// User-facing errors. A UserError is bad input: the CLI prints its lines and exits 2, no stack.
// Anything else that escapes is a bug and is reported as one.

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

export function formatProblem(problem: Problem): string {
  const where = formatLocation(problem.location);
  const key = problem.location.flag ?? problem.path;
  const path = key ? ` ${key}:` : '';
  const hint = problem.hint ? ` (${problem.hint})` : '';
  return `${where}:${path} ${problem.message}${hint}`;
}

export class UserError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'UserError';
    this.problems = problems;
  }

  static at(location: Location, path: string, message: string, hint?: string): UserError {
    return new UserError([{ location, path, message, ...(hint ? { hint } : {}) }]);
  }

  /** A problem with no position inside a file (a missing file, a bad flag). */
  static plain(file: string, message: string, hint?: string): UserError {
    return UserError.at({ file }, '', message, hint);
  }
}

/** Levenshtein distance, for did-you-mean suggestions. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j]!;
      prev[j] = Math.min(above + 1, prev[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return prev[b.length]!;
}

/**
 * Up to `max` candidates close to `word`: those containing it or contained in it first, then by
 * edit distance (at most a third of the word's length, and at least 2).
 */
export function suggest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const lower = word.toLowerCase();
  const limit = Math.max(2, Math.floor(lower.length / 3));
  const scored: { candidate: string; score: number }[] = [];
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    const tail = c.slice(c.lastIndexOf('/') + 1);
    let score = Math.min(editDistance(lower, c), editDistance(lower, tail));
    if (score > limit && lower.length >= 3 && (c.includes(lower) || tail === lower)) score = limit;
    if (score <= limit) scored.push({ candidate, score });
  }
  scored.sort((x, y) => x.score - y.score || x.candidate.length - y.candidate.length || x.candidate.localeCompare(y.candidate));
  return scored.slice(0, max).map((s) => s.candidate);
}

export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const found = suggest(word, candidates);
  if (found.length === 0) return undefined;
  return `did you mean ${found.map((f) => `'${f}'`).join(' or ')}?`;
}
