// Input files named on the command line, read whole: patterns expanded, `-` read from standard
// input (once), every unreadable file a one-line user error.

import { UserError, type Problem } from './errors.js';
import { expandArguments } from './glob.js';
import type { Io } from './io.js';
import { overLimit, runFiles } from './run-files.js';
import { decodeText, readTextFile, unreadableError, type TextRead, type Unreadable } from './text-file.js';

export interface InputFile {
  /** As the user named it; `-` for standard input. */
  file: string;
  bytes: Uint8Array;
  text: string;
}

/** Every file, or a UserError listing every one that cannot be read. */
export async function readInputs(args: string[], io: Io): Promise<InputFile[]> {
  const { files, problems } = expandArguments(args);
  const inputs: InputFile[] = [];
  for (const file of files) {
    const read = file === '-' ? await readStdin(io) : readTextFile(file);
    if ('unreadable' in read) problems.push(...unreadableProblems(file, read));
    else inputs.push({ file, ...read });
  }
  if (problems.length > 0) throw new UserError(problems);
  return inputs;
}

/** Standard input whole, up to the run's size limit: through io.readStdin, else from the io.stdin stream. */
async function readStdin(io: Io): Promise<TextRead> {
  const limit = runFiles().maxFileBytes;
  const tooLarge: TextRead = { unreadable: { kind: 'too-large', message: `standard input ${overLimit(undefined, limit)}` } };
  if (io.readStdin) {
    const bytes = new TextEncoder().encode(await io.readStdin());
    return bytes.byteLength > limit ? tooLarge : decodeText(bytes);
  }
  if (!io.stdin) throw UserError.plain('-', 'standard input cannot be read here');
  const chunks: Uint8Array[] = [];
  let length = 0;
  // Stops at the limit: standard input may be endless (< /dev/zero).
  for await (const chunk of io.stdin) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    length += bytes.byteLength;
    if (length > limit) return tooLarge;
    chunks.push(bytes);
  }
  return decodeText(Buffer.concat(chunks));
}

function unreadableProblems(file: string, { unreadable }: { unreadable: Unreadable }): Problem[] {
  const hint = unreadable.kind === 'folder' ? 'to read the files in it, give a pattern such as folder/*.md' : unreadable.hint;
  return unreadableError(file, { ...unreadable, ...(hint ? { hint } : {}) }).problems;
}
