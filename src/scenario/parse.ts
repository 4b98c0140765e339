// Scenario YAML (v1, see DESIGN.md) -> typed Scenario, with every problem reported at once.

import { Document, LineCounter, isAlias, isCollection, isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { applyFlags, SCENARIO_FLAGS, type ScenarioFlagValues } from './flags.js';
import { clip, didYouMean, sortProblems, UserError, type Problem } from '../errors.js';
import { parseJson } from '../json-text.js';
import { DEFAULT_MAX_SECONDS_PER_REPLY, readSelfHost, readServerless } from './parse-deployment.js';
import { parseMoneyText } from './money.js';
import { promptFilesFor } from './prompt-files.js';
import type { TextRead } from '../text-file.js';
import { COMMAND_LINE, Reader, type Fields, type ModelMention } from './reader.js';
import type {
  AgentWorkload,
  ApiModelRef,
  ApiOption,
  Budget,
  ChatWorkload,
  History,
  InlineApiModel,
  InlineTier,
  OptionSpec,
  RagWorkload,
  Scenario,
  ServiceTierName,
  Traffic,
  Workload,
} from './types.js';
import { SERVICE_TIERS } from './types.js';
import { MAX_CALLS_PER_SESSION, MAX_OPTIONS, MAX_TIERS_PER_MODEL } from '../limits.js';
import { groupDigits, PER_MTOK_FLOOR } from '../units.js';

// The keys each mapping accepts; schema/scenario.schema.json is built from these (src/schema).
export const TOP_KEYS = ['name', 'description', 'currency', 'max_seconds_per_reply', 'traffic', 'workload', 'options', 'budget'] as const;
export const TRAFFIC_KEYS = ['users', 'sessions_per_user', 'requests_per_session', 'requests_per_month', 'peak_factor', 'growth'] as const;
export const COMMON_WORKLOAD_KEYS = ['kind', 'system_prompt', 'input', 'output', 'reasoning', 'cache_hit'] as const;
export const KIND_KEYS = {
  chat: ['history'],
  rag: ['retrieved', 'embedding'],
  agent: ['rounds', 'tool_schema', 'tool_result', 'input_per_round', 'context_limit', 'retry_rate'],
} as const;
export const WORKLOAD_KINDS = ['chat', 'rag', 'agent'] as const;
export const ALL_WORKLOAD_KEYS = [...COMMON_WORKLOAD_KEYS, ...KIND_KEYS.chat, ...KIND_KEYS.rag, ...KIND_KEYS.agent];
export const OPTION_KINDS = ['api', 'self_host', 'serverless'] as const;
export const OPTION_KEYS = [...OPTION_KINDS, 'name', 'batch', 'service_tier', 'cache_hit', 'fallback'] as const;
export const HISTORY_KEYS = ['last'] as const;
export const HISTORY_WORDS = ['full', 'none'] as const;
export const RETRIEVED_KEYS = ['chunks', 'tokens_per_chunk'] as const;
export const EMBEDDING_KEYS = ['model', 'query_tokens', 'corpus_tokens', 'reindex_per_month'] as const;
export const INLINE_API_KEYS = ['name', 'input', 'output', 'cached_input', 'cache_write', 'per_request', 'batch_discount', 'context_window', 'tiers'] as const;
export const TIER_KEYS = ['above', 'input', 'output', 'cached_input', 'cache_write'] as const;
export { MAX_CALLS_PER_SESSION };
const REQUESTS_LIMIT = { value: MAX_CALLS_PER_SESSION, why: 'each request of a session is costed on its own; for more traffic raise users or sessions_per_user' };
const ROUNDS_LIMIT = { value: MAX_CALLS_PER_SESSION, why: 'each round of a task is costed on its own; for more tasks raise requests_per_session' };

export const BUDGET_KEYS = ['monthly', 'per_request', 'per_session', 'per_user', 'max_tier', 'option', 'warn_at'] as const;
/** Smallest budget limit: a millionth of a millionth of the currency, far below any price of a request. */
const MIN_BUDGET = 1e-12;

/** ISO 4217-looking codes; the FX table decides later which ones it can convert. */
const CURRENCY = /^[A-Z]{3}$/;

export interface ParseOptions {
  /** Name shown in messages: the file path as the user typed it. */
  file: string;
  /** Command-line flags that override the file's keys. */
  flags?: ScenarioFlagValues;
  /** The file its prompt files are found beside, when `file` names it otherwise (a baseline's `DIR:path`). */
  promptsFrom?: string;
  /** Reads its prompt files from elsewhere than the disk (a baseline at a git ref). */
  readPrompt?: (path: string) => TextRead;
}

/**
 * What reading a scenario found: the scenario when it is valid, every problem otherwise, and the
 * catalogue models it names either way, so that unknown names can be reported with the rest.
 */
export interface ScenarioReading {
  scenario: Scenario | undefined;
  problems: Problem[];
  models: ModelMention[];
}

/** Parses scenario YAML text. Throws UserError listing every problem found. */
export function parseScenario(text: string, options: ParseOptions): Scenario {
  return orThrow(readScenarioText(text, options));
}

export function readScenarioText(text: string, options: ParseOptions): ScenarioReading {
  // JSON is YAML too, but a .json file's mistakes read best in JSON's words.
  if (options.file.toLowerCase().endsWith('.json')) {
    const json = parseJson(text);
    if (!('value' in json)) return { scenario: undefined, problems: [{ location: { file: options.file, line: json.line, col: json.col }, path: '', message: `invalid JSON: ${json.reason}` }], models: [] };
  }
  const lineCounter = new LineCounter();
  // The parser's own duplicate-key check compares each key with every earlier one of its mapping:
  // 40,000 keys took over a minute. structureProblems finds them in one pass instead.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const yamlProblems = describeYamlErrors(doc, text, lineCounter, options.file, 'scenario');
  if (yamlProblems.length > 0) return { scenario: undefined, problems: yamlProblems, models: [] };
  const structure = structureProblems(doc.contents, lineCounter, options.file);
  // An alias stands for a value the reader never sees: each one is said, nothing is read.
  if (structure.aliases.length > 0) return { scenario: undefined, problems: structure.aliases, models: [] };
  const labels = options.flags && isMap(doc.contents) ? applyFlags(doc, options.flags) : new Map<string, string>();
  const reader = new Reader(options.file, lineCounter, (path) => labels.get(path));
  // A duplicate key leaves a readable document: go on, so that every other problem shows too.
  reader.problems.push(...structure.duplicates);
  const promptFiles = promptFilesFor(doc, options.promptsFrom ?? options.file, options.readPrompt);
  reader.promptFiles = promptFiles;
  const reading = collect(reader, () => readScenario(doc.contents as Node | null, reader, options.file));
  if (reading.scenario && promptFiles.counted.length > 0) reading.scenario.promptFiles = promptFiles.counted;
  return reading;
}

export { COMMAND_LINE };

/**
 * Parses a YAML file that must be free of errors (the catalogues): the document and its line
 * counter, or a UserError with every problem at its line and column, worded as for scenarios.
 */
export function parseYamlStrict(text: string, file: string): { doc: Document.Parsed; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) throw new UserError(describeYamlErrors(doc, text, lineCounter, file, 'catalogue'));
  const { duplicates } = structureProblems(doc.contents, lineCounter, file);
  if (duplicates.length > 0) throw new UserError(duplicates);
  return { doc, lineCounter };
}

/** A scenario from flags alone, validated exactly as a file would be; messages name the flags. */
export function scenarioFromFlags(flags: ScenarioFlagValues): Scenario {
  return orThrow(readScenarioFlags(flags));
}

export function readScenarioFlags(flags: ScenarioFlagValues): ScenarioReading {
  const doc = new Document({ name: flags.name ?? 'Command-line estimate', traffic: {}, workload: { kind: 'chat' }, options: [] });
  const optionLabels = [...applyFlags(doc, flags)].filter(([path]) => path.startsWith('options'));
  const labels = new Map<string, string>(SCENARIO_FLAGS.map((f) => [f.path.join('.'), f.flag.split(' ')[0]!]));
  labels.set('options', '--model');
  labels.set('traffic.users', '--users (or --requests-per-month)');
  for (const [path, flag] of optionLabels) labels.set(path, flag);
  // A key of an option no flag set (options[1].self_host.context) is told by its option's flag.
  const labelOf = (path: string): string | undefined => {
    for (let p = path; p.length > 0; p = p.slice(0, Math.max(p.lastIndexOf('.'), 0))) if (labels.has(p)) return labels.get(p);
    return path.startsWith('options[') ? '--model' : undefined;
  };
  const reader = new Reader(COMMAND_LINE, undefined, labelOf);
  return collect(reader, () => readScenario(doc.contents as Node | null, reader, COMMAND_LINE));
}

function collect(reader: Reader, read: () => Scenario): ScenarioReading {
  try {
    return { scenario: read(), problems: [], models: reader.models };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { scenario: undefined, problems: error.problems, models: reader.models };
  }
}

function orThrow(reading: ScenarioReading): Scenario {
  if (!reading.scenario) throw new UserError(reading.problems);
  return reading.scenario;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** The parser's words are about its grammar; these say what to look at in the file. */
const YAML_HINTS: Partial<Record<string, string>> = {
  BAD_INDENT: 'check the indentation: keys of one mapping start in the same column',
  BLOCK_AS_IMPLICIT_KEY: 'check the indentation of this line and the next: keys of one mapping start in the same column',
  MULTILINE_IMPLICIT_KEY: 'check the indentation of this line and the next: keys of one mapping start in the same column',
  TAB_AS_INDENT: 'indent with spaces',
};

/**
 * The YAML parser's errors as problems at their line and column (with prettyErrors off the
 * parser gives offsets only), one per place: a single slip often trips several errors there.
 */
function describeYamlErrors(doc: Document.Parsed, text: string, lineCounter: LineCounter, file: string, what: 'scenario' | 'catalogue'): Problem[] {
  const problems: Problem[] = [];
  const places = new Set<number>();
  const at = (offset: number) => ({ file, ...lineCounter.linePos(offset) });
  for (const error of doc.errors) {
    const offset = error.pos[0];
    if (places.has(offset)) continue;
    places.add(offset);
    // The parser's words name its API ("please use YAML.parseAllDocuments()"): say what it means here.
    // Once: a file of 100,000 documents is one mistake, not 100,000.
    if (error.code === 'MULTIPLE_DOCS') {
      if (!problems.some((p) => p.message.startsWith('has more than one YAML document'))) {
        problems.push({ location: at(offset), path: '', message: `has more than one YAML document; llm-tco reads one ${what} per file` });
      }
      continue;
    }
    // The parser builds nested collections by recursion; nesting thousands deep runs out of stack.
    if (/Maximum call stack size exceeded/.test(error.message)) {
      return [{ location: at(offset), path: '', message: 'invalid YAML: lists and mappings are nested too deeply', hint: 'a scenario needs a few levels' }];
    }
    // An unclosed { or [ is noticed where the file goes on without it: point at the bracket.
    const unclosed = /^Flow (map|sequence)/.test(error.message) ? findUnclosedFlow(doc.contents, text, offset) : undefined;
    if (unclosed) {
      const close = text[unclosed.offset] === '{' ? '}' : ']';
      problems.push({ location: at(unclosed.offset), path: unclosed.path, message: `invalid YAML: this ${text[unclosed.offset]} is never closed`, hint: `end it with ${close}` });
      continue;
    }
    const hint = YAML_HINTS[error.code];
    problems.push({ location: at(offset), path: '', message: `invalid YAML: ${firstLine(error.message)}`, ...(hint ? { hint } : {}) });
  }
  return problems;
}

/** Calls `visit` on every node under `node` with its key path (`options[1].api`). */
function walk(node: unknown, path: string, visit: (node: Node, path: string) => void): void {
  if (!isCollection(node)) return;
  visit(node, path);
  node.items.forEach((item, i) => {
    if (isPair(item)) {
      const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
      walk(item.value, path ? `${path}.${key}` : key, visit);
    } else {
      walk(item, `${path}[${i}]`, visit);
    }
  });
}

/**
 * One pass over the document: every key set twice in one mapping (at the repeat, naming the line
 * of the first), and every alias (*name). Linear in the document's size; no recursion, so that
 * however deep the parser nested it, this does not run out of stack.
 */
function structureProblems(root: unknown, lineCounter: LineCounter, file: string): { duplicates: Problem[]; aliases: Problem[] } {
  const duplicates: Problem[] = [];
  const aliases: Problem[] = [];
  const at = (offset: number | undefined) => (offset === undefined ? { file } : { file, ...lineCounter.linePos(offset) });
  const pending: { node: unknown; path: string }[] = [{ node: root, path: '' }];
  while (pending.length > 0) {
    const { node, path } = pending.pop()!;
    if (isAlias(node)) {
      aliases.push({ location: at(node.range?.[0]), path, message: `is an alias (*${clip(node.source)}): scenarios do not use YAML anchors and aliases`, hint: 'write the value itself' });
      continue;
    }
    if (!isCollection(node)) continue;
    const firstOffsets = new Map<string, number | undefined>();
    node.items.forEach((item, i) => {
      if (!isPair(item)) {
        pending.push({ node: item, path: `${path}[${i}]` });
        return;
      }
      if (isAlias(item.key)) pending.push({ node: item.key, path });
      const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
      const keyPath = path ? `${path}.${clip(key)}` : clip(key);
      if (isScalar(item.key)) {
        // Keys compare as the values they read as (1 and '1' differ), as the parser's check did.
        const id = `${typeof item.key.value}:${key}`;
        const offset = item.key.range?.[0];
        if (firstOffsets.has(id)) {
          const firstOffset = firstOffsets.get(id);
          const first = firstOffset === undefined ? '' : `: it is already set on line ${lineCounter.linePos(firstOffset).line}`;
          duplicates.push({ location: at(offset), path: keyPath, message: `duplicate key '${clip(key)}'${first}`, hint: 'keep one' });
        } else firstOffsets.set(id, offset);
      }
      pending.push({ node: item.value, path: keyPath });
    });
  }
  return { duplicates: sortProblems(duplicates), aliases: sortProblems(aliases) };
}

/** The last flow collection ({...} or [...]) opened before `offset` whose closing bracket is missing. */
function findUnclosedFlow(root: unknown, text: string, offset: number): { offset: number; path: string } | undefined {
  let found: { offset: number; path: string } | undefined;
  walk(root, '', (node, path) => {
    if (!(isMap(node) || isSeq(node)) || !node.flow || !node.range) return;
    const [start, end] = node.range;
    if (start >= offset || /[}\]]$/.test(text.slice(start, end).trimEnd())) return;
    if (!found || start > found.offset) found = { offset: start, path };
  });
  return found;
}

function readScenario(root: Node | null, r: Reader, source: string): Scenario {
  if (root === null || (isScalar(root) && root.value === null)) {
    throw UserError.plain(source, 'the scenario is empty', 'start from one in scenarios/ or run `llm-tco wizard`');
  }
  const top = r.map(root, '', TOP_KEYS, 'a mapping of name, traffic, workload and options');
  if (!top) throw new UserError(r.problems);

  const name = r.string(top.get('name'), 'name') ?? 'Unnamed scenario';
  r.string(top.get('description'), 'description');
  const currency = readCurrency(r, top.get('currency'));
  const maxSecondsPerReply = r.number(top.get('max_seconds_per_reply'), 'max_seconds_per_reply', 'positive') ?? DEFAULT_MAX_SECONDS_PER_REPLY;
  const trafficNode = r.need(top, 'traffic');
  const traffic = trafficNode === undefined ? undefined : readTraffic(r, trafficNode);
  const workloadNode = r.need(top, 'workload');
  const workload = workloadNode === undefined ? undefined : readWorkload(r, workloadNode);
  const optionsNode = r.need(top, 'options', ': the ways of serving the feature to compare, e.g. "- api: openai/gpt-4o-mini"');
  const options = optionsNode === undefined ? [] : readOptions(r, optionsNode);
  const budgetNode = top.get('budget');
  const budget = budgetNode === undefined ? undefined : readBudget(r, budgetNode, options);

  if (r.problems.length > 0 || !traffic || !workload) throw new UserError(r.problems);
  return { name, source, currency, maxSecondsPerReply, traffic, workload, options, budget, uncertain: r.uncertain, locations: r.locations };
}

function readCurrency(r: Reader, node: Node | undefined): string {
  const text = r.string(node, 'currency');
  if (text === undefined) return 'USD';
  const upper = text.toUpperCase();
  if (!CURRENCY.test(upper)) return r.problem(node, 'currency', `must be a three-letter currency code such as USD, EUR or CNY, got '${clip(text)}'`) ?? 'USD';
  return upper;
}

function readTraffic(r: Reader, node: Node): Traffic | undefined {
  const f = r.map(node, 'traffic', TRAFFIC_KEYS);
  if (!f) return undefined;
  const num = (key: string, kind: Parameters<Reader['number']>[2]) => r.number(f.get(key), f.child(key), kind, { ranged: true });
  const users = num('users', 'traffic');
  const requestsPerMonth = num('requests_per_month', 'traffic');
  if (f.has('users') && f.has('requests_per_month')) {
    r.problem(f.get('requests_per_month'), 'traffic.requests_per_month', 'give either users (with sessions_per_user and requests_per_session) or requests_per_month, not both');
  }
  if (!f.has('users') && !f.has('requests_per_month') && !f.misspelt.has('users') && !f.misspelt.has('requests_per_month')) {
    r.problem(node, 'traffic.users', 'missing: give users (monthly active users) or requests_per_month');
  }
  if (requestsPerMonth !== undefined && f.has('sessions_per_user')) {
    r.problem(f.get('sessions_per_user'), 'traffic.sessions_per_user', 'only applies with users; with requests_per_month give requests_per_session alone');
  }
  return {
    users,
    sessionsPerUser: num('sessions_per_user', 'traffic') ?? 1,
    requestsPerSession: r.number(f.get('requests_per_session'), 'traffic.requests_per_session', 'positive', { ranged: true, max: REQUESTS_LIMIT }) ?? 1,
    requestsPerMonth,
    peakFactor: r.number(f.get('peak_factor'), 'traffic.peak_factor', 'positive', { ranged: true, min: 1 }) ?? 1,
    growth: num('growth', 'growth'),
  };
}

function readWorkload(r: Reader, node: Node): Workload | undefined {
  const f = r.map(node, 'workload', ALL_WORKLOAD_KEYS);
  if (!f) return undefined;
  const kind = r.string(r.need(f, 'kind', ': chat, rag or agent'), 'workload.kind', WORKLOAD_KINDS) as (typeof WORKLOAD_KINDS)[number] | undefined;
  if (!kind) return undefined;
  for (const other of WORKLOAD_KINDS) {
    if (other === kind) continue;
    for (const key of KIND_KEYS[other]) {
      if (f.has(key)) r.problem(f.get(key), `workload.${key}`, `'${key}' belongs to ${other} workloads, and this one is kind: ${kind}`);
    }
  }
  const problemsBefore = r.problems.length;
  const tokens = (key: string, fallback?: number) =>
    f.has(key) ? r.number(f.get(key), f.child(key), 'tokens', { ranged: true }) : fallback;
  const base = {
    systemPromptTokens: tokens('system_prompt', 0) ?? 0,
    inputTokens: (kind === 'agent' ? tokens('input', 0) : tokens('input') ?? needTokens(r, f, 'input')) ?? 0,
    outputTokens: (tokens('output') ?? needTokens(r, f, 'output')) ?? 0,
    reasoningTokens: tokens('reasoning', 0) ?? 0,
    cacheHit: r.number(f.get('cache_hit'), 'workload.cache_hit', 'share', { ranged: true }) ?? 0,
  };
  const workload: Workload | undefined =
    kind === 'chat' ? ({ kind, ...base, history: readHistory(r, f.get('history')) } satisfies ChatWorkload) : kind === 'rag' ? readRag(r, f, base) : readAgent(r, f, base);
  // A call of no tokens costs nothing anywhere: every option would tie at 0 (amplification 0x).
  // Unless a token key was already refused (its 0 is then a stand-in, not what was written).
  if (workload && r.problems.length === problemsBefore && tokensOfFirstCall(workload) === 0) {
    r.problem(f.get('output'), 'workload.output', 'a request must have some tokens: its prompt and its output are both 0', 'give the tokens of a typical reply, e.g. output: 600');
  }
  return workload;
}

function tokensOfFirstCall(w: Workload): number {
  const base = w.systemPromptTokens + w.inputTokens + w.outputTokens + w.reasoningTokens;
  if (w.kind === 'rag') return base + w.chunks * w.tokensPerChunk;
  if (w.kind === 'agent') return base + w.toolSchemaTokens + (w.inputPerRound ?? 0);
  return base;
}

function needTokens(r: Reader, f: Fields, key: string): undefined {
  r.need(f, key, ' (tokens per request)');
  return undefined;
}

function readHistory(r: Reader, node: Node | undefined): History {
  if (node === undefined) return { kind: 'full' };
  if (isMap(node)) {
    const f = r.map(node, 'workload.history', HISTORY_KEYS);
    const exchanges = f && r.number(r.need(f, 'last'), 'workload.history.last', 'integer');
    return exchanges === undefined ? { kind: 'full' } : { kind: 'last', exchanges };
  }
  const text = r.string(node, 'workload.history');
  if (text === 'none') return { kind: 'none' };
  if (text === undefined || text === 'full') return { kind: 'full' };
  // Name every form, as written where the value came from: --history takes a bare N.
  const fromFlag = r.locate(node, 'workload.history').flag !== undefined;
  const forms = fromFlag ? 'full, none or a number N (the last N exchanges)' : 'full, none or {last: N} (the last N exchanges)';
  const number = /^\d+$/.test(text) && !fromFlag ? `write {last: ${text}} for the last ${text} exchanges` : undefined;
  r.problem(node, 'workload.history', `must be ${forms}, got '${clip(text)}'`, number ?? didYouMean(text, HISTORY_WORDS));
  return { kind: 'full' };
}

type Base = Omit<ChatWorkload, 'kind' | 'history'>;

function readRag(r: Reader, f: Fields, base: Base): RagWorkload | undefined {
  const retrievedNode = r.need(f, 'retrieved', ': {chunks, tokens_per_chunk}');
  // Missing is one problem, already reported: not also "must be a mapping, got nothing".
  const retrieved = retrievedNode === undefined ? undefined : r.map(retrievedNode, 'workload.retrieved', RETRIEVED_KEYS);
  const chunks = retrieved && r.number(r.need(retrieved, 'chunks'), 'workload.retrieved.chunks', 'count', { ranged: true });
  const tokensPerChunk = retrieved && r.number(r.need(retrieved, 'tokens_per_chunk'), 'workload.retrieved.tokens_per_chunk', 'tokens', { ranged: true });
  let embedding: RagWorkload['embedding'];
  const embeddingNode = f.get('embedding');
  if (embeddingNode !== undefined) {
    const e = r.map(embeddingNode, 'workload.embedding', EMBEDDING_KEYS);
    const model = e && readApiModelRef(r, r.need(e, 'model', ': the embedding model, e.g. openai/text-embedding-3-small'), 'workload.embedding.model');
    const corpusTokens = e && r.number(e.get('corpus_tokens'), 'workload.embedding.corpus_tokens', 'tokens', { ranged: true });
    const reindex = e && r.number(e.get('reindex_per_month'), 'workload.embedding.reindex_per_month', 'count', { ranged: true });
    if (e && corpusTokens !== undefined && corpusTokens > 0 && reindex === undefined && !e.has('reindex_per_month')) {
      r.problem(embeddingNode, 'workload.embedding.reindex_per_month', 'missing: how many times a month the corpus is embedded again (0 if never)');
    }
    if (e && model) {
      embedding = {
        model,
        queryTokens: r.number(e.get('query_tokens'), 'workload.embedding.query_tokens', 'tokens', { ranged: true }) ?? base.inputTokens,
        corpusTokens: corpusTokens ?? 0,
        reindexPerMonth: reindex ?? 0,
      };
    }
  }
  if (chunks === undefined || tokensPerChunk === undefined) return undefined;
  return { kind: 'rag', ...base, chunks, tokensPerChunk, embedding };
}

function readAgent(r: Reader, f: Fields, base: Base): AgentWorkload | undefined {
  const rounds = r.number(r.need(f, 'rounds', ': model calls per task'), 'workload.rounds', 'positive', { ranged: true, max: ROUNDS_LIMIT });
  const tokens = (key: string) => r.number(f.get(key), `workload.${key}`, 'tokens', { ranged: true });
  const contextLimit = r.number(f.get('context_limit'), 'workload.context_limit', 'positive', { ranged: true });
  if (rounds === undefined) return undefined;
  return {
    kind: 'agent',
    ...base,
    rounds,
    toolSchemaTokens: tokens('tool_schema') ?? 0,
    toolResultTokens: tokens('tool_result') ?? 0,
    inputPerRound: tokens('input_per_round'),
    contextLimit,
    retryRate: r.number(f.get('retry_rate'), 'workload.retry_rate', 'share', { ranged: true }) ?? 0,
  };
}

function readOptions(r: Reader, node: Node): OptionSpec[] {
  const items = r.list(node, 'options');
  if (!items) return [];
  if (items.length === 0) r.problem(node, 'options', 'is empty: list at least one way of serving the feature');
  // Break-even compares every pair: past the cap the run would take minutes; none is read.
  if (items.length > MAX_OPTIONS) {
    const message = `a scenario compares at most ${MAX_OPTIONS} options, this one has ${groupDigits(items.length, 0)}`;
    r.problems.push({ location: r.locations.get('options') ?? r.locate(node), path: 'options', message, hint: 'split it into several files' });
    return [];
  }
  const read: { option: OptionSpec; index: number; named: boolean }[] = [];
  items.forEach((item, index) => {
    const option = readOption(r, item, `options[${index}]`);
    if (option) read.push({ option, index, named: isMap(item) && item.has('name') });
  });
  // Two names the user chose must differ; names made up from the option are numbered instead.
  const seen = new Map<string, number>();
  for (const entry of read) {
    let name = entry.option.name;
    const first = seen.get(name);
    if (first !== undefined && entry.named) {
      r.problem(items[entry.index], `options[${entry.index}].name`, `two options are named '${clip(name)}' (the other is options[${first}])`, 'give one of them another name');
    } else if (first !== undefined) {
      let n = 2;
      while (seen.has(`${name} (${n})`)) n++;
      name = `${name} (${n})`;
      entry.option.name = name;
    }
    seen.set(name, entry.index);
  }
  return read.map((entry) => entry.option);
}

function readOption(r: Reader, node: Node, path: string): OptionSpec | undefined {
  const f = r.map(node, path, OPTION_KEYS, 'an option such as "api: openai/gpt-4o-mini"');
  if (!f) return undefined;
  const kinds = OPTION_KINDS.filter((k) => f.has(k));
  if (kinds.length !== 1) {
    return r.problem(node, path, kinds.length === 0 ? 'needs one of api, self_host or serverless' : `has both ${kinds.join(' and ')}: list them as separate options`);
  }
  const kind = kinds[0]!;
  const explicitName = r.string(f.get('name'), `${path}.name`);
  const location = r.locate(node);
  if (kind !== 'api' && f.has('batch')) r.problem(f.get('batch'), `${path}.batch`, 'batch applies to api options only');
  if (kind !== 'api' && f.has('service_tier')) r.problem(f.get('service_tier'), `${path}.service_tier`, 'service_tier applies to api options only');
  if (kind !== 'api' && f.has('cache_hit')) r.problem(f.get('cache_hit'), `${path}.cache_hit`, 'cache_hit applies to api options only');
  if (kind !== 'self_host' && f.has('fallback')) r.problem(f.get('fallback'), `${path}.fallback`, 'fallback applies to self_host options only (a hybrid)');

  if (kind === 'api') {
    const model = readApiModelRef(r, f.get('api'), `${path}.api`);
    const batch = r.boolean(f.get('batch'), `${path}.batch`) ?? false;
    const cacheHit = r.number(f.get('cache_hit'), `${path}.cache_hit`, 'share', { ranged: true });
    const serviceTier = r.string(f.get('service_tier'), `${path}.service_tier`, SERVICE_TIERS) as ServiceTierName | undefined;
    if (serviceTier && batch) r.problem(f.get('service_tier'), `${path}.service_tier`, 'batch requests have no service tier: give one or the other', 'list them as two options');
    if (!model) return undefined;
    const modelName = model.kind === 'catalogue' ? model.id : model.model.name;
    const variant = serviceTier ? ` (${serviceTier})` : batch ? ' (batch)' : '';
    return { kind, name: explicitName ?? `${modelName}${variant}`, model, batch, ...(serviceTier ? { serviceTier } : {}), cacheHit, location } satisfies ApiOption;
  }
  if (kind === 'self_host') return readSelfHost(r, f, path, explicitName, location);
  return readServerless(r, f, path, explicitName, location);
}

export function readApiModelRef(r: Reader, node: Node | undefined, path: string): ApiModelRef | undefined {
  if (node === undefined) return undefined;
  // With the path, a model given by --model is located at the flag (an unknown one names --model).
  const location = r.locate(node, path);
  if (isScalar(node)) {
    const id = r.string(node, path);
    if (id !== undefined) r.models.push({ id, path, location });
    return id === undefined ? undefined : { kind: 'catalogue', id, location };
  }
  const f = r.map(node, path, INLINE_API_KEYS, 'a model name such as openai/gpt-4o-mini, or an inline model {name, input, output}');
  const model = f && readInlineApiModel(r, f, path);
  return model && { kind: 'inline', model, location };
}

/** The price keys of an inline API model (also the format of pricing/api-models.yaml). */
export function readInlineApiModel(r: Reader, f: Fields, path: string): InlineApiModel | undefined {
  const price = (key: string, p = path) => r.number(f.get(key), `${p}.${key}`, 'money');
  const name = r.string(r.need(f, 'name'), `${path}.name`);
  const inputPerMtok = price('input');
  // A price per token where one per 1M tokens belongs (LiteLLM's unit) is off by a million.
  for (const key of ['input', 'output', 'cached_input', 'cache_write']) {
    const node = f.get(key);
    const value = isScalar(node) && typeof node.value === 'number' ? node.value : undefined;
    if (value !== undefined && value > 0 && value < PER_MTOK_FLOOR) {
      r.problem(f.get(key), `${path}.${key}`, `${value} looks like a price per token`, 'prices are per 1M tokens: multiply by 1,000,000');
    }
  }
  const outputPerMtok = price('output');
  if (!f.has('input')) r.need(f, 'input', ' (price per 1M input tokens)');
  if (!f.has('output')) r.need(f, 'output', ' (price per 1M output tokens)');
  const tiers: InlineTier[] = [];
  let tierNodes = f.has('tiers') ? r.list(f.get('tiers'), `${path}.tiers`) ?? [] : [];
  // Every call of the option looks through them: a few are real, thousands only cost time.
  if (tierNodes.length > MAX_TIERS_PER_MODEL) {
    const message = `a model has at most ${MAX_TIERS_PER_MODEL} price tiers, this one has ${groupDigits(tierNodes.length, 0)}`;
    r.problems.push({ location: r.locations.get(`${path}.tiers`) ?? r.locate(f.get('tiers')), path: `${path}.tiers`, message });
    tierNodes = [];
  }
  tierNodes.forEach((tierNode, i) => {
    const tp = `${path}.tiers[${i}]`;
    const t = r.map(tierNode, tp, TIER_KEYS);
    if (!t) return;
    const above = r.number(r.need(t, 'above', ' (prompt tokens above which this tier applies)'), `${tp}.above`, 'tokens');
    const tierPrice = (key: string) => r.number(t.get(key), `${tp}.${key}`, 'money');
    if (above !== undefined) {
      tiers.push({
        aboveTokens: above,
        inputPerMtok: tierPrice('input'),
        outputPerMtok: tierPrice('output'),
        cachedInputPerMtok: tierPrice('cached_input'),
        cacheWritePerMtok: tierPrice('cache_write'),
      });
    }
  });
  tiers.sort((a, b) => a.aboveTokens - b.aboveTokens);
  if (name === undefined || inputPerMtok === undefined || outputPerMtok === undefined) return undefined;
  const model: InlineApiModel = {
    name,
    inputPerMtok,
    outputPerMtok,
    cachedInputPerMtok: price('cached_input'),
    cacheWritePerMtok: price('cache_write'),
    perRequestFee: price('per_request') ?? 0,
    batchDiscount: r.number(f.get('batch_discount'), `${path}.batch_discount`, 'share'),
    contextWindow: r.number(f.get('context_window'), `${path}.context_window`, 'positive'),
    tiers,
  };
  return model;
}

function readBudget(r: Reader, node: Node, options: OptionSpec[]): Budget | undefined {
  const f = r.map(node, 'budget', BUDGET_KEYS);
  if (!f) return undefined;
  const currencies: NonNullable<Budget['currencies']> = {};
  const money = (key: 'monthly' | 'per_request' | 'per_session' | 'per_user') => {
    const node = f.get(key);
    const path = `budget.${key}`;
    let value: number | undefined;
    // `$40`, `40 USD`, `€35`: an amount with its currency, converted by the check when it is not the report's.
    const written = isScalar(node) && typeof node.value === 'string' ? parseMoneyText(node.value) : undefined;
    if (isScalar(node) && typeof node.value === 'string' && written === undefined && /[$€£a-z]/i.test(node.value)) {
      return r.problem(node, path, `must be an amount of money, got '${node.value}'`, `write a number in the scenario's currency, e.g. 40, or with its currency: $40, 40 USD, €35`);
    }
    if (written?.currency !== undefined) {
      if (written.amount < 0) return r.problem(node, path, `must not be negative, got '${(node as { value: string }).value}'`);
      value = written.amount;
      currencies[key] = written.currency;
    } else value = r.number(node, path, 'money');
    // Any cost is over a budget of 0, by "Infinity%" of it: no limit was meant.
    if (value === 0) r.problem(node, path, 'must be greater than 0, got 0', 'a budget of 0 is over at any cost; leave the limit out to set none');
    // A cost over 5e-324 is more than 1e308 times it: the share of the budget would be Infinity.
    else if (value !== undefined && value < MIN_BUDGET) {
      r.problem(node, path, `must be at least ${MIN_BUDGET}, got ${value}`, 'a limit this small is over at any cost; leave the limit out to set none');
    }
    return value;
  };
  const option = r.string(f.get('option'), 'budget.option') ?? 'cheapest';
  const names = options.map((o) => o.name);
  if (option !== 'cheapest' && options.length > 0 && !names.includes(option)) {
    const choices = ['cheapest', ...names];
    r.problem(f.get('option'), 'budget.option', `no option is named '${clip(option)}'`, didYouMean(option, choices) ?? `options: ${choices.slice(0, 12).map(clip).join(', ')}${choices.length > 12 ? ', ...' : ''}`);
  }
  const budget: Budget = {
    monthly: money('monthly'),
    perRequest: money('per_request'),
    perSession: money('per_session'),
    perUser: money('per_user'),
    maxTier: readMaxTier(r, f.get('max_tier')),
    option,
    warnAt: r.number(f.get('warn_at'), 'budget.warn_at', 'share') ?? 0.8,
    location: r.locate(node),
    ...(Object.keys(currencies).length > 0 ? { currencies } : {}),
  };
  // A limit written but refused has its own problem already: this one is for a budget with none written.
  if ((['monthly', 'per_request', 'per_session', 'per_user', 'max_tier'] as const).every((key) => f.get(key) === undefined)) {
    r.problem(node, 'budget', 'sets no limit: give monthly, per_request, per_session, per_user or max_tier');
  }
  return budget;
}

/** `max_tier: 3`: a whole tier number, 1 = the lowest paid tier. */
function readMaxTier(r: Reader, node: Node | undefined): number | undefined {
  // 0, -1 and 2.5 all get the one message that says what a tier is; words, the reader's own.
  const raw = isScalar(node) ? node.value : undefined;
  if (typeof raw === 'number' && (raw < 1 || !Number.isInteger(raw))) {
    return r.problem(node, 'budget.max_tier', `must be a whole rate-limit tier of at least 1 (the lowest paid tier), got ${raw}`, 'e.g. max_tier: 3');
  }
  return r.number(node, 'budget.max_tier', 'integer');
}
