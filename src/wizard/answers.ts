// The wizard's answers: the scenario in the form it will be written, every value kept as YAML text
// (`5000`, `12k`, `8%`, `400..900`), so that what the person typed, and what a --from file said,
// is written back as it was. Keys the wizard does not ask about (from a --from file) ride along.

import { dirname, isAbsolute, resolve } from 'node:path';
import { Document, isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import { findPreset, presetScenarioKeys, type PresetFigure } from '../presets.js';
import type { Scenario } from '../scenario/types.js';
import { yamlValue } from './validate.js';

export type WorkloadKind = 'chat' | 'rag' | 'agent';

/** YAML key (dotted for one level of nesting: `retrieved.chunks`) -> YAML value text, in order. */
export type Fields = Map<string, string>;

export interface ApiAnswer {
  kind: 'api';
  /** A catalogue id, e.g. openai/gpt-4o-mini. */
  id: string;
  /** name, batch, cache_hit as a --from file set them. */
  extra: Fields;
}

export interface SelfHostAnswer {
  kind: 'self_host';
  model: string;
  quant: string;
  /** A rented offer, e.g. hetzner/gex44. */
  hardware: string;
  opsHours: string;
  opsRate: string | undefined;
}

export interface ServerlessAnswer {
  kind: 'serverless';
  model: string;
  quant: string;
  /** A serverless offer, e.g. modal/l4. */
  hardware: string;
  coldStartsPerDay: string;
  coldStartSeconds: string | undefined;
}

/** An option from a --from file that the wizard does not edit (inline prices, owned hardware...): written back as it was. */
export interface KeptOption {
  kind: 'kept';
  label: string;
  /** The option as a YAML mapping, not indented. */
  yaml: string;
}

export type OptionAnswer = ApiAnswer | SelfHostAnswer | ServerlessAnswer | KeptOption;

export interface Answers {
  name: string;
  description: string | undefined;
  currency: string;
  traffic: Fields;
  /** Always has `kind`. */
  workload: Fields;
  options: OptionAnswer[];
  budget: Fields;
  /** Comments that replace a key's usual one, by question id (`workload.system_prompt`: the file a count came from). */
  notes: Map<string, string>;
  /**
   * Workload keys answered with a prompt file (`system_prompt` -> its absolute path): written as
   * `{file: path}` relative to the saved scenario, so the file is counted again each time the
   * scenario loads and a CI check sees the prompt grow. The key's field holds the count made now.
   */
  promptFiles: Map<string, string>;
}

export function kindOf(answers: Answers): WorkloadKind {
  return answers.workload.get('kind') as WorkloadKind;
}

/** The usage preset whose typical figures a kind of feature starts from (src/presets.ts, sourced). */
export const PRESET_OF_KIND: Record<WorkloadKind, string> = { chat: 'support-chat', rag: 'doc-qa-rag', agent: 'coding-agent' };

/**
 * A kind's preset figures by question id (`traffic.sessions_per_user`, `workload.retrieved.chunks`):
 * the defaults the wizard offers as typical, each with its source.
 */
export function typicalFigures(kind: WorkloadKind): Map<string, PresetFigure> {
  const preset = findPreset(PRESET_OF_KIND[kind])!;
  const figures = new Map<string, PresetFigure>();
  for (const { path, figure } of presetScenarioKeys(preset)) if (figure) figures.set(path.join('.'), figure);
  return figures;
}

/** A kind's preset figure for a field, as the wizard keeps it (`retrieved.chunks` under workload). */
function typical(kind: WorkloadKind, section: 'traffic' | 'workload', key: string): string {
  const figure = typicalFigures(kind).get(`${section}.${key}`);
  if (!figure) throw new Error(`preset ${PRESET_OF_KIND[kind]} has no ${section}.${key}`);
  return figure.value;
}

/**
 * What a new answer starts from. Sessions, requests and the token sizes are the kind's usage
 * preset (src/presets.ts: LMSYS-Chat-1M for chat, OpenAI file search's retrieval defaults for RAG,
 * a coding agent sized to Claude Code's published cost a day), each with its source; the rest is an
 * example with no public typical figure: the users (the v0 chat app's 5,000 of
 * scenarios/v0-chat-app.yaml; a team of 50 developers), a peak factor of 3, no cache for chat and
 * RAG, the RAG system prompt (600) and embedding corpus (5M tokens re-indexed 4 times a month).
 */
function kindDefaults(kind: WorkloadKind): { name: string; traffic: [string, string][]; workload: [string, string][]; apis: string[] } {
  const t = (key: string) => typical(kind, 'traffic', key);
  const w = (key: string) => typical(kind, 'workload', key);
  switch (kind) {
    case 'chat':
      return {
        name: 'Support chat',
        traffic: [['users', '5000'], ['sessions_per_user', t('sessions_per_user')], ['requests_per_session', t('requests_per_session')], ['peak_factor', '3']],
        workload: [['kind', 'chat'], ['system_prompt', '0'], ['input', w('input')], ['output', w('output')], ['history', w('history')], ['cache_hit', '0%']],
        apis: ['openai/gpt-4o-mini', 'openai/gpt-4o', 'anthropic/claude-haiku-4-5', 'google/gemini-2.5-flash'],
      };
    case 'rag':
      return {
        name: 'Document Q&A (RAG)',
        traffic: [['users', '5000'], ['sessions_per_user', t('sessions_per_user')], ['requests_per_session', t('requests_per_session')], ['peak_factor', '3']],
        workload: [
          ['kind', 'rag'], ['system_prompt', '600'], ['input', w('input')], ['output', w('output')], ['retrieved.chunks', w('retrieved.chunks')],
          ['retrieved.tokens_per_chunk', w('retrieved.tokens_per_chunk')], ['embedding.model', 'openai/text-embedding-3-small'], ['embedding.corpus_tokens', '5M'],
          ['embedding.reindex_per_month', '4'], ['cache_hit', '0%'],
        ],
        apis: ['anthropic/claude-sonnet-4-6', 'deepseek/deepseek-v4-pro', 'openai/gpt-4o-mini'],
      };
    case 'agent':
      return {
        name: 'Coding agent',
        traffic: [['users', '50'], ['sessions_per_user', t('sessions_per_user')], ['requests_per_session', t('requests_per_session')], ['peak_factor', '3']],
        workload: [
          ['kind', 'agent'], ['rounds', w('rounds')], ['system_prompt', w('system_prompt')], ['tool_schema', w('tool_schema')], ['input', w('input')],
          ['tool_result', w('tool_result')], ['output', w('output')], ['cache_hit', w('cache_hit')],
        ],
        apis: ['anthropic/claude-sonnet-4-6', 'deepseek/deepseek-v4-pro', 'openai/gpt-4o-mini'],
      };
  }
}

export const KIND_DEFAULTS: Record<WorkloadKind, ReturnType<typeof kindDefaults>> = { chat: kindDefaults('chat'), rag: kindDefaults('rag'), agent: kindDefaults('agent') };

export const DEFAULT_EMBEDDING_MODEL = 'openai/text-embedding-3-small';
export const DEFAULT_SELF_HOST_MODEL = 'llama-3.1-8b';
export const DEFAULT_QUANT = 'Q4_K_M';

export function freshAnswers(kind: WorkloadKind = 'chat'): Answers {
  const d = KIND_DEFAULTS[kind];
  return { name: d.name, description: undefined, currency: 'USD', traffic: new Map(d.traffic), workload: new Map(d.workload), options: [], budget: new Map(), notes: new Map(), promptFiles: new Map() };
}

/** The workload defaults of a kind (traffic keeps what was answered). */
export function workloadDefaults(kind: WorkloadKind): Fields {
  return new Map(KIND_DEFAULTS[kind].workload);
}

/**
 * Answers from a scenario file that the loader has accepted (`scenario` is what it read: the option
 * names). Catalogue API options become editable choices; every other option is kept as written.
 */
export function answersFromText(text: string, scenario: Scenario, file?: string): Answers {
  const doc = parseDocument(text);
  const top = doc.contents;
  const get = (key: string): Node | undefined => (isMap(top) ? (top.get(key, true) as Node | undefined) : undefined);
  const workload = fieldsOf(get('workload'));
  // A token key that names a prompt file stays one: its count now in the field, its path kept.
  const promptFiles = new Map<string, string>();
  for (const count of scenario.promptFiles ?? []) {
    const key = count.path.startsWith('workload.') ? count.path.slice('workload.'.length) : undefined;
    if (key === undefined || !workload.has(key) || file === undefined) continue;
    promptFiles.set(key, isAbsolute(count.file) ? count.file : resolve(dirname(file), count.file));
    workload.set(key, String(count.tokens));
  }
  const options: OptionAnswer[] = [];
  const items = get('options');
  if (isSeq(items)) {
    items.items.forEach((item, i) => {
      const label = scenario.options[i]?.name ?? `option ${i + 1}`;
      const node = item as Node;
      if (isMap(node)) {
        const keys = node.items.map((p) => String(isScalar(p.key) ? p.key.value : p.key));
        const api = node.get('api', true);
        if (isScalar(api) && typeof api.value === 'string' && keys.every((k) => ['api', 'batch', 'cache_hit', 'name'].includes(k))) {
          const extra: Fields = new Map();
          for (const pair of node.items as Pair<unknown, Node>[]) {
            const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
            if (key !== 'api' && pair.value) extra.set(key, yamlValue(pair.value));
          }
          options.push({ kind: 'api', id: api.value, extra });
          return;
        }
      }
      const kept = new Document();
      kept.contents = node;
      options.push({ kind: 'kept', label, yaml: kept.toString({ lineWidth: 0 }).trimEnd() });
    });
  }
  return {
    name: scenario.name,
    description: descriptionOf(get('description')),
    currency: scenario.currency,
    traffic: fieldsOf(get('traffic')),
    workload: workload.has('kind') ? workload : new Map([['kind', scenario.workload.kind], ...workload]),
    options,
    budget: fieldsOf(get('budget')),
    notes: new Map(),
    promptFiles,
  };
}

/** A mapping's keys and values as YAML text; one level of nested mapping is flattened to dotted keys. */
function fieldsOf(node: Node | undefined): Fields {
  const fields: Fields = new Map();
  if (!isMap(node)) return fields;
  for (const pair of node.items as Pair<unknown, Node | null>[]) {
    const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
    const value = pair.value;
    if (value === null || value === undefined) continue;
    if (isMap(value) && (key === 'retrieved' || key === 'embedding')) {
      for (const inner of value.items as Pair<unknown, Node | null>[]) {
        if (inner.value) fields.set(`${key}.${String(isScalar(inner.key) ? inner.key.value : inner.key)}`, yamlValue(inner.value));
      }
    } else fields.set(key, yamlValue(value));
  }
  return fields;
}

function descriptionOf(node: Node | undefined): string | undefined {
  return isScalar(node) && node.value !== null ? String(node.value) : undefined;
}
