// The scenario file a command names, read whole.

import { UserError } from '../errors.js';
import { runFiles } from '../run-files.js';
import { promptTree } from '../scenario/prompt-files.js';
import { readText, readTextFile, unreadableError } from '../text-file.js';

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
    const read = readTextFile(file, { within: tree.root });
    if (!('unreadable' in read)) return { file, text: read.text };
    if (read.unreadable.kind === 'outside') throw UserError.plain(file, `links outside ${tree.described}`, 'give --allow-outside-files to read it');
    throw unreadableError(file, read.unreadable);
  }
  return { file, text: readText(file) };
}
