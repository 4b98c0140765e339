// Answers -> the scenario file: a header that says what it is and how to run it again, then the
// keys in the order of the scenario reference (docs/scenario.md), each with its unit in a comment.

import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { EstimateReport } from '../report.js';
import { promptTree } from '../scenario/prompt-files.js';
import { formatMoney } from '../formats/numbers.js';
import { terminalText } from '../formats/terminal-text.js';
import { kindOf, typicalFigures, type Answers, type Fields, type OptionAnswer, type WorkloadKind } from './answers.js';
import { typicalNote } from './typical.js';
import { yamlString } from './validate.js';

export interface RenderContext {
  /** The file as the person typed it (for the "run it again" lines). */
  file: string;
  /** YYYY-MM-DD: the date whose prices the estimate used (--today, else the day it runs). */
  today: string;
  /** The day the file is written (the header's "described on"); `today` when not given. */
  writtenOn?: string;
  /** The --pricing, --fx and --today flags the wizard priced with, as words: estimate needs them too. */
  pricingArgs?: string[];
  /** Where editors find the scenario schema, as the file's first line says (# yaml-language-server: $schema=...). */
  schema?: string;
  /** A comment for an API model (its prices), if the catalogue has it. */
  describeApi?: (id: string) => string | undefined;
  /** A comment for an offer (what it is, its price). */
  describeOffer?: (id: string) => string | undefined;
  /** A comment for an open-weight model and quantisation. */
  describeModel?: (id: string) => string | undefined;
  describeQuant?: (id: string) => string | undefined;
}

const COMMENT_COLUMN = 30;

function line(indent: number, key: string, value: string, comment?: string): string {
  const text = `${' '.repeat(indent)}${key}: ${value}`;
  if (!comment) return text;
  return `${text.length < COMMENT_COLUMN ? text.padEnd(COMMENT_COLUMN) : `${text} `}# ${terminalText(comment)}`;
}

const WHAT: Record<WorkloadKind, string> = {
  chat: 'a chat feature (each exchange one model call)',
  rag: 'a retrieval-augmented (RAG) feature',
  agent: 'an agent loop (many model calls per task)',
};

const REQUEST: Record<WorkloadKind, string> = { chat: 'chat exchanges', rag: 'queries', agent: 'agent tasks' };

const TRAFFIC_ORDER = ['users', 'requests_per_month', 'sessions_per_user', 'requests_per_session', 'peak_factor', 'growth'];
const WORKLOAD_ORDER: Record<WorkloadKind, string[]> = {
  chat: ['kind', 'system_prompt', 'input', 'output', 'reasoning', 'history', 'cache_hit'],
  rag: ['kind', 'system_prompt', 'input', 'output', 'reasoning', 'retrieved.chunks', 'retrieved.tokens_per_chunk',
    'embedding.model', 'embedding.query_tokens', 'embedding.corpus_tokens', 'embedding.reindex_per_month', 'cache_hit'],
  agent: ['kind', 'rounds', 'input_per_round', 'system_prompt', 'tool_schema', 'input', 'tool_result', 'output', 'reasoning', 'context_limit', 'retry_rate', 'cache_hit'],
};
const BUDGET_ORDER = ['monthly', 'per_request', 'per_session', 'per_user', 'option', 'warn_at'];

function trafficComment(key: string, kind: WorkloadKind): string | undefined {
  return {
    users: 'monthly active users (people a month)',
    requests_per_month: `${REQUEST[kind]} a month`,
    sessions_per_user: 'sessions per user per month',
    requests_per_session: `${REQUEST[kind]} per session`,
    peak_factor: 'busiest-hour request rate / average rate',
    growth: 'month-over-month growth',
  }[key];
}

function workloadComment(key: string, kind: WorkloadKind): string | undefined {
  const perCall = kind === 'agent' ? 'per round' : kind === 'rag' ? 'per query' : 'per exchange';
  return {
    kind: 'chat | rag | agent',
    system_prompt: 'tokens, sent first on every call',
    input: kind === 'agent' ? 'tokens of task description' : kind === 'rag' ? 'tokens per query (the user question)' : 'tokens the user sends per exchange',
    output: `tokens the model writes ${perCall}`,
    reasoning: `reasoning tokens ${perCall}, billed as output`,
    history: 'none: each exchange stands alone; full: resend the conversation; {last: N}',
    cache_hit: "share of the repeated prompt prefix read from the provider's cache",
    'retrieved.chunks': 'chunks retrieved per query',
    'retrieved.tokens_per_chunk': 'tokens per chunk',
    'embedding.model': 'embeds each query and the corpus',
    'embedding.query_tokens': 'tokens embedded per query',
    'embedding.corpus_tokens': 'tokens of the corpus, embedded at each re-index',
    'embedding.reindex_per_month': 'times a month the corpus is embedded again',
    rounds: 'model calls per task',
    input_per_round: 'prompt tokens of every round (a fixed average)',
    tool_schema: 'tokens of tool definitions, sent every round',
    tool_result: 'tokens of tool output per round, fed into the next',
    context_limit: 'prompt cap in tokens; older turns are dropped',
    retry_rate: 'share of calls repeated',
  }[key];
}

function budgetComment(key: string, currency: string): string | undefined {
  return {
    monthly: `${currency} a month`,
    per_request: `${currency} per request`,
    per_session: `${currency} per session`,
    per_user: `${currency} per user a month`,
    option: 'the option the budget binds: cheapest, or an option name',
    warn_at: 'share of the budget that raises a warning',
  }[key];
}

/**
 * A key answered with a prompt file, as the scenario names it: `{file: path}` relative to the
 * scenario's folder. A file outside the tree a scenario may read from (its git work tree, else
 * its folder) would not load without --allow-outside-files: that one is written as the count.
 */
function promptFileValue(a: Answers, key: string, scenarioFile: string): { value: string; comment: string } | undefined {
  const path = a.promptFiles.get(key);
  if (path === undefined) return undefined;
  const folder = dirname(resolve(scenarioFile));
  const tree = promptTree(folder);
  const inTree = (() => {
    try {
      const real = realpathSync.native(path);
      const rel = relative(tree.root, real);
      return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
    } catch {
      return false;
    }
  })();
  if (!inTree) return { value: a.workload.get(key)!, comment: `tokens of ${path}, counted once: outside ${tree.described}, so a fixed number` };
  const rel = relative(folder, path).split(sep).join('/');
  // Inside a flow mapping a plain `,` `{` `}` `[` `]` would end the value: such a path is quoted.
  const written = /[,{}[\]]/.test(rel) ? JSON.stringify(rel) : yamlString(rel);
  return { value: `{file: ${written}}`, comment: `a prompt file, counted each time the scenario loads (${a.workload.get(key)!} tokens when written)` };
}

/** The scenario's keys (no header comment): what is parsed and estimated. */
export function renderBody(a: Answers, ctx: RenderContext): string {
  const kind = kindOf(a);
  const out: string[] = [];
  out.push(line(0, 'name', yamlString(a.name)));
  if (a.description !== undefined) out.push(line(0, 'description', yamlString(a.description)));
  out.push(line(0, 'currency', a.currency, 'reporting currency: budgets and inline prices are in it'));
  out.push('traffic:');
  const typical = typicalFigures(kind);
  const withTypical = (id: string, value: string, comment: string | undefined) => {
    const note = typicalNote(typical.get(id), value);
    return note ? `${comment ? `${comment}; ` : ''}${note}` : comment;
  };
  for (const key of ordered(a.traffic, TRAFFIC_ORDER)) out.push(line(2, key, a.traffic.get(key)!, withTypical(`traffic.${key}`, a.traffic.get(key)!, trafficComment(key, kind))));
  out.push('workload:');
  let group = '';
  for (const key of ordered(a.workload, WORKLOAD_ORDER[kind])) {
    const dot = key.indexOf('.');
    if (dot > 0) {
      const head = key.slice(0, dot);
      if (head !== group) out.push(`  ${head}:`);
      group = head;
      const file = promptFileValue(a, key, ctx.file);
      out.push(line(4, key.slice(dot + 1), file?.value ?? a.workload.get(key)!, file?.comment ?? a.notes.get(`workload.${key}`) ?? withTypical(`workload.${key}`, a.workload.get(key)!, workloadComment(key, kind))));
    } else {
      group = '';
      const file = promptFileValue(a, key, ctx.file);
      out.push(line(2, key, file?.value ?? a.workload.get(key)!, file?.comment ?? a.notes.get(`workload.${key}`) ?? withTypical(`workload.${key}`, a.workload.get(key)!, workloadComment(key, kind))));
    }
  }
  out.push('options:');
  if (a.options.length === 0) out.push('  []');
  for (const option of a.options) out.push(...renderOption(option, a.currency, ctx));
  if (a.budget.size > 0) {
    out.push('budget:');
    for (const key of ordered(a.budget, BUDGET_ORDER)) out.push(line(2, key, a.budget.get(key)!, budgetComment(key, a.currency)));
  }
  return `${out.join('\n')}\n`;
}

function renderOption(option: OptionAnswer, currency: string, ctx: RenderContext): string[] {
  switch (option.kind) {
    case 'api': {
      const lines = [line(2, '- api', option.id, ctx.describeApi?.(option.id))];
      for (const key of ordered(option.extra, ['name', 'batch', 'cache_hit'])) lines.push(line(4, key, option.extra.get(key)!));
      return lines;
    }
    case 'self_host':
      return [
        '  - self_host:',
        line(6, 'model', option.model, ctx.describeModel?.(option.model) ?? 'open-weight model (pricing/models.yaml)'),
        line(6, 'quant', option.quant, ctx.describeQuant?.(option.quant) ?? 'weight quantisation'),
        line(6, 'hardware', option.hardware, ctx.describeOffer?.(option.hardware) ?? 'a rented offer'),
        line(6, 'ops_hours', option.opsHours, 'hours of upkeep a month'),
        ...(option.opsRate === undefined ? [] : [line(6, 'ops_rate', option.opsRate, `${currency} per hour of upkeep`)]),
      ];
    case 'serverless':
      return [
        '  - serverless:',
        line(6, 'model', option.model, ctx.describeModel?.(option.model) ?? 'open-weight model (pricing/models.yaml)'),
        line(6, 'quant', option.quant, ctx.describeQuant?.(option.quant) ?? 'weight quantisation'),
        line(6, 'hardware', option.hardware, ctx.describeOffer?.(option.hardware) ?? 'a serverless offer, billed per second'),
        line(6, 'cold_starts_per_day', option.coldStartsPerDay, 'times a day the model is loaded again'),
        ...(option.coldStartSeconds === undefined ? [] : [line(6, 'cold_start_seconds', option.coldStartSeconds, 'billed seconds of each load')]),
      ];
    case 'kept': {
      const [first = '{}', ...rest] = option.yaml.split('\n');
      return [`  - ${first}`, ...rest.map((l) => (l === '' ? '' : `    ${l}`))];
    }
  }
}

/** Keys in the reference order, then any others as they came. */
function ordered(fields: Fields, order: string[]): string[] {
  return [...order.filter((k) => fields.has(k)), ...[...fields.keys()].filter((k) => !order.includes(k))];
}

/** The whole file: header comment + body. The header quotes the estimate made of this very body. */
export function renderScenario(a: Answers, ctx: RenderContext, report?: EstimateReport): string {
  const file = shellWord(ctx.file);
  const flags = pricingFlagsText(ctx.pricingArgs);
  const header = [
    ...(ctx.schema ? [`# yaml-language-server: $schema=${ctx.schema}`] : []),
    `# ${a.name}`,
    '#',
    `# ${capitalise(WHAT[kindOf(a)])}, described with \`llm-tco wizard\` on ${ctx.writtenOn ?? ctx.today}.`,
    `# Run it again:      llm-tco estimate ${file}${flags}`,
    `# Change answers:    llm-tco wizard --from ${file} -o ${file}${flags}`,
    '# Token counts accept 12k and 1.5M, shares 8% or 0.08, and any number a range such as',
    '# 400..900 (see docs/scenario.md).',
  ];
  if (report) {
    const costed = report.options.filter((o) => o.monthly_cost !== null);
    if (costed.length > 0) {
      header.push('#', `# Monthly cost on ${ctx.today} (prices as of ${report.prices.oldest_as_of ?? ctx.today}):`);
      // A name may hold a line break: in a comment it would end the comment and start YAML.
      for (const o of costed.slice(0, 5)) header.push(`#   ${terminalText(o.name)}: ${formatMoney(o.monthly_cost!, report.currency)}${o.name === report.cheapest ? ' (cheapest)' : ''}`);
      if (costed.length > 5) header.push(`#   ... and ${costed.length - 5} more`);
    }
  }
  return `${header.join('\n')}\n${renderBody(a, ctx)}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A word as a POSIX shell reads it back: as is when plain, else single-quoted. */
export function shellWord(word: string): string {
  return /^[\w./=-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

/** " --pricing a.yaml --today 2027-01-01", or "" without such flags. */
export function pricingFlagsText(args: string[] | undefined): string {
  return args && args.length > 0 ? ` ${args.map(shellWord).join(' ')}` : '';
}
