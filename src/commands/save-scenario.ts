// `estimate ... --save FILE`: the scenario the flags describe, written as the wizard writes one
// (the schema line, a header saying how to run it again, each key with its unit in a comment), so
// that `llm-tco estimate FILE` prints the same figures. A preset's figures carry their sources.

import { formatMoney } from '../formats/numbers.js';
import { terminalText } from '../formats/terminal-text.js';
import { writeFileAtomic } from '../io.js';
import { findPreset, type PresetFigure } from '../presets.js';
import type { EstimateReport } from '../report.js';
import { MEMORY_FRACTION_FLAGS } from '../scenario/flag-names.js';
import { SCENARIO_FLAGS, type ScenarioFlagValues } from '../scenario/flags.js';
import type { Answers, Fields, OptionAnswer, WorkloadKind } from '../wizard/answers.js';
import { pricingFlagsText, renderBody, shellWord } from '../wizard/render.js';
import { schemaReference } from './schema-reference.js';

export interface SaveContext {
  /** The flags the run was estimated with (a preset's figures merged in). */
  flags: ScenarioFlagValues & { currency?: string };
  /** The flags as given, to tell a preset's figure from one the person gave. */
  given: Record<string, unknown>;
  preset: string | undefined;
  report: EstimateReport;
  /** YYYY-MM-DD: the day whose prices the estimate used. */
  today: string;
  /** The day the file is written. */
  writtenOn: string;
  /** --pricing, --fx, --today as words: re-running the file needs them too. */
  pricingArgs: string[];
}

export function saveScenario(file: string, ctx: SaveContext): void {
  writeFileAtomic(file, renderSavedScenario(file, ctx));
}

/** The file's text. */
export function renderSavedScenario(file: string, ctx: SaveContext): string {
  const { flags, report } = ctx;
  const preset = ctx.preset === undefined ? undefined : findPreset(ctx.preset);
  const kind = (flags.workload ?? 'chat') as WorkloadKind;
  const traffic: Fields = new Map();
  const workload: Fields = new Map([['kind', kind]]);
  const notes = new Map<string, string>();
  let maxSeconds: string | undefined;
  for (const spec of SCENARIO_FLAGS) {
    const value = flags[spec.key];
    if (value === undefined || spec.key === 'workload') continue;
    const text = spec.key === 'history' && /^\d+$/.test(value) ? `{last: ${value}}` : yamlText(value);
    const [head, ...rest] = spec.path;
    if (head === 'traffic') traffic.set(rest.join('.'), text);
    else if (head === 'workload') {
      workload.set(rest.join('.'), text);
      const figure = preset && ctx.given[spec.key] === undefined ? preset.figures[spec.key] : undefined;
      if (figure) notes.set(`workload.${rest.join('.')}`, presetNote(preset!.id, figure));
    } else maxSeconds = text;
  }
  const options: OptionAnswer[] = (flags.model ?? []).map((id) => ({ kind: 'api', id, extra: new Map(flags.batch ? [['batch', 'true']] : []) }));
  for (const d of flags.deployments ?? []) {
    const comments: Record<string, string> = {
      model: 'open-weight model (pricing/models.yaml)',
      quant: 'weight quantisation',
      engine: 'serving engine',
      hardware: d.kind === 'serverless' ? 'a serverless offer, billed per second' : 'a rented offer (pricing/offers.yaml)',
      ops_hours: 'hours of upkeep a month',
      ops_rate: `${report.currency} per hour of upkeep`,
    };
    // Comments in the column the wizard's keys use (30, with the option's indent of 4).
    // An engine's memory share (--gpu-memory-utilization, ...) is set on every self-hosted option.
    const shares = d.kind === 'self_host' ? MEMORY_FRACTION_FLAGS.filter((spec) => flags[spec.key] !== undefined).map((spec) => [spec.scenarioKey, flags[spec.key]!] as const) : [];
    for (const [key] of shares) comments[key] = 'share of GPU memory the engine may fill';
    const lines = [...Object.entries(d.keys), ...shares].map(([key, value]) => {
      const text = `  ${key}: ${yamlText(value)}`;
      return `${text.length < 26 ? text.padEnd(26) : `${text} `}# ${comments[key] ?? ''}`;
    });
    options.push({ kind: 'kept', label: d.keys.hardware ?? d.kind, yaml: `${d.kind}:\n${lines.join('\n')}` });
  }
  const answers: Answers = {
    name: flags.name ?? 'Command-line estimate',
    description: undefined,
    currency: (flags.currency ?? 'USD').toUpperCase(),
    traffic,
    workload,
    options,
    budget: new Map(),
    notes,
    promptFiles: new Map(),
  };
  const flagsText = pricingFlagsText(ctx.pricingArgs);
  const header = [
    `# yaml-language-server: $schema=${schemaReference(file)}`,
    `# ${terminalText(answers.name)}`,
    '#',
    `# Described with \`llm-tco estimate\` flags on ${ctx.writtenOn}${preset ? `, from the ${preset.id} preset (its figures say their sources)` : ''}.`,
    `# Run it again:      llm-tco estimate ${shellWord(file)}${flagsText}`,
    `# Change answers:    llm-tco wizard --from ${shellWord(file)} -o ${shellWord(file)}${flagsText}`,
    '# Token counts accept 12k and 1.5M, shares 8% or 0.08, and any number a range such as 400..900.',
  ];
  // Traffic keys have fixed comments: a preset's sources for them go in the header.
  const trafficFigures = SCENARIO_FLAGS.filter((spec) => spec.path[0] === 'traffic' && preset?.figures[spec.key] !== undefined && ctx.given[spec.key] === undefined);
  if (preset && trafficFigures.length > 0) {
    header.push('#');
    for (const spec of trafficFigures) header.push(`# ${spec.path.slice(1).join('.')}: ${presetNote(preset.id, preset.figures[spec.key]!)}`);
  }
  const costed = report.options.filter((o) => o.monthly_cost !== null);
  if (costed.length > 0) {
    header.push('#', `# Monthly cost on ${ctx.today} (prices as of ${report.prices.oldest_as_of ?? ctx.today}):`);
    for (const o of costed) header.push(`#   ${terminalText(o.name)}: ${formatMoney(o.monthly_cost!, report.currency)}${o.name === report.cheapest ? ' (cheapest)' : ''}`);
  }
  const body = renderBody(answers, { file, today: ctx.today });
  return `${header.join('\n')}\n${body}${maxSeconds === undefined ? '' : `max_seconds_per_reply: ${maxSeconds}\n`}`;
}

function presetNote(id: string, figure: PresetFigure): string {
  return `${id}: ${figure.note}; ${figure.source} (${figure.as_of})`;
}

/**
 * A flag's text as YAML that reads back as the same value: numbers, shares, ranges and words
 * plain; anything else quoted (a flag is always text, and the scenario reads quoted text alike).
 */
function yamlText(value: string): string {
  if (/^(\d+(\.\d+)?([kKmMbB]|%)?|\d+(\.\d+)?\.\.\d+(\.\d+)?|[A-Za-z][\w.-]*(\/[\w.-]+)?)$/.test(value) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(value)) return value;
  return JSON.stringify(value);
}
