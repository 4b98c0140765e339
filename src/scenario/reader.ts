// Reads a parsed YAML document node by node, keeping positions, collecting every problem.
// Scenario and catalogue loaders describe their keys with it; nothing here knows their meaning.

import { isMap, isNode, isPair, isScalar, isSeq, type LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';
import { clip, didYouMean, didYouMeanOf, suggest, type Location, type Problem } from '../errors.js';
import { groupDigits, isCalendarDate } from '../units.js';
import type { Distribution, Uncertain } from './types.js';

/** How a number may be written and what range it must lie in. */
export type NumberKind =
  | 'count' //       >= 0, accepts 12k / 1.5M
  | 'traffic' //     > 0 (a range may reach 0, its mean may not), accepts 12k / 1.5M
  | 'tokens' //      >= 0, accepts 12k / 1.5M
  | 'share' //       0..1, accepts 8%
  | 'growth' //      > -1, accepts 8% / -5%
  | 'money' //       >= 0
  | 'positive' //    > 0, accepts 12k
  | 'integer'; //    whole number >= 0

export interface NumberOptions {
  /** Ranges (400..900, {min, mode, max}) are allowed; their mean is returned. */
  ranged?: boolean;
  min?: number;
  /** The largest value (or range end) accepted, and why, said when it is exceeded. */
  max?: { value: number; why: string };
}

const SUFFIX: Record<string, number> = { k: 1e3, K: 1e3, m: 1e6, M: 1e6, b: 1e9, B: 1e9, G: 1e9 };
const NUMBER_WITH_SUFFIX = /^([+-]?(?:\d[\d_,]*\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*([kKmMbBG%]?)$/i;

/** Parses `12k`, `1.5M`, `8%`, `1,000` into a number; undefined when it is not a number. */
export function parseNumberText(text: string): number | undefined {
  const m = NUMBER_WITH_SUFFIX.exec(text.trim());
  if (!m) return undefined;
  const base = Number(m[1]!.replace(/[_,]/g, ''));
  if (!Number.isFinite(base)) return undefined;
  const suffix = m[2] ?? '';
  if (suffix === '%') return base / 100;
  return suffix ? base * SUFFIX[suffix]! : base;
}

export class Fields {
  constructor(
    readonly node: YAMLMap,
    readonly path: string,
    private readonly pairs: Map<string, Pair>,
    /** Allowed keys an unknown key was probably meant to be (`trafic` -> traffic). */
    readonly misspelt: ReadonlySet<string> = new Set(),
  ) {}
  get(key: string): Node | undefined {
    const value = this.pairs.get(key)?.value;
    if (value === null || value === undefined) return undefined;
    return value as Node;
  }
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }
  keys(): string[] {
    return [...this.pairs.keys()];
  }
  child(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }
}

/** Counts the tokens of a prompt file a token key names: `system_prompt: {file: prompts/system.md}`. */
export interface PromptFiles {
  /** Tokens in the file `file` (as written) that key `path` names, or why it cannot be counted. */
  count(file: string, path: string): { tokens: number } | { problem: string; hint?: string };
}

/** A catalogue model named in the document, checked against the catalogue once it is loaded. */
export interface ModelMention {
  id: string;
  path: string;
  location: Location;
}

export class Reader {
  readonly problems: Problem[] = [];
  readonly uncertain: Uncertain[] = [];
  readonly locations = new Map<string, Location>();
  readonly models: ModelMention[] = [];
  /** Set where token keys may name a prompt file (scenario files; not flags, not catalogues). */
  promptFiles: PromptFiles | undefined;

  constructor(
    readonly file: string,
    private readonly lineCounter: LineCounter | undefined,
    /** For input that has no file (command-line flags): the name to show for a key path. */
    private readonly labelFor?: (path: string) => string | undefined,
  ) {}

  /**
   * Where a node is in the file. A value a flag set has no place in the file: given its key path,
   * the location names the flag instead, so that later problems about it (an unknown model found
   * when prices are looked up) name the flag too.
   */
  locate(node: Node | Pair | undefined, path?: string): Location {
    // Keys set in code (Document.setIn, as flags do) are plain strings with no position.
    const range = isNode(node) ? node.range : undefined;
    const offset = range?.[0] ?? (isPair(node) && isNode(node.key) ? node.key.range?.[0] : undefined);
    if (offset === undefined || !this.lineCounter) {
      const flag = path === undefined ? undefined : this.labelFor?.(path);
      return flag ? { file: COMMAND_LINE, flag } : { file: this.file };
    }
    const { line, col } = this.lineCounter.linePos(offset);
    return { file: this.file, line, col };
  }

  problem(node: Node | Pair | undefined, path: string, message: string, hint?: string): undefined {
    this.problems.push({ location: this.locate(node, path), path, message, ...(hint ? { hint } : {}) });
    return undefined;
  }

  /** A mapping with only the allowed keys; unknown keys are problems with a did-you-mean. */
  map(node: Node | undefined, path: string, allowed: readonly string[], what = 'a mapping'): Fields | undefined {
    if (!isMap(node)) {
      return this.problem(node, path, `must be ${what} (key: value lines), got ${describe(node)}`);
    }
    this.locations.set(path, this.locate(node));
    const pairs = new Map<string, Pair>();
    const misspelt = new Set<string>();
    for (const pair of node.items) {
      // A key parsed from a file is a Scalar; one set in code (a flag's key) is a plain string.
      const keyNode = isNode(pair.key) ? pair.key : null;
      const key = isScalar(keyNode) ? String(keyNode.value) : typeof pair.key === 'string' ? pair.key : undefined;
      const keyPath = path ? `${path}.${clip(String(key))}` : clip(String(key));
      if (key === undefined) {
        this.problem(keyNode ?? undefined, path, 'keys must be plain words');
        continue;
      }
      if (!allowed.includes(key)) {
        const close = suggest(key, allowed);
        this.problem(keyNode ?? undefined, keyPath, `unknown key '${clip(key)}'`, didYouMeanOf(close) ?? `allowed here: ${allowed.join(', ')}`);
        if (close[0] !== undefined) misspelt.add(close[0]);
        continue;
      }
      pairs.set(key, pair);
      // A key a flag set is located at that flag (--quant for options[0].self_host.quant).
      this.locations.set(keyPath, this.locate(keyNode ?? undefined, keyPath));
    }
    return new Fields(node, path, pairs, misspelt);
  }

  /**
   * A required key: reports it missing at the mapping's position, unless a misspelling of it was
   * already reported (`trafic: ... (did you mean 'traffic'?)` says it all; "missing traffic" is noise).
   */
  need(fields: Fields, key: string, why = ''): Node | undefined {
    const node = fields.get(key);
    if (node === undefined && !fields.misspelt.has(key)) {
      const path = fields.child(key);
      // Flags-only input has no keys to speak of: "--output: is required", not "missing key 'output'".
      const message = this.labelFor?.(path) && this.locate(fields.node).line === undefined ? `is required${why}` : `missing required key '${key}'${why}`;
      this.problem(fields.node, path, message);
    }
    return node;
  }

  list(node: Node | undefined, path: string): Node[] | undefined {
    if (!isSeq(node)) return this.problem(node, path, `must be a list (lines starting with '- '), got ${describe(node)}`);
    return node.items as Node[];
  }

  /** A calendar date YYYY-MM-DD (2026-02-30 is not one), written as text or as a YAML date. */
  date(node: Node | undefined, path: string): string | undefined {
    if (node === undefined) return undefined;
    const value = isScalar(node) && node.value instanceof Date ? node.value.toISOString().slice(0, 10) : this.string(node, path);
    if (value !== undefined && !isCalendarDate(value)) return this.problem(node, path, `must be a date written YYYY-MM-DD, got '${clip(value)}'`);
    return value;
  }

  string(node: Node | undefined, path: string, oneOf?: readonly string[]): string | undefined {
    if (node === undefined) return undefined;
    if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number')) {
      return this.problem(node, path, `must be text, got ${describe(node)}`);
    }
    const value = String(node.value);
    if (oneOf && !oneOf.includes(value)) {
      return this.problem(node, path, `must be one of ${oneOf.join(', ')}, got '${clip(value)}'`, didYouMean(value, oneOf));
    }
    return value;
  }

  boolean(node: Node | undefined, path: string): boolean | undefined {
    if (node === undefined) return undefined;
    if (!isScalar(node) || typeof node.value !== 'boolean') {
      return this.problem(node, path, `must be true or false, got ${describe(node)}`);
    }
    return node.value;
  }

  number(node: Node | undefined, path: string, kind: NumberKind, options: NumberOptions = {}): number | undefined {
    if (node === undefined) return undefined;
    if (kind === 'tokens' && this.promptFiles && isPromptFile(node)) return this.promptFileTokens(node, path, this.promptFiles);
    let value: number | undefined;
    const distribution = options.ranged ? this.range(node, path, kind) : undefined;
    if (distribution === null) return undefined;
    if (distribution) {
      this.uncertain.push({ path, distribution });
      value = meanOf(distribution);
    } else value = this.plainNumber(node, path, kind, options);
    const highest = distribution ? distribution.max : value;
    if (options.max && highest !== undefined && highest > options.max.value) {
      const written = isScalar(node) ? (node.source ?? String(node.value)) : `a range up to ${highest}`;
      return this.problem(node, path, `must be at most ${groupDigits(options.max.value, 0)}, got ${clip(written)}`, options.max.why);
    }
    // No traffic is no scenario: every option would cost 0 and all of them would tie.
    if (kind === 'traffic' && value === 0) {
      const written = isScalar(node) ? String(node.value) : 'a range whose mean is 0';
      return this.problem(node, path, `must be greater than 0, got ${written}`, 'with no traffic every option costs 0, so there is nothing to compare');
    }
    return value;
  }

  /** `{file: path}`: the tokens of that file, counted; a missing file is a problem at its name. */
  private promptFileTokens(node: Node, path: string, promptFiles: PromptFiles): number | undefined {
    const f = this.map(node, path, PROMPT_FILE_KEYS, 'a token count, a range {min, mode, max} or a prompt file {file: path}');
    const fileNode = f && this.need(f, 'file');
    const file = this.string(fileNode, `${path}.file`);
    if (file === undefined) return undefined;
    const counted = promptFiles.count(file, path);
    return 'problem' in counted ? this.problem(fileNode, `${path}.file`, counted.problem, counted.hint) : counted.tokens;
  }

  /** A distribution if the node is written as a range, null if it is a broken range, else undefined. */
  private range(node: Node, path: string, kind: NumberKind): Distribution | null | undefined {
    if (isScalar(node) && typeof node.value === 'string' && node.value.includes('..')) {
      // 400...900 would split into 400 and .900 (0.9): a range reversed or silently misread.
      if (/\.{3,}/.test(node.value)) {
        this.problem(node, path, `write a range low..high with two dots, e.g. 400..900; got '${clip(node.value)}'`);
        return null;
      }
      const [lowText, highText, ...rest] = node.value.split('..');
      const min = parseNumberText(lowText ?? '');
      const max = parseNumberText(highText ?? '');
      if (rest.length > 0 || min === undefined || max === undefined) {
        this.problem(node, path, `a range is written low..high, e.g. 400..900; got '${clip(node.value)}'`);
        return null;
      }
      if (!this.checkKind(node, path, kind, min, lowText!.trim()) || !this.checkKind(node, path, kind, max, highText!.trim())) return null;
      if (min > max) {
        this.problem(node, path, `range ${clip(node.value)} runs backwards: the low end comes first`);
        return null;
      }
      return { kind: 'uniform', min, max };
    }
    if (isMap(node)) {
      const fields = this.map(node, path, RANGE_KEYS, 'a number or a range {min, mode, max}');
      if (!fields) return null;
      const min = this.plainNumber(this.need(fields, 'min'), `${path}.min`, kind);
      const max = this.plainNumber(this.need(fields, 'max'), `${path}.max`, kind);
      const modeNode = fields.get('mode');
      const mode = modeNode === undefined ? undefined : this.plainNumber(modeNode, `${path}.mode`, kind);
      if (min === undefined || max === undefined || (modeNode !== undefined && mode === undefined)) return null;
      if (mode === undefined) {
        if (min > max) return (this.problem(node, path, 'min must not exceed max'), null);
        return { kind: 'uniform', min, max };
      }
      if (!(min <= mode && mode <= max)) {
        this.problem(node, path, `a triangular range needs min <= mode <= max, got ${min}, ${mode}, ${max}`);
        return null;
      }
      return { kind: 'triangular', min, mode, max };
    }
    return undefined;
  }

  private plainNumber(node: Node | undefined, path: string, kind: NumberKind, options: NumberOptions = {}): number | undefined {
    if (node === undefined) return undefined;
    let value: number | undefined;
    if (isScalar(node) && typeof node.value === 'number') value = node.value;
    else if (isScalar(node) && typeof node.value === 'string') value = parseNumberText(node.value);
    // 1e999 reads as Infinity: say what is wrong with it rather than echo "got Infinity".
    if (value === undefined && isScalar(node) && typeof node.value === 'string') value = overflowed(node.value);
    if (value !== undefined && !Number.isFinite(value)) {
      const written = isScalar(node) ? (node.source ?? String(node.value)) : describe(node);
      return this.problem(node, path, `is too large to compute with, got ${clip(written)}`, 'numbers must stay below 1e308; check the unit and the exponent');
    }
    if (value === undefined) {
      return this.problem(node, path, `must be ${KIND_TEXT[kind]}, got ${describe(node)}`);
    }
    if (isScalar(node) && typeof node.value === 'string' && node.value.trim().endsWith('%') && !PERCENT_KINDS.has(kind)) {
      return this.problem(node, path, `must be ${KIND_TEXT[kind]}, not a percentage`);
    }
    // Echo what the user wrote: "got 150%", not "got 1.5".
    const written = clip(isScalar(node) && typeof node.value === 'string' ? node.value.trim() : String(value));
    if (!this.checkKind(node, path, kind, value, written)) return undefined;
    if (options.min !== undefined && value < options.min) {
      return this.problem(node, path, `must be at least ${options.min}, got ${value}`);
    }
    return value;
  }

  private checkKind(node: Node, path: string, kind: NumberKind, value: number, written = String(value)): boolean {
    const fail = (why: string): boolean => (this.problem(node, path, why), false);
    switch (kind) {
      case 'share':
        return value >= 0 && value <= 1 ? true : fail(`must be a share between 0 and 1 (or 0%..100%), got ${written}`);
      case 'growth': {
        const bare = bareGrowth(value, written);
        if (bare) return fail(bare);
        return value > -1 ? true : fail(`must be a monthly growth above -100%, got ${written}`);
      }
      case 'positive':
        return value > 0 ? true : fail(`must be greater than 0, got ${written}`);
      case 'integer':
        return Number.isInteger(value) && value >= 0 ? true : fail(`must be a whole number of at least 0, got ${written}`);
      default:
        return value >= 0 ? true : fail(`must not be negative, got ${written}`);
    }
  }
}

/**
 * A growth of 1 or more written without % (growth: 8) is 800% a month: almost surely 8% meant.
 * Said rather than guessed; 100% and up can still be written with the sign.
 */
export function bareGrowth(value: number, written: string): string | undefined {
  if (value < 1 || written.trim().endsWith('%')) return undefined;
  return `${written} would be ${Math.round(value * 100)}% a month: write ${written}% for ${written} percent (or ${Math.round(value * 100)}% if that is meant)`;
}

/** A number written too large to read (1e999, 1e400k): +-Infinity; undefined for anything else. */
function overflowed(text: string): number | undefined {
  const m = NUMBER_WITH_SUFFIX.exec(text.trim());
  if (!m) return undefined;
  const base = Number(m[1]!.replace(/[_,]/g, ''));
  return Number.isFinite(base) ? undefined : base;
}

/** The file name shown for values that came from command-line flags. */
export const COMMAND_LINE = 'command line';

const PERCENT_KINDS = new Set<NumberKind>(['share', 'growth']);

const KIND_TEXT: Record<NumberKind, string> = {
  count: 'a number (12k and 1.5M are fine)',
  traffic: 'a number (12k and 1.5M are fine)',
  tokens: 'a token count (12k and 1.5M are fine)',
  share: 'a share: 0.08 or 8%',
  growth: 'a monthly growth: 0.08 or 8%',
  money: 'an amount of money',
  positive: 'a number greater than 0',
  integer: 'a whole number',
};

/**
 * A mapping on a token key is a prompt file when it has a `file` key, or no range key and a key
 * that looks like a misspelt `file` (so that `{fiel: ...}` gets "did you mean 'file'?").
 */
function isPromptFile(node: Node): boolean {
  if (!isMap(node)) return false;
  const keys = node.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : String(pair.key)));
  if (keys.includes('file')) return true;
  return !keys.some((key) => (RANGE_KEYS as readonly string[]).includes(key)) && keys.some((key) => suggest(key, ['file', ...RANGE_KEYS])[0] === 'file');
}

export const RANGE_KEYS = ['min', 'mode', 'max'] as const;
export const PROMPT_FILE_KEYS = ['file'] as const;

function meanOf(d: Distribution): number {
  return d.kind === 'uniform' ? (d.min + d.max) / 2 : (d.min + d.mode + d.max) / 3;
}

function describe(node: Node | undefined | null): string {
  if (node === undefined || node === null) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    if (node.value === null) return 'nothing';
    return typeof node.value === 'string' ? `'${clip(node.value)}'` : clip(String(node.value));
  }
  return 'something else';
}
