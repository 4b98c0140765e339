// The flags every command that prices shares: -o, --fx, --pricing, --today, --currency. Checked
// where they are parsed, with one wording for every command. src/cli.ts loads this module at
// start-up, so a command's registration may use it without loading anything more.

import { Option, type Command } from 'commander';
import { UserError } from '../errors.js';
import { isCalendarDate } from '../units.js';
import { outOption } from './out-option.js';

/** A repeatable flag's values, in the order given. */
export const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * The flags of every command that reads prices: -o (the report to a file, all or nothing), --fx
 * (exchange rates; not where nothing is converted) and --pricing (catalogue layers).
 */
export function withPricingFlags(command: Command, options: { fx?: boolean; pricing?: string; out?: string } = {}): Command {
  command.addOption(outOption(options.out ?? 'write the report to a file (all or nothing) instead of stdout'));
  if (options.fx !== false) command.option('--fx <CODE=RATE>', 'exchange rate, units per 1 USD (repeatable)', collect);
  return command.option('--pricing <file>', options.pricing ?? 'layer a catalogue file over the bundled prices (repeatable)', collect);
}

/**
 * --today, checked where it is parsed, so that every command that takes it rejects a bad date:
 * prices would otherwise be picked, and aged, for a day that does not exist.
 */
export function todayOption(help: string): Option {
  return new Option('--today <date>', help).argParser((value: string) => {
    if (!isCalendarDate(value)) throw UserError.plain('--today', `expected a date YYYY-MM-DD, got '${value}'`);
    return value;
  });
}

/** --wide, on every command that prints a table: the table as it is, whatever the width (docs/output.md). */
export function wideOption(): Option {
  return new Option('--wide', 'show every column of a table and leave long lines whole, whatever the terminal’s width');
}

export function currencyOption(help: string): Option {
  return new Option('--currency <code>', help).argParser((value: string) => {
    if (!/^[A-Za-z]{3}$/.test(value)) throw UserError.plain('--currency', `expected a three-letter currency code such as USD, EUR or CNY, got '${value}'`);
    return value;
  });
}
