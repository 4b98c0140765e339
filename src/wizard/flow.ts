// The wizard's questions, in order: what the feature is, traffic, token sizes, the ways of serving it
// (APIs, self-hosting, serverless), a budget; then the estimate, and a menu to save, change an
// answer or quit. Everything it asks goes through a Prompter; everything it shows through print.

import { isAbsolute, relative, resolve } from 'node:path';
import type { PresetFigure } from '../presets.js';
import { typicalNote } from './typical.js';
import { DEFAULT_MIN_TOKENS_PER_SECOND } from '../scenario/parse-deployment.js';
import type { SelfHostCatalogue } from '../catalogue/selfhost-file.js';
import type { Catalogue } from '../catalogue/types.js';
import { expandWorkload } from '../engine/workload.js';
import { formatProblem, UserError } from '../errors.js';
import { estimateRenderers } from '../formats/index.js';
import { terminalText } from '../formats/terminal-text.js';
import { formatCount, formatCountOf, formatMoney, formatShare, formatTokens } from '../formats/numbers.js';
import type { EstimateReport, OptionReport } from '../report.js';
import { readScenarioText } from '../scenario/parse.js';
import type { Scenario } from '../scenario/types.js';
import {
  DEFAULT_EMBEDDING_MODEL,
  DEFAULT_QUANT,
  DEFAULT_SELF_HOST_MODEL,
  freshAnswers,
  PRESET_OF_KIND,
  typicalFigures,
  KIND_DEFAULTS,
  kindOf,
  workloadDefaults,
  type Answers,
  type Fields,
  type OptionAnswer,
  type SelfHostAnswer,
  type ServerlessAnswer,
  type WorkloadKind,
} from './answers.js';
import {
  apiSearch,
  describeApi,
  describeOffer,
  DONE,
  findApiEntry,
  findModel,
  findQuant,
  gib,
  isEmbeddingModel,
  modelSearch,
  NONE,
  offerChoice,
  offerFits,
  quantChoices,
} from './choices.js';
import { evaluateScenario, type Evaluation } from './evaluate.js';
import { countPromptFile, looksLikeFile } from './prompt-files.js';
import type { Choice, Prompter } from './prompter.js';
import { pricingFlagsText, renderBody, renderScenario, shellWord, type RenderContext } from './render.js';
import { checkNumber, checkText, numberValidator, type NumberRule } from './validate.js';

export interface FlowContext {
  prompter: Prompter;
  /** Text for the person (the estimate table, notes); newlines included. */
  print: (text: string) => void;
  catalogue: Catalogue;
  selfHost: SelfHostCatalogue;
  /** YYYY-MM-DD: the date whose prices apply (--today, else the day it runs). */
  today: string;
  /** The day it runs, for what is dated by it (the file's "described on", a count of a prompt file); `today` when not given. */
  writtenOn?: string;
  /** The --pricing, --fx and --today flags it was given, as words: the saved file says to run estimate with them. */
  pricingArgs?: string[];
  color: boolean;
  /** Columns the estimate table may take (the terminal's width); undefined: no limit. */
  width?: number;
  /** The chosen kind's typical figures by question id (set by the flow as the kind is chosen). */
  typical?: Map<string, PresetFigure>;
  /** The $schema reference for a file saved at a path (relative to it), for editors. */
  schemaFor?: (file: string) => string;
  /** -o: where to save (asked at the end otherwise). */
  out: string | undefined;
  /** --from: the file the answers started from. */
  from: string | undefined;
  /** What is at a path: a file, a folder, or nothing (undefined). */
  exists: (file: string) => 'file' | 'folder' | undefined;
  /** Writes all of the text or nothing; throws UserError with the reason it cannot. */
  write: (file: string, text: string) => void;
}

export interface FlowResult {
  /** 0: saved or quit. */
  code: number;
  /** The file written, its text, and the estimate the wizard showed for it. */
  file?: string;
  text?: string;
  report?: EstimateReport;
}

type Step = 'traffic' | 'workload' | 'options' | 'budget';
type MenuChoice = 'save' | Step | 'quit';

const KIND_CHOICES: Choice<WorkloadKind>[] = [
  { value: 'chat', short: 'chat', name: 'Chat: a conversation, one model call per message', description: 'a support bot, an assistant, a copilot chat' },
  { value: 'rag', short: 'RAG', name: 'RAG: answers from retrieved documents', description: 'search or Q&A over your documents: each query sends the chunks it retrieved' },
  { value: 'agent', short: 'agent loop', name: 'Agent loop: many model calls per task, with tools', description: 'a coding or research agent: each round reads the context so far' },
];

const REQUESTS: Record<WorkloadKind, string> = { chat: 'Messages (exchanges)', rag: 'Queries', agent: 'Agent tasks' };

export async function runWizardFlow(ctx: FlowContext, initial?: Answers): Promise<FlowResult> {
  const a: Answers = initial ? cloneAnswers(initial) : freshAnswers('chat');
  ctx.print(
    'llm-tco wizard: describe an LLM feature in a few questions and see what each way of serving it costs a month.\n' +
      'Enter accepts the default shown in (brackets); numbers accept 12k, 1.5M, 8% and ranges like 400..900; ' +
      'a token size may be a prompt file, which is counted. ' +
      'Ctrl-C quits without writing anything.\n' +
      (ctx.from ? `Starting from ${ctx.from}: its values are the defaults.\n` : '') +
      '\n',
  );
  await askFeature(ctx, a);
  ctx.typical = typicalFigures(kindOf(a));
  await askTraffic(ctx, a);
  await askWorkload(ctx, a);
  await askOptions(ctx, a);
  await askBudget(ctx, a);

  for (;;) {
    const evaluation = evaluateScenario(renderBody(a, renderContext(ctx, ctx.out ?? 'scenario.yaml')), ctx.out ?? 'the answers', ctx);
    show(ctx, evaluation);
    const next = await ctx.prompter.select<MenuChoice>({
      id: 'review',
      message: 'What next?',
      choices: [
        { value: 'save', name: 'Save the scenario', ...(evaluation.ok ? {} : { disabled: 'fix the problems above first' }) },
        { value: 'traffic', name: 'Change traffic (users, sessions, requests, peak)' },
        { value: 'workload', name: 'Change workload (kind, token sizes)' },
        { value: 'options', name: 'Change options (APIs, self-hosting, serverless)' },
        { value: 'budget', name: 'Change budget' },
        { value: 'quit', name: 'Quit without saving' },
      ],
      default: evaluation.ok ? 'save' : 'workload',
    });
    switch (next) {
      case 'save': {
        if (!evaluation.ok) break;
        const saved = await save(ctx, a, evaluation.report);
        if (saved) return saved;
        break;
      }
      case 'traffic':
        await askTraffic(ctx, a);
        break;
      case 'workload':
        await askFeature(ctx, a);
        await askWorkload(ctx, a);
        break;
      case 'options':
        await askOptions(ctx, a);
        break;
      case 'budget':
        await askBudget(ctx, a);
        break;
      case 'quit':
        ctx.print('Quit: nothing was written.\n');
        return { code: 0 };
    }
  }
}

function cloneAnswers(a: Answers): Answers {
  return {
    ...a,
    traffic: new Map(a.traffic),
    workload: new Map(a.workload),
    budget: new Map(a.budget),
    notes: new Map(a.notes),
    promptFiles: new Map(a.promptFiles),
    options: a.options.map((o) => (o.kind === 'api' ? { ...o, extra: new Map(o.extra) } : { ...o })),
  };
}

function renderContext(ctx: FlowContext, file: string): RenderContext {
  return {
    file,
    today: ctx.today,
    ...(ctx.writtenOn === undefined ? {} : { writtenOn: ctx.writtenOn }),
    ...(ctx.pricingArgs === undefined ? {} : { pricingArgs: ctx.pricingArgs }),
    ...(ctx.schemaFor === undefined ? {} : { schema: ctx.schemaFor(file) }),
    describeApi: (id) => {
      const entry = findApiEntry(ctx.catalogue, id);
      return entry ? `${describeApi(entry, ctx.today)} (list price as of ${entry.asOf ?? 'unknown'})` : undefined;
    },
    describeOffer: (id) => {
      const offer = ctx.selfHost.offers.find((o) => o.id === id);
      return offer ? describeOffer(offer) : undefined;
    },
    describeModel: (id) => {
      const model = findModel(ctx.selfHost, id);
      return model ? `open-weight model: ${model.name}` : undefined;
    },
    describeQuant: (id) => {
      const quant = findQuant(ctx.selfHost, id);
      return quant ? `weight quantisation: ${quant.bitsPerWeight.toFixed(2)} bits a weight` : undefined;
    },
  };
}

// ---- Questions ---------------------------------------------------------------------------------

/**
 * Asks for a number until it passes the loader's rule; stores its YAML text (or removes the key).
 * The default is the current value, else `fallback`: the loader's own default for a key a --from
 * file left out (so Enter keeps what the file meant).
 */
async function askNumber(
  ctx: FlowContext,
  fields: Fields,
  key: string,
  id: string,
  message: string,
  rule: NumberRule,
  fallback?: string,
): Promise<number | undefined> {
  const current = fields.get(key) ?? fallback;
  const typical = typicalNote(ctx.typical?.get(id), current);
  for (;;) {
    const text = await ctx.prompter.number({
      id,
      message: typical ? `${message} [${typical}]` : message,
      ...(current !== undefined ? { default: current } : {}),
      validate: numberValidator(rule),
    });
    const checked = checkNumber(text === '' && current !== undefined ? current : text, rule);
    if (!checked.ok) {
      ctx.print(`  ${terminalText(checked.reason)}\n`);
      continue;
    }
    if (checked.text === undefined) fields.delete(key);
    else fields.set(key, checked.text);
    return checked.value;
  }
}

/**
 * A token size: a number, or a prompt file whose tokens are counted (the count is written, and the
 * file named in the key's comment).
 */
async function askTokens(ctx: FlowContext, a: Answers, key: string, message: string, fallback?: string): Promise<void> {
  const id = `workload.${key}`;
  const fields = a.workload;
  const kept = a.promptFiles.get(key);
  // A key answered with a file offers the file again (Enter keeps it, and counts it anew).
  const current = kept !== undefined ? typedPath(kept) : (fields.get(key) ?? fallback);
  const numberOk = numberValidator(TOKENS);
  const validate = (text: string): true | string => {
    const answer = text === '' && current !== undefined ? current : text;
    const verdict = numberOk(answer);
    if (verdict === true) return true;
    if (!looksLikeFile(answer)) return `${verdict}; or give a prompt file to count`;
    const counted = countPromptFile(answer);
    return counted.ok ? true : counted.reason;
  };
  const typical = kept === undefined ? typicalNote(ctx.typical?.get(id), current) : undefined;
  for (;;) {
    const text = await ctx.prompter.number({ id, message: `${message}; or a prompt file to count${typical ? ` [${typical}]` : ''}`, ...(current !== undefined ? { default: current } : {}), validate });
    const answer = text === '' && current !== undefined ? current : text;
    const checked = checkNumber(answer, TOKENS);
    if (checked.ok && checked.text !== undefined) {
      fields.set(key, checked.text);
      a.promptFiles.delete(key);
      if (checked.text !== current) a.notes.delete(id);
      return;
    }
    const counted = looksLikeFile(answer) ? countPromptFile(answer) : undefined;
    if (!counted?.ok) {
      ctx.print(`  ${terminalText(counted?.reason ?? (checked.ok ? 'an answer is needed here' : checked.reason))}\n`);
      continue;
    }
    fields.set(key, String(counted.tokens));
    a.promptFiles.set(key, resolve(counted.file));
    a.notes.set(id, `${formatCount(counted.tokens)} tokens on ${ctx.writtenOn ?? ctx.today} (${counted.encoding}); counted again each run`);
    ctx.print(`  ${terminalText(counted.file)}: ${formatCount(counted.tokens)} tokens (${counted.encoding}); the scenario names the file, so a check sees it grow\n`);
    return;
  }
}

/** A kept prompt file as the person would type it here: relative to the working folder when below it. */
function typedPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

const COUNT: NumberRule = { kind: 'count' };
const TRAFFIC: NumberRule = { kind: 'traffic' };
const TOKENS: NumberRule = { kind: 'tokens' };
const SHARE: NumberRule = { kind: 'share' };

async function askFeature(ctx: FlowContext, a: Answers): Promise<void> {
  const before = kindOf(a);
  const kind = await ctx.prompter.select<WorkloadKind>({ id: 'kind', message: 'What are you building?', choices: KIND_CHOICES, default: before });
  ctx.typical = typicalFigures(kind);
  ctx.print(`  Defaults marked [typical] are the ${PRESET_OF_KIND[kind]} preset's figures, each with its public source (docs/quick-answers.md#usage-presets); the others are examples.\n`);
  if (kind !== before) {
    a.workload = workloadDefaults(kind);
    if (a.name === KIND_DEFAULTS[before].name) a.name = KIND_DEFAULTS[kind].name;
    if (!ctx.from && a.traffic.size === KIND_DEFAULTS[before].traffic.length && sameFields(a.traffic, new Map(KIND_DEFAULTS[before].traffic))) {
      a.traffic = new Map(KIND_DEFAULTS[kind].traffic);
    }
  }
  a.name = (
    await ctx.prompter.input({ id: 'name', message: 'A name for it (the report’s title)', default: a.name, validate: (t) => checkText(t, 'the name') })
  ).trim() || a.name;
}

function sameFields(x: Fields, y: Fields): boolean {
  return [...x].every(([k, v]) => y.get(k) === v);
}

async function askTraffic(ctx: FlowContext, a: Answers): Promise<void> {
  const t = a.traffic;
  const kind = kindOf(a);
  ctx.print('\nTraffic: how much it is used.\n');
  if (t.has('requests_per_month') && !t.has('users')) {
    await askNumber(ctx, t, 'requests_per_month', 'traffic.requests_per_month', `${REQUESTS[kind]} a month, all users together`, TRAFFIC);
  } else {
    await askNumber(ctx, t, 'users', 'traffic.users', 'Monthly active users (people a month)', TRAFFIC);
    await askNumber(ctx, t, 'sessions_per_user', 'traffic.sessions_per_user', 'Sessions per user per month (visits; an average like 2.5 is fine)', TRAFFIC, '1');
  }
  await askNumber(ctx, t, 'requests_per_session', 'traffic.requests_per_session', `${REQUESTS[kind]} per session`, { kind: 'positive' }, '1');
  await askNumber(ctx, t, 'peak_factor', 'traffic.peak_factor', 'Peak factor: busiest-hour rate / average rate (at least 1; sizes self-hosted servers)', { kind: 'positive', min: 1 }, '1');
}

async function askWorkload(ctx: FlowContext, a: Answers): Promise<void> {
  const w = a.workload;
  const kind = kindOf(a);
  ctx.print('\nWorkload: the tokens each request sends and receives (counts of tokens; about 4 characters of English each).\n');
  switch (kind) {
    case 'chat': {
      await askTokens(ctx, a, 'system_prompt', 'System prompt (tokens, sent first on every call)', '0');
      await askTokens(ctx, a, 'input', 'User message (tokens per exchange)');
      await askTokens(ctx, a, 'output', 'Model reply (tokens per exchange)');
      await askHistory(ctx, w);
      break;
    }
    case 'rag':
      await askTokens(ctx, a, 'system_prompt', 'System prompt (tokens, sent first on every query)', '0');
      await askTokens(ctx, a, 'input', 'User query (tokens per query)');
      await askNumber(ctx, w, 'retrieved.chunks', 'workload.retrieved.chunks', 'Chunks retrieved per query (a count)', COUNT);
      await askTokens(ctx, a, 'retrieved.tokens_per_chunk', 'Tokens per chunk');
      await askTokens(ctx, a, 'output', 'Model answer (tokens per query)');
      await askEmbedding(ctx, a);
      break;
    case 'agent': {
      await askNumber(ctx, w, 'rounds', 'workload.rounds', 'Rounds per task (model calls in one run of the loop)', { kind: 'positive' });
      const growing = await ctx.prompter.select<'fixed' | 'growing'>({
        id: 'workload.agent_prompt',
        message: 'How big is each round’s prompt?',
        choices: [
          { value: 'fixed', name: 'A fixed average size per round', description: 'input_per_round: the whole context one round reads, on average' },
          { value: 'growing', name: 'Growing: each round adds the last output and tool result', description: 'system prompt + tool schema + task, plus everything earlier rounds produced' },
        ],
        default: w.has('input_per_round') || !w.has('tool_result') ? 'fixed' : 'growing',
      });
      if (growing === 'fixed') {
        // One average size stands for the whole prompt: the growing prompt's parts would only confuse.
        for (const key of ['system_prompt', 'tool_schema', 'input', 'tool_result', 'context_limit']) {
          w.delete(key);
          a.promptFiles.delete(key);
        }
        // An example (the seed code-review agent's 40K), not a typical figure.
        if (!w.has('input_per_round')) w.set('input_per_round', '40k');
        await askTokens(ctx, a, 'input_per_round', 'Prompt per round (tokens: the context each call reads)');
      } else {
        w.delete('input_per_round');
        // The coding-agent preset's sizes (typical, an estimate) where a fixed-size answer left none.
        const agent = typicalFigures('agent');
        for (const key of ['system_prompt', 'tool_schema', 'input', 'tool_result']) {
          if (!w.has(key)) w.set(key, agent.get(`workload.${key}`)!.value);
        }
        await askTokens(ctx, a, 'system_prompt', 'System prompt (tokens, sent first every round)');
        await askTokens(ctx, a, 'tool_schema', 'Tool definitions (tokens, sent every round)');
        await askTokens(ctx, a, 'input', 'Task description (tokens, once per task)');
        await askTokens(ctx, a, 'tool_result', 'Tool output per round (tokens, fed into the next round)');
        await askNumber(ctx, w, 'context_limit', 'workload.context_limit', 'Context limit (tokens a prompt is capped at; blank for none)', { kind: 'positive', optional: true });
      }
      await askTokens(ctx, a, 'output', 'Model output per round (tokens)');
      break;
    }
  }
  await askNumber(ctx, w, 'cache_hit', 'workload.cache_hit', 'Prompt-cache hit rate (share of the repeated prompt prefix read from cache, 0%..100%)', SHARE, '0%');
}

async function askHistory(ctx: FlowContext, w: Fields): Promise<void> {
  const current = w.get('history') ?? 'full';
  const kind = current === 'none' ? 'none' : current === 'full' ? 'full' : 'last';
  const choice = await ctx.prompter.select<'none' | 'full' | 'last'>({
    id: 'workload.history',
    message: 'Does each message resend the conversation so far?',
    choices: [
      { value: 'none', name: 'No: each exchange stands alone', description: 'history: none (cheapest; one-shot questions)' },
      { value: 'full', name: 'Yes, the whole conversation', description: 'history: full (what most chat apps do; later messages cost more)' },
      { value: 'last', name: 'Only the last few exchanges', description: 'history: {last: N}' },
    ],
    default: kind,
  });
  if (choice !== 'last') {
    w.set('history', choice);
    return;
  }
  const last = new Map<string, string>([['last', /\d+/.exec(current)?.[0] ?? '3']]);
  await askNumber(ctx, last, 'last', 'workload.history.last', 'Exchanges kept (a whole number)', { kind: 'integer', ranged: false });
  w.set('history', `{ last: ${last.get('last')} }`);
}

async function askEmbedding(ctx: FlowContext, a: Answers): Promise<void> {
  const w = a.workload;
  const has = w.has('embedding.model');
  const want = await ctx.prompter.confirm({ id: 'workload.embedding', message: 'Count embedding costs (each query, and re-indexing the corpus)?', default: has });
  if (!want) {
    for (const key of [...w.keys()]) if (key.startsWith('embedding.')) w.delete(key);
    return;
  }
  const current = w.get('embedding.model') ?? DEFAULT_EMBEDDING_MODEL;
  const inline = current.startsWith('{');
  if (!inline) {
    const model = await ctx.prompter.search<string>({
      id: 'workload.embedding.model',
      message: 'Embedding model (type to filter; prices per 1M tokens)',
      source: apiSearch(ctx.catalogue, ctx.today, { exclude: new Set(), suggested: [current, DEFAULT_EMBEDDING_MODEL], filter: isEmbeddingModel }),
    });
    w.set('embedding.model', model);
  }
  if (!w.has('embedding.corpus_tokens')) w.set('embedding.corpus_tokens', '5M');
  if (!w.has('embedding.reindex_per_month')) w.set('embedding.reindex_per_month', '4');
  await askNumber(ctx, w, 'embedding.corpus_tokens', 'workload.embedding.corpus_tokens', 'Corpus size (tokens embedded at each re-index; 5M is fine)', TOKENS);
  await askNumber(ctx, w, 'embedding.reindex_per_month', 'workload.embedding.reindex_per_month', 'Re-indexes a month (0 if the corpus is embedded once)', COUNT);
}

async function askOptions(ctx: FlowContext, a: Answers): Promise<void> {
  ctx.print('\nOptions: the ways of serving it to compare.\n');
  const editable = a.options.filter((o) => o.kind === 'api' || o.kind === 'kept');
  if (editable.length > 0) {
    const keep = await ctx.prompter.checkbox<number>({
      id: 'options.keep',
      message: 'Keep which of these? (space toggles, Enter confirms)',
      choices: editable.map((o, i) => ({ value: i, name: optionLabel(o), checked: true })),
    });
    a.options = a.options.filter((o) => (o.kind !== 'api' && o.kind !== 'kept') || keep.includes(editable.indexOf(o)));
  }
  await askApis(ctx, a);
  await askSelfHost(ctx, a);
  await askServerless(ctx, a);
  if (a.options.length === 0) {
    ctx.print('Nothing to compare yet: choose at least one API, or self-hosting, or serverless.\n');
    await askOptions(ctx, a);
    return;
  }
  // A budget bound to an option that is gone would make the scenario invalid: bind the cheapest.
  const bound = a.budget.get('option');
  if (bound !== undefined && bound !== 'cheapest') {
    const names = optionNames(ctx, a);
    if (names && !names.includes(bound.replace(/^(['"])(.*)\1$/, '$2'))) {
      a.budget.delete('option');
      ctx.print(`  The budget was for ${terminalText(bound)}, which is no longer an option: it now applies to the cheapest.\n`);
    }
  }
}

/** The options' names as the loader gives them (undefined if the answers do not read yet). */
function optionNames(ctx: FlowContext, a: Answers): string[] | undefined {
  const reading = readScenarioText(renderBody({ ...a, budget: new Map() }, { file: 'probe', today: ctx.today }), { file: 'probe' });
  return reading.scenario?.options.map((o) => o.name);
}

function optionLabel(o: OptionAnswer): string {
  switch (o.kind) {
    case 'api':
      return o.extra.get('name') ?? `${o.id}${o.extra.get('batch') === 'true' ? ' (batch)' : ''}`;
    case 'kept':
      return `${o.label} (as in the file)`;
    case 'self_host':
      return `self-host ${o.model} ${o.quant} on ${o.hardware}`;
    case 'serverless':
      return `serverless ${o.model} ${o.quant} on ${o.hardware}`;
  }
}

async function askApis(ctx: FlowContext, a: Answers): Promise<void> {
  const total = ctx.catalogue.apiModels.filter((e) => !isEmbeddingModel(e)).length;
  for (;;) {
    const chosen = a.options.filter((o) => o.kind === 'api').map((o) => o.id);
    const none = chosen.length === 0;
    const pick = await ctx.prompter.search<string>({
      id: 'options.api',
      message: none
        ? `Which API model to compare? Type to filter ${formatCountOf(total, 'model')} (e.g. "sonnet"; "none" for no API); prices per 1M tokens`
        : `Add another API (type to filter), or Enter on "Done"`,
      source: apiSearch(ctx.catalogue, ctx.today, {
        exclude: new Set(chosen),
        suggested: KIND_DEFAULTS[kindOf(a)].apis,
        filter: (e) => !isEmbeddingModel(e),
        top: none ? [] : [{ value: DONE, name: `Done: compare ${chosen.join(', ')}`, short: 'done' }],
        bottom: none ? [{ value: NONE, name: 'None: no API, compare self-hosting or serverless only', short: 'none' }] : [],
      }),
    });
    if (pick === DONE || pick === NONE || pick === '') return;
    const lastApi = a.options.map((o) => o.kind).lastIndexOf('api');
    a.options.splice(lastApi + 1, 0, { kind: 'api', id: pick, extra: new Map() });
  }
}

async function askSelfHost(ctx: FlowContext, a: Answers): Promise<void> {
  const index = a.options.findIndex((o) => o.kind === 'self_host');
  const current = index >= 0 ? (a.options[index] as SelfHostAnswer) : undefined;
  const want = await ctx.prompter.confirm({
    id: 'options.self_host',
    message: 'Also price self-hosting an open-weight model on a rented server (monthly rent + upkeep)?',
    default: current !== undefined,
  });
  if (!want) {
    if (index >= 0) a.options.splice(index, 1);
    return;
  }
  const serverless = a.options.find((o): o is ServerlessAnswer => o.kind === 'serverless');
  const deployment = await askDeployment(ctx, a, 'rent', current ?? serverless);
  const ops: Fields = new Map([['ops_hours', current?.opsHours ?? '2'], ['ops_rate', current?.opsRate ?? '60']]);
  const hours = await askNumber(ctx, ops, 'ops_hours', 'self_host.ops_hours', 'Upkeep (hours of someone’s work a month: patching, watching it)', COUNT);
  if (hours !== undefined && hours > 0) {
    await askNumber(ctx, ops, 'ops_rate', 'self_host.ops_rate', `Cost of an hour of upkeep (${a.currency})`, { kind: 'money' });
  } else ops.delete('ops_rate');
  const answer: SelfHostAnswer = { kind: 'self_host', ...deployment, opsHours: ops.get('ops_hours')!, opsRate: ops.get('ops_rate') };
  if (index >= 0) a.options[index] = answer;
  else a.options.push(answer);
}

async function askServerless(ctx: FlowContext, a: Answers): Promise<void> {
  const index = a.options.findIndex((o) => o.kind === 'serverless');
  const current = index >= 0 ? (a.options[index] as ServerlessAnswer) : undefined;
  const want = await ctx.prompter.confirm({
    id: 'options.serverless',
    message: 'Also price a serverless GPU (billed per second of use, plus cold starts)?',
    default: current !== undefined,
  });
  if (!want) {
    if (index >= 0) a.options.splice(index, 1);
    return;
  }
  const selfHost = a.options.find((o): o is SelfHostAnswer => o.kind === 'self_host');
  const deployment = await askDeployment(ctx, a, 'serverless', current ?? selfHost);
  const cold: Fields = new Map([['cold_starts_per_day', current?.coldStartsPerDay ?? '24']]);
  const starts = await askNumber(ctx, cold, 'cold_starts_per_day', 'serverless.cold_starts_per_day', 'Cold starts a day (times the model is loaded again after scaling to zero)', COUNT);
  const offer = ctx.selfHost.offers.find((o) => o.id === deployment.hardware);
  if (starts !== undefined && starts > 0 && offer?.coldStartSeconds === undefined) {
    cold.set('cold_start_seconds', current?.coldStartSeconds ?? '20');
    await askNumber(ctx, cold, 'cold_start_seconds', 'serverless.cold_start_seconds', 'Seconds each cold start is billed (loading the model)', COUNT);
  }
  const answer: ServerlessAnswer = {
    kind: 'serverless',
    ...deployment,
    coldStartsPerDay: cold.get('cold_starts_per_day')!,
    coldStartSeconds: cold.get('cold_start_seconds'),
  };
  if (index >= 0) a.options[index] = answer;
  else a.options.push(answer);
}

/** Model, quantisation, and an offer of `kind` that holds them at the workload's context. */
async function askDeployment(
  ctx: FlowContext,
  a: Answers,
  kind: 'rent' | 'serverless',
  current: { model: string; quant: string; hardware: string } | undefined,
): Promise<{ model: string; quant: string; hardware: string }> {
  const contextTokens = contextTokensOf(ctx, a);
  const prefix = kind === 'rent' ? 'self_host' : 'serverless';
  let modelId = current?.model ?? DEFAULT_SELF_HOST_MODEL;
  let quantId = current?.quant ?? DEFAULT_QUANT;
  for (;;) {
    modelId = await ctx.prompter.search<string>({
      id: `${prefix}.model`,
      message: 'Open-weight model to run (type to filter)',
      source: modelSearch(ctx.selfHost, modelId),
    });
    quantId = await ctx.prompter.select<string>({
      id: `${prefix}.quant`,
      message: 'Quantisation of its weights (fewer bits: less memory, some quality lost)',
      choices: quantChoices(ctx.selfHost),
      default: findQuant(ctx.selfHost, quantId)?.id ?? DEFAULT_QUANT,
    });
    const model = findModel(ctx.selfHost, modelId)!;
    const quant = findQuant(ctx.selfHost, quantId)!;
    const fits = offerFits(ctx.selfHost, ctx.catalogue, model, quant, contextTokens, kind);
    const fitting = fits.filter((f) => f.fits);
    const what = `${model.id} ${quant.id} with ${formatTokens(contextTokens)} tokens of context (the longest call)`;
    if (fitting.length === 0) {
      const smallest = Math.min(...fits.map((f) => f.needBytes));
      ctx.print(`  No ${kind === 'rent' ? 'rented' : 'serverless'} offer in the catalogue holds ${what}: it needs ${gib(smallest)} GiB or more. Choose a smaller model or quantisation.\n`);
      continue;
    }
    const fast = fitting.filter((f) => f.tokensPerSecond !== null && f.tokensPerSecond >= DEFAULT_MIN_TOKENS_PER_SECOND).length;
    ctx.print(
      `  ${fitting.length} of ${fits.length} ${kind === 'rent' ? 'rented' : 'serverless'} offers hold ${what}; only those are listed: ` +
        `${fast === fitting.length ? 'cheapest first' : `the ${fast} whose one stream reaches ${DEFAULT_MIN_TOKENS_PER_SECOND} tokens/s cheapest first, then the slower ones fastest first`} (speeds are estimates).\n`,
    );
    const preferred = fitting.find((f) => f.offer.id === current?.hardware) ?? fitting[0]!;
    const hardware = await ctx.prompter.select<string>({
      id: `${prefix}.hardware`,
      message: kind === 'rent' ? 'Server to rent (price a month, one stream\'s speed, memory needed/usable)' : 'Serverless GPU (price a second, one stream\'s speed, memory needed/usable)',
      choices: fitting.map(offerChoice),
      default: preferred.offer.id,
    });
    return { model: model.id, quant: quant.id, hardware };
  }
}

/** The longest call's prompt + output: the context one sequence holds (as the estimate sizes it). */
function contextTokensOf(ctx: FlowContext, a: Answers): number {
  const probe: Answers = { ...a, options: [{ kind: 'kept', label: 'probe', yaml: '{ api: { name: probe, input: 0, output: 0 } }' }], budget: new Map() };
  const reading = readScenarioText(renderBody(probe, { file: 'probe', today: ctx.today }), { file: 'probe' });
  if (!reading.scenario) return 8192;
  const expansion = expandWorkload(reading.scenario.workload, reading.scenario.traffic.requestsPerSession);
  return Math.max(0, ...expansion.calls.map((c) => c.promptTokens + c.outputTokens + c.reasoningTokens));
}

async function askBudget(ctx: FlowContext, a: Answers): Promise<void> {
  ctx.print('\nBudget\n');
  await askNumber(ctx, a.budget, 'monthly', 'budget.monthly', `Monthly budget in ${a.currency} (blank for none; checked against the cheapest option)`, {
    kind: 'money',
    ranged: false,
    optional: true,
  });
  // The loader refuses a budget that sets no limit.
  if (!['monthly', 'per_request', 'per_session', 'per_user'].some((k) => a.budget.has(k))) a.budget.clear();
}

// ---- The estimate, and saving ------------------------------------------------------------------

function show(ctx: FlowContext, evaluation: Evaluation): void {
  if (!evaluation.ok) {
    ctx.print('\nThese answers do not make a valid scenario yet:\n');
    for (const problem of evaluation.problems) ctx.print(`  ${formatProblem({ ...problem, location: { file: 'answers' } })}\n`);
    ctx.print('\n');
    return;
  }
  ctx.print(`\n${estimateRenderers.table(evaluation.report, { color: ctx.color, width: ctx.width })}`);
  for (const line of budgetLines(evaluation.scenario, evaluation.report)) ctx.print(`${terminalText(line)}\n`);
  ctx.print('\n');
}

/** How the budget compares with the option it binds (a comparison of figures the engine made). */
export function budgetLines(scenario: Scenario, report: EstimateReport): string[] {
  const budget = scenario.budget;
  if (!budget) return [];
  const option: OptionReport | undefined =
    budget.option === 'cheapest' ? report.options.find((o) => o.name === report.cheapest) : report.options.find((o) => o.name === budget.option);
  if (!option || option.monthly_cost === null) return ['Budget: no costed option to check it against.'];
  const money = (n: number) => formatMoney(n, report.currency);
  const limits: [number | undefined, number | null, string][] = [
    [budget.monthly, option.monthly_cost, 'a month'],
    [budget.perRequest, option.per_request_cost, 'a request'],
    [budget.perSession, option.per_session_cost, 'a session'],
    [budget.perUser, option.per_user_cost, 'a user'],
  ];
  const lines: string[] = [];
  for (const [limit, cost, unit] of limits) {
    if (limit === undefined || cost === null) continue;
    const share = limit > 0 ? cost / limit : Infinity;
    const verdict = cost > limit ? `OVER budget by ${money(cost - limit)}` : share >= budget.warnAt ? `within budget, past the ${formatShare(budget.warnAt)} warning line` : 'within budget';
    lines.push(`Budget ${money(limit)} ${unit} for ${option.name}: ${money(cost)}${Number.isFinite(share) ? ` (${formatShare(share)})` : ''}, ${verdict}.`);
  }
  return lines;
}

async function save(ctx: FlowContext, a: Answers, report: EstimateReport): Promise<FlowResult | undefined> {
  let file = ctx.out;
  let suggestion = ctx.from ?? `${slug(a.name)}.yaml`;
  for (;;) {
    if (file === undefined) {
      file = (
        await ctx.prompter.input({ id: 'save.path', message: 'File to save the scenario to', default: suggestion, validate: (t) => checkText(t, 'the file name') })
      ).trim() || suggestion;
    }
    const there = ctx.exists(file);
    if (there === 'folder') {
      ctx.print(`  ${file} is a folder: give the scenario a file name.\n`);
      suggestion = `${file.replace(/[\\/]+$/, '')}/${slug(a.name)}.yaml`;
      file = undefined;
      continue;
    }
    if (there === 'file') {
      const overwrite = await ctx.prompter.confirm({ id: 'save.overwrite', message: `${file} already exists. Overwrite it?`, default: false });
      if (!overwrite) {
        suggestion = freeName(ctx, file);
        file = undefined;
        continue;
      }
    }
    const text = renderScenario(a, renderContext(ctx, file), report);
    // The file as `llm-tco estimate` will read it: the figures the wizard reports are its figures.
    const check = evaluateScenario(text, file, ctx);
    if (!check.ok) throw new Error(`the scenario written does not read back: ${check.problems.map(formatProblem).join('; ')}`);
    try {
      ctx.write(file, text);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      ctx.print(`  Cannot save there: ${error.message}\n`);
      suggestion = file;
      file = undefined;
      continue;
    }
    ctx.print(`Saved ${file}. Run it again with:  llm-tco estimate ${shellWord(file)}${pricingFlagsText(ctx.pricingArgs)}\n`);
    return { code: 0, file, text, report: check.report };
  }
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'scenario';
}

function freeName(ctx: FlowContext, file: string): string {
  const base = file.replace(/\.ya?ml$/i, '');
  for (let n = 2; n < 100; n++) if (!ctx.exists(`${base}-${n}.yaml`)) return `${base}-${n}.yaml`;
  return file;
}
