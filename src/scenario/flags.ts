// Command-line flags as scenario keys: the flag names, and how they fill a scenario document, so
// that flags are validated by exactly the rules a file is.

import { isMap, isScalar, type Document } from 'yaml';
import { MEMORY_FRACTION_FLAGS, SCENARIO_FLAGS, type MemoryFractionFlagKey } from './flag-names.js';

export { SCENARIO_FLAGS } from './flag-names.js';

export type ScenarioFlagValues = Partial<Record<(typeof SCENARIO_FLAGS)[number]['key'] | MemoryFractionFlagKey, string>> & {
  model?: string[];
  batch?: boolean;
  name?: string;
  /** Self-hosted and serverless options from --self-host/--serverless and --hardware, as scenario mappings. */
  deployments?: DeploymentFlagOption[];
};

/** One option that --self-host or --serverless describes, with the flag each key came from. */
export interface DeploymentFlagOption {
  kind: 'self_host' | 'serverless';
  /** The option's keys as a scenario writes them (model, quant, engine, hardware, ops_hours, ops_rate). */
  keys: Record<string, string>;
  /** Key -> the flag that set it, for messages. */
  flags: Record<string, string>;
}

/** Sets each given flag into the document; returns key path -> flag name for messages. */
export function applyFlags(doc: Document, values: ScenarioFlagValues): Map<string, string> {
  const labels = new Map<string, string>();
  for (const spec of SCENARIO_FLAGS) {
    const value = values[spec.key];
    if (value === undefined) continue;
    const flagName = spec.flag.split(' ')[0]!;
    let node: unknown = value;
    if (spec.key === 'history' && /^\d+$/.test(value)) node = { last: Number(value) };
    if (!makeRoomFor(doc, spec.path)) continue;
    doc.setIn([...spec.path], doc.createNode(node));
    labels.set(spec.path.join('.'), flagName);
  }
  if (values.name !== undefined) doc.setIn(['name'], values.name);
  const models = values.model ?? [];
  const deployments = values.deployments ?? [];
  if (models.length > 0 || deployments.length > 0) {
    // Options from flags replace the file's: --model, --self-host and --serverless together.
    const options: unknown[] = models.map((m) => (values.batch ? { api: m, batch: true } : { api: m }));
    models.forEach((_, i) => labels.set(`options[${i}].api`, '--model'));
    deployments.forEach((d, j) => {
      const i = models.length + j;
      options.push({ [d.kind]: d.keys });
      for (const [key, flag] of Object.entries(d.flags)) labels.set(`options[${i}].${d.kind}.${key}`, flag);
      labels.set(`options[${i}].${d.kind}`, d.kind === 'self_host' ? '--self-host' : '--serverless');
    });
    doc.setIn(['options'], doc.createNode(options));
    labels.set('options', models.length > 0 ? '--model' : deployments[0]!.kind === 'self_host' ? '--self-host' : '--serverless');
  }
  // An engine's memory share goes on every self-hosted option (the file's, or those of --self-host); each option's engine checks it is its key.
  for (const spec of MEMORY_FRACTION_FLAGS) {
    const value = values[spec.key];
    if (value === undefined) continue;
    const options = doc.get('options', true);
    const items = options && typeof options === 'object' && 'items' in options ? (options.items as unknown[]) : [];
    items.forEach((option, i) => {
      if (!isMap(option) || !isMap(option.get('self_host', true))) return;
      doc.setIn(['options', i, 'self_host', spec.scenarioKey], doc.createNode(value));
      labels.set(`options[${i}].self_host.${spec.scenarioKey}`, spec.flag.split(' ')[0]!);
    });
  }
  return labels;
}

/**
 * Whether a flag's key can be set: every mapping on its path exists, is empty (`retrieved:` with
 * nothing, made a mapping here) or is missing (setIn creates it). Where the file has something
 * else (`workload: chat`), setIn would throw; the flag is left out and the reader reports the
 * file's value at its line.
 */
function makeRoomFor(doc: Document, path: readonly string[]): boolean {
  for (let i = 1; i < path.length; i++) {
    const prefix = path.slice(0, i);
    const node = doc.getIn(prefix, true);
    if (node === undefined || node === null) return true;
    if (isScalar(node) && node.value === null) {
      doc.setIn(prefix, doc.createNode({}));
      continue;
    }
    if (!isMap(node)) return false;
  }
  return true;
}
