// Numbers given as flags, read with the scenario's number forms (12k, 1.5M) and checked.

import { UserError } from '../errors.js';
import { parseNumberText } from '../scenario/reader.js';
import { groupDigits } from '../units.js';

/**
 * `example` replaces the default note on number forms for flags where thousands make no sense
 * (`--months`: "e.g. 24"); `max` bounds it from above.
 */
export function countFlag(value: string, flag: string, rules: { integer?: boolean; min?: number; max?: number; example?: string } = {}): number {
  const n = parseNumberText(value);
  const fail = (why: string) => UserError.at({ file: 'command line', flag }, flag, why);
  if (n === undefined || !Number.isFinite(n)) throw fail(`must be a number (${rules.example ?? '12k and 1.5M are fine'}), got '${value}'`);
  if (rules.integer && !Number.isInteger(n)) throw fail(`must be a whole number, got ${value}`);
  if (rules.min !== undefined && n < rules.min) throw fail(`must be at least ${rules.min}, got ${value}`);
  if (rules.max !== undefined && n > rules.max) throw fail(`must be at most ${groupDigits(rules.max, 0)}, got ${value}`);
  return n;
}
