// The scenario file a command names, read whole.

import { UserError } from '../errors.js';
import { readText } from '../text-file.js';

/**
 * A scenario file's text. Not from standard input (`-`): a scenario names its prompt files
 * relative to its own folder, which standard input does not have.
 */
export function readScenarioFile(file: string): { file: string; text: string } {
  if (file === '-') throw UserError.plain('-', 'a scenario cannot be read from standard input', 'give its file: the prompt files it names are found beside it');
  return { file, text: readText(file) };
}
