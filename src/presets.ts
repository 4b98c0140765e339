// Usage presets: the shape of a typical workload (sessions, requests, tokens, workflow), each
// figure with where it comes from, for `estimate --preset NAME` and for any code that wants the
// same defaults (the wizard). Plain data: no I/O, nothing loaded, cheap to import at start-up.
//
// A figure read from a public page carries that page and the day it was read; a figure derived
// or chosen where no public figure exists says ESTIMATE in its note and names what it rests on.

import { SCENARIO_FLAGS } from './scenario/flag-names.js';

/** The scenario flags a preset may fill (the same names `estimate` takes: --sessions, --input, ...). */
export type PresetKey = (typeof SCENARIO_FLAGS)[number]['key'];

export interface PresetFigure {
  /** As a scenario or flag takes it: `70`, `full`, `90%`. */
  value: string;
  /** Public URL of the figure, or of what an estimate rests on. */
  source: string;
  /** YYYY-MM-DD: the day the source was read (or the figure published). */
  as_of: string;
  /** What the figure is; an estimate says ESTIMATE and how it was made. */
  note: string;
}

export interface Preset {
  id: string;
  title: string;
  kind: 'chat' | 'rag' | 'agent';
  description: string;
  /** In the order a scenario lists them. */
  figures: Partial<Record<PresetKey, PresetFigure>>;
}

const LMSYS = 'https://arxiv.org/abs/2309.11998';
const LMSYS_DATE = '2023-09-21';
const FILE_SEARCH = 'https://platform.openai.com/docs/assistants/tools/file-search';
const CLAUDE_CODE_COSTS = 'https://code.claude.com/docs/en/costs';
const READ_ON = '2026-12-04';

/** Conversation figures of LMSYS-Chat-1M (1M real conversations with 25 models, Table 1 of the paper). */
const LMSYS_CHAT = {
  sessions: {
    value: '1',
    source: LMSYS,
    as_of: LMSYS_DATE,
    note: 'ESTIMATE: 1,000,000 conversations from 210K unique IP addresses over April-August 2023 (5 months) = 0.95 a user a month, rounded to 1',
  },
  requests: { value: '2', source: LMSYS, as_of: LMSYS_DATE, note: 'average turns per conversation, 2.0 (LMSYS-Chat-1M, Table 1)' },
  input: { value: '70', source: LMSYS, as_of: LMSYS_DATE, note: 'average tokens per user prompt, 69.5 (LMSYS-Chat-1M, Table 1)' },
  output: { value: '215', source: LMSYS, as_of: LMSYS_DATE, note: 'average tokens per response, 214.5 (LMSYS-Chat-1M, Table 1)' },
} satisfies Partial<Record<PresetKey, PresetFigure>>;

export const PRESETS: readonly Preset[] = [
  {
    id: 'support-chat',
    title: 'Support chat',
    kind: 'chat',
    description: 'a chat assistant: short conversations, the history resent on every turn',
    figures: {
      ...LMSYS_CHAT,
      history: {
        value: 'full',
        source: LMSYS,
        as_of: LMSYS_DATE,
        note: 'each turn resends the conversation so far, as a chat-completion API takes it (the dataset keeps its conversations in the OpenAI chat format)',
      },
    },
  },
  {
    id: 'doc-qa-rag',
    title: 'Document Q&A (RAG)',
    kind: 'rag',
    description: 'questions answered from retrieved document chunks, at the defaults of a hosted retrieval tool',
    figures: {
      sessions: LMSYS_CHAT.sessions,
      requests: LMSYS_CHAT.requests,
      input: { ...LMSYS_CHAT.input, note: 'ESTIMATE: a question as long as the average chat prompt, 69.5 tokens (LMSYS-Chat-1M, Table 1)' },
      output: { ...LMSYS_CHAT.output, note: 'ESTIMATE: an answer as long as the average chat response, 214.5 tokens (LMSYS-Chat-1M, Table 1)' },
      chunks: {
        value: '20',
        source: FILE_SEARCH,
        as_of: READ_ON,
        note: 'OpenAI file search puts up to max_num_results chunks in the prompt: 20 by default for gpt-4* models (5 for gpt-3.5-turbo)',
      },
      chunkTokens: {
        value: '800',
        source: FILE_SEARCH,
        as_of: READ_ON,
        note: 'OpenAI file search splits files into chunks of max_chunk_size_tokens, 800 by default (400 overlapping)',
      },
    },
  },
  {
    id: 'coding-agent',
    title: 'Coding agent',
    kind: 'agent',
    description: 'an agent that reads code, runs tools and edits, for one developer a user',
    figures: {
      sessions: {
        value: '15',
        source: CLAUDE_CODE_COSTS,
        as_of: READ_ON,
        note: 'ESTIMATE: active days a developer a month; the page gives about $13 per developer per active day and $150-250 a month, and $200 / $13 = 15.4',
      },
      requests: {
        value: '16',
        source: CLAUDE_CODE_COSTS,
        as_of: READ_ON,
        note: 'ESTIMATE: agent tasks an active day, so that with the figures below a day costs about the page\'s $13 on anthropic/claude-sonnet-4-6 (16 x $0.79 a task = $12.68 at the prices bundled in December 2026)',
      },
      rounds: { value: '25', source: CLAUDE_CODE_COSTS, as_of: READ_ON, note: 'ESTIMATE: model calls per task (see the tasks a day)' },
      system: { value: '3000', source: CLAUDE_CODE_COSTS, as_of: READ_ON, note: 'ESTIMATE: instructions sent first on every call (see the tasks a day)' },
      toolSchema: { value: '5000', source: CLAUDE_CODE_COSTS, as_of: READ_ON, note: 'ESTIMATE: tool definitions sent on every call (see the tasks a day)' },
      input: { value: '500', source: CLAUDE_CODE_COSTS, as_of: READ_ON, note: 'ESTIMATE: the task as the developer writes it (see the tasks a day)' },
      toolResult: { value: '1500', source: CLAUDE_CODE_COSTS, as_of: READ_ON, note: 'ESTIMATE: file contents and command output per round (see the tasks a day)' },
      output: { value: '400', source: CLAUDE_CODE_COSTS, as_of: READ_ON, note: 'ESTIMATE: tokens written per round (see the tasks a day)' },
      cacheHit: {
        value: '90%',
        source: CLAUDE_CODE_COSTS,
        as_of: READ_ON,
        note: 'ESTIMATE: the share of the repeated prompt prefix read from the provider\'s prompt cache (see the tasks a day)',
      },
    },
  },
];

export { PRESET_NAMES } from './preset-names.js';

/** Every preset with its figures and sources (for a wizard, a docs page, `--preset`). */
export function loadPresets(): readonly Preset[] {
  return PRESETS;
}

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/**
 * The preset's figures as scenario flag values, the workload kind included; flags given by the
 * person win over every one of them.
 */
export function presetFlagValues(preset: Preset): Partial<Record<PresetKey, string>> {
  const values: Partial<Record<PresetKey, string>> = { workload: preset.kind };
  for (const [key, figure] of Object.entries(preset.figures) as [PresetKey, PresetFigure][]) values[key] = figure.value;
  return values;
}

/** The preset's figures as scenario key paths (`workload.retrieved.chunks`) -> value, for code that writes a scenario. */
export function presetScenarioKeys(preset: Preset): { path: readonly string[]; value: string; figure: PresetFigure | undefined }[] {
  const values = presetFlagValues(preset);
  return SCENARIO_FLAGS.filter((spec) => values[spec.key] !== undefined).map((spec) => ({ path: spec.path, value: values[spec.key]!, figure: preset.figures[spec.key] }));
}
