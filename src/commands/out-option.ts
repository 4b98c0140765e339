// -o, --out as every command declares it. An empty path is refused where the flag is parsed, with
// the flag's name, rather than at the write, where there is no file name to report.

import { Option } from 'commander';
import { UserError } from '../errors.js';

export function outOption(help: string): Option {
  return new Option('-o, --out <file>', help).argParser((value: string) => {
    if (value.trim() === '') throw UserError.plain('--out', 'needs a file name');
    return value;
  });
}
