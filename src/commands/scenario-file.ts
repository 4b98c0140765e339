// The scenario file a command names, read whole.

import { UserError } from '../errors.js';
import { runFiles } from '../run-files.js';
import { promptTree } from '../scenario/prompt-files.js';
import { readText } from '../text-file.js';

/**
 * A scenario file's text. Not from standard input (`-`): a scenario names its prompt files
 * relative to its own folder, which standard input does not have.
 */
export function readScenarioFile(file: string, foundIn?: string): { file: string; text: string } {
  if (file === '-') throw UserError.plain('-', 'a scenario cannot be read from standard input', 'give its file: the prompt files it names are found beside it');
  if (foundIn !== undefined && !runFiles().allowOutsideFiles) {
    // Found by walking a folder or a pattern, a link could lead anywhere (a key file, whose lines a
    // parse error would quote): it must stay in the tree, as a prompt file must.
    const tree = promptTree(foundIn);
    try {
      return { file, text: readText(file, { within: tree.root }) };
    } catch (error) {
      if (error instanceof UserError && error.problems[0]?.message.startsWith('is outside')) {
        throw UserError.plain(file, `links outside ${tree.described}`, 'give --allow-outside-files to read it');
      }
      throw error;
    }
  }
  return { file, text: readText(file) };
}
