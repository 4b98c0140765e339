// Input files named on the command line, read whole: patterns expanded, `-` read from standard
// input (once), every unreadable file a one-line user error.

import { readFileSync } from 'node:fs';
import { UserError } from './errors.js';
import { expandArguments } from './glob.js';
import type { Io } from './io.js';

export interface InputFile {
  /** As the user named it; `-` for standard input. */
  file: string;
  bytes: Uint8Array;
}

/** Every file, or a UserError listing every one that cannot be read. */
export async function readInputs(args: string[], io: Io): Promise<InputFile[]> {
  const { files, problems } = expandArguments(args);
  const inputs: InputFile[] = [];
  for (const file of files) {
    try {
      inputs.push({ file, bytes: file === '-' ? await readStdin(io) : readBytes(file) });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new UserError(problems);
  return inputs;
}

/** Standard input whole: through io.readStdin, else from the io.stdin stream. */
async function readStdin(io: Io): Promise<Uint8Array> {
  if (io.readStdin) return new TextEncoder().encode(await io.readStdin());
  if (!io.stdin) throw UserError.plain('-', 'standard input cannot be read here');
  const chunks: Uint8Array[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
  return Buffer.concat(chunks);
}

export function readBytes(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw UserError.plain(file, 'no such file');
    if (code === 'EISDIR') throw UserError.plain(file, 'is a folder, not a file (to read the files in it, give a pattern such as folder/*.md)');
    if (code === 'ENOTDIR') throw UserError.plain(file, 'no such file (a part of the path is a file, not a folder)');
    if (code === 'EACCES') throw UserError.plain(file, 'cannot be read (permission denied)');
    throw error;
  }
}
