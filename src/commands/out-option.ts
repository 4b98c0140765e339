// -o, --out as every command declares it. An empty path is refused where the flag is parsed: it
// used to reach the write and fail there as "llm-tco: : cannot write here".

import { Option } from 'commander';
import { UserError } from '../errors.js';

export function outOption(help: string): Option {
  return new Option('-o, --out <file>', help).argParser((value: string) => {
    if (value.trim() === '') throw UserError.plain('--out', 'needs a file name');
    return value;
  });
}
