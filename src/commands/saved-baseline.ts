// A saved check report (`check --format json -o base.json`) read back as the baseline of
// `check --compare-to base.json`: each scenario's option costs, as they were when it was saved.

import type { OptionCosts } from '../engine/budget.js';
import { UserError } from '../errors.js';
import { REPORT_SCHEMA, type OptionCost, type ScenarioInput } from '../report.js';
import { readText } from '../text-file.js';

const HINT = 'save one on the base branch with: llm-tco check SCENARIOS --format json -o FILE';
const STATUSES = ['ok', 'warn', 'over', 'invalid', 'no_budget'];

/** One saved scenario: its costs and inputs (null: saved before reports kept them), or why it has none. */
export type SavedScenario = { costs: OptionCosts; inputs: ScenarioInput[] | null } | { invalid: true };

/** The saved scenarios by file, as the report names them. Throws one UserError naming the file when it is not a check report. */
export function readSavedBaseline(path: string): Map<string, SavedScenario> {
  const text = readText(path);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw UserError.plain(path, `not a check report: not JSON (${(error as Error).message})`, HINT);
  }
  const refuse = (message: string): never => {
    throw UserError.plain(path, message, HINT);
  };
  if (!isObject(data)) return refuse('not a check report: not a JSON object');
  const { schema, command, scenarios } = data;
  if (typeof schema !== 'string' || !schema.startsWith('llm-tco/report@')) return refuse('not a check report: no "schema": "llm-tco/report@1"');
  if (schema !== REPORT_SCHEMA) return refuse(`a ${schema} report: this version reads ${REPORT_SCHEMA}`);
  if (command !== 'check') return refuse(`a report of llm-tco ${typeof command === 'string' ? command : '(no command)'}, not of check`);
  if (!Array.isArray(scenarios)) return refuse('scenarios: expected a list');
  const saved = new Map<string, SavedScenario>();
  scenarios.forEach((v: unknown, i) => {
    const at = `scenarios[${i}]`;
    if (!isObject(v)) return refuse(`${at}: expected an object`);
    if (typeof v.file !== 'string') return refuse(`${at}.file: expected a string`);
    if (typeof v.status !== 'string' || !STATUSES.includes(v.status)) return refuse(`${at}.status: expected one of ${STATUSES.join(', ')}`);
    if (v.status === 'invalid') return void saved.set(v.file, { invalid: true });
    if (typeof v.currency !== 'string') return refuse(`${at}.currency: expected a currency code`);
    if (v.option !== null && typeof v.option !== 'string') return refuse(`${at}.option: expected a string or null`);
    if (v.monthly_cost !== null && typeof v.monthly_cost !== 'number') return refuse(`${at}.monthly_cost: expected a number or null`);
    let options: OptionCost[];
    if (v.options === undefined) {
      // Saved before reports kept every option: the bound option alone is known.
      options = typeof v.option === 'string' && typeof v.monthly_cost === 'number' ? [{ name: v.option, monthly_cost: v.monthly_cost, viable: true }] : [];
    } else {
      if (!Array.isArray(v.options)) return refuse(`${at}.options: expected a list`);
      options = v.options.map((o: unknown, j): OptionCost => {
        const oat = `${at}.options[${j}]`;
        if (!isObject(o) || typeof o.name !== 'string') return refuse(`${oat}.name: expected a string`);
        if (o.monthly_cost !== null && (typeof o.monthly_cost !== 'number' || !Number.isFinite(o.monthly_cost))) return refuse(`${oat}.monthly_cost: expected a number or null`);
        if (o.viable !== undefined && typeof o.viable !== 'boolean') return refuse(`${oat}.viable: expected true or false`);
        return { name: o.name, monthly_cost: o.monthly_cost as number | null, viable: o.viable !== false };
      });
    }
    let inputs: ScenarioInput[] | null = null;
    if (v.inputs !== undefined) {
      if (!Array.isArray(v.inputs)) return refuse(`${at}.inputs: expected a list`);
      inputs = v.inputs.map((i: unknown, j): ScenarioInput => {
        const iat = `${at}.inputs[${j}]`;
        if (!isObject(i) || typeof i.path !== 'string') return refuse(`${iat}.path: expected a string`);
        const ok = typeof i.value === 'string' || typeof i.value === 'boolean' || (typeof i.value === 'number' && Number.isFinite(i.value));
        if (!ok) return refuse(`${iat}.value: expected a number, a string or true or false`);
        if (i.file !== undefined && typeof i.file !== 'string') return refuse(`${iat}.file: expected a string`);
        return { path: i.path, value: i.value as ScenarioInput['value'], ...(typeof i.file === 'string' ? { file: i.file } : {}) };
      });
    }
    saved.set(v.file, { costs: { currency: v.currency, options }, inputs });
  });
  return saved;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
