// Numbers given as flags, read with the scenario's number forms (12k, 1.5M) and checked.

import { UserError } from '../errors.js';
import { parseNumberText } from '../scenario/reader.js';

export function countFlag(value: string, flag: string, rules: { integer?: boolean; min?: number } = {}): number {
  const n = parseNumberText(value);
  const fail = (why: string) => UserError.at({ file: 'command line', flag }, flag, why);
  if (n === undefined || !Number.isFinite(n)) throw fail(`must be a number (12k and 1.5M are fine), got '${value}'`);
  if (rules.integer && !Number.isInteger(n)) throw fail(`must be a whole number, got ${value}`);
  if (rules.min !== undefined && n < rules.min) throw fail(`must be at least ${rules.min}, got ${value}`);
  return n;
}
